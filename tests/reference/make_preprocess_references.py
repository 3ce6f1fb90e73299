#!/usr/bin/python3
"""Writes tests/reference/preprocess_references.h: what scikit-learn 1.2.1
and NumPy 1.24 (Debian's python3-sklearn) compute for the preprocessing steps
and feature scores of src/core/preprocess*.h, for tests/test_preprocess.cpp.

    /usr/bin/python3 tests/reference/make_preprocess_references.py

Inputs:
- a small "messy" table drawn here with a fixed NumPy seed (missing values,
  outliers, a constant column, ties, UTF-8 categories, a category seen only
  in the test rows), written into the header so the C++ test builds the same
  Dataset; the first N_TRAIN rows are the training set, the rest the test
  set. Every transformer is fitted on the training rows and applied to the
  test rows;
- the tables in data/ (iris, wine, diabetes, digits), as
  make_model_references.py reads them: float32 values seen as float64;
- two synthetic tables without repeated values for mutual information, on
  which sklearn's estimate does not depend on its random tie-breaking noise
  (checked below for several seeds), so mlplay must match it closely.
"""
import io
from pathlib import Path

import numpy as np

from cxx import double_array, double_value, int_array, num, string_array
import scipy
import sklearn
from scipy import stats
from sklearn.feature_selection import (SelectKBest, VarianceThreshold, f_classif, f_regression,
                                       mutual_info_classif, mutual_info_regression,
                                       r_regression)
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data"
N_TRAIN = 40
N_ROWS = 60


# --- writing C++ ---------------------------------------------------------------------

arr = double_array
ints = int_array
strs = string_array
scalar = double_value


# --- inputs --------------------------------------------------------------------------

def f32(x):
    return np.asarray(x, dtype=np.float32).astype(np.float64)


def load(name):
    table = np.loadtxt(DATA / f"{name}.csv", delimiter=",", skiprows=1)
    return f32(table[:, :-1]), table[:, -1]


def messy_table():
    rng = np.random.default_rng(7)
    n = N_ROWS
    age = np.round(rng.normal(40, 12, n), 1)
    age[[3, 17, 29, 44, 51]] = np.nan
    age[[8, 33]] = [150.0, -30.0]           # outliers in training
    age[55] = 400.0                         # an outlier in the test rows
    income = np.round(rng.lognormal(10, 0.6, n), 2)
    income[[5, 21, 48]] = np.nan
    income[12] = 1.5e6
    score = rng.integers(1, 6, n).astype(float)
    # a tie for the most frequent training value: 2 and 4 appear equally often
    score[:N_TRAIN] = np.resize([2, 4, 1, 3, 5, 2, 4, 2, 4, 1], N_TRAIN)
    score[[10, 31]] = np.nan                # one 2 and one 4: still a tie
    const = np.full(n, 7.5)
    const[15] = np.nan
    cities = np.array(["Paris", "Lyon", "北京", "Zürich"])
    city = cities[rng.integers(0, 4, n)].astype(object)
    city[[2, 19, 40]] = ""                  # missing
    city[[45, 58]] = "Nice"                 # seen only in the test rows
    grades = np.array(["b", "a", "c"])
    grade = grades[rng.integers(0, 3, n)].astype(object)
    grade[[50]] = ""                        # missing only in the test rows
    numeric = f32(np.column_stack([age, income, score, const]))
    y = f32(2.0 * np.nan_to_num(age) + 0.001 * np.nan_to_num(income) + rng.normal(0, 5, n))
    return numeric, city, grade, y


def as_object(labels):
    return np.array([np.nan if v == "" else v for v in labels], dtype=object).reshape(-1, 1)


def synthetic_mi(seed):
    # Continuous values without repeats: sklearn's noise changes nothing.
    rng = np.random.default_rng(seed)
    n = 300
    y = rng.normal(0, 1, n)
    X = np.column_stack([y + 0.3 * rng.normal(0, 1, n), np.sin(3 * y) + 0.2 * rng.normal(0, 1, n),
                         rng.normal(0, 1, n), y ** 2 + 0.5 * rng.normal(0, 1, n)])
    return f32(X), f32(y)


def stable_mi(f, X, y, **kw):
    runs = [f(X, y, random_state=s, **kw) for s in range(5)]
    for r in runs[1:]:
        assert np.allclose(r, runs[0], rtol=0, atol=1e-12), "the noise changed the estimate"
    return runs[0]


# --- references ----------------------------------------------------------------------

def messy_references(out):
    numeric, city, grade, y = messy_table()
    tr, te = slice(0, N_TRAIN), slice(N_TRAIN, N_ROWS)
    out.write("// The messy table: numeric columns age, income, score, const (row-major),\n")
    out.write("// categorical city and grade (\"\" is missing), target y. Rows 0..N_TRAIN-1\n")
    out.write("// train every transformer below; the others are its test rows.\n")
    out.write(f"inline constexpr int messy_n_rows = {N_ROWS};\n")
    out.write(f"inline constexpr int messy_n_train = {N_TRAIN};\n")
    out.write(arr("messy_numeric", numeric))
    out.write(strs("messy_city", city))
    out.write(strs("messy_grade", grade))
    out.write(arr("messy_y", y))
    Xtr, Xte = numeric[tr], numeric[te]

    out.write("\n// SimpleImputer(strategy=...).fit(train numeric): statistics_, and the\n")
    out.write("// test rows transformed (row-major, 4 columns).\n")
    for strategy in ["mean", "median", "most_frequent"]:
        imp = SimpleImputer(strategy=strategy).fit(Xtr)
        out.write(arr(f"impute_{strategy}_stats", imp.statistics_))
        out.write(arr(f"impute_{strategy}_test", imp.transform(Xte)))
    cats = np.hstack([as_object(city), as_object(grade)])
    mf = SimpleImputer(strategy="most_frequent").fit(cats[tr])
    const = SimpleImputer(strategy="constant").fit(cats[tr])
    out.write("// Categorical city and grade: most_frequent and constant statistics_.\n")
    out.write(strs("impute_most_frequent_categories", mf.statistics_))
    out.write(strs("impute_constant_categories", const.statistics_))

    out.write("\n// np.nanpercentile(train, [25, 75]) per numeric column, the bounds\n")
    out.write("// Q1 - 1.5 IQR and Q3 + 1.5 IQR, and the test rows clipped to them.\n")
    q1, q3 = np.nanpercentile(Xtr, [25, 75], axis=0)
    low, high = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
    out.write(arr("iqr_q1", q1))
    out.write(arr("iqr_q3", q3))
    out.write(arr("iqr_low", low))
    out.write(arr("iqr_high", high))
    out.write(arr("iqr_test", np.clip(Xte, low, high)))
    out.write(ints("iqr_train_clipped_low", np.sum(Xtr < low, axis=0)))
    out.write(ints("iqr_train_clipped_high", np.sum(Xtr > high, axis=0)))

    out.write("\n// z-scores from the training mean and np.nanstd (ddof 0) of age, income,\n")
    out.write("// score; rows with |z| > 2 in any of them, in the training and test rows.\n")
    cols = Xtr[:, :3]
    mean, sd = np.nanmean(cols, axis=0), np.nanstd(cols, axis=0)
    with np.errstate(invalid="ignore"):
        z_tr = np.abs((cols - mean) / sd) > 2
        z_te = np.abs((Xte[:, :3] - mean) / sd) > 2
    out.write(arr("zscore_mean", mean))
    out.write(arr("zscore_std", sd))
    out.write(ints("zscore_train_outliers", np.flatnonzero(z_tr.any(axis=1))))
    out.write(ints("zscore_test_outliers", np.flatnonzero(z_te.any(axis=1))))

    out.write("\n// StandardScaler and MinMaxScaler (default, and feature_range=(-1, 2))\n")
    out.write("// fitted on the training rows (NaN ignored), test rows transformed.\n")
    sc = StandardScaler().fit(Xtr)
    out.write(arr("standard_mean", sc.mean_))
    out.write(arr("standard_var", sc.var_))
    out.write(arr("standard_scale", sc.scale_))
    out.write(arr("standard_test", sc.transform(Xte)))
    mm = MinMaxScaler().fit(Xtr)
    out.write(arr("minmax_data_min", mm.data_min_))
    out.write(arr("minmax_data_max", mm.data_max_))
    out.write(arr("minmax_scale", mm.scale_))
    out.write(arr("minmax_offset", mm.min_))
    out.write(arr("minmax_test", mm.transform(Xte)))
    mm2 = MinMaxScaler(feature_range=(-1, 2)).fit(Xtr)
    out.write(arr("minmax_range_test", mm2.transform(Xte)))

    out.write("\n// OneHotEncoder(handle_unknown='ignore') and OrdinalEncoder(handle_unknown=\n")
    out.write("// 'use_encoded_value', unknown_value=-1) on city and grade.\n")
    oh = OneHotEncoder(handle_unknown="ignore").fit(cats[tr])
    out.write(strs("onehot_names", oh.get_feature_names_out(["city", "grade"])))
    out.write(arr("onehot_test", oh.transform(cats[te]).toarray()))
    od = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(cats[tr])
    out.write(strs("ordinal_city_categories", [c for c in od.categories_[0] if c == c]))
    out.write(arr("ordinal_test", od.transform(cats[te])))

    out.write("\n// make_pipeline(SimpleImputer(strategy='median'), StandardScaler()) on the\n")
    out.write("// numeric columns; test rows transformed.\n")
    pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()).fit(Xtr)
    out.write(arr("pipeline_median_standard_test", pipe.transform(Xte)))

    out.write("\n// VarianceThreshold(0) and (threshold=10) on the training numeric columns.\n")
    vt = VarianceThreshold().fit(Xtr)
    out.write(arr("variance_scores", np.nan_to_num(vt.variances_, nan=0.0)))
    out.write(ints("variance_support", vt.get_support()))
    out.write(ints("variance10_support", VarianceThreshold(10).fit(Xtr).get_support()))


def table_references(out):
    out.write("\n// f_classif on wine, iris and digits (NaN: a constant feature), and\n")
    out.write("// SelectKBest(f_classif, k).get_support() on them.\n")
    for name, k in [("wine", 5), ("iris", 2), ("digits", 20)]:
        X, y = load(name)
        with np.errstate(divide="ignore", invalid="ignore"):
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                f, p = f_classif(X, y)
                support = SelectKBest(f_classif, k=k).fit(X, y).get_support()
        out.write(arr(f"f_classif_{name}", f))
        out.write(arr(f"f_classif_{name}_p", p))
        out.write(ints(f"kbest_f_{name}_support", support))
    X, y = load("diabetes")
    out.write("\n// f_regression and r_regression on diabetes; SelectKBest(f_regression, 4).\n")
    f, p = f_regression(X, y)
    out.write(arr("f_regression_diabetes", f))
    out.write(arr("f_regression_diabetes_p", p))
    out.write(arr("r_regression_diabetes", r_regression(X, y)))
    out.write(ints("kbest_f_diabetes_support", SelectKBest(f_regression, k=4).fit(X, y)
                   .get_support()))

    out.write("\n// Mutual information on tables with repeated values: the mean and standard\n")
    out.write("// deviation over random_state 0..19 (sklearn's own spread), and the top-3\n")
    out.write("// features that every one of those runs picks (wine, iris).\n")
    for name, f in [("wine", mutual_info_classif), ("iris", mutual_info_classif),
                    ("diabetes", mutual_info_regression)]:
        X, y = load(name)
        runs = np.array([f(X, y, random_state=s) for s in range(20)])
        out.write(arr(f"mi_{name}_mean", runs.mean(axis=0)))
        out.write(arr(f"mi_{name}_std", runs.std(axis=0)))
        tops = {tuple(sorted(np.argsort(r, kind="mergesort")[-3:])) for r in runs}
        if len(tops) == 1:
            out.write(ints(f"mi_{name}_top3", tops.pop()))

    out.write("\n// Mutual information on the tie-free synthetic tables (seed 11), the same\n")
    out.write("// for every random_state: features (row-major, 4 columns) and target.\n")
    X, y = synthetic_mi(11)
    out.write(arr("mi_synth_X", X))
    out.write(arr("mi_synth_y", y))
    out.write(arr("mi_synth_regression", stable_mi(mutual_info_regression, X, y)))
    labels = np.digitize(y, [-0.5, 0.6]).astype(np.float64)
    out.write(arr("mi_synth_labels", labels))
    out.write(arr("mi_synth_classif", stable_mi(mutual_info_classif, X, labels)))


def function_references(out):
    out.write("\n// np.percentile(v, q) for q in percentile_q, v = percentile_values[:n].\n")
    rng = np.random.default_rng(3)
    values = f32(np.round(rng.normal(0, 10, 11), 2))
    qs = [0, 10, 25, 33.3, 50, 75, 90, 99, 100]
    out.write(arr("percentile_values", values))
    out.write(arr("percentile_q", qs))
    for n in [1, 2, 4, 11]:
        out.write(arr(f"percentile_n{n}", [np.percentile(values[:n], q) for q in qs]))
    out.write("\n// scipy.stats.f.sf(F, d1, d2) for rows of f_sf_args (F, d1, d2).\n")
    cases = [(0.0, 1, 10), (0.5, 2, 7), (1.0, 1, 1), (3.2, 4, 95), (12.0, 2, 147),
             (250.0, 1, 440), (1e-3, 12, 3), (7.5, 63, 1733), (1.7, 200, 300),
             (1200.0, 2, 175)]
    out.write(arr("f_sf_args", [c for case in cases for c in case]))
    out.write(arr("f_sf", [stats.f.sf(F, d1, d2) for F, d1, d2 in cases]))


def main():
    out = io.StringIO()
    out.write("// Generated by tests/reference/make_preprocess_references.py; do not edit.\n")
    out.write(f"// scikit-learn {sklearn.__version__}, NumPy {np.__version__}, "
              f"SciPy {scipy.__version__}.\n")
    out.write("#pragma once\n\n#include <limits>\n\nnamespace preprocess_ref {\n\n")
    out.write("inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();\n\n")
    messy_references(out)
    table_references(out)
    function_references(out)
    out.write("\n} // namespace preprocess_ref\n")
    (HERE / "preprocess_references.h").write_text(out.getvalue(), encoding="utf-8")
    print("wrote", HERE / "preprocess_references.h")


if __name__ == "__main__":
    main()

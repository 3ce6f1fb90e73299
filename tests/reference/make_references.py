#!/usr/bin/python3
"""Writes tests/reference/references.h: values computed independently of
mlplay's engine, by NumPy and scikit-learn (Debian python3-sklearn 1.2.1),
for the doctest suite to compare against: the housing fit, the regression,
classification and clustering metrics, and KFold / StratifiedKFold folds.

    python3 tests/reference/make_references.py build/native/mlplay

The generated housing data comes from mlplay's own generator (the runner's
`generate housing`), since the point is to check our solver on our data; it is
saved beside this script as housing_generated.csv so the inputs can be read.
"""
import io
import subprocess
import sys
from pathlib import Path

import numpy as np

from cxx import double_array, double_value, int_array
from sklearn.linear_model import LinearRegression
from sklearn.metrics import (accuracy_score, adjusted_rand_score, classification_report,
                             confusion_matrix, f1_score, log_loss, mean_absolute_error,
                             mean_squared_error, precision_score, r2_score, recall_score,
                             roc_auc_score, roc_curve, silhouette_samples, silhouette_score)
from sklearn.model_selection import KFold, StratifiedKFold

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def load_csv(text):
    lines = [l for l in text.splitlines() if l.strip()]
    names = lines[0].split(",")
    rows = [[float(v) for v in l.split(",")] for l in lines[1:]]
    return names, np.array(rows, dtype=np.float32)


def cxx_array(name, values):
    return double_array(name, values)


def cxx_int_array(name, values):
    return int_array(name, values)


def cxx_double(name, value):
    return double_value(name, value)


def classification_refs():
    """Labels 0..3 in y_true; class 3 is never predicted, class 4 only predicted."""
    rng = np.random.default_rng(1)
    y_true = np.r_[[0, 1, 2, 3], rng.integers(0, 4, 36)]
    y_pred = y_true.copy()
    wrong = rng.random(40) < 0.4
    y_pred[wrong] = rng.choice([0, 1, 2, 4], wrong.sum())
    y_pred[y_pred == 3] = 2
    labels = np.unique(np.r_[y_true, y_pred])
    rep = classification_report(y_true, y_pred, output_dict=True, zero_division=0)

    out = io.StringIO()
    out.write("// Classification on labels 0..4: class 3 is never predicted, class 4 never\n")
    out.write("// true (sklearn classification_report, zero_division=0).\n")
    out.write(cxx_int_array("clf_y_true", y_true))
    out.write(cxx_int_array("clf_y_pred", y_pred))
    out.write(cxx_int_array("clf_labels", labels))
    out.write(cxx_int_array("clf_confusion", confusion_matrix(y_true, y_pred).ravel()))
    for key in ("precision", "recall", "f1-score"):
        name = key.replace("-score", "")
        out.write(cxx_array(f"clf_{name}", [rep[str(l)][key] for l in labels]))
    out.write(cxx_int_array("clf_support", [rep[str(l)]["support"] for l in labels]))
    out.write(cxx_double("clf_accuracy", accuracy_score(y_true, y_pred)))
    for avg in ("macro", "weighted"):
        for fn, name in ((precision_score, "precision"), (recall_score, "recall"),
                         (f1_score, "f1")):
            value = fn(y_true, y_pred, average=avg, zero_division=0)
            assert np.isclose(value, rep[f"{avg} avg"][name if name != "f1" else "f1-score"])
            out.write(cxx_double(f"clf_{avg}_{name}", value))
    return out.getvalue()


def binary_refs():
    """A binary problem whose scores have ties (one decimal)."""
    rng = np.random.default_rng(2)
    y = rng.integers(0, 2, 30)
    scores = np.round(np.clip(0.3 * y + rng.normal(0.35, 0.2, 30), 0, 1), 1).astype(np.float32)
    s64 = scores.astype(np.float64)
    fpr, tpr, thresholds = roc_curve(y, s64)
    pred = (s64 >= 0.5).astype(int)

    out = io.StringIO()
    out.write("// Binary labels and scores with ties (float32 values): sklearn roc_curve\n")
    out.write("// (drop_intermediate=True), roc_auc_score, and the 0/1 scores of the\n")
    out.write("// prediction score >= 0.5 with average='binary'.\n")
    out.write(cxx_int_array("bin_y_true", y))
    out.write(cxx_array("bin_scores", s64))
    out.write(cxx_array("bin_fpr", fpr))
    out.write(cxx_array("bin_tpr", tpr))
    out.write(cxx_array("bin_thresholds", thresholds))
    out.write(cxx_double("bin_auc", roc_auc_score(y, s64)))
    out.write(cxx_int_array("bin_y_pred", pred))
    out.write(cxx_double("bin_precision", precision_score(y, pred, zero_division=0)))
    out.write(cxx_double("bin_recall", recall_score(y, pred, zero_division=0)))
    out.write(cxx_double("bin_f1", f1_score(y, pred, zero_division=0)))
    return out.getvalue()


def probability_refs():
    """Four classes: probabilities for log loss and one-vs-rest AUC."""
    rng = np.random.default_rng(3)
    n, k = 30, 4
    y = np.r_[np.arange(k), rng.integers(0, k, n - k)]
    p = rng.dirichlet(np.ones(k), n) + 0.6 * np.eye(k)[y]
    p = (p / p.sum(axis=1, keepdims=True)).astype(np.float32)
    p64 = p.astype(np.float64)
    # Unnormalised rows and zeros, one of them on a true class: clipping matters.
    raw = p.copy()
    raw[1] *= 1.5
    raw[2, y[2]] = 0.0
    raw[3, (y[3] + 1) % k] = 0.0
    raw64 = raw.astype(np.float64)
    labels = list(range(k))

    out = io.StringIO()
    out.write("// Four classes, proba (30, 4) row-major float32 values; proba_raw has rows\n")
    out.write("// that do not sum to 1 and zeros. log_loss with labels=range(4).\n")
    out.write(cxx_int_array("proba_y_true", y))
    out.write(cxx_array("proba", p64.ravel()))
    out.write(cxx_array("proba_raw", raw64.ravel()))
    out.write(cxx_double("proba_log_loss", log_loss(y, p64, labels=labels)))
    out.write(cxx_double("proba_raw_log_loss", log_loss(y, raw64, labels=labels)))
    out.write(cxx_double("proba_raw_log_loss_eps15",
                         log_loss(y, raw64, eps=1e-15, labels=labels)))
    out.write(cxx_double("proba_auc_ovr", roc_auc_score(y, p64, multi_class="ovr")))
    return out.getvalue()


def clustering_refs():
    """Three blobs in 2-D; the predicted labels mix two rows up and make a singleton."""
    rng = np.random.default_rng(4)
    centres = np.array([[0.0, 0.0], [4.0, 1.0], [1.0, 5.0]])
    truth = np.repeat(np.arange(3), 8)
    X = np.round(centres[truth] + rng.normal(0, 1.0, (24, 2)), 3).astype(np.float32)
    X64 = X.astype(np.float64)
    pred = truth.copy()
    pred[0], pred[9] = 1, 0
    pred[20] = 3
    C = np.array([X64[pred == c].mean(axis=0) for c in range(4)]).astype(np.float32)
    inertia = ((X64 - C.astype(np.float64)[pred]) ** 2).sum()

    out = io.StringIO()
    out.write("// Clustering: X (24, 2) row-major float32 values, centroids (4, 2) the\n")
    out.write("// float32 means of the predicted clusters; cluster 3 is a singleton.\n")
    out.write("// Inertia by NumPy; silhouette (euclidean) and ARI by sklearn.\n")
    out.write(cxx_array("clu_X", X64.ravel()))
    out.write(cxx_int_array("clu_true", truth))
    out.write(cxx_int_array("clu_pred", pred))
    out.write(cxx_array("clu_centroids", C.astype(np.float64).ravel()))
    out.write(cxx_double("clu_inertia", inertia))
    out.write(cxx_double("clu_silhouette_true", silhouette_score(X64, truth)))
    out.write(cxx_double("clu_silhouette_pred", silhouette_score(X64, pred)))
    out.write(cxx_array("clu_silhouette_samples_pred", silhouette_samples(X64, pred)))
    out.write(cxx_double("clu_ari", adjusted_rand_score(truth, pred)))
    return out.getvalue()


def fold_refs():
    """KFold and StratifiedKFold without shuffling: mlplay must give the same folds."""
    y = np.array([2, 0, 1, 0, 2, 2, 1, 0, 2, 0, 1, 2, 0, 2, 1, 2, 0, 2, 1, 2])
    kf = [test for _, test in KFold(n_splits=3).split(np.zeros(11))]
    skf = [test for _, test in StratifiedKFold(n_splits=3).split(np.zeros(len(y)), y)]

    out = io.StringIO()
    out.write("// Test rows of each fold, concatenated, and the fold sizes: KFold(3) on 11\n")
    out.write("// rows; StratifiedKFold(3) on fold_y (classes by first appearance: 2, 0, 1).\n")
    out.write(cxx_int_array("kfold_test", np.concatenate(kf)))
    out.write(cxx_int_array("kfold_sizes", [len(t) for t in kf]))
    out.write(cxx_int_array("fold_y", y))
    out.write(cxx_int_array("skfold_test", np.concatenate(skf)))
    out.write(cxx_int_array("skfold_sizes", [len(t) for t in skf]))
    return out.getvalue()


def lstsq_with_intercept(X, y):
    # Independent of sklearn: append a column of ones, solve in float64.
    A = np.hstack([X.astype(np.float64), np.ones((X.shape[0], 1))])
    sol, *_ = np.linalg.lstsq(A, y.astype(np.float64), rcond=None)
    return sol[:-1], sol[-1]


def main():
    runner = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build/native/mlplay")
    csv = subprocess.run([runner, "generate", "housing_generated", "--rows", "300",
                          "--noise", "15",
                          "--seed", "42"], check=True, capture_output=True, text=True).stdout
    (HERE / "housing_generated.csv").write_text(csv, encoding="utf-8")
    names, data = load_csv(csv)
    X, y = data[:, :3], data[:, 3]

    coef, intercept = lstsq_with_intercept(X, y)
    sk = LinearRegression().fit(X.astype(np.float64), y.astype(np.float64))
    assert np.allclose(coef, sk.coef_, rtol=1e-9), (coef, sk.coef_)
    r2 = sk.score(X.astype(np.float64), y.astype(np.float64))

    # The course's four-row table: four unknowns, four equations.
    table = np.array([[100, 2, 1, 300], [150, 3, 2, 450], [120, 2, 2, 350], [80, 1, 1, 220]],
                     dtype=np.float64)
    t_coef, t_int = lstsq_with_intercept(table[:, :3], table[:, 3])

    # Metric test vectors.
    rng = np.random.default_rng(0)
    y_true = np.round(rng.normal(50, 20, 12), 3).astype(np.float32)
    y_pred = np.round(y_true + rng.normal(0, 8, 12), 3).astype(np.float32)
    yt, yp = y_true.astype(np.float64), y_pred.astype(np.float64)

    out = io.StringIO()
    out.write("// Generated by tests/reference/make_references.py; do not edit.\n")
    out.write(f"// NumPy {np.__version__}, scikit-learn "
              f"{__import__('sklearn').__version__}.\n#pragma once\n\n")
    out.write("namespace ref {\n\n")
    out.write("// make_housing(300, noise 15, seed 42): column sums, to detect a changed\n")
    out.write("// generator (then rerun the script).\n")
    out.write(cxx_array("housing_column_sums", data.astype(np.float64).sum(axis=0)))
    out.write("// Least squares with intercept on all 300 rows (numpy.linalg.lstsq,\n")
    out.write("// equal to sklearn LinearRegression to 1e-9).\n")
    out.write(cxx_array("housing_coef", coef))
    out.write(f"inline constexpr double housing_intercept = {float(intercept)!r};\n")
    out.write(f"inline constexpr double housing_r2 = {float(r2)!r};\n\n")
    out.write("// The course's four-row table, solved exactly.\n")
    out.write(cxx_array("table_coef", t_coef))
    out.write(f"inline constexpr double table_intercept = {float(t_int)!r};\n\n")
    out.write("// sklearn.metrics on float32 vectors.\n")
    out.write(cxx_array("metric_y_true", yt))
    out.write(cxx_array("metric_y_pred", yp))
    out.write(f"inline constexpr double metric_r2 = {float(r2_score(yt, yp))!r};\n")
    out.write(f"inline constexpr double metric_mse = {float(mean_squared_error(yt, yp))!r};\n")
    out.write(f"inline constexpr double metric_mae = {float(mean_absolute_error(yt, yp))!r};\n")
    for part in (classification_refs, binary_refs, probability_refs, clustering_refs,
                 fold_refs):
        out.write("\n")
        out.write(part())
    out.write("\n} // namespace ref\n")
    (HERE / "references.h").write_text(out.getvalue(), encoding="utf-8")
    print("wrote", HERE / "references.h")


if __name__ == "__main__":
    main()

// mlplay core: preprocessing as a fitted pipeline.
//
// A Pipeline is an ordered list of steps. fit_transform(train) fits each step
// on the output of the one before and returns the transformed training set;
// transform(other) then applies every step with what it learned from the
// training set only, unchanged, to validation, test or new rows: nothing is
// learned from them (tests/test_preprocess.cpp proves it). Every transform
// returns a new Dataset and leaves its input as it was.
//
//   Result<Pipeline> p = Pipeline::parse("impute:median,clip:iqr,scale:standard,"
//                                        "onehot,select:kbest_f:5");
//   Result<Dataset> train_x = p->fit_transform(split.train, {"售价"});
//   Result<Dataset> test_x = p->transform(split.test);
//   std::string shown = p->report().dump();   // what each step learned and did
//
// Steps act on feature columns only. The target, named at fit time, passes
// through every step untouched, and may be absent from the data a fitted
// pipeline transforms. Each step acts on the columns named in its spec, or by
// default on every numeric feature (every categorical one for the encoders);
// columns it does not act on pass through in place. A step whose default set
// is empty does nothing and says so in describe().
//
// The steps and what they learn, matching scikit-learn 1.2.1 (sklearn.impute,
// sklearn.preprocessing, sklearn.feature_selection) to 1e-6 or better:
//   impute      SimpleImputer: the mean, median, most frequent value (ties:
//               the smallest value, or the first category in code-point
//               order, as sklearn) or a constant, per column, from the
//               training rows; missing cells of any data are filled with it.
//               mean and median act on numeric features, most_frequent and
//               constant on every feature (see the grammar for constant's
//               value). A column with no value in the training rows is
//               dropped, as sklearn does (keep_empty_features=False); the
//               report and describe() list it and a warning is logged.
//   clip:iqr    per column Q1 and Q3 (NumPy's linear percentiles), bounds
//               Q1 - k IQR and Q3 + k IQR (k = 1.5); values beyond are set to
//               the bound. (Tukey, "Exploratory Data Analysis", 1977, 2C.)
//   drop:zscore per column mean and population standard deviation; a row
//               with |z| > t (t = 3) in any of the columns is an outlier.
//               Outlying rows are dropped from the training set only, by
//               fit_transform; transform never drops a row of other data: it
//               keeps them all and reports the rows that would have gone
//               (flagged_rows), so a test set keeps every row it is scored
//               on. (As imbalanced-learn's samplers, which act in fit only.)
//               A column constant in training flags nothing.
//   scale       StandardScaler (mean, population standard deviation; a
//               constant column gets scale 1, by sklearn's test) or
//               MinMaxScaler (to [0, 1] or a given range; a constant column
//               gets scale 1).
//   onehot      OneHotEncoder: categories are those of the training rows,
//               sorted in code-point order as sklearn sorts strings (not the
//               Dataset's first-seen order, which would also carry the
//               categories of rows outside the training set); a missing
//               value seen in training is one more category, last, named
//               "nan" as sklearn's. Each encoded column is replaced in place
//               by columns "<column>_<category>" of 0 and 1. A category not
//               seen in training encodes as all zeros (handle_unknown=
//               'ignore', the default here) or is an error ("onehot:error").
//   ordinal     OrdinalEncoder: the same sorted categories, coded 0 .. k-1 in
//               a numeric column; an unseen category is an error (sklearn's
//               default) or the given code ("ordinal:-1"). A missing value
//               stays missing if the training rows had missing values
//               (sklearn's encoded_missing_value=NaN), and is unseen if not.
//   select      VarianceThreshold (keeps variance > t; at t = 0 the smaller
//               of the variance and the range, as sklearn), |Pearson r| with
//               the target >= t, or the k best by |r|, by the F-test
//               (f_classif or f_regression) or by mutual information
//               (mutual_info_classif or _regression, seed 0; see
//               preprocess_scores.h for how it compares with sklearn's).
//               k best: sklearn's SelectKBest ranking, ties to the later
//               column; k larger than the candidate columns keeps them all
//               (sklearn raises; the report shows "k" and "n_selected"). Only
//               numeric features are candidates. Scores that sklearn leaves
//               NaN (a constant feature) are 0 here and rank last; +inf is
//               DBL_MAX. The score's task: the spec's (classif, regression),
//               else the fit's FitContext::task, else classification for a
//               categorical target and regression for a numeric one.
//
// Missing values: every step but select's tests learns from the values
// present and passes missing cells through (imputing is impute's job); the
// F-tests, correlation and mutual information refuse a missing feature value
// or target value, naming the row. A column without values in training is
// left as it is by clip and scale (nothing to learn). Transforming a dataset
// that lacks a fitted column, or holds it with another kind, is an error
// naming it; columns the steps were not fitted on pass through.
//
// What was done: fit_transform records, per step, the cells it imputed,
// clipped or found outlying or unseen, and the rows it dropped
// (Pipeline::training_effects, and "training" in report()); transform
// reports the same for the data it is given when asked (its `effects`).
//
// Spec grammar (the runner's --preprocess, Pipeline::parse, Pipeline::spec):
//   pipeline := [ step { "," step } ]
//   step     := name { ":" arg } [ "@" column { "+" column } ]
//   a name, arg or column is bare text without , : @ + " (spaces around it
//   are dropped), or double-quoted with "" for a quote: "rate, %".
//   Steps (defaults in brackets):
//     impute:mean | impute:median | impute:most_frequent
//     impute:constant[:VALUE]  numbers fill numeric columns, text categorical
//                              ones; without VALUE, 0 and "missing_value"
//                              fill every feature (sklearn's defaults)
//     clip:iqr[:K=1.5]         drop:zscore[:T=3]
//     scale:standard           scale:minmax[:LO=0:HI=1]
//     onehot[:ignore|error]    ordinal[:error|CODE]
//     select:variance[:T=0]    select:corr:T            (0 <= T <= 1)
//     select:kbest_corr:K      select:kbest_f:K[:classif|regression]
//     select:kbest_mi:K[:classif|regression]            (K: 1, 2, ... or all)
//   e.g. "impute:median,clip:iqr@面积+卧室数量,scale:standard,select:kbest_f:2"
//
// Saving: to_json() gives {"format": "mlplay-pipeline", "version": 1, "spec",
// "fitted", "target", "steps": [{"spec", "learned"}]}; from_json() restores a
// fitted pipeline that transforms exactly as the saved one (training effects
// are not saved).
//
// Cost: every step is O(n d) per fit or transform, except percentiles and
// medians O(n log n) per column, and mutual information (preprocess_scores.h).
#pragma once

#include "core/dataset.h"
#include "core/datasets.h"
#include "core/error.h"
#include "core/json.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlplay {

// What a step may know of the training data besides its feature columns:
// fit_transform(train, {"售价"}) or {"label", Task::classification}.
struct FitContext {
    FitContext() = default;
    FitContext(std::string target_column, std::optional<Task> task_hint = std::nullopt)
        : target(std::move(target_column)), task(task_hint) {}

    std::string target;       // the target column; "" when there is none
    std::optional<Task> task; // classification or regression, for select's scores
};

// Cells a transform changed, by column and action: "imputed", "clipped_low",
// "clipped_high", "outlier" (|z| > t), "unknown" (a category not seen in
// training). rows are 0-based row indices of the data given to the step (of
// the pipeline's input, in a Pipeline's reports).
struct CellEffects {
    std::string column;
    std::string action;
    std::vector<uint32_t> rows;
};

struct StepEffects {
    size_t n_rows_in = 0;
    size_t n_rows_out = 0;
    std::vector<CellEffects> cells;
    std::vector<uint32_t> dropped_rows; // removed (training data, fit_transform only)
    std::vector<uint32_t> flagged_rows; // outlying rows kept (any other transform)
};

// {"n_rows_in", "n_rows_out", "cells": [{"column", "action", "count",
// "rows"}], "dropped_rows", "flagged_rows"}
Json step_effects_json(const StepEffects& effects);

// What a step may act on.
enum class ColumnKinds { numeric, categorical, any };

class PreprocessStep {
public:
    virtual ~PreprocessStep() = default;

    // The step without its columns, as the grammar writes it, defaults left
    // out: "impute:median", "clip:iqr:2", "select:kbest_f:5".
    virtual std::string name() const = 0;
    // name() plus "@column+column" when columns were named.
    std::string spec() const;
    // One line: what the step does, and once fitted, to which columns.
    virtual std::string describe() const = 0;

    // Columns to act on; empty: the default set (see the top of this file).
    // Changing them forgets what was learned.
    void set_columns(std::vector<std::string> names);
    const std::vector<std::string>& requested_columns() const { return m_requested; }
    // After fit: the columns the step acts on, in table order.
    const std::vector<std::string>& fitted_columns() const { return m_fitted_columns; }
    bool fitted() const { return m_fitted; }

    // Learns from the training rows. A failed fit leaves the step unfitted.
    Status fit(const Dataset& train, const FitContext& ctx = {});
    // Applies what was learned; never drops a row. Errors: not fitted, a
    // fitted column missing or of another kind, an unseen category when the
    // step refuses them.
    Result<Dataset> transform(const Dataset& ds, StepEffects* effects = nullptr) const;
    // fit, then transform the same rows as training data (drop:zscore drops
    // its outliers here, and only here).
    Result<Dataset> fit_transform(const Dataset& train, const FitContext& ctx = {},
                                  StepEffects* effects = nullptr);

    // {"step": spec, "description", "fitted", "learned": {"columns": [{"name",
    // "kind", ...per column...}], ...}}; "learned" only once fitted.
    Json report() const;
    // The learned part alone, and back (for saving; load checks every field).
    Json learned() const;
    Status load_learned(const Json& learned);

    // A copy, fitted state included.
    virtual std::unique_ptr<PreprocessStep> clone() const = 0;
    std::unique_ptr<PreprocessStep> clone_unfitted() const;

protected:
    // Whether a column of this kind is acted on by default, or may be named.
    virtual bool accepts(ColumnKind kind, bool named) const = 0;
    // Learns from the resolved columns (indices into train, never the target).
    virtual Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                               const FitContext& ctx) = 0;
    // cols: the fitted columns' indices in ds, in fitted order. training:
    // called by fit_transform on the training rows.
    virtual Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols,
                                  bool training, StepEffects* effects) const = 0;
    // Per fitted column i, the fields of learned()["columns"][i] besides
    // "name" and "kind"; and step-wide fields.
    virtual void save_column(size_t i, Json& out) const = 0;
    virtual void save_extra(Json& out) const { (void)out; }
    // Restores from learned()["columns"] (names and kinds already read).
    virtual Status load_columns(const std::vector<const Json*>& columns, const Json& all) = 0;
    // Forgets what was learned.
    virtual void clear() = 0;

    const std::vector<ColumnKind>& fitted_kinds() const { return m_fitted_kinds; }

private:
    std::vector<std::string> m_requested;
    std::vector<std::string> m_fitted_columns;
    std::vector<ColumnKind> m_fitted_kinds;
    bool m_fitted = false;
};

// --- the steps -----------------------------------------------------------------------

enum class ImputeStrategy { mean, median, most_frequent, constant };

class ImputeStep final : public PreprocessStep {
public:
    // fill_value: constant only; empty for sklearn's defaults (0 for numeric
    // columns, "missing_value" for categorical ones).
    explicit ImputeStep(ImputeStrategy strategy, std::string fill_value = {});

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    ImputeStrategy strategy() const { return m_strategy; }
    // Per fitted column: the fill (value for a numeric column, category for
    // a categorical one), and whether the column is dropped (it had no value
    // in the training rows).
    const std::vector<double>& fill_values() const { return m_values; }
    const std::vector<std::string>& fill_categories() const { return m_categories; }
    bool dropped(size_t i) const { return m_drop[i] != 0; }
    std::vector<std::string> dropped_columns() const;

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    ImputeStrategy m_strategy;
    std::string m_fill;
    bool m_fill_is_number = false;
    double m_fill_number = 0.0;
    std::vector<double> m_values;
    std::vector<std::string> m_categories;
    std::vector<char> m_drop;
};

class ClipIqrStep final : public PreprocessStep {
public:
    explicit ClipIqrStep(double k = 1.5); // k > 0 and finite (asserted)

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    double k() const { return m_k; }
    // Per fitted column. A column without values in training has
    // n_values 0 and is passed through unclipped.
    const std::vector<double>& q1() const { return m_q1; }
    const std::vector<double>& q3() const { return m_q3; }
    const std::vector<double>& low() const { return m_low; }
    const std::vector<double>& high() const { return m_high; }
    const std::vector<size_t>& n_values() const { return m_n_values; }

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    double m_k;
    std::vector<double> m_q1, m_q3, m_low, m_high;
    std::vector<size_t> m_n_values;
};

class ZScoreDropStep final : public PreprocessStep {
public:
    explicit ZScoreDropStep(double threshold = 3.0); // > 0 and finite (asserted)

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    double threshold() const { return m_threshold; }
    // Per fitted column; constant(i): flags nothing.
    const std::vector<double>& means() const { return m_mean; }
    const std::vector<double>& stds() const { return m_std; }
    bool constant(size_t i) const { return m_constant[i] != 0; }

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    double m_threshold;
    std::vector<double> m_mean, m_std;
    std::vector<char> m_constant;
};

class StandardScaleStep final : public PreprocessStep {
public:
    StandardScaleStep() = default;

    std::string name() const override { return "scale:standard"; }
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    // Per fitted column: x -> (x - mean) / scale. scale = sqrt(var), or 1
    // for a constant column; a column without values has mean 0, scale 1.
    const std::vector<double>& means() const { return m_mean; }
    const std::vector<double>& variances() const { return m_var; }
    const std::vector<double>& scales() const { return m_scale; }

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    std::vector<double> m_mean, m_var, m_scale;
    std::vector<size_t> m_n_values;
};

class MinMaxScaleStep final : public PreprocessStep {
public:
    explicit MinMaxScaleStep(double lo = 0.0, double hi = 1.0); // lo < hi (asserted)

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    // Per fitted column: x -> x * scale + offset, as sklearn's scale_, min_.
    const std::vector<double>& data_min() const { return m_min; }
    const std::vector<double>& data_max() const { return m_max; }
    const std::vector<double>& scales() const { return m_scale; }
    const std::vector<double>& offsets() const { return m_offset; }

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    void save_extra(Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    double m_lo, m_hi;
    std::vector<double> m_min, m_max, m_scale, m_offset;
    std::vector<size_t> m_n_values;
};

class OneHotStep final : public PreprocessStep {
public:
    explicit OneHotStep(bool error_on_unknown = false);

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    // Per fitted column: its sorted categories, whether "nan" (missing) is
    // one more, and the names of the columns that replace it.
    const std::vector<std::vector<std::string>>& categories() const { return m_categories; }
    bool has_missing(size_t i) const { return m_has_missing[i] != 0; }
    const std::vector<std::vector<std::string>>& output_names() const { return m_outputs; }

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    void set_outputs();

    bool m_error_on_unknown;
    std::vector<std::vector<std::string>> m_categories;
    std::vector<char> m_has_missing;
    std::vector<std::vector<std::string>> m_outputs;
};

class OrdinalStep final : public PreprocessStep {
public:
    // unknown_code: the code of an unseen category; nullopt: an error.
    explicit OrdinalStep(std::optional<double> unknown_code = std::nullopt);

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    // Per fitted column: its sorted categories, and whether the training
    // rows had missing values (which then stay missing).
    const std::vector<std::vector<std::string>>& categories() const { return m_categories; }
    bool has_missing(size_t i) const { return m_has_missing[i] != 0; }

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    std::optional<double> m_unknown_code;
    std::vector<std::vector<std::string>> m_categories;
    std::vector<char> m_has_missing;
};

// variance: threshold rule on the variance; corr: threshold or k best by |r|;
// f, mi: k best.
enum class SelectScore { variance, corr, f, mi };
enum class SelectTask { automatic, classification, regression };

struct SelectOptions {
    SelectScore score = SelectScore::variance;
    // k best when k > 0 (SIZE_MAX for "all"); otherwise keep score >= threshold
    // (> threshold for the variance, as sklearn).
    size_t k = 0;
    double threshold = 0.0;
    SelectTask task = SelectTask::automatic;
};

class SelectStep final : public PreprocessStep {
public:
    explicit SelectStep(const SelectOptions& options); // checked by parse (asserted)

    std::string name() const override;
    std::string describe() const override;
    std::unique_ptr<PreprocessStep> clone() const override;

    const SelectOptions& options() const { return m_options; }
    // After fit: the task the scores used (regression for variance and corr).
    Task task() const { return m_task; }
    // Per fitted (candidate) column: its score (variance, |r|, F or mutual
    // information, finite), p-value (F only; else NaN) and whether it is kept.
    const std::vector<double>& scores() const { return m_scores; }
    const std::vector<double>& p_values() const { return m_p_values; }
    const std::vector<char>& selected() const { return m_selected; }
    std::vector<std::string> selected_columns() const;
    std::vector<std::string> removed_columns() const;

protected:
    bool accepts(ColumnKind kind, bool named) const override;
    Status fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                       const FitContext& ctx) override;
    Result<Dataset> apply(const Dataset& ds, const std::vector<size_t>& cols, bool training,
                          StepEffects* effects) const override;
    void save_column(size_t i, Json& out) const override;
    void save_extra(Json& out) const override;
    Status load_columns(const std::vector<const Json*>& columns, const Json& all) override;
    void clear() override;

private:
    SelectOptions m_options;
    Task m_task = Task::regression;
    std::vector<double> m_scores, m_p_values;
    std::vector<char> m_selected;
};

// One step from its spec ("scale:minmax:-1:1@age+bmi"); errors name the step
// and list what it accepts.
Result<std::unique_ptr<PreprocessStep>> parse_preprocess_step(std::string_view spec);

// --- the pipeline ----------------------------------------------------------------------

class Pipeline {
public:
    Pipeline() = default;
    Pipeline(const Pipeline& other);
    Pipeline& operator=(const Pipeline& other);
    Pipeline(Pipeline&&) = default;
    Pipeline& operator=(Pipeline&&) = default;

    // See the grammar above; "" (or blanks) is the empty pipeline, which
    // passes data through.
    static Result<Pipeline> parse(std::string_view spec);
    static Result<Pipeline> from_json(const Json& doc);

    void add(std::unique_ptr<PreprocessStep> step); // forgets what was learned
    size_t n_steps() const { return m_steps.size(); }
    const PreprocessStep& step(size_t i) const { return *m_steps[i]; }

    std::string spec() const;
    // One line per step, '\n' between them.
    std::string describe() const;
    bool fitted() const { return m_fitted; }
    const std::string& target() const { return m_target; }

    // Fits every step in order on the previous one's output and returns the
    // transformed training rows. On failure the pipeline is as it was. The
    // training set must have rows; the target, when named, must be a column.
    Result<Dataset> fit_transform(const Dataset& train, const FitContext& ctx = {});
    Status fit(const Dataset& train, const FitContext& ctx = {});
    // Applies the fitted steps; keeps every row. effects, when given, gets one
    // StepEffects per step, rows numbered as in ds.
    Result<Dataset> transform(const Dataset& ds,
                              std::vector<StepEffects>* effects = nullptr) const;

    // What fit_transform did to the training rows, one per step, rows
    // numbered as in the training set it was given.
    const std::vector<StepEffects>& training_effects() const { return m_training_effects; }

    // {"spec", "fitted", "target", "columns_in", "columns_out", "steps":
    // [step report + "training": effects]}.
    Json report() const;
    Json to_json() const;
    Pipeline clone_unfitted() const;

private:
    std::vector<std::unique_ptr<PreprocessStep>> m_steps;
    bool m_fitted = false;
    std::string m_target;
    std::vector<std::string> m_columns_in, m_columns_out;
    std::vector<StepEffects> m_training_effects;
};

} // namespace mlplay

// mlplay core: feature selection (see preprocess.h), as
// sklearn.feature_selection's VarianceThreshold and SelectKBest with
// f_classif, f_regression, mutual_info_classif, mutual_info_regression, plus
// a threshold or k best on |r| (r_regression). The scores themselves are in
// preprocess_scores.cpp.
// Cost: variance O(n d); |r| and F-tests O(n d); mutual information as in
// preprocess_scores.h; ranking O(d log d).
#include "core/preprocess.h"

#include "core/preprocess_internal.h"
#include "core/preprocess_scores.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numeric>

namespace mlplay {

using namespace preprocess_detail;

namespace {

constexpr size_t kAll = std::numeric_limits<size_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string k_text(size_t k) { return k == kAll ? "all" : std::to_string(k); }

const char* score_name(SelectScore score, Task task) {
    const bool classif = task == Task::classification;
    switch (score) {
    case SelectScore::variance: return "variance";
    case SelectScore::corr: return "abs_r";
    case SelectScore::f: return classif ? "f_classif" : "f_regression";
    case SelectScore::mi: return classif ? "mutual_info_classif" : "mutual_info_regression";
    }
    return "?";
}

// np.nanvar, and at threshold 0 the smaller of it and np.ptp (which is NaN,
// so unused, when a value is missing), as VarianceThreshold.fit.
double variance_score(const Column& c, bool with_range) {
    const std::vector<double> v = present_values(c);
    if (v.empty()) return 0.0; // sklearn: NaN, never selected
    double mean = 0.0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    double ss = 0.0;
    for (double x : v) ss += (x - mean) * (x - mean);
    double var = ss / static_cast<double>(v.size());
    if (with_range && v.size() == c.values.size()) {
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        var = std::min(var, *hi - *lo);
    }
    return var;
}

} // namespace

SelectStep::SelectStep(const SelectOptions& options) : m_options(options) {
    const SelectOptions& o = options;
    MLPLAY_ASSERT(std::isfinite(o.threshold) && o.threshold >= 0.0, "threshold must be >= 0");
    MLPLAY_ASSERT(o.score != SelectScore::variance || o.k == 0, "variance selects by threshold");
    MLPLAY_ASSERT(o.score == SelectScore::variance || o.score == SelectScore::corr || o.k > 0,
                  "F-test and mutual information select the k best");
    MLPLAY_ASSERT(o.score != SelectScore::corr || o.k > 0 || o.threshold <= 1.0,
                  "a correlation threshold is at most 1");
}

std::string SelectStep::name() const {
    const SelectOptions& o = m_options;
    const char* task = o.task == SelectTask::classification ? ":classif"
                       : o.task == SelectTask::regression   ? ":regression"
                                                             : "";
    switch (o.score) {
    case SelectScore::variance:
        return o.threshold == 0.0 ? "select:variance"
                                  : "select:variance:" + format_number(o.threshold);
    case SelectScore::corr:
        return o.k > 0 ? "select:kbest_corr:" + k_text(o.k)
                       : "select:corr:" + format_number(o.threshold);
    case SelectScore::f: return "select:kbest_f:" + k_text(o.k) + task;
    case SelectScore::mi: return "select:kbest_mi:" + k_text(o.k) + task;
    }
    return "?";
}

std::string SelectStep::describe() const {
    const SelectOptions& o = m_options;
    std::string s;
    if (o.score == SelectScore::variance)
        s = "keep features whose training variance is above " + format_number(o.threshold);
    else if (o.score == SelectScore::corr && o.k == 0)
        s = "keep features with |r| >= " + format_number(o.threshold) + " against the target";
    else
        s = "keep the " + (o.k == kAll ? std::string("all") : std::to_string(o.k)) +
            " features that score best by " +
            (fitted() ? std::string(score_name(o.score, m_task))
                      : o.score == SelectScore::corr ? "|r|"
                      : o.score == SelectScore::f    ? "F-test"
                                                     : "mutual information") +
            " against the target";
    s += ": " + columns_text(*this, "every numeric feature");
    if (fitted() && !fitted_columns().empty()) {
        const std::vector<std::string> kept = selected_columns();
        s += "; kept " + std::to_string(kept.size()) + ":";
        for (size_t i = 0; i < kept.size() && i < 6; ++i) {
            s += i == 0 ? " " : ", ";
            s += kept[i];
        }
        if (kept.size() > 6) s += ", ...";
    }
    return s;
}

std::unique_ptr<PreprocessStep> SelectStep::clone() const {
    return std::make_unique<SelectStep>(*this);
}

std::vector<std::string> SelectStep::selected_columns() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < m_selected.size(); ++i)
        if (m_selected[i]) out.push_back(fitted_columns()[i]);
    return out;
}

std::vector<std::string> SelectStep::removed_columns() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < m_selected.size(); ++i)
        if (!m_selected[i]) out.push_back(fitted_columns()[i]);
    return out;
}

bool SelectStep::accepts(ColumnKind kind, bool) const { return kind == ColumnKind::numeric; }

Status SelectStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                               const FitContext& ctx) {
    const SelectOptions& o = m_options;
    const size_t n = train.n_rows(), d = cols.size();
    m_task = Task::regression;
    if (d == 0) return Status(); // nothing to choose from

    if (o.score == SelectScore::variance) {
        for (size_t col : cols) {
            m_scores.push_back(variance_score(train.column(col), o.threshold == 0.0));
            m_p_values.push_back(kNaN);
            m_selected.push_back(m_scores.back() > o.threshold ? 1 : 0);
        }
        if (std::find(m_selected.begin(), m_selected.end(), 1) == m_selected.end())
            return make_error("no feature has a training variance above %g (the highest is "
                              "%g); lower the threshold", o.threshold,
                              *std::max_element(m_scores.begin(), m_scores.end()));
        return Status();
    }

    // The target and the task of the scores.
    const std::string step = name();
    if (ctx.target.empty())
        return make_error("%s scores features against the target; name the target when "
                          "fitting", step.c_str());
    const size_t t = static_cast<size_t>(train.find_column(ctx.target));
    MLPLAY_ASSERT(t < train.n_columns(), "the target was checked by fit");
    const bool categorical_target = train.is_categorical(t);
    if (o.task == SelectTask::classification) {
        m_task = Task::classification;
    } else if (o.task == SelectTask::regression || o.score == SelectScore::corr) {
        m_task = Task::regression;
    } else if (ctx.task) {
        if (*ctx.task == Task::clustering)
            return make_error("%s needs a classification or regression target, not "
                              "clustering", step.c_str());
        m_task = *ctx.task;
    } else {
        m_task = categorical_target ? Task::classification : Task::regression;
    }
    if (m_task == Task::regression && categorical_target)
        return make_error("%s: the target \"%s\" is categorical; %s", step.c_str(),
                          ctx.target.c_str(),
                          o.score == SelectScore::corr
                              ? "correlation needs a numeric target; use select:kbest_f"
                              : "score it as classes with :classif");

    // X is (n, d): the candidate columns; y the target (category codes when
    // categorical). Both must be complete.
    VectorD y(static_cast<Eigen::Index>(n));
    for (size_t r = 0; r < n; ++r) {
        const float v = train.at(r, t);
        if (!std::isfinite(v))
            return make_error("the target \"%s\" is missing in row %zu; %s needs a target in "
                              "every training row: drop the rows without one first",
                              ctx.target.c_str(), r + 1, step.c_str());
        y(static_cast<Eigen::Index>(r)) = static_cast<double>(v);
    }
    MatrixD X(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
    for (size_t j = 0; j < d; ++j)
        for (size_t r = 0; r < n; ++r) {
            const float v = train.at(r, cols[j]);
            if (!std::isfinite(v))
                return make_error("column \"%s\" is missing or infinite in row %zu; put impute "
                                  "before %s", train.column_name(cols[j]).c_str(), r + 1,
                                  step.c_str());
            X(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) =
                static_cast<double>(v);
        }

    // Scores, with a ranking key: sklearn ranks a NaN score below every other.
    const bool classif = m_task == Task::classification;
    std::vector<double> key;
    if (o.score == SelectScore::corr) {
        Result<std::vector<double>> r = r_regression(X, y);
        if (!r) return r.error();
        for (double v : *r) {
            m_scores.push_back(std::fabs(v));
            m_p_values.push_back(kNaN);
        }
        key = m_scores;
    } else if (o.score == SelectScore::f) {
        Result<FeatureTest> f = classif ? f_classif(X, y) : f_regression(X, y);
        if (!f) return f.error();
        for (size_t j = 0; j < d; ++j) {
            const double s = f->scores[j];
            m_scores.push_back(std::isnan(s) ? 0.0 : std::min(s, DBL_MAX));
            m_p_values.push_back(std::isnan(s) ? 1.0 : f->p_values[j]);
            key.push_back(std::isnan(s) ? -DBL_MAX : m_scores.back());
        }
    } else {
        Result<std::vector<double>> mi =
            classif ? mutual_info_classif(X, y, 0, 3) : mutual_info_regression(X, y, 0, 3);
        if (!mi) return mi.error();
        m_scores = *mi;
        m_p_values.assign(d, kNaN);
        key = m_scores;
    }

    m_selected.assign(d, 0);
    if (o.k == 0) {
        for (size_t j = 0; j < d; ++j) m_selected[j] = m_scores[j] >= o.threshold ? 1 : 0;
        if (std::find(m_selected.begin(), m_selected.end(), 1) == m_selected.end())
            return make_error("no feature has |r| >= %g with the target \"%s\" (the highest is "
                              "%.4g); lower the threshold", o.threshold, ctx.target.c_str(),
                              *std::max_element(m_scores.begin(), m_scores.end()));
        return Status();
    }
    // SelectKBest: a stable ascending sort, the last k win (ties: the later column).
    std::vector<size_t> order(d);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return key[a] < key[b]; });
    const size_t k = std::min(o.k, d);
    for (size_t q = d - k; q < d; ++q) m_selected[order[q]] = 1;
    return Status();
}

Result<Dataset> SelectStep::apply(const Dataset& ds, const std::vector<size_t>& cols, bool,
                                  StepEffects*) const {
    std::vector<char> drop(ds.n_columns(), 0);
    for (size_t i = 0; i < cols.size(); ++i)
        if (!m_selected[i]) drop[cols[i]] = 1;
    std::vector<size_t> keep;
    for (size_t j = 0; j < ds.n_columns(); ++j)
        if (!drop[j]) keep.push_back(j);
    return ds.select_columns(keep);
}

void SelectStep::save_column(size_t i, Json& out) const {
    out.set("score", m_scores[i]);
    if (std::isfinite(m_p_values[i])) out.set("p_value", m_p_values[i]);
    out.set("selected", m_selected[i] != 0);
}

void SelectStep::save_extra(Json& out) const {
    out.set("score", score_name(m_options.score, m_task));
    out.set("task", task_name(m_task));
    if (m_options.k > 0)
        out.set("k", m_options.k == kAll ? Json("all") : Json(m_options.k));
    else
        out.set("threshold", m_options.threshold);
    out.set("n_selected", selected_columns().size());
}

Status SelectStep::load_columns(const std::vector<const Json*>& columns, const Json& all) {
    Result<std::string> task = all.string_at("task");
    if (!task || (*task != "classification" && *task != "regression"))
        return make_error("\"task\" must be \"classification\" or \"regression\"");
    m_task = *task == "classification" ? Task::classification : Task::regression;
    for (size_t i = 0; i < columns.size(); ++i) {
        const Json& c = *columns[i];
        const std::string& col = fitted_columns()[i];
        Result<double> score = read_number(c, "score", col);
        if (!score) return score.error();
        Result<bool> selected = read_bool(c, "selected", col);
        if (!selected) return selected.error();
        double p = kNaN;
        if (c.find("p_value")) {
            Result<double> pv = read_number(c, "p_value", col);
            if (!pv) return pv.error();
            p = *pv;
        }
        m_scores.push_back(*score);
        m_p_values.push_back(p);
        m_selected.push_back(*selected ? 1 : 0);
    }
    return Status();
}

void SelectStep::clear() {
    m_scores.clear();
    m_p_values.clear();
    m_selected.clear();
}

} // namespace mlplay

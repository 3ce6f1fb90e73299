// mlplay core: the preprocessing steps that learn one statistic per numeric
// column (see preprocess.h): imputation (sklearn.impute.SimpleImputer), IQR
// clipping (Tukey's fences with NumPy's linear percentiles), z-score row
// removal, standard and min-max scaling (sklearn.preprocessing's
// StandardScaler, with the corrected two-pass variance of Chan, Golub and
// LeVeque, "Algorithms for computing the sample variance", The American
// Statistician 37, 1983, and MinMaxScaler).
// Cost: fit O(n d), O(n log n) per column for medians, modes and quartiles;
// transform O(n d).
#include "core/preprocess.h"

#include "core/log.h"
#include "core/preprocess_internal.h"
#include "core/preprocess_scores.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace mlplay {

using namespace preprocess_detail;

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// Mean and variance as sklearn's _incremental_mean_and_var on one batch:
// the mean, then the corrected two-pass sum of squares.
void mean_and_variance(const std::vector<double>& v, double& mean, double& var) {
    const double n = static_cast<double>(v.size());
    double sum = 0.0;
    for (double x : v) sum += x;
    mean = sum / n;
    double correction = 0.0, squares = 0.0;
    for (double x : v) {
        correction += x - mean;
        squares += (x - mean) * (x - mean);
    }
    var = (squares - correction * correction / n) / n;
}

// Most frequent value; ties go to the smallest (scipy.stats.mode).
double most_frequent_value(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double best = v[0];
    size_t best_count = 0;
    for (size_t i = 0; i < v.size();) {
        size_t j = i;
        while (j < v.size() && v[j] == v[i]) ++j;
        if (j - i > best_count) {
            best_count = j - i;
            best = v[i];
        }
        i = j;
    }
    return best;
}

double median_value(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t h = v.size() / 2;
    return v.size() % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2.0;
}

} // namespace

// --- impute ------------------------------------------------------------------------------

ImputeStep::ImputeStep(ImputeStrategy strategy, std::string fill_value)
    : m_strategy(strategy), m_fill(std::move(fill_value)) {
    MLPLAY_ASSERT(m_fill.empty() || strategy == ImputeStrategy::constant,
                  "a fill value is for the constant strategy only");
    if (std::optional<double> v = parse_number(m_fill)) {
        m_fill_is_number = true;
        m_fill_number = *v;
    }
}

std::string ImputeStep::name() const {
    switch (m_strategy) {
    case ImputeStrategy::mean: return "impute:mean";
    case ImputeStrategy::median: return "impute:median";
    case ImputeStrategy::most_frequent: return "impute:most_frequent";
    case ImputeStrategy::constant: break;
    }
    return m_fill.empty() ? "impute:constant" : "impute:constant:" + spec_token(m_fill);
}

std::string ImputeStep::describe() const {
    std::string how;
    switch (m_strategy) {
    case ImputeStrategy::mean: how = "the training mean"; break;
    case ImputeStrategy::median: how = "the training median"; break;
    case ImputeStrategy::most_frequent: how = "the most frequent training value"; break;
    case ImputeStrategy::constant:
        how = m_fill.empty() ? "0 (numeric) or \"missing_value\" (categorical)"
                             : "\"" + m_fill + "\"";
        break;
    }
    const char* default_set = "every numeric feature";
    if (m_strategy == ImputeStrategy::most_frequent ||
        (m_strategy == ImputeStrategy::constant && m_fill.empty()))
        default_set = "every feature";
    else if (m_strategy == ImputeStrategy::constant && !m_fill_is_number)
        default_set = "every categorical feature";
    std::string s = "impute missing values with " + how + ": " + columns_text(*this, default_set);
    const std::vector<std::string> gone = dropped_columns();
    if (!gone.empty()) {
        s += "; dropped for having no value in training:";
        for (const std::string& g : gone) s += " \"" + g + "\"";
    }
    return s;
}

std::unique_ptr<PreprocessStep> ImputeStep::clone() const {
    return std::make_unique<ImputeStep>(*this);
}

std::vector<std::string> ImputeStep::dropped_columns() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < m_drop.size(); ++i)
        if (m_drop[i]) out.push_back(fitted_columns()[i]);
    return out;
}

bool ImputeStep::accepts(ColumnKind kind, bool named) const {
    switch (m_strategy) {
    case ImputeStrategy::mean:
    case ImputeStrategy::median: return kind == ColumnKind::numeric;
    case ImputeStrategy::most_frequent: return true;
    case ImputeStrategy::constant: break;
    }
    if (m_fill.empty()) return true;
    if (m_fill_is_number) return kind == ColumnKind::numeric || named;
    return kind == ColumnKind::categorical;
}

Status ImputeStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                               const FitContext&) {
    for (size_t col : cols) {
        const Column& c = train.column(col);
        double value = 0.0;
        std::string category;
        bool drop = false;
        if (c.kind == ColumnKind::numeric) {
            const std::vector<double> v = present_values(c);
            if (m_strategy == ImputeStrategy::constant) {
                value = m_fill.empty() ? 0.0 : m_fill_number;
            } else if (v.empty()) {
                drop = true;
            } else if (m_strategy == ImputeStrategy::mean) {
                double sum = 0.0;
                for (double x : v) sum += x;
                value = sum / static_cast<double>(v.size());
            } else if (m_strategy == ImputeStrategy::median) {
                value = median_value(v);
            } else {
                value = most_frequent_value(v);
            }
        } else if (m_strategy == ImputeStrategy::constant) {
            category = m_fill.empty() ? "missing_value" : m_fill;
        } else {
            // most frequent category; ties: the smallest string (sklearn's min)
            std::vector<size_t> counts(c.categories.size(), 0);
            for (float x : c.values)
                if (!std::isnan(x)) ++counts[static_cast<size_t>(x)];
            size_t best = 0;
            for (size_t k = 0; k < counts.size(); ++k)
                if (counts[k] > best ||
                    (counts[k] == best && best > 0 && c.categories[k] < category)) {
                    best = counts[k];
                    category = c.categories[k];
                }
            drop = best == 0;
        }
        if (drop)
            MLPLAY_LOG_WARN("%s: column \"%s\" has no value in the training rows; it is dropped",
                            name().c_str(), c.name.c_str());
        m_values.push_back(value);
        m_categories.push_back(category);
        m_drop.push_back(drop ? 1 : 0);
    }
    return Status();
}

Result<Dataset> ImputeStep::apply(const Dataset& ds, const std::vector<size_t>& cols, bool,
                                  StepEffects* effects) const {
    const std::vector<int> pos = column_positions(ds.n_columns(), cols);
    Dataset out;
    for (size_t j = 0; j < ds.n_columns(); ++j) {
        const Column& c = ds.column(j);
        if (pos[j] < 0) {
            append_copy(out, c);
            continue;
        }
        const size_t i = static_cast<size_t>(pos[j]);
        if (m_drop[i]) continue;

        std::vector<float> values = c.values;
        std::vector<std::string> categories = c.categories;
        float fill = static_cast<float>(m_values[i]);
        if (c.kind == ColumnKind::categorical) {
            auto it = std::find(categories.begin(), categories.end(), m_categories[i]);
            if (it == categories.end()) it = categories.insert(categories.end(), m_categories[i]);
            fill = static_cast<float>(it - categories.begin());
        }
        std::vector<uint32_t> rows;
        for (size_t r = 0; r < values.size(); ++r)
            if (std::isnan(values[r])) {
                values[r] = fill;
                rows.push_back(static_cast<uint32_t>(r));
            }
        record(effects, c.name, "imputed", std::move(rows));
        Status s = c.kind == ColumnKind::numeric
                       ? out.add_column(c.name, std::move(values))
                       : out.add_categorical_column(c.name, std::move(values),
                                                    std::move(categories));
        if (!s) return s.error();
    }
    return out;
}

void ImputeStep::save_column(size_t i, Json& out) const {
    if (fitted_kinds()[i] == ColumnKind::numeric)
        out.set("value", m_values[i]);
    else
        out.set("category", m_categories[i]);
    out.set("dropped", m_drop[i] != 0);
}

Status ImputeStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const Json& c = *columns[i];
        const std::string& col = fitted_columns()[i];
        Result<bool> drop = read_bool(c, "dropped", col);
        if (!drop) return drop.error();
        double value = 0.0;
        std::string category;
        if (fitted_kinds()[i] == ColumnKind::numeric) {
            Result<double> v = read_number(c, "value", col);
            if (!v) return v.error();
            value = *v;
        } else {
            Result<std::string> v = read_string(c, "category", col);
            if (!v) return v.error();
            if (v->empty() && !*drop)
                return make_error("column \"%s\": the fill category is empty", col.c_str());
            category = *v;
        }
        m_values.push_back(value);
        m_categories.push_back(category);
        m_drop.push_back(*drop ? 1 : 0);
    }
    return Status();
}

void ImputeStep::clear() {
    m_values.clear();
    m_categories.clear();
    m_drop.clear();
}

// --- clip:iqr ------------------------------------------------------------------------------

ClipIqrStep::ClipIqrStep(double k) : m_k(k) {
    MLPLAY_ASSERT(std::isfinite(k) && k > 0.0, "the IQR factor must be finite and > 0");
}

std::string ClipIqrStep::name() const {
    return m_k == 1.5 ? "clip:iqr" : "clip:iqr:" + format_number(m_k);
}

std::string ClipIqrStep::describe() const {
    return "clip values outside [Q1 - " + format_number(m_k) + " IQR, Q3 + " +
           format_number(m_k) + " IQR] to those bounds: " +
           columns_text(*this, "every numeric feature");
}

std::unique_ptr<PreprocessStep> ClipIqrStep::clone() const {
    return std::make_unique<ClipIqrStep>(*this);
}

bool ClipIqrStep::accepts(ColumnKind kind, bool) const { return kind == ColumnKind::numeric; }

Status ClipIqrStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                                const FitContext&) {
    for (size_t col : cols) {
        std::vector<double> v = present_values(train.column(col));
        std::sort(v.begin(), v.end());
        double q1 = 0.0, q3 = 0.0, low = 0.0, high = 0.0;
        if (!v.empty()) {
            q1 = percentile_sorted(v, 25.0);
            q3 = percentile_sorted(v, 75.0);
            const double iqr = q3 - q1;
            low = q1 - m_k * iqr;
            high = q3 + m_k * iqr;
        }
        m_q1.push_back(q1);
        m_q3.push_back(q3);
        m_low.push_back(low);
        m_high.push_back(high);
        m_n_values.push_back(v.size());
    }
    return Status();
}

Result<Dataset> ClipIqrStep::apply(const Dataset& ds, const std::vector<size_t>& cols, bool,
                                   StepEffects* effects) const {
    std::vector<std::vector<float>> values;
    for (size_t i = 0; i < cols.size(); ++i) {
        const Column& c = ds.column(cols[i]);
        std::vector<float> v = c.values;
        std::vector<uint32_t> below, above;
        if (m_n_values[i] > 0) {
            for (size_t r = 0; r < v.size(); ++r) {
                const double x = static_cast<double>(v[r]);
                if (x < m_low[i]) {
                    v[r] = static_cast<float>(m_low[i]);
                    below.push_back(static_cast<uint32_t>(r));
                } else if (x > m_high[i]) {
                    v[r] = static_cast<float>(m_high[i]);
                    above.push_back(static_cast<uint32_t>(r));
                }
            }
        }
        record(effects, c.name, "clipped_low", std::move(below));
        record(effects, c.name, "clipped_high", std::move(above));
        values.push_back(std::move(v));
    }
    return with_numeric_columns(ds, cols, std::move(values));
}

void ClipIqrStep::save_column(size_t i, Json& out) const {
    out.set("n_values", m_n_values[i]);
    if (m_n_values[i] == 0) return;
    out.set("q1", m_q1[i]);
    out.set("q3", m_q3[i]);
    out.set("low", m_low[i]);
    out.set("high", m_high[i]);
}

Status ClipIqrStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const Json& c = *columns[i];
        const std::string& col = fitted_columns()[i];
        Result<size_t> n = read_count(c, "n_values", col);
        if (!n) return n.error();
        double q[4] = {0.0, 0.0, 0.0, 0.0};
        const char* keys[4] = {"q1", "q3", "low", "high"};
        for (int k = 0; k < 4 && *n > 0; ++k) {
            Result<double> v = read_number(c, keys[k], col);
            if (!v) return v.error();
            q[k] = *v;
        }
        if (q[2] > q[3])
            return make_error("column \"%s\": \"low\" is above \"high\"", col.c_str());
        m_n_values.push_back(*n);
        m_q1.push_back(q[0]);
        m_q3.push_back(q[1]);
        m_low.push_back(q[2]);
        m_high.push_back(q[3]);
    }
    return Status();
}

void ClipIqrStep::clear() {
    m_q1.clear();
    m_q3.clear();
    m_low.clear();
    m_high.clear();
    m_n_values.clear();
}

// --- drop:zscore -------------------------------------------------------------------------

ZScoreDropStep::ZScoreDropStep(double threshold) : m_threshold(threshold) {
    MLPLAY_ASSERT(std::isfinite(threshold) && threshold > 0.0,
                  "the z-score threshold must be finite and > 0");
}

std::string ZScoreDropStep::name() const {
    return m_threshold == 3.0 ? "drop:zscore" : "drop:zscore:" + format_number(m_threshold);
}

std::string ZScoreDropStep::describe() const {
    return "drop training rows with |z| > " + format_number(m_threshold) +
           " (other data keeps its rows; they are flagged): " +
           columns_text(*this, "every numeric feature");
}

std::unique_ptr<PreprocessStep> ZScoreDropStep::clone() const {
    return std::make_unique<ZScoreDropStep>(*this);
}

bool ZScoreDropStep::accepts(ColumnKind kind, bool) const {
    return kind == ColumnKind::numeric;
}

Status ZScoreDropStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                                   const FitContext&) {
    for (size_t col : cols) {
        const std::vector<double> v = present_values(train.column(col));
        double mean = 0.0, var = 0.0;
        bool constant = true;
        if (!v.empty()) {
            mean_and_variance(v, mean, var);
            constant = is_constant_feature(var, mean, static_cast<double>(v.size()));
        }
        m_mean.push_back(mean);
        m_std.push_back(constant ? 0.0 : std::sqrt(var));
        m_constant.push_back(constant ? 1 : 0);
    }
    return Status();
}

Result<Dataset> ZScoreDropStep::apply(const Dataset& ds, const std::vector<size_t>& cols,
                                      bool training, StepEffects* effects) const {
    const size_t n = ds.n_rows();
    std::vector<char> outlier(n, 0);
    for (size_t i = 0; i < cols.size(); ++i) {
        if (m_constant[i]) continue;
        const Column& c = ds.column(cols[i]);
        std::vector<uint32_t> rows;
        for (size_t r = 0; r < n; ++r) {
            const double z = (static_cast<double>(c.values[r]) - m_mean[i]) / m_std[i];
            if (std::fabs(z) > m_threshold) { // NaN (missing) is never an outlier
                rows.push_back(static_cast<uint32_t>(r));
                outlier[r] = 1;
            }
        }
        record(effects, c.name, "outlier", std::move(rows));
    }

    std::vector<uint32_t> flagged, kept;
    for (size_t r = 0; r < n; ++r)
        (outlier[r] ? flagged : kept).push_back(static_cast<uint32_t>(r));
    if (!training) {
        if (effects) effects->flagged_rows = std::move(flagged);
        return ds;
    }
    if (kept.empty())
        return make_error("%s would drop all %zu training rows; raise the threshold",
                          name().c_str(), n);
    if (flagged.empty()) return ds;
    if (effects) effects->dropped_rows = std::move(flagged);
    return ds.select_rows(kept);
}

void ZScoreDropStep::save_column(size_t i, Json& out) const {
    out.set("mean", m_mean[i]);
    out.set("std", m_std[i]);
    out.set("constant", m_constant[i] != 0);
}

Status ZScoreDropStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const Json& c = *columns[i];
        const std::string& col = fitted_columns()[i];
        Result<double> mean = read_number(c, "mean", col);
        if (!mean) return mean.error();
        Result<double> sd = read_number(c, "std", col);
        if (!sd) return sd.error();
        Result<bool> constant = read_bool(c, "constant", col);
        if (!constant) return constant.error();
        if (!*constant && !(*sd > 0.0))
            return make_error("column \"%s\": \"std\" must be > 0 unless the column is "
                              "constant", col.c_str());
        m_mean.push_back(*mean);
        m_std.push_back(*sd);
        m_constant.push_back(*constant ? 1 : 0);
    }
    return Status();
}

void ZScoreDropStep::clear() {
    m_mean.clear();
    m_std.clear();
    m_constant.clear();
}

// --- scale:standard ----------------------------------------------------------------------

std::string StandardScaleStep::describe() const {
    return "standard scaling, (x - mean) / std from the training rows: " +
           columns_text(*this, "every numeric feature");
}

std::unique_ptr<PreprocessStep> StandardScaleStep::clone() const {
    return std::make_unique<StandardScaleStep>(*this);
}

bool StandardScaleStep::accepts(ColumnKind kind, bool) const {
    return kind == ColumnKind::numeric;
}

Status StandardScaleStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                                      const FitContext&) {
    for (size_t col : cols) {
        const std::vector<double> v = present_values(train.column(col));
        double mean = 0.0, var = 0.0, scale = 1.0;
        if (!v.empty()) {
            mean_and_variance(v, mean, var);
            if (!is_constant_feature(var, mean, static_cast<double>(v.size())))
                scale = std::sqrt(var);
        }
        m_mean.push_back(mean);
        m_var.push_back(var);
        m_scale.push_back(scale);
        m_n_values.push_back(v.size());
    }
    return Status();
}

Result<Dataset> StandardScaleStep::apply(const Dataset& ds, const std::vector<size_t>& cols,
                                         bool, StepEffects*) const {
    std::vector<std::vector<float>> values;
    for (size_t i = 0; i < cols.size(); ++i) {
        std::vector<float> v = ds.column(cols[i]).values;
        for (float& x : v)
            x = static_cast<float>((static_cast<double>(x) - m_mean[i]) / m_scale[i]);
        values.push_back(std::move(v));
    }
    return with_numeric_columns(ds, cols, std::move(values));
}

void StandardScaleStep::save_column(size_t i, Json& out) const {
    out.set("n_values", m_n_values[i]);
    out.set("mean", m_mean[i]);
    out.set("var", m_var[i]);
    out.set("scale", m_scale[i]);
}

Status StandardScaleStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const Json& c = *columns[i];
        const std::string& col = fitted_columns()[i];
        Result<size_t> n = read_count(c, "n_values", col);
        if (!n) return n.error();
        Result<double> mean = read_number(c, "mean", col);
        if (!mean) return mean.error();
        Result<double> var = read_number(c, "var", col);
        if (!var) return var.error();
        Result<double> scale = read_number(c, "scale", col);
        if (!scale) return scale.error();
        if (!(*scale > 0.0) || *var < 0.0)
            return make_error("column \"%s\": \"scale\" must be > 0 and \"var\" >= 0",
                              col.c_str());
        m_n_values.push_back(*n);
        m_mean.push_back(*mean);
        m_var.push_back(*var);
        m_scale.push_back(*scale);
    }
    return Status();
}

void StandardScaleStep::clear() {
    m_mean.clear();
    m_var.clear();
    m_scale.clear();
    m_n_values.clear();
}

// --- scale:minmax --------------------------------------------------------------------------

MinMaxScaleStep::MinMaxScaleStep(double lo, double hi) : m_lo(lo), m_hi(hi) {
    MLPLAY_ASSERT(std::isfinite(lo) && std::isfinite(hi) && lo < hi,
                  "the min-max range must be finite with lo < hi");
}

std::string MinMaxScaleStep::name() const {
    if (m_lo == 0.0 && m_hi == 1.0) return "scale:minmax";
    return "scale:minmax:" + format_number(m_lo) + ":" + format_number(m_hi);
}

std::string MinMaxScaleStep::describe() const {
    return "min-max scaling of the training range to [" + format_number(m_lo) + ", " +
           format_number(m_hi) + "]: " + columns_text(*this, "every numeric feature");
}

std::unique_ptr<PreprocessStep> MinMaxScaleStep::clone() const {
    return std::make_unique<MinMaxScaleStep>(*this);
}

bool MinMaxScaleStep::accepts(ColumnKind kind, bool) const {
    return kind == ColumnKind::numeric;
}

Status MinMaxScaleStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                                    const FitContext&) {
    for (size_t col : cols) {
        const std::vector<double> v = present_values(train.column(col));
        double lo = 0.0, hi = 0.0, scale = 1.0, offset = 0.0;
        if (!v.empty()) {
            lo = *std::min_element(v.begin(), v.end());
            hi = *std::max_element(v.begin(), v.end());
            const double range = hi - lo;
            scale = (m_hi - m_lo) / (range < 10.0 * kEps ? 1.0 : range);
            offset = m_lo - lo * scale;
        }
        m_min.push_back(lo);
        m_max.push_back(hi);
        m_scale.push_back(scale);
        m_offset.push_back(offset);
        m_n_values.push_back(v.size());
    }
    return Status();
}

Result<Dataset> MinMaxScaleStep::apply(const Dataset& ds, const std::vector<size_t>& cols, bool,
                                       StepEffects*) const {
    std::vector<std::vector<float>> values;
    for (size_t i = 0; i < cols.size(); ++i) {
        std::vector<float> v = ds.column(cols[i]).values;
        for (float& x : v)
            x = static_cast<float>(static_cast<double>(x) * m_scale[i] + m_offset[i]);
        values.push_back(std::move(v));
    }
    return with_numeric_columns(ds, cols, std::move(values));
}

void MinMaxScaleStep::save_column(size_t i, Json& out) const {
    out.set("n_values", m_n_values[i]);
    out.set("data_min", m_min[i]);
    out.set("data_max", m_max[i]);
    out.set("scale", m_scale[i]);
    out.set("offset", m_offset[i]);
}

void MinMaxScaleStep::save_extra(Json& out) const {
    out.set("range", Json::numbers({m_lo, m_hi}));
}

Status MinMaxScaleStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const Json& c = *columns[i];
        const std::string& col = fitted_columns()[i];
        Result<size_t> n = read_count(c, "n_values", col);
        if (!n) return n.error();
        double f[4];
        const char* keys[4] = {"data_min", "data_max", "scale", "offset"};
        for (int k = 0; k < 4; ++k) {
            Result<double> v = read_number(c, keys[k], col);
            if (!v) return v.error();
            f[k] = *v;
        }
        if (f[0] > f[1] || !(f[2] > 0.0))
            return make_error("column \"%s\": needs data_min <= data_max and scale > 0",
                              col.c_str());
        m_n_values.push_back(*n);
        m_min.push_back(f[0]);
        m_max.push_back(f[1]);
        m_scale.push_back(f[2]);
        m_offset.push_back(f[3]);
    }
    return Status();
}

void MinMaxScaleStep::clear() {
    m_min.clear();
    m_max.clear();
    m_scale.clear();
    m_offset.clear();
    m_n_values.clear();
}

} // namespace mlplay

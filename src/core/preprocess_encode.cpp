// mlplay core: encoders of categorical columns (see preprocess.h), as
// sklearn.preprocessing.OneHotEncoder and OrdinalEncoder: categories are the
// distinct strings of the training rows, sorted in code-point order (UTF-8
// byte order, the order of Python's sorted strings). Rows are matched to
// them by string, so a dataset whose categories are listed in another order
// (another CSV file) encodes the same way.
// Cost: fit O(n + k log k) per column; transform O(n + k log k) per column,
// plus O(n k) to write the one-hot columns.
#include "core/preprocess.h"

#include "core/preprocess_internal.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace mlplay {

using namespace preprocess_detail;

namespace {

// Learned categories must be sorted and distinct.
Status check_sorted(const std::vector<std::string>& cats, const std::string& column) {
    for (size_t k = 1; k < cats.size(); ++k)
        if (!(cats[k - 1] < cats[k]))
            return make_error("column \"%s\": \"categories\" must be sorted and distinct",
                              column.c_str());
    return Status();
}

Error unseen_error(const Column& c, size_t row, const char* fix) {
    const float v = c.values[row];
    const std::string what =
        std::isnan(v) ? std::string("a missing value")
                      : "the category \"" + c.categories[static_cast<size_t>(v)] + "\"";
    return make_error("column \"%s\", row %zu: %s was not in the training data; %s",
                      c.name.c_str(), row + 1, what.c_str(), fix);
}

} // namespace

// --- onehot ------------------------------------------------------------------------------

OneHotStep::OneHotStep(bool error_on_unknown) : m_error_on_unknown(error_on_unknown) {}

std::string OneHotStep::name() const { return m_error_on_unknown ? "onehot:error" : "onehot"; }

std::string OneHotStep::describe() const {
    std::string s = std::string("one-hot encoding, a 0/1 column per training category (an "
                                "unseen category: ") +
                    (m_error_on_unknown ? "an error" : "all zeros") +
                    "): " + columns_text(*this, "every categorical feature");
    if (fitted()) {
        size_t n_out = 0;
        for (const auto& o : m_outputs) n_out += o.size();
        s += " -> " + std::to_string(n_out) + " columns";
    }
    return s;
}

std::unique_ptr<PreprocessStep> OneHotStep::clone() const {
    return std::make_unique<OneHotStep>(*this);
}

bool OneHotStep::accepts(ColumnKind kind, bool) const {
    return kind == ColumnKind::categorical;
}

void OneHotStep::set_outputs() {
    m_outputs.clear();
    for (size_t i = 0; i < m_categories.size(); ++i) {
        std::vector<std::string> names;
        for (const std::string& cat : m_categories[i])
            names.push_back(fitted_columns()[i] + "_" + cat);
        if (m_has_missing[i]) names.push_back(fitted_columns()[i] + "_nan");
        m_outputs.push_back(std::move(names));
    }
}

namespace {

// The one-hot columns must not take the name of a column kept as it is, nor
// of each other.
Status check_output_names(const Dataset& ds, const std::vector<size_t>& cols,
                          const std::vector<std::vector<std::string>>& outputs) {
    std::set<std::string> taken;
    for (size_t j = 0; j < ds.n_columns(); ++j)
        if (std::find(cols.begin(), cols.end(), j) == cols.end())
            taken.insert(ds.column_name(j));
    for (size_t i = 0; i < outputs.size(); ++i)
        for (const std::string& name : outputs[i])
            if (!taken.insert(name).second)
                return make_error("one-hot encoding column \"%s\" makes a column \"%s\", a name "
                                  "already taken; rename that column or category",
                                  ds.column_name(cols[i]).c_str(), name.c_str());
    return Status();
}

} // namespace

Status OneHotStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                               const FitContext&) {
    for (size_t col : cols) {
        bool missing = false;
        m_categories.push_back(sorted_present_categories(train.column(col), &missing));
        m_has_missing.push_back(missing ? 1 : 0);
    }
    set_outputs();
    return check_output_names(train, cols, m_outputs);
}

Result<Dataset> OneHotStep::apply(const Dataset& ds, const std::vector<size_t>& cols, bool,
                                  StepEffects* effects) const {
    if (Status s = check_output_names(ds, cols, m_outputs); !s) return s.error();
    const std::vector<int> pos = column_positions(ds.n_columns(), cols);
    const size_t n = ds.n_rows();
    Dataset out;
    for (size_t j = 0; j < ds.n_columns(); ++j) {
        const Column& c = ds.column(j);
        if (pos[j] < 0) {
            append_copy(out, c);
            continue;
        }
        const size_t i = static_cast<size_t>(pos[j]);
        const size_t k = m_categories[i].size();
        const std::vector<int> lookup = category_lookup(c.categories, m_categories[i]);

        // (n, k [+ 1 for missing]) of zeros, then one 1 per known row
        std::vector<std::vector<float>> onehot(m_outputs[i].size(), std::vector<float>(n, 0.0f));
        std::vector<uint32_t> unseen;
        for (size_t r = 0; r < n; ++r) {
            const float v = c.values[r];
            const int hot = std::isnan(v) ? (m_has_missing[i] ? static_cast<int>(k) : -1)
                                          : lookup[static_cast<size_t>(v)];
            if (hot >= 0) {
                onehot[static_cast<size_t>(hot)][r] = 1.0f;
                continue;
            }
            if (m_error_on_unknown)
                return unseen_error(c, r, "use onehot (unseen categories become all zeros) "
                                          "or train on rows that hold it");
            unseen.push_back(static_cast<uint32_t>(r));
        }
        record(effects, c.name, "unknown", std::move(unseen));
        for (size_t o = 0; o < onehot.size(); ++o)
            if (Status s = append_numeric(out, m_outputs[i][o], std::move(onehot[o])); !s)
                return s.error();
    }
    return out;
}

void OneHotStep::save_column(size_t i, Json& out) const {
    out.set("categories", strings_json(m_categories[i]));
    out.set("missing", m_has_missing[i] != 0);
    out.set("outputs", strings_json(m_outputs[i]));
}

Status OneHotStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const std::string& col = fitted_columns()[i];
        Result<std::vector<std::string>> cats = read_strings(*columns[i], "categories", col);
        if (!cats) return cats.error();
        if (Status s = check_sorted(*cats, col); !s) return s;
        Result<bool> missing = read_bool(*columns[i], "missing", col);
        if (!missing) return missing.error();
        m_categories.push_back(std::move(*cats));
        m_has_missing.push_back(*missing ? 1 : 0);
    }
    set_outputs();
    return Status();
}

void OneHotStep::clear() {
    m_categories.clear();
    m_has_missing.clear();
    m_outputs.clear();
}

// --- ordinal -----------------------------------------------------------------------------

OrdinalStep::OrdinalStep(std::optional<double> unknown_code) : m_unknown_code(unknown_code) {
    MLPLAY_ASSERT(!unknown_code || std::isfinite(*unknown_code),
                  "the code for unseen categories must be finite");
}

std::string OrdinalStep::name() const {
    return m_unknown_code ? "ordinal:" + format_number(*m_unknown_code) : "ordinal";
}

std::string OrdinalStep::describe() const {
    return "ordinal encoding, sorted training categories coded 0, 1, ... (an unseen category: " +
           (m_unknown_code ? "coded " + format_number(*m_unknown_code) : "an error") +
           "): " + columns_text(*this, "every categorical feature");
}

std::unique_ptr<PreprocessStep> OrdinalStep::clone() const {
    return std::make_unique<OrdinalStep>(*this);
}

bool OrdinalStep::accepts(ColumnKind kind, bool) const {
    return kind == ColumnKind::categorical;
}

Status OrdinalStep::fit_columns(const Dataset& train, const std::vector<size_t>& cols,
                                const FitContext&) {
    for (size_t col : cols) {
        bool missing = false;
        m_categories.push_back(sorted_present_categories(train.column(col), &missing));
        m_has_missing.push_back(missing ? 1 : 0);
    }
    return Status();
}

Result<Dataset> OrdinalStep::apply(const Dataset& ds, const std::vector<size_t>& cols, bool,
                                   StepEffects* effects) const {
    std::vector<std::vector<float>> values;
    for (size_t i = 0; i < cols.size(); ++i) {
        const Column& c = ds.column(cols[i]);
        const std::vector<int> lookup = category_lookup(c.categories, m_categories[i]);
        std::vector<float> v = c.values;
        std::vector<uint32_t> unseen;
        for (size_t r = 0; r < v.size(); ++r) {
            // missing stays missing when training had missing values, as sklearn's
            if (std::isnan(v[r]) && m_has_missing[i]) continue;
            const int code = std::isnan(v[r]) ? -1 : lookup[static_cast<size_t>(v[r])];
            if (code >= 0) {
                v[r] = static_cast<float>(code);
                continue;
            }
            if (!m_unknown_code)
                return unseen_error(c, r, "use ordinal:-1 to give unseen categories a code, "
                                          "or onehot");
            v[r] = static_cast<float>(*m_unknown_code);
            unseen.push_back(static_cast<uint32_t>(r));
        }
        record(effects, c.name, "unknown", std::move(unseen));
        values.push_back(std::move(v));
    }
    return with_numeric_columns(ds, cols, std::move(values));
}

void OrdinalStep::save_column(size_t i, Json& out) const {
    out.set("categories", strings_json(m_categories[i]));
    out.set("missing", m_has_missing[i] != 0);
}

Status OrdinalStep::load_columns(const std::vector<const Json*>& columns, const Json&) {
    for (size_t i = 0; i < columns.size(); ++i) {
        const std::string& col = fitted_columns()[i];
        Result<std::vector<std::string>> cats = read_strings(*columns[i], "categories", col);
        if (!cats) return cats.error();
        if (Status s = check_sorted(*cats, col); !s) return s;
        Result<bool> missing = read_bool(*columns[i], "missing", col);
        if (!missing) return missing.error();
        m_categories.push_back(std::move(*cats));
        m_has_missing.push_back(*missing ? 1 : 0);
    }
    return Status();
}

void OrdinalStep::clear() {
    m_categories.clear();
    m_has_missing.clear();
}

} // namespace mlplay

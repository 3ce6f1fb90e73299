// mlplay core: Dataset (see dataset.h). Every operation is one pass over the
// cells it touches: O(rows x columns); checking that categories are distinct
// sorts them, O(k log k).
#include "core/dataset.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

namespace mlplay {

Status Dataset::check_new_column(const std::string& name, size_t n_values) const {
    if (find_column(name) >= 0)
        return make_error("column \"%s\" appears twice; give each column its own name",
                          name.c_str());
    if (!m_columns.empty() && n_values != n_rows())
        return make_error("column \"%s\" has %zu values but the dataset has %zu rows",
                          name.c_str(), n_values, n_rows());
    return Status();
}

Status Dataset::add_column(std::string name, std::vector<float> values) {
    if (Status s = check_new_column(name, values.size()); !s) return s;
    m_columns.push_back(Column{std::move(name), std::move(values), ColumnKind::numeric, {}});
    return Status();
}

Status Dataset::add_categorical_column(std::string name, std::vector<float> codes,
                                       std::vector<std::string> categories) {
    if (Status s = check_new_column(name, codes.size()); !s) return s;
    const size_t k = categories.size();
    if (k > max_categories)
        return make_error("column \"%s\" has %zu categories, more than the %zu a column can "
                          "index; is it an ID? drop it", name.c_str(), k, max_categories);

    // Distinct categories: sort views and compare neighbours.
    std::vector<std::string_view> sorted(categories.begin(), categories.end());
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i] == sorted[i - 1])
            return make_error("column \"%s\": the category \"%s\" is listed twice; "
                              "list each category once", name.c_str(),
                              std::string(sorted[i]).c_str());

    for (size_t i = 0; i < codes.size(); ++i) {
        float c = codes[i];
        if (std::isnan(c)) continue;
        if (!(c >= 0.0f && c < static_cast<float>(k) && c == std::floor(c)))
            return make_error("column \"%s\", row %zu: %g is not a category index; use "
                              "0 to %zu for its %zu categories, or NaN for a missing cell",
                              name.c_str(), i + 1, static_cast<double>(c),
                              k == 0 ? size_t(0) : k - 1, k);
    }
    m_columns.push_back(Column{std::move(name), std::move(codes), ColumnKind::categorical,
                               std::move(categories)});
    return Status();
}

Status Dataset::add_categorical_column(std::string name,
                                       const std::vector<std::string>& labels) {
    std::vector<float> codes;
    codes.reserve(labels.size());
    std::vector<std::string> categories;
    std::unordered_map<std::string, size_t> index;
    for (const std::string& label : labels) {
        if (label.empty()) {
            codes.push_back(NAN);
            continue;
        }
        auto [it, added] = index.emplace(label, categories.size());
        if (added) {
            if (categories.size() == max_categories)
                return make_error("column \"%s\" has more than %zu distinct labels; is it an "
                                  "ID? drop it", name.c_str(), max_categories);
            categories.push_back(label);
        }
        codes.push_back(static_cast<float>(it->second));
    }
    return add_categorical_column(std::move(name), std::move(codes), std::move(categories));
}

std::vector<std::string> Dataset::column_names() const {
    std::vector<std::string> names;
    names.reserve(m_columns.size());
    for (const Column& c : m_columns) names.push_back(c.name);
    return names;
}

size_t Dataset::n_missing(size_t col) const {
    const std::vector<float>& v = m_columns[col].values;
    return static_cast<size_t>(
        std::count_if(v.begin(), v.end(), [](float x) { return std::isnan(x); }));
}

std::vector<size_t> Dataset::missing_counts() const {
    std::vector<size_t> counts;
    counts.reserve(m_columns.size());
    for (size_t j = 0; j < m_columns.size(); ++j) counts.push_back(n_missing(j));
    return counts;
}

int Dataset::find_column(const std::string& name) const {
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name == name) return static_cast<int>(i);
    return -1;
}

Result<size_t> Dataset::require_column(const std::string& name) const {
    int i = find_column(name);
    if (i >= 0) return static_cast<size_t>(i);

    std::string known;
    for (const Column& c : m_columns) {
        if (!known.empty()) known += ", ";
        known += "\"" + c.name + "\"";
    }
    return make_error("no column named \"%s\"; the columns are: %s", name.c_str(),
                      known.empty() ? "(none)" : known.c_str());
}

std::string Dataset::cell_text(size_t row, size_t col) const {
    const Column& c = m_columns[col];
    float v = c.values[row];
    if (std::isnan(v)) return std::string();
    if (c.kind == ColumnKind::categorical) return c.categories[static_cast<size_t>(v)];
    // 9 significant digits read back the same float32.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
    return buf;
}

Dataset Dataset::select_rows(const std::vector<uint32_t>& rows) const {
    Dataset out;
    out.m_columns.reserve(m_columns.size());
    for (const Column& c : m_columns) {
        Column picked{c.name, {}, c.kind, c.categories};
        picked.values.reserve(rows.size());
        for (uint32_t r : rows) {
            MLPLAY_ASSERT(r < c.values.size(), "row index out of range");
            picked.values.push_back(c.values[r]);
        }
        out.m_columns.push_back(std::move(picked));
    }
    return out;
}

Dataset Dataset::select_columns(const std::vector<size_t>& cols) const {
    Dataset out;
    for (size_t c : cols) {
        MLPLAY_ASSERT(c < m_columns.size(), "column index out of range");
        out.m_columns.push_back(m_columns[c]);
    }
    return out;
}

MatrixF Dataset::to_matrix(const std::vector<size_t>& cols) const {
    MatrixF m(static_cast<Eigen::Index>(n_rows()), static_cast<Eigen::Index>(cols.size()));
    for (size_t j = 0; j < cols.size(); ++j) {
        const std::vector<float>& v = m_columns[cols[j]].values;
        for (size_t i = 0; i < v.size(); ++i)
            m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v[i];
    }
    return m;
}

VectorF Dataset::to_vector(size_t col) const {
    const std::vector<float>& v = m_columns[col].values;
    return Eigen::Map<const VectorF>(v.data(), static_cast<Eigen::Index>(v.size()));
}

std::vector<size_t> Dataset::columns_except(size_t exclude) const {
    std::vector<size_t> cols;
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (i != exclude) cols.push_back(i);
    return cols;
}

Result<SupervisedData> supervised_data(const Dataset& ds, const std::string& target) {
    Result<size_t> t = ds.require_column(target);
    if (!t) return t.error();
    if (ds.n_columns() < 2)
        return make_error("the dataset has only the target column \"%s\"; "
                          "a model needs at least one feature column", target.c_str());
    if (ds.n_rows() == 0) return make_error("the dataset has no rows to learn from");

    std::vector<size_t> features = ds.columns_except(*t);
    for (size_t c : features)
        if (ds.is_categorical(c))
            return make_error("column \"%s\" is categorical: one-hot or ordinal encode it "
                              "first (or drop it)", ds.column_name(c).c_str());

    SupervisedData d;
    d.X = ds.to_matrix(features);
    d.y = ds.to_vector(*t);
    d.target_name = target;
    d.target_categories = ds.categories(*t);
    for (size_t c : features) d.feature_names.push_back(ds.column_name(c));

    for (Eigen::Index i = 0; i < d.X.rows(); ++i) {
        for (Eigen::Index j = 0; j < d.X.cols(); ++j)
            if (!std::isfinite(d.X(i, j)))
                return make_error("column \"%s\" has a missing or infinite value in row %lld; "
                                  "remove the row or impute the column first",
                                  d.feature_names[static_cast<size_t>(j)].c_str(),
                                  static_cast<long long>(i) + 1);
        if (!std::isfinite(d.y(i)))
            return make_error("target \"%s\" has a missing or infinite value in row %lld; "
                              "rows without a target cannot be used for training",
                              target.c_str(), static_cast<long long>(i) + 1);
    }
    return d;
}

Result<MatrixF> feature_matrix(const Dataset& ds, const std::vector<std::string>& names) {
    std::vector<size_t> cols;
    for (const std::string& name : names) {
        Result<size_t> c = ds.require_column(name);
        if (!c) return c.error();
        if (ds.is_categorical(*c))
            return make_error("column \"%s\" is categorical: encode it as the model's training "
                              "data was", name.c_str());
        if (ds.n_missing(*c) > 0)
            return make_error("column \"%s\" has %zu missing values; impute them first",
                              name.c_str(), ds.n_missing(*c));
        cols.push_back(*c);
    }
    return ds.to_matrix(cols);
}

ClassLabels class_labels(const VectorF& y) {
    ClassLabels out;
    out.classes.assign(y.data(), y.data() + y.size());
    std::sort(out.classes.begin(), out.classes.end());
    out.classes.erase(std::unique(out.classes.begin(), out.classes.end()), out.classes.end());
    out.index.resize(static_cast<size_t>(y.size()));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        out.index[static_cast<size_t>(i)] = static_cast<int>(
            std::lower_bound(out.classes.begin(), out.classes.end(), y(i)) - out.classes.begin());
    return out;
}

Result<ClassLabels> classifier_labels(const VectorF& y) {
    ClassLabels labels = class_labels(y);
    if (labels.classes.size() < 2)
        return make_error("the training rows hold one class only (%g); a classifier needs at "
                          "least two (stratify the split or add rows)",
                          labels.classes.empty() ? 0.0 : labels.classes[0]);
    if (labels.classes.size() > 1000)
        return make_error("the target has %zu distinct values; is it a regression target?",
                          labels.classes.size());
    return labels;
}

} // namespace mlplay

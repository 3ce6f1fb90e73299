#include "core/dataset.h"

#include <cmath>

namespace mlplay {

Status Dataset::add_column(std::string name, std::vector<float> values) {
    if (find_column(name) >= 0)
        return make_error("column \"%s\" appears twice; give each column its own name",
                          name.c_str());
    if (!m_columns.empty() && values.size() != n_rows())
        return make_error("column \"%s\" has %zu values but the dataset has %zu rows",
                          name.c_str(), values.size(), n_rows());
    m_columns.push_back(Column{std::move(name), std::move(values)});
    return Status();
}

std::vector<std::string> Dataset::column_names() const {
    std::vector<std::string> names;
    names.reserve(m_columns.size());
    for (const Column& c : m_columns) names.push_back(c.name);
    return names;
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

Dataset Dataset::select_rows(const std::vector<uint32_t>& rows) const {
    Dataset out;
    out.m_columns.reserve(m_columns.size());
    for (const Column& c : m_columns) {
        Column picked{c.name, {}};
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

    SupervisedData d;
    std::vector<size_t> features = ds.columns_except(*t);
    d.X = ds.to_matrix(features);
    d.y = ds.to_vector(*t);
    d.target_name = target;
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

} // namespace mlplay

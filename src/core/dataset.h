// mlplay core: Dataset, a table of named columns.
//
// Columns are stored one vector each, in float32 (the precision the SIMD and
// WebGPU paths compute in); a missing value is NaN. Names are UTF-8 and kept
// byte for byte, so 面积 or "prix (€)" survive a round trip.
//
// A Dataset is a value: copying it copies the data. Row selection (for
// splits) makes a new Dataset; models read features through to_matrix().
#pragma once

#include "core/error.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace mlplay {

// Row-major would suit streaming; column-major suits Eigen and per-feature
// statistics, which is what every model here does first.
using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;
using VectorF = Eigen::Matrix<float, Eigen::Dynamic, 1>;
using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

struct Column {
    std::string name;
    std::vector<float> values;
};

class Dataset {
public:
    Dataset() = default;

    size_t n_rows() const { return m_columns.empty() ? 0 : m_columns[0].values.size(); }
    size_t n_columns() const { return m_columns.size(); }

    // Appends a column; fails if the name is taken or the length differs.
    Status add_column(std::string name, std::vector<float> values);

    const Column& column(size_t i) const { return m_columns[i]; }
    const std::string& column_name(size_t i) const { return m_columns[i].name; }
    std::vector<std::string> column_names() const;

    // Index of the column with this exact name, or -1.
    int find_column(const std::string& name) const;
    // Same, but an Error that lists the available names when missing.
    Result<size_t> require_column(const std::string& name) const;

    float at(size_t row, size_t col) const { return m_columns[col].values[row]; }

    // The rows at these indices, in this order (indices must be < n_rows()).
    Dataset select_rows(const std::vector<uint32_t>& rows) const;
    // Only these columns, in this order.
    Dataset select_columns(const std::vector<size_t>& cols) const;

    // (n_rows, cols.size()) matrix of the chosen columns.
    MatrixF to_matrix(const std::vector<size_t>& cols) const;
    VectorF to_vector(size_t col) const;

    // Every column except `exclude`, in table order.
    std::vector<size_t> columns_except(size_t exclude) const;

private:
    std::vector<Column> m_columns;
};

// Splits a dataset into the features (every column but the target) and the
// target column, with errors that name the problem: unknown target, no
// feature left, missing values.
struct SupervisedData {
    MatrixF X; // (n_samples, n_features)
    VectorF y; // (n_samples)
    std::vector<std::string> feature_names;
    std::string target_name;
};
Result<SupervisedData> supervised_data(const Dataset& ds, const std::string& target);

} // namespace mlplay

// mlplay core: Dataset, a table of named columns.
//
// Columns are stored one vector each, in float32 (the precision the SIMD and
// WebGPU paths compute in); a missing value is NaN. Names are UTF-8 and kept
// byte for byte, so 面积 or "prix (€)" survive a round trip.
//
// A column is numeric or categorical. A categorical column (a CSV column of
// text, such as a city or a grade) holds in `values` the index of each row's
// category, as a float (0, 1, 2, ...; NaN when missing), and keeps the
// category strings in `categories`, in the order they were first seen:
//
//   city: values {0, 1, 0, NaN}, categories {"Paris", "Lyon"}
//   means the rows Paris, Lyon, Paris, (missing).
//
// Category indices are exact in float32 up to 2^24, the limit on the number
// of categories of one column (more distinct strings than that is an ID, not
// a category).
//
// A Dataset is a value: copying it copies the data. Row selection (for
// splits) makes a new Dataset; models read features through to_matrix().
// Cost: every operation is O(rows x columns) at most; n_missing is O(rows).
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

enum class ColumnKind { numeric, categorical };

// Categories of one column cannot exceed this: larger indices are not exact
// in float32.
constexpr size_t max_categories = size_t(1) << 24;

struct Column {
    std::string name;
    // numeric: the values; categorical: category indices. NaN: missing.
    std::vector<float> values;
    ColumnKind kind = ColumnKind::numeric;
    // categorical only: index -> text, in first-seen order, all distinct.
    std::vector<std::string> categories;
};

class Dataset {
public:
    Dataset() = default;

    size_t n_rows() const { return m_columns.empty() ? 0 : m_columns[0].values.size(); }
    size_t n_columns() const { return m_columns.size(); }

    // Appends a numeric column; fails if the name is taken or the length differs.
    Status add_column(std::string name, std::vector<float> values);
    // Appends a categorical column. codes[i] is NaN (missing) or an index
    // into categories; categories must be distinct. Fails, naming the bad
    // row or category, otherwise.
    Status add_categorical_column(std::string name, std::vector<float> codes,
                                  std::vector<std::string> categories);
    // Same, from one text label per row: categories in first-seen order, an
    // empty label is missing.
    Status add_categorical_column(std::string name, const std::vector<std::string>& labels);

    const Column& column(size_t i) const { return m_columns[i]; }
    const std::string& column_name(size_t i) const { return m_columns[i].name; }
    std::vector<std::string> column_names() const;

    ColumnKind kind(size_t col) const { return m_columns[col].kind; }
    bool is_categorical(size_t col) const { return kind(col) == ColumnKind::categorical; }
    // The category strings of a categorical column; empty for a numeric one.
    const std::vector<std::string>& categories(size_t col) const {
        return m_columns[col].categories;
    }

    // Missing (NaN) cells of one column, and of every column in table order.
    size_t n_missing(size_t col) const;
    std::vector<size_t> missing_counts() const;

    // Index of the column with this exact name, or -1.
    int find_column(const std::string& name) const;
    // Same, but an Error that lists the available names when missing.
    Result<size_t> require_column(const std::string& name) const;

    // The stored float: a value, or a category index for a categorical column.
    float at(size_t row, size_t col) const { return m_columns[col].values[row]; }
    // The cell as a user reads it: the number (9 significant digits), the
    // category string, or "" when missing.
    std::string cell_text(size_t row, size_t col) const;

    // The rows at these indices, in this order (indices must be < n_rows()).
    // Categorical columns keep all their categories, in the same order, so
    // a training and a test set share one coding.
    Dataset select_rows(const std::vector<uint32_t>& rows) const;
    // Only these columns, in this order, with their kinds and categories.
    Dataset select_columns(const std::vector<size_t>& cols) const;

    // (n_rows, cols.size()) matrix of the chosen columns (category indices
    // for categorical ones: encode them before a model reads them).
    MatrixF to_matrix(const std::vector<size_t>& cols) const;
    VectorF to_vector(size_t col) const;

    // Every column except `exclude`, in table order.
    std::vector<size_t> columns_except(size_t exclude) const;

private:
    Status check_new_column(const std::string& name, size_t n_values) const;

    std::vector<Column> m_columns;
};

// Splits a dataset into the features (every column but the target) and the
// target column, with errors that name the problem: unknown target, no
// feature left, a categorical feature (encode it first), missing values.
//
// A categorical target is accepted, for classification: y then holds the
// category index of each row (0 .. k-1) and target_categories the k strings,
// so target_categories[y(i)] is row i's class. For a numeric target,
// target_categories is empty; a regression model should refuse a target
// whose target_categories is not empty.
struct SupervisedData {
    MatrixF X; // (n_samples, n_features)
    VectorF y; // (n_samples)
    std::vector<std::string> feature_names;
    std::string target_name;
    std::vector<std::string> target_categories;
};
Result<SupervisedData> supervised_data(const Dataset& ds, const std::string& target);

// The classes of a classification target: its distinct values sorted, and
// each row's index into them (0 .. k-1). Models keep `classes` to turn a
// predicted index back into the label the user gave.
struct ClassLabels {
    std::vector<float> classes;
    std::vector<int> index; // one per row of y
};
ClassLabels class_labels(const VectorF& y);
// The same for training a classifier: an error for fewer than two classes,
// or for more than 1000 (more likely a regression target).
Result<ClassLabels> classifier_labels(const VectorF& y);

// The named columns as a feature matrix (n_rows, names.size()), for
// predicting with a model fitted on those features: errors name a column
// that is missing, categorical, or holds missing values.
Result<MatrixF> feature_matrix(const Dataset& ds, const std::vector<std::string>& names);

} // namespace mlplay

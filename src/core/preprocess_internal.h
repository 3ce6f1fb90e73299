// mlplay core: helpers shared by the preprocessing steps (preprocess*.cpp);
// not part of the public API. Building a Dataset column by column, reading
// learned fields back from Json with errors that name them, spec tokens.
// Cost: each helper is one pass over the cells it touches.
#pragma once

#include "core/dataset.h"
#include "core/json.h"
#include "core/preprocess.h"

#include <optional>
#include <string>
#include <vector>

namespace mlplay::preprocess_detail {

// --- text ------------------------------------------------------------------------------

// Shortest text that reads back as the same double: "1.5", "0.1", "-3".
std::string format_number(double v);
// A finite number written in full ("1.5", "-2e3"), else nullopt.
std::optional<double> parse_number(const std::string& text);
// A name, argument or column as the spec grammar writes it: bare when it
// can be, else in double quotes with "" for a quote.
std::string spec_token(const std::string& text);
const char* kind_name(ColumnKind kind);
// The columns a step acts on, for describe(): once fitted "2 columns (a, b)"
// or "no column"; before, the named columns or `default_set`.
std::string columns_text(const PreprocessStep& step, const char* default_set);

// --- building datasets ---------------------------------------------------------------

// The non-missing values of a column, as double, in row order.
std::vector<double> present_values(const Column& c);
// Appends a copy of c (numeric or categorical) to out; names are unique
// (asserted: they come from a valid Dataset).
void append_copy(Dataset& out, const Column& c);
// Appends a numeric column; an Error when the name is taken.
Status append_numeric(Dataset& out, const std::string& name, std::vector<float> values);
// Position of each column of a dataset among a step's columns, or -1.
std::vector<int> column_positions(size_t n_columns, const std::vector<size_t>& cols);
// A copy of ds in which column cols[i] holds values[i] (numeric).
Dataset with_numeric_columns(const Dataset& ds, const std::vector<size_t>& cols,
                             std::vector<std::vector<float>> values);
// For each of a column's categories, its index in `learned` (sorted), or -1.
std::vector<int> category_lookup(const std::vector<std::string>& column_categories,
                                 const std::vector<std::string>& learned);
// The distinct categories that occur in the rows of a categorical column,
// in code-point order (sklearn's np.unique of the strings); *has_missing
// says whether a row is missing.
std::vector<std::string> sorted_present_categories(const Column& c, bool* has_missing);

// sklearn's _is_constant_feature: a variance within rounding of zero.
bool is_constant_feature(double var, double mean, double n);

// Adds a CellEffects to effects (when given and rows is not empty).
void record(StepEffects* effects, const std::string& column, const char* action,
            std::vector<uint32_t> rows);

// --- reading learned state -----------------------------------------------------------

Result<double> read_number(const Json& obj, const char* key, const std::string& column);
Result<size_t> read_count(const Json& obj, const char* key, const std::string& column);
Result<bool> read_bool(const Json& obj, const char* key, const std::string& column);
Result<std::string> read_string(const Json& obj, const char* key, const std::string& column);
Result<std::vector<std::string>> read_strings(const Json& obj, const char* key,
                                              const std::string& column);
Json strings_json(const std::vector<std::string>& items);

} // namespace mlplay::preprocess_detail

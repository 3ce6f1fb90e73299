// mlplay core: CSV reading and writing.
//
// Reads the CSV files people actually have:
// - RFC 4180 quoting: double quotes around a field, a quote inside doubled;
//   delimiters and line breaks may appear inside quotes;
// - UTF-8 with or without a byte order mark; CRLF, LF or CR line ends;
// - the delimiter ',', ';' or tab, detected unless given: the candidate that
//   splits the first 20 records (within 64 KiB) into one same number of
//   fields, more than one, wins; then the one that read more records, then
//   the one with more fields, then the first of ',' ';' tab. When none is
//   consistent (ragged rows), the one whose first record has the most
//   agreeing successors, so the error shows where the rows disagree;
// - a header line, detected unless told: the first record is data, not a
//   header, when every field of it is a number or a missing cell (and one
//   at least is a number); the columns are then named column_1 .. column_n
//   (CsvInfo::has_header says which was found);
// - missing cells: empty, NA, N/A, n/a, #N/A, NaN, nan, null, NULL, None,
//   <NA>, ? (quoted or not); they become NaN;
// - numbers: [+-]digits[.digits][e[+-]digits] (no inf, hex, or decimal
//   comma); they must fit in float32 (about 3.4e38);
// - unquoted cells and names lose surrounding spaces and tabs; quoted text
//   is kept as written;
// - text must be UTF-8; a control byte (NUL and the like) means the input
//   is binary, as do zip, gzip and UTF-16 signatures at its start.
//
// Numeric or categorical: each column's kind comes from its non-missing
// cells in the first 1000 data rows. When at least half of them are numbers
// the column is numeric, and a cell that is not a number, there or later, is
// an error that names it. Otherwise the column is categorical: every cell is
// text (numbers included) and becomes a category, in first-seen order (see
// dataset.h). A column with no value in those rows takes the kind of its
// first value. CsvOptions::categorical_columns forces a column categorical
// (codes such as zip codes, which look like numbers).
//
// An error about a record or a cell names its line and column (1-based,
// counted in the file's lines, so a quoted line break counts) and what to
// do; a failed read returns only the Error, never part of a Dataset.
//
// Cost: one pass over the text, O(bytes), plus a re-scan of the first 1000
// rows to decide the kinds. Memory: the parsed columns (4 bytes a cell),
// the category strings, and no copy of the cells' text. read_csv(istream)
// reads in 1 MiB chunks and keeps only the unparsed text (and, until the
// kinds are decided, the first 1000 rows or 8 MiB of them), so the runner
// can parse a large file from an std::ifstream without loading it whole.
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace mlplay {

enum class CsvHeader { detect, yes, no };

struct CsvOptions {
    // ',' ';' '\t' or any other byte but a quote or a line break; 0 detects
    char delimiter = 0;
    CsvHeader has_header = CsvHeader::detect;
    // Limits, 0 for none: data rows, and bytes of input; past them the read
    // fails with an Error that names the limit.
    size_t max_rows = 0;
    size_t max_bytes = 0;
    // Columns to read as categorical whatever they hold (by header name).
    std::vector<std::string> categorical_columns;
};

// What read_csv found, filled only when it succeeds.
struct CsvInfo {
    char delimiter = ',';
    bool has_header = true; // false: the first record was data
    size_t n_bytes = 0;     // bytes read, byte order mark included
};

Result<Dataset> read_csv(std::string_view text, const CsvOptions& options = {},
                         CsvInfo* info = nullptr);
// Same, reading the stream in chunks until its end.
Result<Dataset> read_csv(std::istream& in, const CsvOptions& options = {},
                         CsvInfo* info = nullptr);

// Header plus one line per row, LF line ends; numbers printed with enough
// digits to read back the same float32; names and category strings quoted
// when they hold a quote, a line break, surrounding spaces or any of , ; tab;
// missing values as empty cells ("" in a one-column table, where an empty
// line would be skipped). read_csv(write_csv(ds)) gives back the same cells,
// except where the reader cannot tell: a category spelled like a missing
// cell ("NA") reads back missing, a categorical column whose categories all
// look like numbers reads back numeric (unless categorical_columns names
// it), and categories come back in first-seen order.
std::string write_csv(const Dataset& ds, char delimiter = ',');

} // namespace mlplay

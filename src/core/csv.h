// mlplay core: CSV reading and writing.
//
// Reads RFC 4180 text: fields separated by a delimiter (',' ';' or tab,
// detected from the header line unless given), optional double quotes around
// a field (a quote inside is doubled; commas and newlines may appear inside),
// CRLF or LF line ends, an optional UTF-8 byte order mark. The first record is
// the header. Cells that are empty, NA, NaN, ?, or null are missing (NaN).
//
// Every error names the line and column of the problem and what to do.
// Cost: one pass over the text, O(bytes).
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <string>
#include <string_view>

namespace mlplay {

struct CsvOptions {
    char delimiter = 0; // 0: detect from the header line
};

Result<Dataset> read_csv(std::string_view text, const CsvOptions& options = {});

// Header plus one line per row; numbers printed with enough digits to read
// back the same float32; missing values as empty cells.
std::string write_csv(const Dataset& ds, char delimiter = ',');

} // namespace mlplay

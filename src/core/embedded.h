// mlplay core: files embedded into the binary at build time (data tables,
// WGSL shaders). The build generates the table from the files named in
// CMakeLists.txt; see cmake/embed.cmake.
#pragma once

#include <string_view>

namespace mlplay {

// The bytes of an embedded file by its base name; empty if unknown.
std::string_view embedded_file(std::string_view name);

} // namespace mlplay

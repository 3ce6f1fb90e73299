// Helpers shared by the doctest files.
#pragma once

#include "core/datasets.h"

#include <doctest/doctest.h>

namespace mlplay::test {

// A built-in table split into features and its "target" column.
inline SupervisedData builtin_table(const char* name) {
    auto ds = load_builtin_dataset(name);
    REQUIRE(ds.ok());
    auto d = supervised_data(*ds, "target");
    REQUIRE(d.ok());
    return *d;
}

} // namespace mlplay::test

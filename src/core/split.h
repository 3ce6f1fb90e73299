// mlplay core: splitting rows into training and test sets.
//
// Same contract as scikit-learn's train_test_split: with n rows and a test
// fraction f, the test set has ceil(f * n) rows and the training set the rest;
// with shuffle the rows are permuted first by our own Rng (so the same
// random_state gives the same split natively and in the browser, though not
// the same rows as NumPy's generator would pick).
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <cstdint>
#include <vector>

namespace mlplay {

struct SplitIndices {
    std::vector<uint32_t> train;
    std::vector<uint32_t> test;
};

// test_size in (0, 1); both sides must end up with at least one row.
Result<SplitIndices> train_test_split_indices(size_t n_rows, double test_size,
                                              uint64_t random_state, bool shuffle = true);

struct DatasetSplit {
    Dataset train;
    Dataset test;
};

Result<DatasetSplit> train_test_split(const Dataset& ds, double test_size,
                                      uint64_t random_state, bool shuffle = true);

} // namespace mlplay

#include "core/split.h"

#include "core/rng.h"

#include <cmath>

namespace mlplay {

Result<SplitIndices> train_test_split_indices(size_t n_rows, double test_size,
                                              uint64_t random_state, bool shuffle) {
    if (!(test_size > 0.0 && test_size < 1.0))
        return make_error("test_size is %g; it must be a fraction between 0 and 1 "
                          "(0.25 keeps a quarter of the rows for testing)", test_size);
    if (n_rows > UINT32_MAX) return make_error("%zu rows are more than a split can index", n_rows);

    size_t n_test = static_cast<size_t>(std::ceil(test_size * static_cast<double>(n_rows)));
    size_t n_train = n_rows - n_test;
    if (n_test == 0 || n_train == 0)
        return make_error("with %zu rows, test_size %g leaves %zu training and %zu test rows; "
                          "both need at least one (use more rows or another test_size)",
                          n_rows, test_size, n_train, n_test);

    std::vector<uint32_t> order;
    if (shuffle) {
        Rng rng(random_state);
        order = rng.permutation(static_cast<uint32_t>(n_rows));
    } else {
        order.resize(n_rows);
        for (size_t i = 0; i < n_rows; ++i) order[i] = static_cast<uint32_t>(i);
    }

    // As scikit-learn's ShuffleSplit: test rows first, training rows next.
    // Without shuffling the last rows are the test set, as there too.
    SplitIndices s;
    if (shuffle) {
        s.test.assign(order.begin(), order.begin() + static_cast<long>(n_test));
        s.train.assign(order.begin() + static_cast<long>(n_test), order.end());
    } else {
        s.train.assign(order.begin(), order.begin() + static_cast<long>(n_train));
        s.test.assign(order.begin() + static_cast<long>(n_train), order.end());
    }
    return s;
}

Result<DatasetSplit> train_test_split(const Dataset& ds, double test_size,
                                      uint64_t random_state, bool shuffle) {
    Result<SplitIndices> idx = train_test_split_indices(ds.n_rows(), test_size, random_state,
                                                        shuffle);
    if (!idx) return idx.error();
    return DatasetSplit{ds.select_rows(idx->train), ds.select_rows(idx->test)};
}

} // namespace mlplay

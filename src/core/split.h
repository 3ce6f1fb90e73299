// mlplay core: splitting rows into training, validation and test sets, and
// into folds for cross-validation. Every function returns row indices; rows
// are drawn by our own Rng, so the same random_state gives the same rows
// natively and in the browser (tests/test_split.cpp pins them), though not the
// rows NumPy's generator would pick. Cost O(n) per split (O(n log n) with
// stratify), O(n k) for k folds.
//
// train_test_split: scikit-learn's contract. With n rows and a test fraction
// f, the test set has ceil(f * n) rows and the training set the rest; with
// shuffle the rows are permuted first (test rows are the first of the
// permutation, as sklearn's ShuffleSplit), without it the last rows are the
// test set.
//
// train_val_test_split: the same with a third part. Sizes: ceil(test_size * n)
// test rows, ceil(val_size * n) validation rows, the rest for training; for the
// same seed and test_size the test rows are those train_test_split picks.
// Stratified (sklearn's StratifiedShuffleSplit in spirit): each class keeps
// its share of every part within rounding. Per part, test then validation,
// class c of n_c rows is due part_size * n_c / n rows: each class first gets
// the floor of its due, then the rows still missing go one each to the classes
// with the largest remainders (ties: smaller label first), never more than a
// class has left (Hamilton's largest-remainder apportionment). The rows are
// then visited in one random permutation; a row goes to the test set while its
// class still owes test rows, else to validation while it owes those, else to
// training. Each part thus comes out in random order with classes mixed.
//
// k_fold: sklearn's KFold. Fold sizes n / k, the first n % k folds one row
// more; fold f's test rows are the f-th consecutive block of the rows (of a
// random permutation with shuffle), and the training rows all the others.
// stratified_k_fold: sklearn 1.2.1's StratifiedKFold. Classes are numbered in
// order of first appearance; listing every row by class, the p-th row of that
// list is dealt to fold p % k, so every fold's count of a class differs from
// the other folds' by at most one, and fold sizes by at most one. Each class's
// rows then take their folds in row order (sklearn's blocks), or in an order
// shuffled by the Rng. Without shuffling both match sklearn's folds exactly.
// Unlike sklearn's KFold (shuffle=False by default), mlplay shuffles by
// default, as train_test_split does.
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

struct TrainValTestIndices {
    std::vector<uint32_t> train;
    std::vector<uint32_t> validation;
    std::vector<uint32_t> test;
};

// test_size is a fraction of all rows in (0, 1), val_size in [0, 1) (0: no
// validation set, so this is a train/test split that can be stratified);
// their sum < 1 and every part must get at least one row. stratify: empty, or
// one class label per row (then shuffle must be on, every class needs a row
// for each part, and every part at least one row per class).
Result<TrainValTestIndices> train_val_test_split_indices(size_t n_rows, double test_size,
                                                         double val_size, uint64_t random_state,
                                                         bool shuffle = true,
                                                         const std::vector<int>& stratify = {});

// One SplitIndices per fold, train and test sorted ascending (as sklearn);
// 2 <= n_splits <= n_rows. random_state is unused without shuffle.
Result<std::vector<SplitIndices>> k_fold_indices(size_t n_rows, size_t n_splits,
                                                 uint64_t random_state, bool shuffle = true);

// y holds one class label per row (any ints); every class needs at least
// n_splits rows, so each fold's test rows hold every class.
Result<std::vector<SplitIndices>> stratified_k_fold_indices(const std::vector<int>& y,
                                                            size_t n_splits,
                                                            uint64_t random_state,
                                                            bool shuffle = true);

} // namespace mlplay

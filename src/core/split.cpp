#include "core/split.h"

#include "core/rng.h"

#include <algorithm>
#include <cmath>

namespace mlplay {

namespace {

// 0..n-1, permuted by Rng(random_state) when shuffling.
std::vector<uint32_t> row_order(size_t n_rows, bool shuffle, uint64_t random_state) {
    if (shuffle) return Rng(random_state).permutation(static_cast<uint32_t>(n_rows));
    std::vector<uint32_t> order(n_rows);
    for (size_t i = 0; i < n_rows; ++i) order[i] = static_cast<uint32_t>(i);
    return order;
}

Status check_row_count(size_t n_rows) {
    if (n_rows > UINT32_MAX)
        return make_error("%zu rows are more than a split can index", n_rows);
    return {};
}

// Class of each row as 0..k-1, numbered by sorted label (first_seen = false)
// or by first appearance in y (sklearn's StratifiedKFold); class_size gets the
// row count of each class.
std::vector<uint32_t> encode_classes(const std::vector<int>& y, bool first_seen,
                                     std::vector<size_t>& class_size,
                                     std::vector<int>& class_label) {
    std::vector<int> sorted = y;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());

    std::vector<uint32_t> rank(y.size());
    for (size_t i = 0; i < y.size(); ++i)
        rank[i] = static_cast<uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), y[i]) -
                                        sorted.begin());

    // Renumber the sorted ranks in order of first appearance.
    const uint32_t unset = UINT32_MAX;
    std::vector<uint32_t> code_of_rank(sorted.size(), unset);
    if (!first_seen)
        for (uint32_t r = 0; r < sorted.size(); ++r) code_of_rank[r] = r;
    uint32_t next = 0;
    for (uint32_t r : rank)
        if (code_of_rank[r] == unset) code_of_rank[r] = next++;

    class_size.assign(sorted.size(), 0);
    class_label.assign(sorted.size(), 0);
    std::vector<uint32_t> code(y.size());
    for (size_t i = 0; i < y.size(); ++i) {
        code[i] = code_of_rank[rank[i]];
        ++class_size[code[i]];
        class_label[code[i]] = y[i];
    }
    return code;
}

// Hamilton's largest-remainder apportionment: `total` rows over the classes in
// proportion to class_size (summing to n), each class getting at most its
// `left` rows; `left` is reduced by what each class gets. Integer arithmetic,
// so the result does not depend on rounding. Ties go to the lower class.
std::vector<size_t> apportion(size_t total, size_t n, const std::vector<size_t>& class_size,
                              std::vector<size_t>& left) {
    const size_t k = class_size.size();
    std::vector<size_t> take(k), remainder(k);
    size_t given = 0;
    for (size_t c = 0; c < k; ++c) {
        uint64_t due = static_cast<uint64_t>(total) * class_size[c];
        take[c] = std::min(static_cast<size_t>(due / n), left[c]);
        remainder[c] = static_cast<size_t>(due % n);
        given += take[c];
    }
    std::vector<size_t> order(k);
    for (size_t c = 0; c < k; ++c) order[c] = c;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
    // The first pass hands out the rounding; later passes only run when a
    // class had fewer rows left than its floor, and fill from the others.
    while (given < total) {
        size_t before = given;
        for (size_t c : order) {
            if (given == total) break;
            if (take[c] < left[c]) {
                ++take[c];
                ++given;
            }
        }
        MLPLAY_ASSERT(given > before, "apportion: fewer rows left than the part needs");
    }
    for (size_t c = 0; c < k; ++c) left[c] -= take[c];
    return take;
}

// Fold f's test rows are those with fold[r] == f; both lists come out sorted.
std::vector<SplitIndices> folds_from_assignment(const std::vector<uint32_t>& fold,
                                                size_t n_splits) {
    std::vector<SplitIndices> out(n_splits);
    for (size_t f = 0; f < n_splits; ++f)
        for (uint32_t r = 0; r < fold.size(); ++r)
            (fold[r] == f ? out[f].test : out[f].train).push_back(r);
    return out;
}

Status check_n_splits(size_t n_rows, size_t n_splits) {
    if (n_splits < 2)
        return make_error("n_splits is %zu; k-fold cross-validation needs at least 2 folds "
                          "(5 is usual)", n_splits);
    if (n_splits > n_rows)
        return make_error("n_splits is %zu but there are only %zu rows; every fold needs at "
                          "least one test row (use at most %zu folds)", n_splits, n_rows, n_rows);
    return {};
}

} // namespace

Result<SplitIndices> train_test_split_indices(size_t n_rows, double test_size,
                                              uint64_t random_state, bool shuffle) {
    if (!(test_size > 0.0 && test_size < 1.0))
        return make_error("test_size is %g; it must be a fraction between 0 and 1 "
                          "(0.25 keeps a quarter of the rows for testing)", test_size);
    if (Status st = check_row_count(n_rows); !st) return st.error();

    size_t n_test = static_cast<size_t>(std::ceil(test_size * static_cast<double>(n_rows)));
    size_t n_train = n_rows - n_test;
    if (n_test == 0 || n_train == 0)
        return make_error("with %zu rows, test_size %g leaves %zu training and %zu test rows; "
                          "both need at least one (use more rows or another test_size)",
                          n_rows, test_size, n_train, n_test);

    std::vector<uint32_t> order = row_order(n_rows, shuffle, random_state);

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

Result<TrainValTestIndices> train_val_test_split_indices(size_t n_rows, double test_size,
                                                         double val_size, uint64_t random_state,
                                                         bool shuffle,
                                                         const std::vector<int>& stratify) {
    if (!(test_size > 0.0 && test_size < 1.0))
        return make_error("test_size is %g; it must be a fraction between 0 and 1 "
                          "(0.2 keeps a fifth of the rows for testing)", test_size);
    if (!(val_size >= 0.0 && val_size < 1.0))
        return make_error("val_size is %g; it must be a fraction from 0 (no validation set) "
                          "to below 1 (0.2 keeps a fifth of the rows for validation)",
                          val_size);
    const bool with_val = val_size > 0.0;
    if (!(test_size + val_size < 1.0))
        return make_error("test_size %g and val_size %g add up to %g, leaving no training "
                          "rows; their sum must stay below 1", test_size, val_size,
                          test_size + val_size);
    if (Status st = check_row_count(n_rows); !st) return st.error();
    const bool stratified = !stratify.empty();
    if (stratified && stratify.size() != n_rows)
        return make_error("stratify has %zu labels for %zu rows; give one class label per "
                          "row, or none", stratify.size(), n_rows);
    if (stratified && !shuffle)
        return make_error("a stratified split draws rows at random; set shuffle on, or "
                          "leave stratify empty to split in row order");

    const double n = static_cast<double>(n_rows);
    const size_t n_test = static_cast<size_t>(std::ceil(test_size * n));
    const size_t n_val = static_cast<size_t>(std::ceil(val_size * n));
    const size_t n_train = n_test + n_val < n_rows ? n_rows - n_test - n_val : 0;
    if (n_test == 0 || (with_val && n_val == 0) || n_train == 0)
        return make_error("with %zu rows, test_size %g and val_size %g leave %zu training, "
                          "%zu validation and %zu test rows; each part needs at least one "
                          "(use more rows or smaller fractions)", n_rows, test_size, val_size,
                          n_train, n_val, n_test);

    TrainValTestIndices s;
    if (!shuffle) {
        // Row order: training rows first, the last rows are the test set.
        for (uint32_t r = 0; r < n_rows; ++r) {
            if (r < n_train) s.train.push_back(r);
            else if (r < n_train + n_val) s.validation.push_back(r);
            else s.test.push_back(r);
        }
        return s;
    }

    // Without stratify all rows are one class, and the walk below reduces to
    // test = the first n_test rows of the permutation, validation the next.
    std::vector<size_t> class_size{n_rows};
    std::vector<int> class_label{0};
    std::vector<uint32_t> code(n_rows, 0);
    if (stratified) {
        code = encode_classes(stratify, false, class_size, class_label);
        const size_t k = class_size.size();
        const size_t parts = with_val ? 3 : 2;
        for (size_t c = 0; c < k; ++c)
            if (class_size[c] < parts)
                return make_error("class %d has only %zu row(s); a stratified split into "
                                  "%zu sets needs at least %zu rows of every class (merge "
                                  "rare classes, or do not stratify)",
                                  class_label[c], class_size[c], parts, parts);
        if (n_test < k || (with_val && n_val < k) || n_train < k)
            return make_error("the split gives %zu training, %zu validation and %zu test rows "
                              "for %zu classes; with stratify each part needs at least one "
                              "row per class (adjust test_size and val_size)",
                              n_train, n_val, n_test, k);
    }
    std::vector<size_t> left = class_size;
    std::vector<size_t> owe_test = apportion(n_test, n_rows, class_size, left);
    std::vector<size_t> owe_val = apportion(n_val, n_rows, class_size, left);

    Rng rng(random_state);
    for (uint32_t r : rng.permutation(static_cast<uint32_t>(n_rows))) {
        const uint32_t c = code[r];
        if (owe_test[c] > 0) {
            --owe_test[c];
            s.test.push_back(r);
        } else if (owe_val[c] > 0) {
            --owe_val[c];
            s.validation.push_back(r);
        } else {
            s.train.push_back(r);
        }
    }
    return s;
}

Result<std::vector<SplitIndices>> k_fold_indices(size_t n_rows, size_t n_splits,
                                                 uint64_t random_state, bool shuffle) {
    if (Status st = check_row_count(n_rows); !st) return st.error();
    if (Status st = check_n_splits(n_rows, n_splits); !st) return st.error();

    std::vector<uint32_t> order = row_order(n_rows, shuffle, random_state);
    // As sklearn's KFold: consecutive blocks of `order`, the first n % k one longer.
    std::vector<uint32_t> fold(n_rows);
    size_t start = 0;
    for (size_t f = 0; f < n_splits; ++f) {
        size_t size = n_rows / n_splits + (f < n_rows % n_splits ? 1 : 0);
        for (size_t i = start; i < start + size; ++i) fold[order[i]] = static_cast<uint32_t>(f);
        start += size;
    }
    return folds_from_assignment(fold, n_splits);
}

Result<std::vector<SplitIndices>> stratified_k_fold_indices(const std::vector<int>& y,
                                                            size_t n_splits,
                                                            uint64_t random_state,
                                                            bool shuffle) {
    const size_t n_rows = y.size();
    if (Status st = check_row_count(n_rows); !st) return st.error();
    if (Status st = check_n_splits(n_rows, n_splits); !st) return st.error();

    std::vector<size_t> class_size;
    std::vector<int> class_label;
    std::vector<uint32_t> code = encode_classes(y, true, class_size, class_label);
    const size_t k = class_size.size();
    for (size_t c = 0; c < k; ++c)
        if (class_size[c] < n_splits)
            return make_error("the least populated class in y (class %d) has only %zu "
                              "member(s), which is less than n_splits=%zu; some test folds "
                              "would miss it (use at most %zu folds, or merge rare classes)",
                              class_label[c], class_size[c], n_splits, class_size[c]);

    // Deal the rows, listed class by class, round robin: position p goes to
    // fold p % n_splits. Class c's folds, in dealing order, are ascending.
    Rng rng(random_state);
    std::vector<std::vector<uint32_t>> folds_for_class(k);
    size_t p = 0;
    for (size_t c = 0; c < k; ++c) {
        std::vector<size_t> count(n_splits, 0);
        for (size_t i = 0; i < class_size[c]; ++i, ++p) ++count[p % n_splits];
        for (size_t f = 0; f < n_splits; ++f)
            folds_for_class[c].insert(folds_for_class[c].end(), count[f],
                                      static_cast<uint32_t>(f));
        if (shuffle) rng.shuffle(folds_for_class[c]);
    }

    // Each class's rows, in row order, take that class's folds in turn.
    std::vector<uint32_t> fold(n_rows);
    std::vector<size_t> next(k, 0);
    for (size_t r = 0; r < n_rows; ++r) fold[r] = folds_for_class[code[r]][next[code[r]]++];
    return folds_from_assignment(fold, n_splits);
}

} // namespace mlplay

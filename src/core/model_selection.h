// mlplay core: cross-validation and hyper-parameter search.
//
// cross_validate fits a fresh copy of the model (Model::clone_unfitted) on
// each of k folds and scores it on the held-out fold with Model::score (R^2
// for regressors, accuracy for classifiers, as scikit-learn's default
// scorers). Classifiers get stratified folds, regressors plain k-fold, as
// sklearn's cross_val_score does for an integer cv. With shuffle off the
// folds are exactly sklearn's; with shuffle on they come from our Rng.
//
// grid_search tries every combination of the listed values; random_search
// draws n_iter settings from each parameter's range (log-uniform where the
// spec says log_scale, uniform otherwise, integers rounded, choices
// uniform). Both return one row per setting with the mean and standard
// deviation (population, as sklearn's std_test_score) of the fold scores and
// its rank, best first being rank 1.
//
// Cost: (settings x k) fits on (k-1)/k of the rows.
#pragma once

#include "core/error.h"
#include "core/json.h"
#include "core/model.h"
#include "core/preprocess.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlplay {

struct CvOptions {
    size_t n_splits = 5;
    bool shuffle = false;
    uint64_t random_state = 0;
};

struct CvScores {
    std::vector<double> fold_scores;
    double mean = 0.0;
    double std = 0.0;
    double fit_seconds = 0.0; // total over the folds
};

Result<CvScores> cross_validate(const Model& model, const MatrixF& X, const VectorF& y,
                                const CvOptions& options = CvOptions());

// The same on a table, with preprocessing inside the folds: each fold fits a
// fresh copy of the pipeline on its training rows only and applies it to its
// held-out rows, so no statistic of a held-out row reaches the model (as a
// scikit-learn Pipeline inside cross_val_score).
Result<CvScores> cross_validate(const Model& model, const Pipeline& pipeline, const Dataset& ds,
                                const std::string& target,
                                const CvOptions& options = CvOptions());

// Parameter name and the values to try, in order.
using ParamGrid = std::vector<std::pair<std::string, std::vector<Json>>>;

struct SearchRow {
    Json params; // the values tried (only the searched names)
    CvScores scores;
    int rank = 0;
};

struct SearchResult {
    std::vector<SearchRow> rows; // in the order tried
    size_t best = 0;             // index into rows
};

// At most max_settings combinations (the product of the value counts).
Result<SearchResult> grid_search(const Model& model, const ParamGrid& grid, const MatrixF& X,
                                 const VectorF& y, const CvOptions& options = CvOptions(),
                                 size_t max_settings = 1000);

Result<SearchResult> random_search(const Model& model, const std::vector<std::string>& names,
                                   size_t n_iter, uint64_t seed, const MatrixF& X,
                                   const VectorF& y, const CvOptions& options = CvOptions());

// The result as a JSON table: [{"params": {...}, "mean": m, "std": s,
// "rank": r, "fold_scores": [...]}, ...].
Json search_result_json(const SearchResult& result);

} // namespace mlplay

#include "core/model_selection.h"

#include "core/portable_math.h"
#include "core/rng.h"
#include "core/split.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace mlplay {

namespace {

MatrixF take_rows(const MatrixF& X, const std::vector<uint32_t>& rows) {
    MatrixF out(static_cast<Eigen::Index>(rows.size()), X.cols());
    for (size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = X.row(rows[i]);
    return out;
}

VectorF take(const VectorF& y, const std::vector<uint32_t>& rows) {
    VectorF out(static_cast<Eigen::Index>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) out(static_cast<Eigen::Index>(i)) = y(rows[i]);
    return out;
}

void summarise(CvScores& s) {
    double n = static_cast<double>(s.fold_scores.size());
    s.mean = std::accumulate(s.fold_scores.begin(), s.fold_scores.end(), 0.0) / n;
    double var = 0.0;
    for (double v : s.fold_scores) var += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(var / n);
}

// Ranks rows by mean score, best = 1; ties share the better rank (sklearn's
// "min" method).
void rank_rows(SearchResult& r) {
    for (SearchRow& row : r.rows) {
        int better = 0;
        for (const SearchRow& other : r.rows) better += other.scores.mean > row.scores.mean;
        row.rank = better + 1;
    }
    r.best = 0;
    for (size_t i = 1; i < r.rows.size(); ++i)
        if (r.rows[i].scores.mean > r.rows[r.best].scores.mean) r.best = i;
}

Result<SearchResult> evaluate_settings(const Model& model, const std::vector<Json>& settings,
                                       const MatrixF& X, const VectorF& y,
                                       const CvOptions& options) {
    SearchResult result;
    for (const Json& change : settings) {
        std::unique_ptr<Model> candidate = model.clone_unfitted();
        Status s = candidate->set_params(change);
        if (!s) return make_error("setting %s: %s", change.dump().c_str(),
                                  s.error().message.c_str());
        Result<CvScores> cv = cross_validate(*candidate, X, y, options);
        if (!cv) return make_error("setting %s: %s", change.dump().c_str(),
                                   cv.error().message.c_str());
        result.rows.push_back(SearchRow{change, std::move(*cv), 0});
    }
    rank_rows(result);
    return result;
}

} // namespace

// Stratified folds for a classifier, plain k-fold otherwise.
Result<std::vector<SplitIndices>> folds_for(const Model& model, const VectorF& y,
                                            const CvOptions& options) {
    if (model.task() == Task::classification)
        return stratified_k_fold_indices(class_labels(y).index, options.n_splits,
                                         options.random_state, options.shuffle);
    return k_fold_indices(static_cast<size_t>(y.size()), options.n_splits, options.random_state,
                          options.shuffle);
}

Result<CvScores> cross_validate(const Model& model, const MatrixF& X, const VectorF& y,
                                const CvOptions& options) {
    if (X.rows() != y.size()) return make_error("X and y have different numbers of rows");
    Result<std::vector<SplitIndices>> folds = folds_for(model, y, options);
    if (!folds) return folds.error();

    CvScores scores;
    for (size_t f = 0; f < folds->size(); ++f) {
        const SplitIndices& fold = (*folds)[f];
        std::unique_ptr<Model> m = model.clone_unfitted();
        auto t0 = std::chrono::steady_clock::now();
        Status s = m->fit(take_rows(X, fold.train), take(y, fold.train));
        scores.fit_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!s) return make_error("fold %zu: %s", f + 1, s.error().message.c_str());
        Result<double> score = m->score(take_rows(X, fold.test), take(y, fold.test));
        if (!score) return make_error("fold %zu: %s", f + 1, score.error().message.c_str());
        scores.fold_scores.push_back(*score);
    }
    summarise(scores);
    return scores;
}

Result<CvScores> cross_validate(const Model& model, const Pipeline& pipeline, const Dataset& ds,
                                const std::string& target, const CvOptions& options) {
    Result<size_t> t = ds.require_column(target);
    if (!t) return t.error();
    Result<std::vector<SplitIndices>> folds = folds_for(model, ds.to_vector(*t), options);
    if (!folds) return folds.error();

    FitContext context{target, std::nullopt};
    if (model.task() == Task::classification) context.task = Task::classification;
    CvScores scores;
    for (size_t f = 0; f < folds->size(); ++f) {
        const SplitIndices& fold = (*folds)[f];
        Pipeline p = pipeline.clone_unfitted();
        Result<Dataset> train = p.fit_transform(ds.select_rows(fold.train), context);
        Result<Dataset> test = train ? p.transform(ds.select_rows(fold.test)) : train;
        Result<SupervisedData> dtr = train ? supervised_data(*train, target)
                                           : Result<SupervisedData>(train.error());
        Result<SupervisedData> dte = test ? supervised_data(*test, target)
                                          : Result<SupervisedData>(test.error());
        if (!dtr || !dte)
            return make_error("fold %zu: %s", f + 1, (!dtr ? dtr : dte).error().message.c_str());
        std::unique_ptr<Model> m = model.clone_unfitted();
        auto t0 = std::chrono::steady_clock::now();
        Status s = m->fit(dtr->X, dtr->y);
        scores.fit_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!s) return make_error("fold %zu: %s", f + 1, s.error().message.c_str());
        Result<double> score = m->score(dte->X, dte->y);
        if (!score) return make_error("fold %zu: %s", f + 1, score.error().message.c_str());
        scores.fold_scores.push_back(*score);
    }
    summarise(scores);
    return scores;
}

Result<SearchResult> grid_search(const Model& model, const ParamGrid& grid, const MatrixF& X,
                                 const VectorF& y, const CvOptions& options,
                                 size_t max_settings) {
    if (grid.empty()) return make_error("the grid is empty; name at least one parameter");
    size_t total = 1;
    for (const auto& [name, values] : grid) {
        if (values.empty())
            return make_error("parameter \"%s\" has no values to try", name.c_str());
        total *= values.size();
        if (total > max_settings)
            return make_error("the grid has more than %zu combinations; try fewer values or "
                              "random search", max_settings);
    }
    // Every combination, the last parameter varying fastest (as ParameterGrid).
    std::vector<Json> settings;
    std::vector<size_t> index(grid.size(), 0);
    for (size_t n = 0; n < total; ++n) {
        Json change = Json::object();
        for (size_t p = 0; p < grid.size(); ++p)
            change.set(grid[p].first, grid[p].second[index[p]]);
        settings.push_back(change);
        for (size_t p = grid.size(); p-- > 0;) {
            if (++index[p] < grid[p].second.size()) break;
            index[p] = 0;
        }
    }
    return evaluate_settings(model, settings, X, y, options);
}

Result<SearchResult> random_search(const Model& model, const std::vector<std::string>& names,
                                   size_t n_iter, uint64_t seed, const MatrixF& X,
                                   const VectorF& y, const CvOptions& options) {
    if (names.empty()) return make_error("name at least one parameter to search");
    if (n_iter < 1 || n_iter > 10000) return make_error("n_iter %zu: use 1 to 10,000", n_iter);
    std::vector<ParamSpec> specs = model.param_specs();
    std::vector<const ParamSpec*> chosen;
    for (const std::string& name : names) {
        const ParamSpec* found = nullptr;
        for (const ParamSpec& s : specs)
            if (s.name == name) found = &s;
        if (!found) return make_error("unknown parameter \"%s\" for %s", name.c_str(),
                                      model.name());
        chosen.push_back(found);
    }
    Rng rng(seed);
    std::vector<Json> settings;
    for (size_t it = 0; it < n_iter; ++it) {
        Json change = Json::object();
        for (const ParamSpec* s : chosen) {
            switch (s->kind) {
            case ParamKind::boolean: change.set(s->name, rng.uniform_index(2) == 1); break;
            case ParamKind::choice:
                change.set(s->name, s->choices[rng.uniform_index(
                                        static_cast<uint32_t>(s->choices.size()))]);
                break;
            case ParamKind::real:
            case ParamKind::integer: {
                // Portable maths: the same seed draws the same settings in wasm.
                double v = s->log_scale && s->min > 0
                               ? portable_exp(rng.uniform(portable_log(s->min),
                                                          portable_log(s->max)))
                               : rng.uniform(s->min, s->max);
                if (s->kind == ParamKind::integer)
                    v = std::min(s->max, std::max(s->min, std::floor(v + 0.5)));
                change.set(s->name, v);
                break;
            }
            }
        }
        settings.push_back(change);
    }
    return evaluate_settings(model, settings, X, y, options);
}

Json search_result_json(const SearchResult& result) {
    Json rows = Json::array();
    for (const SearchRow& r : result.rows) {
        Json row = Json::object();
        row.set("params", r.params);
        row.set("mean", r.scores.mean);
        row.set("std", r.scores.std);
        row.set("rank", r.rank);
        row.set("fold_scores", Json::numbers(r.scores.fold_scores));
        rows.push(row);
    }
    return rows;
}

} // namespace mlplay

// mlplay models: random forests, as sklearn.ensemble.RandomForestClassifier
// and RandomForestRegressor (scikit-learn 1.2.1).
//
// n_estimators CART trees (models/tree/cart.h), each grown on a bootstrap
// sample of the n rows (n draws with replacement, passed to the tree as row
// weights: a row drawn twice weighs 2) when bootstrap is on, and trying a
// random subset of max_features features at every split (default sqrt(d) for
// classification, all d for regression, as sklearn 1.2). The classifier
// averages the trees' class probabilities (each tree's: the class frequencies
// of its leaf) and predicts the most probable class; the regressor averages
// the trees' predictions. (Breiman, "Random Forests", Machine Learning 45,
// 2001; Hastie, Tibshirani and Friedman, "The Elements of Statistical
// Learning", 2nd ed., chapter 15.)
//
// Every random choice comes from mlplay::Rng: Rng(random_state) draws one
// 64-bit seed per tree, and that tree's Rng draws its bootstrap rows and then
// its feature subsets. A random_state thus gives the same forest natively and
// in the browser (not sklearn's forest: its generator differs).
//
// oob_score (bootstrap only): each row is predicted by the trees whose
// bootstrap sample left it out, and those predictions are scored against the
// row's target: accuracy for the classifier, R^2 for the regressor. As
// sklearn, a row that no tree left out is predicted as zeros (class 0, or the
// value 0) after a warning; a few dozen trees make that unlikely.
// Feature importances: the mean of the trees' importances over the trees
// that split at all, normalised to sum to 1.
//
// Cost: fit O(T D f n log n) for T trees of depth D and f = max_features;
// predict O(T D) per row; memory O(T * nodes * k) for k classes.
#pragma once

#include "core/dataset.h"
#include "core/error.h"
#include "core/model.h"
#include "models/tree/cart.h"

#include <limits>
#include <memory>
#include <vector>

namespace mlplay {

struct ForestParams {
    TreeParams tree;
    int n_estimators = 100;
    bool bootstrap = true;
    bool oob_score = false;
};

class RandomForestClassifier : public Model {
public:
    RandomForestClassifier() { m_params.tree.max_features = "sqrt"; }

    const char* name() const override { return "random_forest_classifier"; }
    Task task() const override { return Task::classification; }
    std::vector<ParamSpec> param_specs() const override;
    Json params() const override;

    // y holds class labels (any numbers: they are sorted into classes()).
    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return !m_classes.empty(); }
    Result<VectorF> predict(const MatrixF& X) const override;
    // (n_samples, n_classes): the mean of the trees' probabilities.
    Result<MatrixF> predict_proba(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    const std::vector<float>& classes() const { return m_classes; }
    // The fitted trees; node values hold weighted class counts.
    const std::vector<CartTree>& trees() const { return m_trees; }
    const VectorD& feature_importances() const { return m_importances; }
    // Out-of-bag accuracy; NaN unless fitted with oob_score on.
    double oob_score() const { return m_oob_score; }

protected:
    Status apply_params(const Json& params) override;

private:
    ForestParams m_params;
    std::vector<float> m_classes;
    std::vector<CartTree> m_trees;
    VectorD m_importances;
    double m_oob_score = std::numeric_limits<double>::quiet_NaN();
};

class RandomForestRegressor : public Model {
public:
    RandomForestRegressor() { m_params.tree.criterion = "squared_error"; }

    const char* name() const override { return "random_forest_regressor"; }
    Task task() const override { return Task::regression; }
    std::vector<ParamSpec> param_specs() const override;
    Json params() const override;

    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return !m_trees.empty(); }
    Result<VectorF> predict(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    // The fitted trees; node values hold the mean target.
    const std::vector<CartTree>& trees() const { return m_trees; }
    const VectorD& feature_importances() const { return m_importances; }
    // Out-of-bag R^2; NaN unless fitted with oob_score on.
    double oob_score() const { return m_oob_score; }

protected:
    Status apply_params(const Json& params) override;

private:
    ForestParams m_params;
    std::vector<CartTree> m_trees;
    VectorD m_importances;
    double m_oob_score = std::numeric_limits<double>::quiet_NaN();
};

} // namespace mlplay

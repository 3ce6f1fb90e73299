// mlplay models: CART decision trees, as sklearn.tree.DecisionTreeClassifier
// (criterion gini or entropy) and DecisionTreeRegressor (squared_error).
//
// One tree grown by CartTree (models/tree/cart.h, which states the algorithm
// and its sources). The classifier predicts the most frequent class of the
// leaf a row reaches and, as probabilities, the class frequencies of that
// leaf; the regressor predicts the mean target of the leaf. With max_features
// "all" nothing is random: features are tried in index order and the lower
// index wins a tie, so random_state only matters with a feature subset.
// min_samples_leaf larger than half the rows leaves the root unsplit: the
// tree is one leaf that predicts the majority class (the mean), as sklearn.
//
// Cost: fit O(D f n log n) for depth D, f features tried per split, n rows;
// predict O(D) per row; memory O(nodes * k) for k classes.
//
//   DecisionTreeClassifier tree;
//   tree.set_params(*Json::parse(R"({"max_depth": 3})"));
//   if (Status s = tree.fit(X, y); !s) ...;
//   for (const TreeNode& node : tree.nodes()) ...; // draw the tree
#pragma once

#include "core/dataset.h"
#include "core/error.h"
#include "core/model.h"
#include "models/tree/cart.h"

#include <memory>
#include <vector>

namespace mlplay {

class DecisionTreeClassifier : public Model {
public:
    DecisionTreeClassifier() = default;

    const char* name() const override { return "decision_tree_classifier"; }
    Task task() const override { return Task::classification; }
    std::vector<ParamSpec> param_specs() const override { return tree_param_specs(true, false); }
    Json params() const override;

    // y holds class labels (any numbers: they are sorted into classes()).
    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return !m_classes.empty(); }
    Result<VectorF> predict(const MatrixF& X) const override;
    // (n_samples, n_classes): the class frequencies of each row's leaf.
    Result<MatrixF> predict_proba(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    const std::vector<float>& classes() const { return m_classes; }
    const CartTree& tree() const { return m_tree; }
    // Each node's value holds its (weighted) class counts, in classes() order.
    const std::vector<TreeNode>& nodes() const { return m_tree.nodes(); }
    int depth() const { return m_tree.depth(); }
    int n_leaves() const { return m_tree.n_leaves(); }
    // (n_features): normalised impurity decrease per feature, summing to 1.
    const VectorD& feature_importances() const { return m_importances; }

protected:
    Status apply_params(const Json& params) override;

private:
    TreeParams m_params;
    std::vector<float> m_classes;
    CartTree m_tree;
    VectorD m_importances;
};

class DecisionTreeRegressor : public Model {
public:
    DecisionTreeRegressor() { m_params.criterion = "squared_error"; }

    const char* name() const override { return "decision_tree_regressor"; }
    Task task() const override { return Task::regression; }
    std::vector<ParamSpec> param_specs() const override { return tree_param_specs(false, false); }
    Json params() const override;

    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return !m_tree.nodes().empty(); }
    Result<VectorF> predict(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    const CartTree& tree() const { return m_tree; }
    // Each node's value holds one number: the mean target of its rows.
    const std::vector<TreeNode>& nodes() const { return m_tree.nodes(); }
    int depth() const { return m_tree.depth(); }
    int n_leaves() const { return m_tree.n_leaves(); }
    const VectorD& feature_importances() const { return m_importances; }

protected:
    Status apply_params(const Json& params) override;

private:
    TreeParams m_params;
    CartTree m_tree;
    VectorD m_importances;
};

} // namespace mlplay

// mlplay models: CART, the tree-growing algorithm behind the decision trees
// and the random forests.
//
// Grows a binary tree depth first (left child first), as scikit-learn 1.2.1's
// DepthFirstTreeBuilder and BestSplitter (sklearn/tree/_tree.pyx,
// _splitter.pyx, _criterion.pyx). At each node the rows are sorted on each
// tried feature; every boundary between two distinct values (closer than
// 1e-7 counts as equal) is a candidate, its threshold the midpoint of the two
// values (the lower value where the midpoint rounds up to the upper one). The
// candidate with the largest impurity decrease wins:
//   gini:          1 - sum_c p_c^2
//   entropy:       -sum_c p_c log2 p_c
//   squared_error: the variance of the targets (the mean is the prediction)
// where p_c is the weighted share of class c among the node's rows. The
// search compares sklearn's proxy (for the variance: sum_L^2 / w_L +
// sum_R^2 / w_R), computed with the same operations in the same order, so
// the same rows give the same tree bit for bit. (Breiman, Friedman, Olshen
// and Stone, "Classification and Regression Trees", 1984, chapters 2-4 and
// 8; Hastie, Tibshirani and Friedman, "The Elements of Statistical
// Learning", 2nd ed., section 9.2.)
//
// A node stays a leaf when it is at max_depth, has fewer than
// min_samples_split rows or fewer than 2 * min_samples_leaf, is pure
// (impurity <= machine epsilon), or has no split that leaves at least
// min_samples_leaf rows on each side.
//
// Features tried per node: with max_features >= d, every feature in index
// order, so a tie between equally good splits of different features goes to
// the lower index. (sklearn visits features in a random order even then, so
// its ties depend on random_state; tests/reference/make_tree_references.py
// picks a random_state that agrees with ours.) With fewer, features are drawn
// without replacement by the caller's Rng until max_features have been drawn
// and at least one of them is not constant in the node, as sklearn does;
// features found constant in a node are skipped in its subtree.
//
// Sample weights (a random forest's bootstrap counts) weigh every sum; a row
// of weight 0 is left out, and min_samples_leaf counts distinct rows, as in
// sklearn. Feature importances are sklearn's: the weighted impurity decrease
// of every split, summed per feature and normalised to sum to 1.
//
// Cost: a node of m rows costs O(f m log m) for f tried features, so a tree of
// depth D costs O(D f n log n) at most, with O(n + D d) memory for n rows and
// d features; predicting a row costs O(D). Class counts make each candidate
// O(k) for k classes.
#pragma once

#include "core/dataset.h"
#include "core/error.h"
#include "core/json.h"
#include "core/model.h"
#include "core/rng.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlplay {

enum class SplitCriterion { gini, entropy, squared_error };

struct TreeNode {
    int feature = -1;       // the split feature; -1 for a leaf
    double threshold = 0.0; // rows with x[feature] <= threshold go left
    int left = -1;          // child node indices; -1 for a leaf
    int right = -1;
    double impurity = 0.0;  // gini, entropy (bits) or variance of the node's rows
    int n_samples = 0;      // distinct training rows that reach the node
    double weighted_n_samples = 0.0; // their total weight (bootstrap counts)
    // Classification: the weighted count of each class; regression: the mean.
    std::vector<double> value;

    bool is_leaf() const { return left < 0; }
};

struct CartOptions {
    SplitCriterion criterion = SplitCriterion::gini;
    int max_depth = 0;         // 0: unlimited
    int min_samples_split = 2; // >= 2
    int min_samples_leaf = 1;  // >= 1
    int max_features = 0;      // features tried per node; 0 or >= d: all, in index order
};

class CartTree {
public:
    CartTree() = default;

    // X is (n, d), finite; y holds class indices 0..n_classes-1 (n_classes >=
    // 1) or regression targets (n_classes == 0); weights is empty (all 1) or
    // one weight >= 0 per row, some positive. rng draws the feature subsets
    // and must be given when options.max_features < d.
    static CartTree grow(const MatrixF& X, const std::vector<double>& y, int n_classes,
                         const std::vector<double>& weights, const CartOptions& options,
                         Rng* rng);

    // Nodes in depth-first order (left child first), the root first; a
    // child's index is always larger than its parent's.
    const std::vector<TreeNode>& nodes() const { return m_nodes; }
    int n_features() const { return m_n_features; }
    int depth() const { return m_depth; }
    int n_leaves() const;
    // The leaf reached by row `row` of X (n, n_features()).
    int apply(const MatrixF& X, Eigen::Index row) const;
    // (n_features): normalised impurity decrease; all zero for a single leaf.
    VectorD feature_importances() const;

    // {"n_features", "n_values", "feature", "threshold", "left", "right",
    // "impurity", "n_samples", "weighted_n_samples", "value" (flat)}.
    Json to_json() const;
    // Checks every index, so a damaged file cannot send a prediction astray.
    static Result<CartTree> from_json(const Json& json, int n_features, int n_values);

private:
    void compute_depth();

    std::vector<TreeNode> m_nodes;
    int m_n_features = 0;
    int m_depth = 0;
};

// Hyper-parameters shared by the tree models, under their ParamSpec names.
struct TreeParams {
    std::string criterion = "gini";
    int max_depth = 0;
    int min_samples_split = 2;
    int min_samples_leaf = 1;
    std::string max_features = "all"; // all, sqrt, log2, fraction
    double max_features_fraction = 0.5;
    uint64_t random_state = 0;
};

// The specs of TreeParams: criterion choices gini/entropy for a classifier,
// squared_error for a regressor; `forest` words random_state's help for one.
std::vector<ParamSpec> tree_param_specs(bool classifier, bool forest);
void tree_params_to_json(const TreeParams& params, Json& out);
// From a complete, validated parameter object.
void tree_params_from_json(const Json& json, TreeParams& params);
// Features tried per node, as sklearn: all: d; sqrt: floor(sqrt(d)); log2:
// floor(log2(d)); fraction f: floor(f * d); never below 1.
int tree_max_features(const TreeParams& params, int n_features);
CartOptions cart_options(const TreeParams& params, int n_features);

// Checks a training set: rows and features present, X and y of one length,
// every value finite. `model` names the model in the messages.
Status check_training_data(const char* model, const MatrixF& X, const VectorF& y);
// Checks X for predicting with a model fitted on n_features features.
Status check_predict_data(bool fitted, int n_features, const MatrixF& X);
// The sorted distinct labels of y (2 to 1000 of them), and each row's index
// into them as a double, for CartTree::grow.
Status encode_classes(const VectorF& y, std::vector<float>& classes,
                      std::vector<double>& codes);
// The sum of v in index order. Eigen's sum() is vectorised natively (SSE2)
// but not in wasm, so it adds in another order and rounds differently there.
double ordered_sum(const VectorD& v);
// A saved state's "n_features", with errors naming the key ("fitted" is read
// by core/model.h's saved_fitted_flag).
Result<int> saved_n_features(const Json& state);

} // namespace mlplay

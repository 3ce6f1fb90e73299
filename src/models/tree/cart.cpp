#include "models/tree/cart.h"

#include "core/portable_math.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <utility>

namespace mlplay {

namespace {

// sklearn's constants: feature values closer than this are one value, and an
// impurity at most epsilon is pure.
constexpr double k_feature_threshold = 1e-7;
constexpr double k_epsilon = std::numeric_limits<double>::epsilon();
// ln 2 correctly rounded, as the C library's log(2.0).
constexpr double k_ln2 = 0.6931471805599453;

// sklearn's log base 2 (sklearn/tree/_utils.pyx), on the portable log so that
// every target computes the same entropies.
double log2_portable(double x) { return portable_log(x) / k_ln2; }

// One node waiting to be built.
struct PendingNode {
    uint32_t start = 0; // rows samples[start, end) reach the node
    uint32_t end = 0;
    int depth = 0;
    int parent = -1;
    bool is_left = false;
    double impurity = 0.0; // computed by the parent's split (the root's here)
    std::vector<int> constants; // features known to be constant in the node
};

struct Split {
    int feature = -1;
    uint32_t pos = 0; // rows samples[start, pos) go left
    double threshold = 0.0;
    double impurity_left = 0.0;
    double impurity_right = 0.0;
    double improvement = 0.0;
};

class Builder {
public:
    Builder(const MatrixF& X, const std::vector<double>& y, int n_classes,
            const std::vector<double>& weights, const CartOptions& options, Rng* rng)
        : m_X(X), m_y(y), m_n_classes(n_classes), m_weights(weights), m_options(options),
          m_rng(rng), m_n_values(n_classes > 0 ? n_classes : 1),
          m_d(static_cast<int>(X.cols())) {
        m_sum_total.resize(static_cast<size_t>(m_n_values));
        m_sum_left.resize(static_cast<size_t>(m_n_values));
        m_sum_right.resize(static_cast<size_t>(m_n_values));
        m_is_constant.assign(static_cast<size_t>(m_d), 0);
        m_pool.resize(static_cast<size_t>(m_d));
    }

    std::vector<TreeNode> build();

private:
    double weight(uint32_t row) const { return m_weights.empty() ? 1.0 : m_weights[row]; }
    int label(uint32_t row) const { return static_cast<int>(m_y[row]); }

    // Accumulates one row into sums (the class count, or w y and w y^2).
    void add_row(uint32_t row, double* sums, double& w_sum, double& sq_sum) const {
        double w = weight(row);
        if (m_n_classes > 0) {
            sums[label(row)] += w;
        } else {
            double wy = w * m_y[row];
            sums[0] += wy;
            sq_sum += wy * m_y[row];
        }
        w_sum += w;
    }

    // Impurity of rows with these sums (sklearn's node_impurity and
    // children_impurity, operation for operation).
    double impurity(const double* sums, double w, double sq_sum) const {
        if (m_options.criterion == SplitCriterion::squared_error) {
            double mean = sums[0] / w;
            return sq_sum / w - mean * mean;
        }
        double out = 0.0;
        if (m_options.criterion == SplitCriterion::gini) {
            double sq_count = 0.0;
            for (int c = 0; c < m_n_classes; ++c) sq_count += sums[c] * sums[c];
            out = 1.0 - sq_count / (w * w);
        } else {
            for (int c = 0; c < m_n_classes; ++c) {
                if (sums[c] <= 0.0) continue;
                double p = sums[c] / w;
                out -= p * log2_portable(p);
            }
        }
        return out;
    }

    // sklearn's proxy of the impurity decrease, from m_sum_left / m_sum_right.
    double proxy_improvement(double w_left, double w_right) const {
        if (m_options.criterion == SplitCriterion::squared_error)
            return m_sum_left[0] * m_sum_left[0] / w_left +
                   m_sum_right[0] * m_sum_right[0] / w_right;
        double imp_left = impurity(m_sum_left.data(), w_left, 0.0);
        double imp_right = impurity(m_sum_right.data(), w_right, 0.0);
        return -w_right * imp_right - w_left * imp_left;
    }

    void node_reset(uint32_t start, uint32_t end);
    bool node_split(PendingNode& node, Split& best);
    void scan_feature(int feature, uint32_t start, uint32_t m, double& best_proxy,
                      Split& best);

    const MatrixF& m_X; // (n, d)
    const std::vector<double>& m_y;
    int m_n_classes;
    const std::vector<double>& m_weights;
    CartOptions m_options;
    Rng* m_rng;
    int m_n_values;
    int m_d;

    std::vector<uint32_t> m_samples; // rows of positive weight, grouped by node
    std::vector<std::pair<float, uint32_t>> m_sorted; // one node's (value, row)
    std::vector<uint8_t> m_is_constant;
    std::vector<int> m_pool;
    double m_w_all = 0.0; // weight of every row

    // The current node's sums, and those of a candidate's two sides.
    std::vector<double> m_sum_total, m_sum_left, m_sum_right;
    double m_sq_sum_total = 0.0;
    double m_w_node = 0.0;
};

void Builder::node_reset(uint32_t start, uint32_t end) {
    std::fill(m_sum_total.begin(), m_sum_total.end(), 0.0);
    m_sq_sum_total = 0.0;
    m_w_node = 0.0;
    for (uint32_t p = start; p < end; ++p)
        add_row(m_samples[p], m_sum_total.data(), m_w_node, m_sq_sum_total);
}

// Evaluates every boundary of one feature, keeping the best in `best`.
void Builder::scan_feature(int feature, uint32_t start, uint32_t m, double& best_proxy,
                           Split& best) {
    auto* sorted = m_sorted.data();
    // Ties in value are ordered by row, so the sums (and so the tree) do not
    // depend on the sort's implementation.
    std::sort(sorted, sorted + m, [](const auto& a, const auto& b) {
        return a.first < b.first || (a.first == b.first && a.second < b.second);
    });

    std::fill(m_sum_left.begin(), m_sum_left.end(), 0.0);
    double w_left = 0.0, unused_sq = 0.0;
    const uint32_t min_leaf = static_cast<uint32_t>(m_options.min_samples_leaf);
    uint32_t added = 0; // sorted[0, added) are in the left sums
    uint32_t p = 0;
    while (p < m) {
        while (p + 1 < m && static_cast<double>(sorted[p + 1].first) <=
                                static_cast<double>(sorted[p].first) + k_feature_threshold)
            ++p;
        ++p;
        if (p >= m) break;
        if (p < min_leaf || m - p < min_leaf) continue;

        for (; added < p; ++added)
            add_row(sorted[added].second, m_sum_left.data(), w_left, unused_sq);
        double w_right = m_w_node - w_left;
        for (int v = 0; v < m_n_values; ++v) m_sum_right[v] = m_sum_total[v] - m_sum_left[v];

        double proxy = proxy_improvement(w_left, w_right);
        if (proxy > best_proxy) {
            best_proxy = proxy;
            best.feature = feature;
            best.pos = start + p;
            // The sum of halves cannot overflow; a midpoint that rounds up to
            // the upper value falls back to the lower one (sklearn).
            double lo = sorted[p - 1].first, hi = sorted[p].first;
            best.threshold = lo / 2.0 + hi / 2.0;
            if (best.threshold == hi || std::isinf(best.threshold)) best.threshold = lo;
        }
    }
}

// Finds the best split of a node; false when no split is allowed. Features
// found constant are appended to node.constants (for the children).
bool Builder::node_split(PendingNode& node, Split& best) {
    const uint32_t start = node.start, m = node.end - node.start;
    const bool all_features = m_options.max_features <= 0 || m_options.max_features >= m_d;
    for (int f : node.constants) m_is_constant[static_cast<size_t>(f)] = 1;
    for (int f = 0; f < m_d; ++f) m_pool[static_cast<size_t>(f)] = f;

    double best_proxy = -std::numeric_limits<double>::infinity();
    int visited = 0, n_pool = m_d;
    bool evaluated = false;
    for (;;) {
        int f = 0;
        if (all_features) {
            if (visited == m_d) break;
            f = visited;
        } else {
            // sklearn's rule: draw until max_features are drawn and one of
            // them is not constant; known constants count as drawn.
            if (n_pool == 0 || (visited >= m_options.max_features && evaluated)) break;
            uint32_t j = m_rng->uniform_index(static_cast<uint32_t>(n_pool));
            f = m_pool[j];
            m_pool[j] = m_pool[static_cast<size_t>(n_pool - 1)];
            --n_pool;
        }
        ++visited;
        if (m_is_constant[static_cast<size_t>(f)]) continue;

        const float* column = m_X.col(f).data();
        float lo = column[m_samples[start]], hi = lo;
        for (uint32_t q = 0; q < m; ++q) {
            uint32_t row = m_samples[start + q];
            float v = column[row];
            m_sorted[q] = {v, row};
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (static_cast<double>(hi) <= static_cast<double>(lo) + k_feature_threshold) {
            m_is_constant[static_cast<size_t>(f)] = 1;
            node.constants.push_back(f);
            continue;
        }
        evaluated = true;
        scan_feature(f, start, m, best_proxy, best);
    }
    for (int f : node.constants) m_is_constant[static_cast<size_t>(f)] = 0;
    if (best.feature < 0) return false;

    // Rows of the left side first, by sklearn's in-place partition.
    const float* column = m_X.col(best.feature).data();
    uint32_t p = start, partition_end = node.end;
    while (p < partition_end) {
        if (static_cast<double>(column[m_samples[p]]) <= best.threshold) {
            ++p;
        } else {
            --partition_end;
            std::swap(m_samples[p], m_samples[partition_end]);
        }
    }
    MLPLAY_ASSERT(p == best.pos, "the partition must match the sorted split position");

    // The children's impurities from their sums, as sklearn's
    // children_impurity; then the weighted decrease.
    std::fill(m_sum_left.begin(), m_sum_left.end(), 0.0);
    double w_left = 0.0, sq_left = 0.0;
    for (uint32_t q = start; q < best.pos; ++q)
        add_row(m_samples[q], m_sum_left.data(), w_left, sq_left);
    double w_right = m_w_node - w_left;
    for (int v = 0; v < m_n_values; ++v) m_sum_right[v] = m_sum_total[v] - m_sum_left[v];
    best.impurity_left = impurity(m_sum_left.data(), w_left, sq_left);
    best.impurity_right = impurity(m_sum_right.data(), w_right, m_sq_sum_total - sq_left);
    best.improvement = (m_w_node / m_w_all) *
                       (node.impurity - (w_right / m_w_node * best.impurity_right) -
                        (w_left / m_w_node * best.impurity_left));
    return true;
}

std::vector<TreeNode> Builder::build() {
    const uint32_t n = static_cast<uint32_t>(m_X.rows());
    m_samples.clear();
    for (uint32_t i = 0; i < n; ++i) {
        if (weight(i) != 0.0) m_samples.push_back(i);
        m_w_all += weight(i);
    }
    MLPLAY_ASSERT(!m_samples.empty() && m_w_all > 0.0, "a tree needs rows of positive weight");
    m_sorted.resize(m_samples.size());

    const int max_depth = m_options.max_depth > 0 ? m_options.max_depth : INT_MAX;
    const uint32_t min_leaf = static_cast<uint32_t>(m_options.min_samples_leaf);
    const uint32_t min_split = std::max(static_cast<uint32_t>(m_options.min_samples_split),
                                        2 * min_leaf);

    std::vector<TreeNode> nodes;
    std::vector<PendingNode> stack;
    PendingNode root;
    root.end = static_cast<uint32_t>(m_samples.size());
    stack.push_back(std::move(root));
    bool first = true;
    while (!stack.empty()) {
        PendingNode node = std::move(stack.back());
        stack.pop_back();
        const uint32_t m = node.end - node.start;
        node_reset(node.start, node.end);
        if (first) {
            node.impurity = impurity(m_sum_total.data(), m_w_node, m_sq_sum_total);
            first = false;
        }

        bool is_leaf = node.depth >= max_depth || m < min_split || m < 2 * min_leaf ||
                       node.impurity <= k_epsilon;
        Split split;
        if (!is_leaf) is_leaf = !node_split(node, split) || split.improvement + k_epsilon < 0.0;

        const int id = static_cast<int>(nodes.size());
        TreeNode t;
        if (!is_leaf) {
            t.feature = split.feature;
            t.threshold = split.threshold;
        }
        t.impurity = node.impurity;
        t.n_samples = static_cast<int>(m);
        t.weighted_n_samples = m_w_node;
        t.value = m_sum_total;
        if (m_n_classes == 0) t.value[0] = m_sum_total[0] / m_w_node;
        nodes.push_back(std::move(t));
        if (node.parent >= 0) {
            TreeNode& parent = nodes[static_cast<size_t>(node.parent)];
            (node.is_left ? parent.left : parent.right) = id;
        }
        if (is_leaf) continue;

        // Right pushed first so that the left child is built (numbered) first.
        PendingNode right;
        right.start = split.pos;
        right.end = node.end;
        right.depth = node.depth + 1;
        right.parent = id;
        right.impurity = split.impurity_right;
        right.constants = node.constants;
        PendingNode left;
        left.start = node.start;
        left.end = split.pos;
        left.depth = node.depth + 1;
        left.parent = id;
        left.is_left = true;
        left.impurity = split.impurity_left;
        left.constants = std::move(node.constants);
        stack.push_back(std::move(right));
        stack.push_back(std::move(left));
    }
    return nodes;
}

// The error for a saved node that cannot be part of a valid tree.
Error bad_node(size_t i, const char* what) {
    return make_error("saved tree node %zu %s; the file is damaged", i, what);
}

} // namespace

double ordered_sum(const VectorD& v) {
    double total = 0.0;
    for (Eigen::Index i = 0; i < v.size(); ++i) total += v(i);
    return total;
}

CartTree CartTree::grow(const MatrixF& X, const std::vector<double>& y, int n_classes,
                        const std::vector<double>& weights, const CartOptions& options,
                        Rng* rng) {
    MLPLAY_ASSERT(X.rows() > 0 && X.cols() > 0, "a tree needs rows and features");
    MLPLAY_ASSERT(y.size() == static_cast<size_t>(X.rows()), "one target per row");
    MLPLAY_ASSERT(weights.empty() || weights.size() == y.size(), "one weight per row");
    MLPLAY_ASSERT(options.min_samples_leaf >= 1 && options.min_samples_split >= 2,
                  "min_samples_leaf >= 1 and min_samples_split >= 2");
    MLPLAY_ASSERT(options.max_features <= 0 || options.max_features >= X.cols() || rng,
                  "drawing feature subsets needs an Rng");
    CartTree tree;
    tree.m_n_features = static_cast<int>(X.cols());
    tree.m_nodes = Builder(X, y, n_classes, weights, options, rng).build();
    tree.compute_depth();
    return tree;
}

void CartTree::compute_depth() {
    // Children come after their parent, so one forward pass sees every parent first.
    std::vector<int> depth(m_nodes.size(), 0);
    m_depth = 0;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const TreeNode& t = m_nodes[i];
        m_depth = std::max(m_depth, depth[i]);
        if (t.is_leaf()) continue;
        depth[static_cast<size_t>(t.left)] = depth[i] + 1;
        depth[static_cast<size_t>(t.right)] = depth[i] + 1;
    }
}

int CartTree::n_leaves() const {
    int count = 0;
    for (const TreeNode& t : m_nodes) count += t.is_leaf();
    return count;
}

int CartTree::apply(const MatrixF& X, Eigen::Index row) const {
    MLPLAY_ASSERT(!m_nodes.empty() && X.cols() == m_n_features, "X must match the tree");
    int i = 0;
    while (!m_nodes[static_cast<size_t>(i)].is_leaf()) {
        const TreeNode& t = m_nodes[static_cast<size_t>(i)];
        i = static_cast<double>(X(row, t.feature)) <= t.threshold ? t.left : t.right;
    }
    return i;
}

VectorD CartTree::feature_importances() const {
    VectorD out = VectorD::Zero(m_n_features);
    if (m_nodes.empty()) return out;
    for (const TreeNode& t : m_nodes) {
        if (t.is_leaf()) continue;
        const TreeNode& l = m_nodes[static_cast<size_t>(t.left)];
        const TreeNode& r = m_nodes[static_cast<size_t>(t.right)];
        out(t.feature) += t.weighted_n_samples * t.impurity -
                          l.weighted_n_samples * l.impurity - r.weighted_n_samples * r.impurity;
    }
    out /= m_nodes[0].weighted_n_samples;
    double total = ordered_sum(out);
    if (total > 0.0) out /= total; // a single leaf splits nothing: all zero
    return out;
}

Json CartTree::to_json() const {
    const size_t n = m_nodes.size();
    std::vector<double> feature(n), threshold(n), left(n), right(n), impurity(n), n_samples(n),
        weighted(n), value;
    for (size_t i = 0; i < n; ++i) {
        const TreeNode& t = m_nodes[i];
        feature[i] = t.feature;
        threshold[i] = t.threshold;
        left[i] = t.left;
        right[i] = t.right;
        impurity[i] = t.impurity;
        n_samples[i] = t.n_samples;
        weighted[i] = t.weighted_n_samples;
        value.insert(value.end(), t.value.begin(), t.value.end());
    }
    Json j = Json::object();
    j.set("n_features", m_n_features);
    j.set("n_values", n == 0 ? 0 : m_nodes[0].value.size());
    j.set("feature", Json::numbers(feature));
    j.set("threshold", Json::numbers(threshold));
    j.set("left", Json::numbers(left));
    j.set("right", Json::numbers(right));
    j.set("impurity", Json::numbers(impurity));
    j.set("n_samples", Json::numbers(n_samples));
    j.set("weighted_n_samples", Json::numbers(weighted));
    j.set("value", Json::numbers(value));
    return j;
}

Result<CartTree> CartTree::from_json(const Json& j, int n_features, int n_values) {
    if (!j.is_object()) return make_error("a saved tree must be a JSON object");
    Result<double> saved_d = j.number_at("n_features");
    Result<double> saved_k = j.number_at("n_values");
    if (!saved_d) return saved_d.error();
    if (!saved_k) return saved_k.error();
    if (*saved_d != n_features || *saved_k != n_values)
        return make_error("the saved tree has %g features and %g values per node, but the "
                          "model has %d and %d", *saved_d, *saved_k, n_features, n_values);
    const char* keys[] = {"feature", "threshold", "left", "right",
                          "impurity", "n_samples", "weighted_n_samples", "value"};
    std::vector<std::vector<double>> cols;
    for (const char* key : keys) {
        Result<std::vector<double>> v = j.numbers_at(key);
        if (!v) return v.error();
        cols.push_back(std::move(*v));
    }
    const size_t n = cols[0].size();
    if (n == 0) return make_error("the saved tree has no nodes");
    for (size_t c = 1; c + 1 < cols.size(); ++c)
        if (cols[c].size() != n)
            return make_error("the saved tree's \"%s\" has %zu entries for %zu nodes", keys[c],
                              cols[c].size(), n);
    if (cols[7].size() != n * static_cast<size_t>(n_values))
        return make_error("the saved tree's \"value\" has %zu entries; %zu nodes of %d values "
                          "need %zu", cols[7].size(), n, n_values,
                          n * static_cast<size_t>(n_values));

    CartTree tree;
    tree.m_n_features = n_features;
    tree.m_nodes.resize(n);
    for (size_t i = 0; i < n; ++i) {
        TreeNode& t = tree.m_nodes[i];
        double left = cols[2][i], right = cols[3][i], feature = cols[0][i];
        bool leaf = left == -1 && right == -1;
        // A child always follows its parent: no cycles, no index out of range.
        auto child_ok = [&](double c) {
            return c == std::floor(c) && c > static_cast<double>(i) && c < static_cast<double>(n);
        };
        if (!leaf && (!child_ok(left) || !child_ok(right) || left == right))
            return bad_node(i, "has invalid children");
        if (!leaf && !(feature >= 0 && feature < n_features && feature == std::floor(feature)))
            return bad_node(i, "splits on a feature out of range");
        if (!(cols[5][i] >= 0) || cols[5][i] > INT_MAX || !(cols[6][i] >= 0))
            return bad_node(i, "has an invalid row count");
        t.feature = leaf ? -1 : static_cast<int>(feature);
        t.threshold = cols[1][i];
        t.left = leaf ? -1 : static_cast<int>(left);
        t.right = leaf ? -1 : static_cast<int>(right);
        t.impurity = cols[4][i];
        t.n_samples = static_cast<int>(cols[5][i]);
        t.weighted_n_samples = cols[6][i];
        auto first = cols[7].begin() + static_cast<long>(i * static_cast<size_t>(n_values));
        t.value.assign(first, first + n_values);
    }
    tree.compute_depth();
    return tree;
}

std::vector<ParamSpec> tree_param_specs(bool classifier, bool forest) {
    std::vector<std::string> criteria;
    if (classifier) criteria = {"gini", "entropy"};
    else criteria = {"squared_error"};
    return {
        {"criterion", ParamKind::choice, 0, 0, false, criteria,
         classifier ? "impurity a split lowers: gini, or entropy (information gain)"
                    : "impurity a split lowers: the variance of the target"},
        {"max_depth", ParamKind::integer, 0, 100, false, {},
         "deepest level of a leaf; 0: grow until every leaf is pure"},
        {"min_samples_split", ParamKind::integer, 2, 100000, true, {},
         "a node needs at least this many rows to be split"},
        {"min_samples_leaf", ParamKind::integer, 1, 100000, true, {},
         "every leaf keeps at least this many rows"},
        {"max_features", ParamKind::choice, 0, 0, false, {"all", "sqrt", "log2", "fraction"},
         "features tried per split: all d, sqrt(d), log2(d), or max_features_fraction * d"},
        {"max_features_fraction", ParamKind::real, 0.001, 1.0, false, {},
         "share of the features tried per split when max_features is fraction"},
        {"random_state", ParamKind::integer, 0, 4294967295.0, false, {},
         forest ? "seed of the bootstrap rows and feature subsets: same seed, same forest"
                : "seed of the feature subsets (unused when max_features is all)"},
    };
}

void tree_params_to_json(const TreeParams& p, Json& out) {
    out.set("criterion", p.criterion);
    out.set("max_depth", p.max_depth);
    out.set("min_samples_split", p.min_samples_split);
    out.set("min_samples_leaf", p.min_samples_leaf);
    out.set("max_features", p.max_features);
    out.set("max_features_fraction", p.max_features_fraction);
    out.set("random_state", static_cast<double>(p.random_state));
}

void tree_params_from_json(const Json& j, TreeParams& p) {
    p.criterion = j.find("criterion")->as_string();
    p.max_depth = static_cast<int>(j.find("max_depth")->as_number());
    p.min_samples_split = static_cast<int>(j.find("min_samples_split")->as_number());
    p.min_samples_leaf = static_cast<int>(j.find("min_samples_leaf")->as_number());
    p.max_features = j.find("max_features")->as_string();
    p.max_features_fraction = j.find("max_features_fraction")->as_number();
    p.random_state = static_cast<uint64_t>(j.find("random_state")->as_number());
}

int tree_max_features(const TreeParams& p, int d) {
    int k = d;
    if (p.max_features == "sqrt") {
        k = 0;
        while ((k + 1) * (k + 1) <= d) ++k;
    } else if (p.max_features == "log2") {
        k = 0;
        while ((2 << k) <= d) ++k;
    } else if (p.max_features == "fraction") {
        k = static_cast<int>(p.max_features_fraction * static_cast<double>(d));
    }
    return std::clamp(k, 1, d);
}

CartOptions cart_options(const TreeParams& p, int n_features) {
    CartOptions o;
    o.criterion = p.criterion == "entropy"         ? SplitCriterion::entropy
                  : p.criterion == "squared_error" ? SplitCriterion::squared_error
                                                   : SplitCriterion::gini;
    o.max_depth = p.max_depth;
    o.min_samples_split = p.min_samples_split;
    o.min_samples_leaf = p.min_samples_leaf;
    o.max_features = tree_max_features(p, n_features);
    return o;
}

namespace {

// The first non-finite entry of X, or false.
bool find_non_finite(const MatrixF& X, Eigen::Index& row, Eigen::Index& col) {
    if (X.allFinite()) return false;
    for (col = 0; col < X.cols(); ++col)
        for (row = 0; row < X.rows(); ++row)
            if (!std::isfinite(X(row, col))) return true;
    return false;
}

} // namespace

Status check_training_data(const char* model, const MatrixF& X, const VectorF& y) {
    if (X.rows() == 0 || X.cols() == 0)
        return make_error("%s needs at least one row and one feature", model);
    if (X.rows() != y.size())
        return make_error("X has %lld rows but y has %lld; give one target per row",
                          static_cast<long long>(X.rows()), static_cast<long long>(y.size()));
    if (X.rows() > INT_MAX)
        return make_error("%lld rows are more than a tree can index; sample fewer rows",
                          static_cast<long long>(X.rows()));
    Eigen::Index row = 0, col = 0;
    if (find_non_finite(X, row, col))
        return make_error("the training data has a missing or infinite value (row %lld, "
                          "feature %lld); impute or drop such values first",
                          static_cast<long long>(row), static_cast<long long>(col));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (!std::isfinite(y(i)))
            return make_error("the target is missing or infinite in row %lld; drop such rows "
                              "first", static_cast<long long>(i));
    return Status();
}

Status check_predict_data(bool fitted, int n_features, const MatrixF& X) {
    if (!fitted) return make_error("the model is not fitted yet; call fit first");
    if (X.cols() != n_features)
        return make_error("the model was fitted on %d features but got %lld", n_features,
                          static_cast<long long>(X.cols()));
    Eigen::Index row = 0, col = 0;
    if (find_non_finite(X, row, col))
        return make_error("X has a missing or infinite value (row %lld, feature %lld); impute "
                          "it first", static_cast<long long>(row), static_cast<long long>(col));
    return Status();
}

Status encode_classes(const VectorF& y, std::vector<float>& classes,
                      std::vector<double>& codes) {
    Result<ClassLabels> labels = classifier_labels(y);
    if (!labels) return labels.error();
    codes.assign(labels->index.begin(), labels->index.end());
    classes = std::move(labels->classes);
    return Status();
}

Result<int> saved_n_features(const Json& s) {
    Result<double> d = s.number_at("n_features");
    if (!d) return d.error();
    if (!(*d >= 1 && *d <= 1e7 && *d == std::floor(*d)))
        return make_error("the saved \"n_features\" (%g) is not a feature count", *d);
    return static_cast<int>(*d);
}

} // namespace mlplay

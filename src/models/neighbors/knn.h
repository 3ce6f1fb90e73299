// mlplay models: k-nearest neighbours, as sklearn.neighbors.KNeighborsClassifier
// and KNeighborsRegressor (algorithm="brute").
//
// Fitting stores the training rows; a query finds its k nearest training
// rows by the euclidean or manhattan metric, distances accumulated in double.
// Equidistant rows keep the lower training index first, as sklearn's brute
// force. The classifier votes (weights uniform: one vote each; distance:
// 1 / distance), gives the normalised votes as probabilities and the class
// with most votes as the prediction, the smallest class on a tie. The
// regressor gives the (weighted) mean target. With distance weights a query
// at distance 0 from some training rows gives those rows all the weight.
// Source: Hastie, Tibshirani and Friedman, The Elements of Statistical
// Learning, 2nd ed., section 13.3; sklearn's neighbors/_base.py for weights.
//
// Cost: fit O(n d) to copy; predict O(n d + n log k) per query for n
// training rows, d features; memory O(n d) floats.
// FIXME-PERF: brute force only; a KD-tree would make low-d queries O(log n).
//
//   KNeighborsClassifier knn;
//   knn.set_params(*Json::parse(R"({"n_neighbors": 7, "weights": "distance"})"));
//   if (Status s = knn.fit(X, y); !s) ...;
//   Result<MatrixF> proba = knn.predict_proba(X_new); // (n_new, n_classes)
#pragma once

#include "core/dataset.h"
#include "core/error.h"
#include "core/model.h"

#include <memory>
#include <string>
#include <vector>

namespace mlplay {

struct KnnParams {
    int n_neighbors = 5;
    std::string weights = "uniform";  // uniform, distance
    std::string metric = "euclidean"; // euclidean, manhattan
};

std::vector<ParamSpec> knn_param_specs();

// The k nearest training rows of each query, nearest first: index and
// distance are (n_queries * k), row-major.
struct KnnNeighbors {
    int k = 0;
    std::vector<int> index;
    std::vector<double> distance;
};

// train is (n, d), X is (m, d); errors: k outside 1..n, a feature count
// that differs, missing or infinite values in X.
Result<KnnNeighbors> knn_search(const MatrixF& train, const MatrixF& X, int k,
                                const std::string& metric);

class KNeighborsClassifier : public Model {
public:
    KNeighborsClassifier() = default;

    const char* name() const override { return "knn_classifier"; }
    Task task() const override { return Task::classification; }
    std::vector<ParamSpec> param_specs() const override { return knn_param_specs(); }
    Json params() const override;

    // y holds class labels (any numbers: they are sorted into classes()).
    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return !m_classes.empty(); }
    Result<VectorF> predict(const MatrixF& X) const override;
    // (n_samples, n_classes): each class's share of the neighbours' votes.
    Result<MatrixF> predict_proba(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    const std::vector<float>& classes() const { return m_classes; }
    Result<KnnNeighbors> kneighbors(const MatrixF& X) const;

protected:
    Status apply_params(const Json& params) override;

private:
    KnnParams m_params;
    std::vector<float> m_classes;
    MatrixF m_X;              // (n_samples, n_features): the training rows
    std::vector<int> m_label; // (n_samples): index into m_classes
};

class KNeighborsRegressor : public Model {
public:
    KNeighborsRegressor() = default;

    const char* name() const override { return "knn_regressor"; }
    Task task() const override { return Task::regression; }
    std::vector<ParamSpec> param_specs() const override { return knn_param_specs(); }
    Json params() const override;

    Status fit(const MatrixF& X, const VectorF& y) override;
    bool fitted() const override { return m_X.rows() > 0; }
    Result<VectorF> predict(const MatrixF& X) const override;

    Json save_state() const override;
    Status load_state(const Json& state) override;
    std::unique_ptr<Model> clone_unfitted() const override;

    Result<KnnNeighbors> kneighbors(const MatrixF& X) const;

protected:
    Status apply_params(const Json& params) override;

private:
    KnnParams m_params;
    MatrixF m_X; // (n_samples, n_features): the training rows
    VectorF m_y; // (n_samples)
};

} // namespace mlplay

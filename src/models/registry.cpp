#include "models/registry.h"

#include "models/linear/linear_regression.h"
#include "models/linear/logistic_regression.h"
#include "models/linear/penalized_regression.h"
#include "models/neighbors/knn.h"
#include "models/tree/decision_tree.h"
#include "models/tree/random_forest.h"

namespace mlplay {

namespace {

struct Entry {
    ModelInfo info;
    std::unique_ptr<Model> (*make)();
};

const std::vector<Entry>& entries() {
    static const std::vector<Entry> list = {
        {{"linear_regression", "Linear regression", Task::regression,
          "least squares, by QR or gradient descent"},
         [] { return std::unique_ptr<Model>(new LinearRegression()); }},
        {{"logistic_regression", "Logistic regression", Task::classification,
          "L2-penalised log loss, binary or multinomial, Newton-CG"},
         [] { return std::unique_ptr<Model>(new LogisticRegression()); }},
        {{"ridge", "Ridge regression", Task::regression,
          "least squares with an L2 penalty, closed form"},
         [] {
             return std::unique_ptr<Model>(
                 new PenalizedRegression(PenalizedRegression::Penalty::ridge));
         }},
        {{"lasso", "Lasso regression", Task::regression,
          "least squares with an L1 penalty that zeroes weights, coordinate descent"},
         [] {
             return std::unique_ptr<Model>(
                 new PenalizedRegression(PenalizedRegression::Penalty::lasso));
         }},
        {{"decision_tree_classifier", "Decision tree classifier", Task::classification,
          "CART: axis-aligned splits chosen by gini or entropy"},
         [] { return std::unique_ptr<Model>(new DecisionTreeClassifier()); }},
        {{"decision_tree_regressor", "Decision tree regressor", Task::regression,
          "CART: axis-aligned splits that lower the squared error"},
         [] { return std::unique_ptr<Model>(new DecisionTreeRegressor()); }},
        {{"random_forest_classifier", "Random forest classifier", Task::classification,
          "bagged CART trees on random feature subsets; averaged probabilities"},
         [] { return std::unique_ptr<Model>(new RandomForestClassifier()); }},
        {{"random_forest_regressor", "Random forest regressor", Task::regression,
          "bagged CART trees on random feature subsets; averaged predictions"},
         [] { return std::unique_ptr<Model>(new RandomForestRegressor()); }},
        {{"knn_classifier", "k-nearest neighbours classifier", Task::classification,
          "vote of the k nearest training rows, uniform or by 1 / distance"},
         [] { return std::unique_ptr<Model>(new KNeighborsClassifier()); }},
        {{"knn_regressor", "k-nearest neighbours regressor", Task::regression,
          "mean target of the k nearest training rows, uniform or by 1 / distance"},
         [] { return std::unique_ptr<Model>(new KNeighborsRegressor()); }},
    };
    return list;
}

} // namespace

std::vector<ModelInfo> model_registry() {
    std::vector<ModelInfo> out;
    for (const Entry& e : entries()) out.push_back(e.info);
    return out;
}

Result<std::unique_ptr<Model>> make_model(const std::string& name) {
    std::string known;
    for (const Entry& e : entries()) {
        if (e.info.name == name) return e.make();
        known += " " + e.info.name;
    }
    return make_error("no model named \"%s\"; the models are:%s", name.c_str(), known.c_str());
}

Json model_registry_json() {
    Json out = Json::array();
    for (const Entry& e : entries()) {
        Json m = Json::object();
        m.set("name", e.info.name);
        m.set("display_name", e.info.display_name);
        m.set("task", task_name(e.info.task));
        m.set("summary", e.info.summary);
        Json specs = Json::array();
        for (const ParamSpec& s : e.make()->param_specs()) specs.push(param_spec_json(s));
        m.set("params", specs);
        out.push(m);
    }
    return out;
}

Result<std::unique_ptr<Model>> load_model(const Json& doc) {
    if (!doc.is_object()) return make_error("a saved model must be a JSON object");
    Result<std::string> format = doc.string_at("format");
    if (!format || *format != "mlplay-model")
        return make_error("this is not an mlplay model (\"format\" must be \"mlplay-model\")");
    Result<double> version = doc.number_at("version");
    if (!version || *version != 1)
        return make_error("this model file has a version this mlplay cannot read (expected 1)");
    Result<std::string> name = doc.string_at("model");
    if (!name) return name.error();
    Result<std::unique_ptr<Model>> model = make_model(*name);
    if (!model) return model.error();
    if (const Json* params = doc.find("params")) {
        Status s = (*model)->set_params(*params);
        if (!s) return make_error("saved params: %s", s.error().message.c_str());
    }
    const Json* state = doc.find("state");
    if (!state) return make_error("the saved model has no \"state\"");
    Status s = (*model)->load_state(*state);
    if (!s) return make_error("saved state: %s", s.error().message.c_str());
    return model;
}

} // namespace mlplay

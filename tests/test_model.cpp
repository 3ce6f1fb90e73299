#include "core/model.h"

#include "core/datasets.h"
#include "models/linear/linear_regression.h"
#include "models/registry.h"

#include <doctest/doctest.h>

using namespace mlplay;

namespace {

bool mentions(const Status& s, const char* text) {
    return !s.ok() && s.error().message.find(text) != std::string::npos;
}

} // namespace

TEST_CASE("hyper-parameters are listed with their types and ranges") {
    auto m = make_model("linear_regression");
    REQUIRE(m.ok());
    std::vector<ParamSpec> specs = (*m)->param_specs();
    REQUIRE(specs.size() == 4);
    CHECK(specs[0].name == "solver");
    CHECK(specs[0].choices == std::vector<std::string>{"qr", "gd"});
    CHECK(specs[2].kind == ParamKind::real);
    CHECK(specs[2].log_scale);
    Json p = (*m)->params();
    CHECK(p.find("solver")->as_string() == "qr");
    CHECK(p.find("epochs")->as_number() == 200);
}

TEST_CASE("set_params checks names, types and ranges and changes nothing on failure") {
    LinearRegression lr;
    auto change = [](const char* json) { return *Json::parse(json); };
    CHECK(mentions(lr.set_params(change(R"({"learning_rate": 1000})")), "out of range"));
    CHECK(mentions(lr.set_params(change(R"({"epochs": 2.5})")), "whole number"));
    CHECK(mentions(lr.set_params(change(R"({"solver": "svd"})")), "qr, gd"));
    CHECK(mentions(lr.set_params(change(R"({"alpha": 1})")), "unknown parameter"));
    CHECK(mentions(lr.set_params(change(R"({"fit_intercept": 1})")), "true or false"));
    // A failing change in a batch leaves the valid ones unapplied too.
    CHECK_FALSE(lr.set_params(change(R"({"solver": "gd", "epochs": -1})")).ok());
    CHECK(lr.typed_params().solver == LinearSolver::qr);

    REQUIRE(lr.set_params(change(R"({"solver": "gd", "epochs": 50})")).ok());
    CHECK(lr.typed_params().solver == LinearSolver::gd);
    CHECK(lr.typed_params().epochs == 50);
}

TEST_CASE("name=value assignments are typed by the spec") {
    LinearRegression lr;
    auto specs = lr.param_specs();
    auto a = parse_param_assignment(specs, "learning_rate=0.05");
    REQUIRE(a.ok());
    CHECK(a->find("learning_rate")->as_number() == 0.05);
    CHECK(parse_param_assignment(specs, "fit_intercept=false")->find("fit_intercept")->is_bool());
    CHECK_FALSE(parse_param_assignment(specs, "epochs=many").ok());
    CHECK_FALSE(parse_param_assignment(specs, "nothing").ok());
    CHECK_FALSE(parse_param_assignment(specs, "depth=3").ok());
}

TEST_CASE("a saved model loads back and predicts the same") {
    auto ds = make_housing(100, 10.0, 3);
    LinearRegression lr;
    REQUIRE(lr.fit(*ds, "售价").ok());
    std::string text = lr.save().dump();

    auto doc = Json::parse(text);
    REQUIRE(doc.ok());
    auto loaded = load_model(*doc);
    REQUIRE(loaded.ok());
    auto d = supervised_data(*ds, "售价");
    auto p1 = lr.predict(d->X);
    auto p2 = (*loaded)->predict(d->X);
    REQUIRE(p2.ok());
    CHECK((*p1 - *p2).cwiseAbs().maxCoeff() == 0.0f);
    CHECK((*loaded)->params().dump() == lr.params().dump());
}

TEST_CASE("damaged model documents are refused with a reason") {
    const char* docs[] = {
        R"([])",
        R"({"format": "other"})",
        R"({"format": "mlplay-model", "version": 2, "model": "linear_regression"})",
        R"({"format": "mlplay-model", "version": 1, "model": "forest", "state": {}})",
        R"({"format": "mlplay-model", "version": 1, "model": "linear_regression"})",
        R"({"format": "mlplay-model", "version": 1, "model": "linear_regression",
            "params": {"epochs": 0}, "state": {"fitted": false}})",
        R"({"format": "mlplay-model", "version": 1, "model": "linear_regression",
            "state": {"fitted": true, "coefficients": [1, "x"], "intercept": 0}})",
        R"({"format": "mlplay-model", "version": 1, "model": "linear_regression",
            "state": {"fitted": true, "coefficients": [1, 2], "intercept": 0,
                      "feature_names": ["a"]}})",
    };
    for (const char* text : docs) {
        CAPTURE(text);
        auto doc = Json::parse(text);
        REQUIRE(doc.ok());
        CHECK_FALSE(load_model(*doc).ok());
    }
}

TEST_CASE("the generic score is R^2 for a regressor") {
    auto ds = make_housing(200, 5.0, 9);
    auto d = supervised_data(*ds, "售价");
    auto m = make_model("linear_regression");
    Model& model = **m;
    REQUIRE(model.fit(d->X, d->y).ok());
    auto r2 = model.score(d->X, d->y);
    REQUIRE(r2.ok());
    CHECK(*r2 > 0.99);
    CHECK_FALSE(model.predict_proba(d->X).ok());
    auto clone = model.clone_unfitted();
    CHECK_FALSE(clone->fitted());
    CHECK(clone->params().dump() == model.params().dump());
}

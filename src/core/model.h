// mlplay core: the interface every model implements.
//
// Hyper-parameters are named, typed, range-checked values described by
// ParamSpec, so the UI, the JavaScript API and the runner can list and edit
// them without knowing the model. Values travel as a Json object
// ({"learning_rate": 0.1, "solver": "gd"}); set_params checks every change
// against the specs before the model sees it, and a failed change leaves the
// model as it was.
//
// Saving: save() gives {"format": "mlplay-model", "version": 1,
// "model": NAME, "params": {...}, "state": {...}}; models/registry.h turns
// such a document back into a model.
#pragma once

#include "core/dataset.h"
#include "core/datasets.h"
#include "core/error.h"
#include "core/json.h"

#include <memory>
#include <string>
#include <vector>

namespace mlplay {

enum class ParamKind { real, integer, boolean, choice };

struct ParamSpec {
    std::string name; // snake_case, as in scikit-learn where it has one
    ParamKind kind = ParamKind::real;
    double min = 0.0; // real and integer: inclusive range
    double max = 0.0;
    bool log_scale = false; // editors slide it on a log scale
    std::vector<std::string> choices; // choice
    std::string help;
};

const char* param_kind_name(ParamKind kind);
Json param_spec_json(const ParamSpec& spec);

// Merges `changes` into `current`, checking each key against the specs:
// unknown names, wrong types, out-of-range numbers, non-integers for integer
// parameters and unknown choices are errors that name the value and the range.
Result<Json> merge_params(const std::vector<ParamSpec>& specs, const Json& current,
                          const Json& changes);

// Parses "name=value" (the runner's --param) into a one-key change, typed by
// the spec: numbers for real/integer, true/false for boolean, text for choice.
Result<Json> parse_param_assignment(const std::vector<ParamSpec>& specs,
                                    const std::string& assignment);

// A saved state's "fitted" flag, for load_state: an error naming `model`
// when it is missing or not true/false.
Result<bool> saved_fitted_flag(const Json& state, const char* model);

class Model {
public:
    virtual ~Model() = default;

    virtual const char* name() const = 0; // the registry name
    virtual Task task() const = 0;
    virtual std::vector<ParamSpec> param_specs() const = 0;
    virtual Json params() const = 0;
    // Validated by merge_params, then applied; nothing changes on failure.
    Status set_params(const Json& changes);

    // X is (n_samples, n_features); y holds targets (regression) or class
    // indices 0..k-1 (classification).
    virtual Status fit(const MatrixF& X, const VectorF& y) = 0;
    virtual bool fitted() const = 0;
    virtual Result<VectorF> predict(const MatrixF& X) const = 0;
    // (n_samples, n_classes); models without probabilities return an error.
    virtual Result<MatrixF> predict_proba(const MatrixF& X) const;
    // R^2 for regression, accuracy for classification.
    virtual Result<double> score(const MatrixF& X, const VectorF& y) const;

    // The whole model as a document, and back (state only: the registry
    // makes the model and sets its params first).
    Json save() const;
    virtual Json save_state() const = 0;
    virtual Status load_state(const Json& state) = 0;

    // A new, unfitted model with the same hyper-parameters (cross-validation).
    virtual std::unique_ptr<Model> clone_unfitted() const = 0;

protected:
    // Receives a complete, validated parameter object.
    virtual Status apply_params(const Json& params) = 0;
};

} // namespace mlplay

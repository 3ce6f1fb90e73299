// mlplay models: the list of every model, by name.
//
// The UI, the JavaScript API and the runner find models here: make one by
// name, list their hyper-parameters, or rebuild one from a saved document.
#pragma once

#include "core/datasets.h"
#include "core/error.h"
#include "core/json.h"
#include "core/model.h"

#include <memory>
#include <string>
#include <vector>

namespace mlplay {

struct ModelInfo {
    std::string name;         // registry name, e.g. "linear_regression"
    std::string display_name; // e.g. "Linear regression"
    Task task = Task::regression;
    std::string summary;
};

std::vector<ModelInfo> model_registry();
Result<std::unique_ptr<Model>> make_model(const std::string& name);
// The registry as one JSON array: name, task, summary, params (specs).
Json model_registry_json();
// Rebuilds a model from Model::save()'s document.
Result<std::unique_ptr<Model>> load_model(const Json& document);

} // namespace mlplay

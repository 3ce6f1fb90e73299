#include "core/model.h"

#include "core/metrics.h"

#include <cmath>
#include <cstdlib>

namespace mlplay {

const char* param_kind_name(ParamKind kind) {
    switch (kind) {
    case ParamKind::real: return "real";
    case ParamKind::integer: return "integer";
    case ParamKind::boolean: return "boolean";
    case ParamKind::choice: return "choice";
    }
    return "?";
}

Json param_spec_json(const ParamSpec& spec) {
    Json j = Json::object();
    j.set("name", spec.name);
    j.set("kind", param_kind_name(spec.kind));
    if (spec.kind == ParamKind::real || spec.kind == ParamKind::integer) {
        j.set("min", spec.min);
        j.set("max", spec.max);
        j.set("log_scale", spec.log_scale);
    }
    if (spec.kind == ParamKind::choice) {
        Json c = Json::array();
        for (const std::string& s : spec.choices) c.push(s);
        j.set("choices", c);
    }
    j.set("help", spec.help);
    return j;
}

namespace {

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, const std::string& name) {
    for (const ParamSpec& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

std::string spec_names(const std::vector<ParamSpec>& specs) {
    std::string out;
    for (const ParamSpec& s : specs) out += (out.empty() ? "" : ", ") + s.name;
    return out.empty() ? "(none)" : out;
}

Status check_value(const ParamSpec& spec, const Json& v) {
    const char* n = spec.name.c_str();
    switch (spec.kind) {
    case ParamKind::boolean:
        if (!v.is_bool()) return make_error("%s must be true or false", n);
        return Status();
    case ParamKind::choice: {
        if (!v.is_string()) return make_error("%s must be one of its choices, as text", n);
        for (const std::string& c : spec.choices)
            if (c == v.as_string()) return Status();
        std::string options;
        for (const std::string& c : spec.choices) options += (options.empty() ? "" : ", ") + c;
        return make_error("%s \"%s\" is not a choice; use one of: %s", n,
                          v.as_string().c_str(), options.c_str());
    }
    case ParamKind::real:
    case ParamKind::integer: {
        if (!v.is_number()) return make_error("%s must be a number", n);
        double x = v.as_number();
        if (!std::isfinite(x)) return make_error("%s must be a finite number", n);
        if (spec.kind == ParamKind::integer && x != std::floor(x))
            return make_error("%s must be a whole number, not %g", n, x);
        if (x < spec.min || x > spec.max)
            return make_error("%s %g is out of range; use a value from %g to %g", n, x, spec.min,
                              spec.max);
        return Status();
    }
    }
    return Status();
}

} // namespace

Result<Json> merge_params(const std::vector<ParamSpec>& specs, const Json& current,
                          const Json& changes) {
    if (!changes.is_object())
        return make_error("parameters must be an object of name: value pairs");
    Json merged = current;
    for (const auto& [key, value] : changes.members()) {
        const ParamSpec* spec = find_spec(specs, key);
        if (!spec)
            return make_error("unknown parameter \"%s\"; this model takes: %s", key.c_str(),
                              spec_names(specs).c_str());
        Status s = check_value(*spec, value);
        if (!s) return s.error();
        merged.set(key, value);
    }
    return merged;
}

Result<Json> parse_param_assignment(const std::vector<ParamSpec>& specs,
                                    const std::string& assignment) {
    size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        return make_error("parameter \"%s\" must look like name=value", assignment.c_str());
    std::string key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    const ParamSpec* spec = find_spec(specs, key);
    if (!spec)
        return make_error("unknown parameter \"%s\"; this model takes: %s", key.c_str(),
                          spec_names(specs).c_str());
    Json value;
    if (spec->kind == ParamKind::choice) {
        value = Json(text);
    } else if (spec->kind == ParamKind::boolean) {
        if (text == "true" || text == "1") value = Json(true);
        else if (text == "false" || text == "0") value = Json(false);
        else return make_error("%s must be true or false, not \"%s\"", key.c_str(), text.c_str());
    } else {
        char* end = nullptr;
        double x = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0')
            return make_error("%s must be a number, not \"%s\"", key.c_str(), text.c_str());
        value = Json(x);
    }
    Json change = Json::object();
    change.set(key, value);
    return change;
}

Result<bool> saved_fitted_flag(const Json& s, const char* model) {
    const Json* flag = s.is_object() ? s.find("fitted") : nullptr;
    if (!flag || !flag->is_bool())
        return make_error("a %s state needs \"fitted\": true or false", model);
    return flag->as_bool();
}

Status Model::set_params(const Json& changes) {
    Result<Json> merged = merge_params(param_specs(), params(), changes);
    if (!merged) return merged.error();
    return apply_params(*merged);
}

Result<MatrixF> Model::predict_proba(const MatrixF&) const {
    return make_error("%s gives no class probabilities", name());
}

Result<double> Model::score(const MatrixF& X, const VectorF& y) const {
    Result<VectorF> p = predict(X);
    if (!p) return p.error();
    if (p->size() != y.size()) return make_error("X and y have different numbers of rows");
    if (y.size() == 0) return make_error("no rows to score");
    if (task() == Task::regression) return r2_score(y, *p);
    Eigen::Index hits = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) hits += (*p)(i) == y(i);
    return static_cast<double>(hits) / static_cast<double>(y.size());
}

Json Model::save() const {
    Json doc = Json::object();
    doc.set("format", "mlplay-model");
    doc.set("version", 1);
    doc.set("model", name());
    doc.set("params", params());
    doc.set("state", save_state());
    return doc;
}

} // namespace mlplay

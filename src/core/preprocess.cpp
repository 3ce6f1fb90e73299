// mlplay core: the preprocessing step interface and the Pipeline (see
// preprocess.h), and the helpers the steps share. The grammar of specs is in
// preprocess_spec.cpp; the steps in preprocess_steps.cpp (impute, outliers,
// scaling), preprocess_encode.cpp (one-hot, ordinal) and
// preprocess_select.cpp (feature selection).
// Cost: a pipeline's fit or transform is the sum of its steps' (each at
// least a copy of the data, O(n d)).
#include "core/preprocess.h"

#include "core/preprocess_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace mlplay {

namespace preprocess_detail {

const char* kind_name(ColumnKind kind) {
    return kind == ColumnKind::numeric ? "numeric" : "categorical";
}

std::string columns_text(const PreprocessStep& step, const char* default_set) {
    const bool fitted = step.fitted();
    const std::vector<std::string>& names =
        fitted ? step.fitted_columns() : step.requested_columns();
    if (!fitted && names.empty()) return default_set;
    if (names.empty()) return "no column (none to act on)";
    std::string list;
    for (size_t i = 0; i < names.size() && i < 4; ++i) {
        if (i > 0) list += ", ";
        list += names[i];
    }
    if (names.size() > 4) list += ", ... " + std::to_string(names.size() - 4) + " more";
    return std::to_string(names.size()) + (names.size() == 1 ? " column (" : " columns (") +
           list + ")";
}

// --- building datasets ---------------------------------------------------------------

std::vector<double> present_values(const Column& c) {
    std::vector<double> v;
    v.reserve(c.values.size());
    for (float x : c.values)
        if (!std::isnan(x)) v.push_back(static_cast<double>(x));
    return v;
}

void append_copy(Dataset& out, const Column& c) {
    Status s = c.kind == ColumnKind::numeric
                   ? out.add_column(c.name, c.values)
                   : out.add_categorical_column(c.name, c.values, c.categories);
    MLPLAY_ASSERT(s.ok(), "copying a column of a valid Dataset failed");
}

Status append_numeric(Dataset& out, const std::string& name, std::vector<float> values) {
    if (out.find_column(name) >= 0)
        return make_error("the output would have two columns named \"%s\"; rename the column "
                          "that clashes before preprocessing", name.c_str());
    Status s = out.add_column(name, std::move(values));
    MLPLAY_ASSERT(s.ok(), "adding a numeric column failed");
    return s;
}

std::vector<int> column_positions(size_t n_columns, const std::vector<size_t>& cols) {
    std::vector<int> pos(n_columns, -1);
    for (size_t i = 0; i < cols.size(); ++i) pos[cols[i]] = static_cast<int>(i);
    return pos;
}

Dataset with_numeric_columns(const Dataset& ds, const std::vector<size_t>& cols,
                             std::vector<std::vector<float>> values) {
    MLPLAY_ASSERT(cols.size() == values.size(), "one value vector per column");
    Dataset out;
    for (size_t j = 0; j < ds.n_columns(); ++j) {
        auto it = std::find(cols.begin(), cols.end(), j);
        if (it == cols.end()) {
            append_copy(out, ds.column(j));
            continue;
        }
        Status s = out.add_column(ds.column_name(j),
                                  std::move(values[static_cast<size_t>(it - cols.begin())]));
        MLPLAY_ASSERT(s.ok(), "replacing a column failed");
    }
    return out;
}

std::vector<int> category_lookup(const std::vector<std::string>& column_categories,
                                 const std::vector<std::string>& learned) {
    std::vector<int> index(column_categories.size(), -1);
    for (size_t c = 0; c < column_categories.size(); ++c) {
        auto it = std::lower_bound(learned.begin(), learned.end(), column_categories[c]);
        if (it != learned.end() && *it == column_categories[c])
            index[c] = static_cast<int>(it - learned.begin());
    }
    return index;
}

std::vector<std::string> sorted_present_categories(const Column& c, bool* has_missing) {
    std::vector<char> seen(c.categories.size(), 0);
    bool missing = false;
    for (float v : c.values) {
        if (std::isnan(v))
            missing = true;
        else
            seen[static_cast<size_t>(v)] = 1;
    }
    std::vector<std::string> out;
    for (size_t k = 0; k < seen.size(); ++k)
        if (seen[k]) out.push_back(c.categories[k]);
    std::sort(out.begin(), out.end());
    if (has_missing) *has_missing = missing;
    return out;
}

bool is_constant_feature(double var, double mean, double n) {
    const double eps = std::numeric_limits<double>::epsilon();
    const double nme = n * mean * eps;
    return var <= n * eps * var + nme * nme;
}

void record(StepEffects* effects, const std::string& column, const char* action,
            std::vector<uint32_t> rows) {
    if (effects && !rows.empty()) effects->cells.push_back({column, action, std::move(rows)});
}

// --- reading learned state -----------------------------------------------------------

Result<double> read_number(const Json& obj, const char* key, const std::string& column) {
    const Json* v = obj.find(key);
    if (!v || !v->is_number() || !std::isfinite(v->as_number()))
        return make_error("column \"%s\": \"%s\" must be a finite number", column.c_str(), key);
    return v->as_number();
}

Result<size_t> read_count(const Json& obj, const char* key, const std::string& column) {
    const Json* v = obj.find(key);
    if (!v || !v->is_number() || !(v->as_number() >= 0.0) || v->as_number() > 9.0e15 ||
        v->as_number() != std::floor(v->as_number()))
        return make_error("column \"%s\": \"%s\" must be a whole number >= 0", column.c_str(),
                          key);
    return static_cast<size_t>(v->as_number());
}

Result<bool> read_bool(const Json& obj, const char* key, const std::string& column) {
    const Json* v = obj.find(key);
    if (!v || !v->is_bool())
        return make_error("column \"%s\": \"%s\" must be true or false", column.c_str(), key);
    return v->as_bool();
}

Result<std::string> read_string(const Json& obj, const char* key, const std::string& column) {
    const Json* v = obj.find(key);
    if (!v || !v->is_string())
        return make_error("column \"%s\": \"%s\" must be a string", column.c_str(), key);
    return v->as_string();
}

Result<std::vector<std::string>> read_strings(const Json& obj, const char* key,
                                              const std::string& column) {
    const Json* v = obj.find(key);
    if (!v || !v->is_array())
        return make_error("column \"%s\": \"%s\" must be an array of strings", column.c_str(),
                          key);
    std::vector<std::string> out;
    for (const Json& item : v->items()) {
        if (!item.is_string())
            return make_error("column \"%s\": \"%s\" must hold only strings", column.c_str(),
                              key);
        out.push_back(item.as_string());
    }
    return out;
}

Json strings_json(const std::vector<std::string>& items) {
    Json a = Json::array();
    for (const std::string& s : items) a.push(s);
    return a;
}

} // namespace preprocess_detail

using namespace preprocess_detail;

namespace {

Json rows_json(const std::vector<uint32_t>& rows) {
    Json a = Json::array();
    for (uint32_t r : rows) a.push(static_cast<size_t>(r));
    return a;
}

} // namespace

Json step_effects_json(const StepEffects& effects) {
    Json j = Json::object();
    j.set("n_rows_in", effects.n_rows_in);
    j.set("n_rows_out", effects.n_rows_out);
    Json cells = Json::array();
    for (const CellEffects& c : effects.cells) {
        Json e = Json::object();
        e.set("column", c.column);
        e.set("action", c.action);
        e.set("count", c.rows.size());
        e.set("rows", rows_json(c.rows));
        cells.push(std::move(e));
    }
    j.set("cells", std::move(cells));
    j.set("dropped_rows", rows_json(effects.dropped_rows));
    j.set("flagged_rows", rows_json(effects.flagged_rows));
    return j;
}

// --- PreprocessStep --------------------------------------------------------------------

std::string PreprocessStep::spec() const {
    std::string s = name();
    for (size_t i = 0; i < m_requested.size(); ++i) {
        s += i == 0 ? '@' : '+';
        s += spec_token(m_requested[i]);
    }
    return s;
}

void PreprocessStep::set_columns(std::vector<std::string> names) {
    m_requested = std::move(names);
    m_fitted = false;
    m_fitted_columns.clear();
    m_fitted_kinds.clear();
    clear();
}

Status PreprocessStep::fit(const Dataset& train, const FitContext& ctx) {
    m_fitted = false;
    m_fitted_columns.clear();
    m_fitted_kinds.clear();
    clear();
    if (train.n_rows() == 0)
        return make_error("%s: the training data has no rows; fit on a dataset with rows",
                          spec().c_str());
    int target = -1;
    if (!ctx.target.empty()) {
        Result<size_t> t = train.require_column(ctx.target);
        if (!t) return make_error("target: %s", t.error().message.c_str());
        target = static_cast<int>(*t);
    }

    // The columns: named ones, checked, or every feature of an accepted kind.
    std::vector<size_t> cols;
    if (m_requested.empty()) {
        for (size_t c = 0; c < train.n_columns(); ++c)
            if (static_cast<int>(c) != target && accepts(train.kind(c), false)) cols.push_back(c);
    } else {
        for (const std::string& name : m_requested) {
            Result<size_t> c = train.require_column(name);
            if (!c) return c.error();
            if (static_cast<int>(*c) == target)
                return make_error("%s: column \"%s\" is the target; preprocessing acts on "
                                  "features only", spec().c_str(), name.c_str());
            if (!accepts(train.kind(*c), true))
                return make_error("%s cannot act on the %s column \"%s\"; name another column",
                                  this->name().c_str(), kind_name(train.kind(*c)),
                                  name.c_str());
            if (std::find(cols.begin(), cols.end(), *c) != cols.end())
                return make_error("%s names column \"%s\" twice; name it once", spec().c_str(),
                                  name.c_str());
            cols.push_back(*c);
        }
        std::sort(cols.begin(), cols.end());
    }
    for (size_t c : cols) {
        m_fitted_columns.push_back(train.column_name(c));
        m_fitted_kinds.push_back(train.kind(c));
    }

    Status s = fit_columns(train, cols, ctx);
    if (!s) {
        m_fitted_columns.clear();
        m_fitted_kinds.clear();
        clear();
        return s;
    }
    m_fitted = true;
    return Status();
}

Result<Dataset> PreprocessStep::transform(const Dataset& ds, StepEffects* effects) const {
    if (!m_fitted)
        return make_error("%s is not fitted; fit it on the training data first", spec().c_str());
    std::vector<size_t> cols;
    for (size_t i = 0; i < m_fitted_columns.size(); ++i) {
        const int c = ds.find_column(m_fitted_columns[i]);
        if (c < 0)
            return make_error("column \"%s\", which %s was fitted on, is not in this dataset; "
                              "transform data with the training data's columns",
                              m_fitted_columns[i].c_str(), spec().c_str());
        if (ds.kind(static_cast<size_t>(c)) != m_fitted_kinds[i])
            return make_error("column \"%s\" was %s in the training data but is %s here",
                              m_fitted_columns[i].c_str(), kind_name(m_fitted_kinds[i]),
                              kind_name(ds.kind(static_cast<size_t>(c))));
        cols.push_back(static_cast<size_t>(c));
    }
    if (effects) {
        *effects = StepEffects();
        effects->n_rows_in = ds.n_rows();
    }
    Result<Dataset> out = apply(ds, cols, false, effects);
    if (out && effects) effects->n_rows_out = out->n_rows();
    return out;
}

Result<Dataset> PreprocessStep::fit_transform(const Dataset& train, const FitContext& ctx,
                                              StepEffects* effects) {
    if (Status s = fit(train, ctx); !s) return s.error();
    std::vector<size_t> cols;
    for (const std::string& name : m_fitted_columns)
        cols.push_back(static_cast<size_t>(train.find_column(name)));
    if (effects) {
        *effects = StepEffects();
        effects->n_rows_in = train.n_rows();
    }
    Result<Dataset> out = apply(train, cols, true, effects);
    if (!out) {
        set_columns(m_requested);
        return out;
    }
    if (effects) effects->n_rows_out = out->n_rows();
    return out;
}

Json PreprocessStep::learned() const {
    Json j = Json::object();
    Json cols = Json::array();
    for (size_t i = 0; i < m_fitted_columns.size(); ++i) {
        Json c = Json::object();
        c.set("name", m_fitted_columns[i]);
        c.set("kind", kind_name(m_fitted_kinds[i]));
        save_column(i, c);
        cols.push(std::move(c));
    }
    j.set("columns", std::move(cols));
    save_extra(j);
    return j;
}

Status PreprocessStep::load_learned(const Json& learned) {
    set_columns(m_requested);
    const Json* cols = learned.find("columns");
    if (!learned.is_object() || !cols || !cols->is_array())
        return make_error("%s: \"learned\" must be an object with a \"columns\" array",
                          spec().c_str());
    std::vector<const Json*> items;
    for (const Json& c : cols->items()) {
        if (!c.is_object())
            return make_error("%s: each learned column must be an object", spec().c_str());
        Result<std::string> name = c.string_at("name");
        Result<std::string> kind = c.string_at("kind");
        if (!name || !kind || (*kind != "numeric" && *kind != "categorical"))
            return make_error("%s: each learned column needs a \"name\" and a \"kind\" "
                              "(numeric or categorical)", spec().c_str());
        const ColumnKind k = *kind == "numeric" ? ColumnKind::numeric : ColumnKind::categorical;
        if (!accepts(k, true) ||
            std::find(m_fitted_columns.begin(), m_fitted_columns.end(), *name) !=
                m_fitted_columns.end()) {
            set_columns(m_requested);
            return make_error("%s: learned column \"%s\" is repeated or of a kind the step "
                              "cannot act on", spec().c_str(), name->c_str());
        }
        m_fitted_columns.push_back(*name);
        m_fitted_kinds.push_back(k);
        items.push_back(&c);
    }
    Status s = load_columns(items, learned);
    if (!s) {
        set_columns(m_requested);
        return make_error("%s: %s", spec().c_str(), s.error().message.c_str());
    }
    m_fitted = true;
    return Status();
}

Json PreprocessStep::report() const {
    Json j = Json::object();
    j.set("step", spec());
    j.set("description", describe());
    j.set("fitted", m_fitted);
    if (m_fitted) j.set("learned", learned());
    return j;
}

std::unique_ptr<PreprocessStep> PreprocessStep::clone_unfitted() const {
    std::unique_ptr<PreprocessStep> c = clone();
    c->set_columns(m_requested);
    return c;
}

// --- Pipeline ------------------------------------------------------------------------------

Pipeline::Pipeline(const Pipeline& other)
    : m_fitted(other.m_fitted), m_target(other.m_target), m_columns_in(other.m_columns_in),
      m_columns_out(other.m_columns_out), m_training_effects(other.m_training_effects) {
    for (const auto& s : other.m_steps) m_steps.push_back(s->clone());
}

Pipeline& Pipeline::operator=(const Pipeline& other) {
    if (this != &other) *this = Pipeline(other);
    return *this;
}

void Pipeline::add(std::unique_ptr<PreprocessStep> step) {
    MLPLAY_ASSERT(step != nullptr, "adding a null step");
    *this = clone_unfitted();
    m_steps.push_back(step->clone_unfitted());
}

std::string Pipeline::spec() const {
    std::string s;
    for (const auto& step : m_steps) {
        if (!s.empty()) s += ',';
        s += step->spec();
    }
    return s;
}

std::string Pipeline::describe() const {
    if (m_steps.empty()) return "no preprocessing: data passes through unchanged";
    std::string s;
    for (const auto& step : m_steps) {
        if (!s.empty()) s += '\n';
        s += step->describe();
    }
    return s;
}

Pipeline Pipeline::clone_unfitted() const {
    Pipeline p;
    for (const auto& s : m_steps) p.m_steps.push_back(s->clone_unfitted());
    return p;
}

Result<Dataset> Pipeline::fit_transform(const Dataset& train, const FitContext& ctx) {
    if (train.n_rows() == 0)
        return make_error("the training data has no rows; preprocessing learns from the "
                          "training rows");
    if (!ctx.target.empty())
        if (Result<size_t> t = train.require_column(ctx.target); !t)
            return make_error("target: %s", t.error().message.c_str());

    // Fit a fresh copy, and keep it only if every step succeeds.
    Pipeline next = clone_unfitted();
    Dataset current = train;
    std::vector<uint32_t> origin(train.n_rows()); // row of `train` for each current row
    std::iota(origin.begin(), origin.end(), 0u);
    for (size_t i = 0; i < next.m_steps.size(); ++i) {
        PreprocessStep& step = *next.m_steps[i];
        StepEffects fx;
        Result<Dataset> out = step.fit_transform(current, ctx, &fx);
        if (!out)
            return make_error("preprocessing step %zu (%s): %s", i + 1, step.spec().c_str(),
                              out.error().message.c_str());

        // Number the effects' rows as in `train`; dropped rows leave `origin`.
        std::vector<uint32_t> kept;
        size_t d = 0;
        for (uint32_t r = 0; r < origin.size(); ++r) {
            if (d < fx.dropped_rows.size() && fx.dropped_rows[d] == r) {
                ++d;
                continue;
            }
            kept.push_back(origin[r]);
        }
        for (CellEffects& c : fx.cells)
            for (uint32_t& r : c.rows) r = origin[r];
        for (uint32_t& r : fx.dropped_rows) r = origin[r];
        for (uint32_t& r : fx.flagged_rows) r = origin[r];
        origin = std::move(kept);
        MLPLAY_ASSERT(origin.size() == out->n_rows(), "a step dropped rows it did not report");

        next.m_training_effects.push_back(std::move(fx));
        current = std::move(*out);
    }
    next.m_fitted = true;
    next.m_target = ctx.target;
    next.m_columns_in = train.column_names();
    next.m_columns_out = current.column_names();
    *this = std::move(next);
    return current;
}

Status Pipeline::fit(const Dataset& train, const FitContext& ctx) {
    Result<Dataset> out = fit_transform(train, ctx);
    if (!out) return out.error();
    return Status();
}

Result<Dataset> Pipeline::transform(const Dataset& ds, std::vector<StepEffects>* effects) const {
    if (!m_fitted)
        return make_error("the preprocessing pipeline is not fitted; fit it on the training "
                          "data first");
    if (effects) effects->clear();
    Dataset current = ds;
    for (size_t i = 0; i < m_steps.size(); ++i) {
        StepEffects fx;
        Result<Dataset> out = m_steps[i]->transform(current, effects ? &fx : nullptr);
        if (!out)
            return make_error("preprocessing step %zu (%s): %s", i + 1,
                              m_steps[i]->spec().c_str(), out.error().message.c_str());
        if (effects) effects->push_back(std::move(fx));
        current = std::move(*out);
    }
    return current;
}

Json Pipeline::report() const {
    Json j = Json::object();
    j.set("spec", spec());
    j.set("fitted", m_fitted);
    j.set("target", m_target);
    j.set("columns_in", strings_json(m_columns_in));
    j.set("columns_out", strings_json(m_columns_out));
    Json steps = Json::array();
    for (size_t i = 0; i < m_steps.size(); ++i) {
        Json s = m_steps[i]->report();
        if (i < m_training_effects.size())
            s.set("training", step_effects_json(m_training_effects[i]));
        steps.push(std::move(s));
    }
    j.set("steps", std::move(steps));
    return j;
}

Json Pipeline::to_json() const {
    Json j = Json::object();
    j.set("format", "mlplay-pipeline");
    j.set("version", 1);
    j.set("spec", spec());
    j.set("fitted", m_fitted);
    j.set("target", m_target);
    j.set("columns_in", strings_json(m_columns_in));
    j.set("columns_out", strings_json(m_columns_out));
    Json steps = Json::array();
    for (const auto& step : m_steps) {
        Json s = Json::object();
        s.set("spec", step->spec());
        if (m_fitted) s.set("learned", step->learned());
        steps.push(std::move(s));
    }
    j.set("steps", std::move(steps));
    return j;
}

Result<Pipeline> Pipeline::from_json(const Json& doc) {
    if (!doc.is_object()) return make_error("a saved pipeline must be a JSON object");
    Result<std::string> format = doc.string_at("format");
    if (!format || *format != "mlplay-pipeline")
        return make_error("not a saved pipeline: \"format\" must be \"mlplay-pipeline\"");
    Result<double> version = doc.number_at("version");
    if (!version || *version != 1.0)
        return make_error("saved pipeline version %g is not supported; this build reads "
                          "version 1", version ? *version : 0.0);
    const Json* fitted = doc.find("fitted");
    const Json* steps = doc.find("steps");
    if (!fitted || !fitted->is_bool() || !steps || !steps->is_array())
        return make_error("a saved pipeline needs \"fitted\" (true or false) and a \"steps\" "
                          "array");

    Pipeline p;
    for (size_t i = 0; i < steps->size(); ++i) {
        const Json& s = (*steps)[i];
        Result<std::string> text = s.is_object() ? s.string_at("spec")
                                                 : Result<std::string>(Error{"not an object"});
        if (!text) return make_error("saved step %zu needs a \"spec\" string", i + 1);
        Result<std::unique_ptr<PreprocessStep>> step = parse_preprocess_step(*text);
        if (!step)
            return make_error("saved step %zu: %s", i + 1, step.error().message.c_str());
        if (fitted->as_bool()) {
            const Json* learned = s.find("learned");
            if (!learned) return make_error("saved step %zu has no \"learned\" state", i + 1);
            if (Status st = (*step)->load_learned(*learned); !st)
                return make_error("saved step %zu: %s", i + 1, st.error().message.c_str());
        }
        p.m_steps.push_back(std::move(*step));
    }
    if (fitted->as_bool()) {
        Result<std::string> target = doc.string_at("target");
        Result<std::vector<std::string>> in = read_strings(doc, "columns_in", "(pipeline)");
        Result<std::vector<std::string>> out = read_strings(doc, "columns_out", "(pipeline)");
        if (!target || !in || !out)
            return make_error("a saved fitted pipeline needs \"target\", \"columns_in\" and "
                              "\"columns_out\"");
        p.m_target = *target;
        p.m_columns_in = *in;
        p.m_columns_out = *out;
        p.m_fitted = true;
    }
    return p;
}

} // namespace mlplay

// mlplay bindings: the JavaScript API (Embind).
//
//   import createMlplay from './mlplay.js';
//   const ml = await createMlplay();
//   const ds = ml.Dataset.fromCSV(text);             // throws Error on bad CSV
//   const { train, test } = ml.trainTestSplit(ds, 0.25, 42, true);
//   const lr = new ml.LinearRegression();
//   lr.fit(train, '售价');
//   lr.coefficients(); lr.intercept(); lr.score(test, '售价');
//   [ds, train, test, lr].forEach(o => o.delete());
//
// Errors: a C++ call that fails stores its message and returns a neutral
// value; api.js (linked as --post-js) wraps every function so the message
// is thrown as a JS Error. Nothing is thrown through wasm frames, so no
// argument buffer or half-built object leaks on the error path.
#include "bindings/bindings.h"

#include "core/csv.h"
#include "core/datasets.h"
#include "core/metrics.h"
#include "core/model_selection.h"
#include "core/preprocess.h"
#include "core/json.h"
#include "core/split.h"
#include "models/linear/linear_regression.h"
#include "models/registry.h"

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <malloc.h>
#include <optional>

using emscripten::val;

namespace mlplay::js {

namespace {

std::optional<std::string> g_pending_error;

val float_array(const float* data, size_t n) {
    // Copy out of the wasm heap: a view would dangle once memory grows.
    val view{emscripten::typed_memory_view(n, data)};
    return val::global("Float32Array").new_(view);
}

val double_array(const double* data, size_t n) {
    val view{emscripten::typed_memory_view(n, data)};
    return val::global("Float64Array").new_(view);
}

std::vector<float> floats_from(const val& v) {
    return emscripten::convertJSArrayToNumberVector<float>(v);
}

} // namespace

void set_error(std::string message) { g_pending_error = std::move(message); }

// Returns the pending error message (and clears it), or null.
val take_error() {
    if (!g_pending_error) return val::null();
    val msg(*g_pending_error);
    g_pending_error.reset();
    return msg;
}

// JS values cross as JSON text: one conversion for every shape of value.
Result<Json> json_from_val(const val& v) {
    if (v.isUndefined() || v.isNull()) return Json::object();
    std::string text = val::global("JSON").call<std::string>("stringify", v);
    return Json::parse(text);
}

val val_from_json(const Json& j) { return val::global("JSON").call<val>("parse", j.dump()); }

val specs_to_val(const std::vector<ParamSpec>& specs) {
    Json out = Json::array();
    for (const ParamSpec& s : specs) out.push(param_spec_json(s));
    return val_from_json(out);
}

// Bytes the wasm allocator has handed out and not had back: tests use it to
// show that create/fit/delete cycles leak nothing.
double heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

// ---- Dataset --------------------------------------------------------------

class JsDataset {
public:
    JsDataset() = default;
    explicit JsDataset(Dataset ds) : m_ds(std::move(ds)) {}

    static JsDataset from_csv(const std::string& text) {
        Result<Dataset> r = read_csv(text);
        return from_result(std::move(r));
    }

    // options (generated datasets): { rows, noise, seed, classes }.
    static JsDataset builtin(const std::string& name, const val& options) {
        GeneratorOptions g;
        Result<Json> o = json_from_val(options);
        if (!o || !o->is_object()) {
            set_error("Dataset.builtin: options must be an object like { rows: 300 }");
            return JsDataset();
        }
        auto number = [&](const char* key, double fallback) {
            const Json* v = o->find(key);
            return v && v->is_number() ? v->as_number() : fallback;
        };
        double rows = number("rows", 0), seed = number("seed", 42);
        if (!(rows >= 0 && rows <= 1e7) || !(seed >= 0 && seed <= 1.8e19)) {
            set_error("Dataset.builtin: rows must be 0..10,000,000 and seed >= 0");
            return JsDataset();
        }
        g.n_rows = static_cast<size_t>(rows);
        g.noise = number("noise", -1.0);
        g.seed = static_cast<uint64_t>(seed);
        g.n_classes = static_cast<int>(number("classes", 3));
        return from_result(load_builtin_dataset(name, g));
    }

    static JsDataset make_housing_js(double rows, double noise, double seed) {
        if (!(rows >= 1 && rows <= 1e7) || !(seed >= 0)) {
            set_error("makeHousing: rows must be 1..10,000,000 and seed >= 0");
            return JsDataset();
        }
        Result<Dataset> r = make_housing(static_cast<size_t>(rows), noise,
                                         static_cast<uint64_t>(seed));
        return from_result(std::move(r));
    }

    static val builtin_names() {
        val out = val::array();
        for (const BuiltinDatasetInfo& d : builtin_datasets()) {
            val item = val::object();
            item.set("name", d.name);
            item.set("description", d.description);
            item.set("target", d.target);
            out.call<void>("push", item);
        }
        return out;
    }

    double n_rows() const { return static_cast<double>(m_ds.n_rows()); }
    double n_columns() const { return static_cast<double>(m_ds.n_columns()); }

    val column_names() const {
        val out = val::array();
        for (const std::string& n : m_ds.column_names()) out.call<void>("push", n);
        return out;
    }

    // A copy of one column's values (NaN where missing).
    // Per column: { name, kind: 'numeric'|'categorical', missing, categories }.
    val describe() const {
        Json out = Json::array();
        for (size_t j = 0; j < m_ds.n_columns(); ++j) {
            Json c = Json::object();
            c.set("name", m_ds.column_name(j));
            c.set("kind", m_ds.is_categorical(j) ? "categorical" : "numeric");
            c.set("missing", m_ds.n_missing(j));
            Json cats = Json::array();
            for (const std::string& cat : m_ds.categories(j)) cats.push(cat);
            c.set("categories", cats);
            out.push(c);
        }
        return val_from_json(out);
    }

    val column(const std::string& name) const {
        Result<size_t> c = m_ds.require_column(name);
        if (!c) {
            set_error(c.error().message);
            return val::null();
        }
        const std::vector<float>& v = m_ds.column(*c).values;
        return float_array(v.data(), v.size());
    }

    std::string to_csv() const { return write_csv(m_ds); }

    const Dataset& get() const { return m_ds; }

private:
    // The dataset, or an empty one with the error recorded for api.js.
    static JsDataset from_result(Result<Dataset> r) {
        if (!r) {
            set_error(r.error().message);
            return JsDataset();
        }
        return JsDataset(std::move(*r));
    }

    Dataset m_ds;
};

val train_test_split_js(const JsDataset& ds, double test_size, double seed, bool shuffle) {
    if (!(seed >= 0) || seed > 1.8e19) {
        set_error("trainTestSplit: the seed must be a whole number >= 0");
        return val::null();
    }
    Result<DatasetSplit> r =
        train_test_split(ds.get(), test_size, static_cast<uint64_t>(seed), shuffle);
    if (!r) {
        set_error(r.error().message);
        return val::null();
    }
    val out = val::object();
    out.set("train", JsDataset(std::move(r->train)));
    out.set("test", JsDataset(std::move(r->test)));
    return out;
}

// Train, validation and test datasets; stratify names a column whose values
// are the classes to keep in proportion ("" for none). val_size 0 leaves the
// validation set empty.
val train_val_test_split_js(const JsDataset& ds, double test_size, double val_size, double seed,
                            const std::string& stratify) {
    const Dataset& d = ds.get();
    std::vector<int> strata;
    if (!stratify.empty()) {
        Result<size_t> c = d.require_column(stratify);
        if (!c) {
            set_error(c.error().message);
            return val::null();
        }
        for (float v : d.column(*c).values) strata.push_back(static_cast<int>(std::lround(v)));
    }
    if (!(seed >= 0) || seed > 1.8e19) {
        set_error("trainValTestSplit: the seed must be a whole number >= 0");
        return val::null();
    }
    Result<TrainValTestIndices> r = train_val_test_split_indices(
        d.n_rows(), test_size, val_size, static_cast<uint64_t>(seed), true, strata);
    if (!r) {
        set_error(r.error().message);
        return val::null();
    }
    val out = val::object();
    out.set("train", JsDataset(d.select_rows(r->train)));
    out.set("validation", JsDataset(d.select_rows(r->validation)));
    out.set("test", JsDataset(d.select_rows(r->test)));
    return out;
}

// k folds of row indices: [{ train: Uint32Array, test: Uint32Array }, ...];
// a seed < 0 keeps row order (scikit-learn's KFold without shuffle).
val k_fold_js(double n_rows, double k, double seed) {
    if (!(n_rows >= 0 && n_rows <= 1e9) || !(k >= 0 && k <= 1e6)) {
        set_error("kFold: n_rows and k must be whole numbers >= 0");
        return val::null();
    }
    Result<std::vector<SplitIndices>> folds =
        k_fold_indices(static_cast<size_t>(n_rows), static_cast<size_t>(k),
                       seed >= 0 ? static_cast<uint64_t>(seed) : 0, seed >= 0);
    if (!folds) {
        set_error(folds.error().message);
        return val::null();
    }
    val out = val::array();
    for (const SplitIndices& f : *folds) {
        val fold = val::object();
        fold.set("train", val::global("Uint32Array").new_(emscripten::typed_memory_view(
                              f.train.size(), f.train.data())));
        fold.set("test", val::global("Uint32Array").new_(emscripten::typed_memory_view(
                             f.test.size(), f.test.data())));
        out.call<void>("push", fold);
    }
    return out;
}

// ---- LinearRegression -------------------------------------------------------

class JsLinearRegression {
public:
    JsLinearRegression() = default;

    // { solver: 'qr'|'gd', learning_rate, epochs, fit_intercept }: the names
    // of paramSpecs(); missing keys keep their current values.
    void set_params(const val& changes) {
        Result<Json> j = json_from_val(changes);
        Status s = j ? m_model.set_params(*j) : Status(j.error());
        if (!s) set_error(s.error().message);
    }

    val params() const { return val_from_json(m_model.params()); }
    val param_specs() const { return specs_to_val(m_model.param_specs()); }

    // The fitted model as a JSON document (see core/model.h), and back.
    std::string to_json() const { return m_model.save().dump(); }

    void fit(const JsDataset& ds, const std::string& target) {
        Status s = m_model.fit(ds.get(), target);
        if (!s) set_error(s.error().message);
    }

    val predict(const JsDataset& ds) const {
        Result<VectorF> p = m_model.predict(ds.get());
        if (!p) {
            set_error(p.error().message);
            return val::null();
        }
        return float_array(p->data(), static_cast<size_t>(p->size()));
    }

    // One prediction from feature values in the training column order.
    double predict_row(const val& values) const {
        std::vector<float> v = floats_from(values);
        MatrixF x(1, static_cast<Eigen::Index>(v.size()));
        for (size_t j = 0; j < v.size(); ++j) x(0, static_cast<Eigen::Index>(j)) = v[j];
        Result<VectorF> p = m_model.predict(x);
        if (!p) {
            set_error(p.error().message);
            return NAN;
        }
        return (*p)(0);
    }

    double score(const JsDataset& ds, const std::string& target) const {
        Result<SupervisedData> d = supervised_data(ds.get(), target);
        if (!d) {
            set_error(d.error().message);
            return NAN;
        }
        Result<double> r2 = m_model.score(d->X, d->y);
        if (!r2) {
            set_error(r2.error().message);
            return NAN;
        }
        return *r2;
    }

    val coefficients() const {
        const VectorD& c = m_model.coefficients();
        return double_array(c.data(), static_cast<size_t>(c.size()));
    }
    double intercept() const { return m_model.intercept(); }
    bool fitted() const { return m_model.fitted(); }

    val feature_names() const {
        val out = val::array();
        for (const std::string& n : m_model.feature_names()) out.call<void>("push", n);
        return out;
    }

    val loss_history() const {
        const std::vector<double>& h = m_model.loss_history();
        return double_array(h.data(), h.size());
    }

private:
    LinearRegression m_model;
};

// ---- preprocessing --------------------------------------------------------------

// Pipeline.parse('impute:median,scale:standard,onehot'): fitTransform on the
// training rows, then transform any other rows with what it learned.
class JsPipeline {
public:
    JsPipeline() = default;
    explicit JsPipeline(Pipeline p) : m_pipeline(std::move(p)) {}

    static JsPipeline parse(const std::string& spec) {
        Result<Pipeline> p = Pipeline::parse(spec);
        if (!p) {
            set_error(p.error().message);
            return JsPipeline();
        }
        return JsPipeline(std::move(*p));
    }

    static JsPipeline from_json(const std::string& text) {
        Result<Json> doc = Json::parse(text);
        Result<Pipeline> p = doc ? Pipeline::from_json(*doc) : Result<Pipeline>(doc.error());
        if (!p) {
            set_error(p.error().message);
            return JsPipeline();
        }
        return JsPipeline(std::move(*p));
    }

    // target: the column to leave untouched ("" for none).
    JsDataset fit_transform(const JsDataset& ds, const std::string& target) {
        Result<Dataset> out = m_pipeline.fit_transform(ds.get(), FitContext{target, {}});
        if (!out) {
            set_error(out.error().message);
            return JsDataset();
        }
        return JsDataset(std::move(*out));
    }

    JsDataset transform(const JsDataset& ds) const {
        Result<Dataset> out = m_pipeline.transform(ds.get());
        if (!out) {
            set_error(out.error().message);
            return JsDataset();
        }
        return JsDataset(std::move(*out));
    }

    std::string spec() const { return m_pipeline.spec(); }
    std::string describe() const { return m_pipeline.describe(); }
    bool fitted() const { return m_pipeline.fitted(); }
    val report() const { return val_from_json(m_pipeline.report()); }
    std::string to_json() const { return m_pipeline.to_json().dump(); }

private:
    Pipeline m_pipeline;
};

// ---- any model of the registry ---------------------------------------------------

// One JS class for every model: Model.create('logistic_regression'),
// Model.fromJSON(text). Shared ownership only so Embind can return it by
// value; each JS handle is the sole user of its model.
class JsModel {
public:
    JsModel() = default;
    explicit JsModel(std::unique_ptr<Model> m) : m_model(std::move(m)) {}

    static JsModel create(const std::string& name) {
        Result<std::unique_ptr<Model>> m = make_model(name);
        if (!m) {
            set_error(m.error().message);
            return JsModel();
        }
        return JsModel(std::move(*m));
    }

    static JsModel from_json(const std::string& text) {
        Result<Json> doc = Json::parse(text);
        Result<std::unique_ptr<Model>> m =
            doc ? load_model(*doc) : Result<std::unique_ptr<Model>>(doc.error());
        if (!m) {
            set_error(m.error().message);
            return JsModel();
        }
        JsModel out(std::move(*m));
        if (const Json* names = doc->find("features"); names && names->is_array())
            for (const Json& n : names->items())
                if (n.is_string()) out.m_features.push_back(n.as_string());
        return out;
    }

    std::string name() const { return usable() ? m_model->name() : ""; }
    std::string task() const { return usable() ? task_name(m_model->task()) : ""; }
    bool fitted() const { return usable() && m_model->fitted(); }
    val params() const { return usable() ? val_from_json(m_model->params()) : val::null(); }
    val param_specs() const {
        return usable() ? specs_to_val(m_model->param_specs()) : val::null();
    }
    val features() const {
        val out = val::array();
        for (const std::string& n : m_features) out.call<void>("push", n);
        return out;
    }

    void set_params(const val& changes) {
        if (!usable()) return;
        Result<Json> j = json_from_val(changes);
        Status s = j ? m_model->set_params(*j) : Status(j.error());
        if (!s) set_error(s.error().message);
    }

    // Every column but the target is a feature; they are remembered by name.
    void fit(const JsDataset& ds, const std::string& target) {
        if (!usable()) return;
        Result<SupervisedData> d = supervised_data(ds.get(), target);
        Status s = d ? m_model->fit(d->X, d->y) : Status(d.error());
        if (!s) return set_error(s.error().message);
        m_features = d->feature_names;
    }

    val predict(const JsDataset& ds) const {
        Result<MatrixF> X = features_of(ds);
        Result<VectorF> p = X ? m_model->predict(*X) : Result<VectorF>(X.error());
        if (!p) {
            set_error(p.error().message);
            return val::null();
        }
        return float_array(p->data(), static_cast<size_t>(p->size()));
    }

    // Row-major probabilities: { rows, cols, data: Float32Array }.
    val predict_proba(const JsDataset& ds) const {
        Result<MatrixF> X = features_of(ds);
        Result<MatrixF> P = X ? m_model->predict_proba(*X) : Result<MatrixF>(X.error());
        if (!P) {
            set_error(P.error().message);
            return val::null();
        }
        Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = *P;
        val out = val::object();
        out.set("rows", static_cast<double>(rm.rows()));
        out.set("cols", static_cast<double>(rm.cols()));
        out.set("data", float_array(rm.data(), static_cast<size_t>(rm.size())));
        return out;
    }

    double score(const JsDataset& ds, const std::string& target) const {
        Result<SupervisedData> d = supervised_data(ds.get(), target);
        Result<double> r = !d ? Result<double>(d.error())
                              : !usable() ? Result<double>(make_error("no model"))
                                          : m_model->score(d->X, d->y);
        if (!r) {
            set_error(r.error().message);
            return NAN;
        }
        return *r;
    }

    // k-fold cross-validation on ds: { foldScores, mean, std }.
    val cross_validate_js(const JsDataset& ds, const std::string& target, double k,
                          double seed) const {
        Result<SupervisedData> d = supervised_data(ds.get(), target);
        CvOptions o;
        o.n_splits = k >= 2 && k <= 1000 ? static_cast<size_t>(k) : 0;
        o.shuffle = seed >= 0;
        o.random_state = seed >= 0 ? static_cast<uint64_t>(seed) : 0;
        Result<CvScores> cv = !d ? Result<CvScores>(d.error())
                                 : !usable() ? Result<CvScores>(make_error("no model"))
                                             : cross_validate(*m_model, d->X, d->y, o);
        if (!cv) {
            set_error(cv.error().message);
            return val::null();
        }
        val out = val::object();
        out.set("foldScores", double_array(cv->fold_scores.data(), cv->fold_scores.size()));
        out.set("mean", cv->mean);
        out.set("std", cv->std);
        return out;
    }

    // Grid search over { name: [values] }: the table of settings and scores.
    val grid_search_js(const JsDataset& ds, const std::string& target, const val& grid_val,
                       double k) const {
        Result<SupervisedData> d = supervised_data(ds.get(), target);
        Result<Json> grid_json = json_from_val(grid_val);
        if (!d || !grid_json || !grid_json->is_object() || !usable()) {
            set_error(!d ? d.error().message
                         : !usable() ? "no model"
                                     : "the grid must be an object of name: [values]");
            return val::null();
        }
        ParamGrid grid;
        for (const auto& [name, values] : grid_json->members())
            grid.emplace_back(name, values.is_array() ? values.items() : std::vector<Json>{values});
        CvOptions o;
        o.n_splits = k >= 2 && k <= 1000 ? static_cast<size_t>(k) : 0;
        Result<SearchResult> r = grid_search(*m_model, grid, d->X, d->y, o);
        if (!r) {
            set_error(r.error().message);
            return val::null();
        }
        return val_from_json(search_result_json(*r));
    }

    // The fitted model and its feature names, as one JSON document.
    std::string to_json() const {
        if (!usable()) return "null";
        Json doc = m_model->save();
        Json names = Json::array();
        for (const std::string& n : m_features) names.push(n);
        doc.set("features", names);
        return doc.dump();
    }

private:
    bool usable() const { return m_model != nullptr; }

    Result<MatrixF> features_of(const JsDataset& ds) const {
        if (!usable()) return make_error("this model handle is empty");
        if (!m_model->fitted()) return make_error("the model is not fitted yet; call fit first");
        return feature_matrix(ds.get(), m_features);
    }

    std::shared_ptr<Model> m_model;
    std::vector<std::string> m_features;
};

val models_js() { return val_from_json(model_registry_json()); }

// ---- metrics ------------------------------------------------------------------

namespace {

std::optional<std::pair<VectorF, VectorF>> metric_inputs(const val& a, const val& b) {
    std::vector<float> t = floats_from(a), p = floats_from(b);
    if (t.empty() || t.size() != p.size()) {
        set_error("metrics need two arrays of the same, non-zero length");
        return std::nullopt;
    }
    VectorF vt = Eigen::Map<VectorF>(t.data(), static_cast<Eigen::Index>(t.size()));
    VectorF vp = Eigen::Map<VectorF>(p.data(), static_cast<Eigen::Index>(p.size()));
    return std::make_pair(vt, vp);
}

template <double (*Metric)(const VectorF&, const VectorF&)>
double metric_js(const val& y_true, const val& y_pred) {
    auto in = metric_inputs(y_true, y_pred);
    return in ? Metric(in->first, in->second) : NAN;
}

std::vector<int> ints_from(const val& v) {
    return emscripten::convertJSArrayToNumberVector<int>(v);
}

// { labels, counts (row-major, rows = true class), accuracy, perClass,
//   macro, weighted } for integer class labels.
val classification_report_js(const val& y_true, const val& y_pred) {
    std::vector<int> t = ints_from(y_true), p = ints_from(y_pred);
    Result<ClassificationReport> r = classification_report(t, p);
    Result<ConfusionMatrix> cm = confusion_matrix(t, p);
    if (!r || !cm) {
        set_error(!r ? r.error().message : cm.error().message);
        return val::null();
    }
    auto scores = [](const ClassScores& c) {
        Json j = Json::object();
        j.set("precision", c.precision);
        j.set("recall", c.recall);
        j.set("f1", c.f1);
        j.set("support", static_cast<long long>(c.support));
        return j;
    };
    Json out = Json::object();
    Json labels = Json::array(), counts = Json::array(), per_class = Json::array();
    for (int l : cm->labels) labels.push(l);
    for (Eigen::Index i = 0; i < cm->counts.rows(); ++i)
        for (Eigen::Index j = 0; j < cm->counts.cols(); ++j)
            counts.push(static_cast<long long>(cm->counts(i, j)));
    for (const ClassScores& c : r->per_class) per_class.push(scores(c));
    out.set("labels", labels);
    out.set("counts", counts);
    out.set("accuracy", r->accuracy);
    out.set("perClass", per_class);
    out.set("macro", scores(r->macro));
    out.set("weighted", scores(r->weighted));
    return val_from_json(out);
}

// Row-major (rows, cols) numbers from JS into a matrix, or an error.
Result<MatrixF> matrix_from(const val& data, double rows, double cols) {
    std::vector<float> v = floats_from(data);
    if (!(rows >= 1 && cols >= 1) || v.size() != static_cast<size_t>(rows * cols))
        return make_error("a matrix needs rows x cols numbers (got %zu for %g x %g)", v.size(),
                          rows, cols);
    MatrixF m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            m(i, j) = v[static_cast<size_t>(i * m.cols() + j)];
    return m;
}

double number_or_error(const Result<double>& r) {
    if (r) return *r;
    set_error(r.error().message);
    return NAN;
}

// Binary ROC: { fpr, tpr, thresholds, auc }.
val roc_curve_js(const val& y_true, const val& scores) {
    std::vector<float> s = floats_from(scores);
    VectorF sv = Eigen::Map<VectorF>(s.data(), static_cast<Eigen::Index>(s.size()));
    Result<RocCurve> roc = roc_curve(ints_from(y_true), sv);
    Result<double> auc = roc_auc_score(ints_from(y_true), sv);
    if (!roc || !auc) {
        set_error(!roc ? roc.error().message : auc.error().message);
        return val::null();
    }
    val out = val::object();
    out.set("fpr", double_array(roc->fpr.data(), roc->fpr.size()));
    out.set("tpr", double_array(roc->tpr.data(), roc->tpr.size()));
    out.set("thresholds", double_array(roc->thresholds.data(), roc->thresholds.size()));
    out.set("auc", *auc);
    return out;
}

// Log loss of row-major probabilities (n_samples x n_classes).
double log_loss_js(const val& y_true, const val& proba, double cols) {
    std::vector<int> t = ints_from(y_true);
    Result<MatrixF> P = matrix_from(proba, static_cast<double>(t.size()), cols);
    return number_or_error(P ? log_loss(t, *P) : Result<double>(P.error()));
}

// Silhouette of row-major points (n_samples x n_features) and their labels.
double silhouette_js(const val& points, double cols, const val& labels) {
    std::vector<int> l = ints_from(labels);
    Result<MatrixF> X = matrix_from(points, static_cast<double>(l.size()), cols);
    return number_or_error(X ? silhouette_score(*X, l) : Result<double>(X.error()));
}

double adjusted_rand_js(const val& a, const val& b) {
    return number_or_error(adjusted_rand_score(ints_from(a), ints_from(b)));
}

} // namespace

} // namespace mlplay::js

EMSCRIPTEN_BINDINGS(mlplay_api) {
    using namespace emscripten;
    using namespace mlplay::js;

    function("takeError", &take_error);
    function("heapBytesInUse", &heap_bytes_in_use);

    class_<JsDataset>("Dataset")
        .constructor<>()
        .class_function("fromCSV", &JsDataset::from_csv)
        .class_function("builtin", &JsDataset::builtin)
        .class_function("builtinNames", &JsDataset::builtin_names)
        .class_function("makeHousing", &JsDataset::make_housing_js)
        .function("nRows", &JsDataset::n_rows)
        .function("nColumns", &JsDataset::n_columns)
        .function("columnNames", &JsDataset::column_names)
        .function("describe", &JsDataset::describe)
        .function("column", &JsDataset::column)
        .function("toCSV", &JsDataset::to_csv);

    function("trainTestSplit", &train_test_split_js);
    function("trainValTestSplit", &train_val_test_split_js);
    function("kFold", &k_fold_js);

    class_<JsLinearRegression>("LinearRegression")
        .constructor<>()
        .function("setParams", &JsLinearRegression::set_params)
        .function("params", &JsLinearRegression::params)
        .function("paramSpecs", &JsLinearRegression::param_specs)
        .function("toJSON", &JsLinearRegression::to_json)
        .function("fit", &JsLinearRegression::fit)
        .function("predict", &JsLinearRegression::predict)
        .function("predictRow", &JsLinearRegression::predict_row)
        .function("score", &JsLinearRegression::score)
        .function("coefficients", &JsLinearRegression::coefficients)
        .function("intercept", &JsLinearRegression::intercept)
        .function("fitted", &JsLinearRegression::fitted)
        .function("featureNames", &JsLinearRegression::feature_names)
        .function("lossHistory", &JsLinearRegression::loss_history);

    class_<JsPipeline>("Pipeline")
        .constructor<>()
        .class_function("parse", &JsPipeline::parse)
        .class_function("fromJSON", &JsPipeline::from_json)
        .function("fitTransform", &JsPipeline::fit_transform)
        .function("transform", &JsPipeline::transform)
        .function("spec", &JsPipeline::spec)
        .function("describe", &JsPipeline::describe)
        .function("fitted", &JsPipeline::fitted)
        .function("report", &JsPipeline::report)
        .function("toJSON", &JsPipeline::to_json);

    class_<JsModel>("Model")
        .constructor<>()
        .class_function("create", &JsModel::create)
        .class_function("fromJSON", &JsModel::from_json)
        .function("name", &JsModel::name)
        .function("task", &JsModel::task)
        .function("fitted", &JsModel::fitted)
        .function("params", &JsModel::params)
        .function("paramSpecs", &JsModel::param_specs)
        .function("setParams", &JsModel::set_params)
        .function("features", &JsModel::features)
        .function("fit", &JsModel::fit)
        .function("predict", &JsModel::predict)
        .function("predictProba", &JsModel::predict_proba)
        .function("score", &JsModel::score)
        .function("crossValidate", &JsModel::cross_validate_js)
        .function("gridSearch", &JsModel::grid_search_js)
        .function("toJSON", &JsModel::to_json);
    function("models", &models_js);

    function("classificationReport", &classification_report_js);
    function("rocCurve", &roc_curve_js);
    function("logLoss", &log_loss_js);
    function("silhouetteScore", &silhouette_js);
    function("adjustedRandScore", &adjusted_rand_js);
    function("r2Score", &metric_js<mlplay::r2_score>);
    function("meanSquaredError", &metric_js<mlplay::mean_squared_error>);
    function("meanAbsoluteError", &metric_js<mlplay::mean_absolute_error>);
}

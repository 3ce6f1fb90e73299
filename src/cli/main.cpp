// mlplay: the native, headless runner.
//
//   mlplay datasets                      the built-in datasets
//   mlplay models                        models and their hyper-parameters
//   mlplay generate NAME [--rows N] [--noise SD] [--seed S]   CSV on stdout
//   mlplay fit --data FILE|NAME [--target COLUMN] [--model NAME]
//              [--param key=value ...] [--test-size F] [--seed S] [--json]
//
// A bad argument, unknown column or model prints one line on stderr and
// exits with status 2.
#include "core/csv.h"
#include "core/datasets.h"
#include "core/metrics.h"
#include "core/model.h"
#include "core/model_selection.h"
#include "core/preprocess.h"
#include "core/split.h"
#include "models/registry.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace mlplay;

namespace {

const char* kUsage =
    "usage: mlplay datasets\n"
    "       mlplay models [--json]\n"
    "       mlplay generate NAME [--rows N] [--noise SD] [--seed S]\n"
    "       mlplay fit --data FILE|NAME [--target COLUMN] [--model NAME]\n"
    "                  [--param key=value ...] [--test-size F] [--seed S] [--cv K] [--json]\n"
    "                  [--preprocess impute:median,scale:standard,onehot,...]\n"
    "                  [--rows N] [--noise SD] [--data-seed S]   (generated data)\n";

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "mlplay: %s\n", message.c_str());
    std::exit(2);
}

// Options after the command: --key value, flags, and repeatable --param.
struct Options {
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::string> params;

    bool has(const std::string& key) const {
        for (const auto& kv : values)
            if (kv.first == key) return true;
        return false;
    }
    std::string get(const std::string& key, const std::string& fallback = "") const {
        for (const auto& kv : values)
            if (kv.first == key) return kv.second;
        return fallback;
    }
    double number(const std::string& key, double fallback) const {
        if (!has(key)) return fallback;
        std::string text = get(key);
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0') fail("--" + key + " '" + text + "' is not a number");
        return v;
    }
    uint64_t whole(const std::string& key, double fallback, double max) const {
        double v = number(key, fallback);
        if (!(v >= 0 && v <= max) || v != std::floor(v))
            fail("--" + key + " must be a whole number from 0 to " +
                 std::to_string(static_cast<long long>(max)));
        return static_cast<uint64_t>(v);
    }
};

Options parse_options(int argc, char** argv, int first, const std::vector<std::string>& known,
                      const std::vector<std::string>& flags) {
    Options o;
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0) fail("unexpected argument '" + a + "'");
        std::string key = a.substr(2);
        bool is_flag = false, is_known = key == "param";
        for (const std::string& f : flags) is_flag |= f == key;
        for (const std::string& k : known) is_known |= k == key;
        if (!is_flag && !is_known) fail("unknown option --" + key);
        if (is_flag) {
            o.values.emplace_back(key, std::string(1, '1'));
            continue;
        }
        if (i + 1 >= argc) fail("--" + key + " needs a value");
        if (key == "param") o.params.push_back(argv[++i]);
        else o.values.emplace_back(key, argv[++i]);
    }
    return o;
}

Result<Dataset> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("cannot read %s", path.c_str());
    // Streamed in chunks: a large file is never held whole beside its columns.
    Result<Dataset> ds = read_csv(in);
    if (!ds) return make_error("%s: %s", path.c_str(), ds.error().message.c_str());
    return ds;
}

// A built-in name first, else a file.
Result<Dataset> load_data(const std::string& spec, const Options& o, std::string& target) {
    if (builtin_dataset_info(spec)) {
        GeneratorOptions g;
        g.n_rows = o.whole("rows", 0, 1e7);
        g.noise = o.number("noise", -1.0);
        g.seed = o.whole("data-seed", 42, 1.8e19);
        if (target.empty()) target = builtin_dataset_info(spec)->target;
        return load_builtin_dataset(spec, g);
    }
    std::ifstream probe(spec);
    if (!probe)
        return make_error("'%s' is neither a readable file nor a built-in dataset "
                          "(see mlplay datasets)", spec.c_str());
    Result<Dataset> ds = read_file(spec);
    if (ds && target.empty()) target = ds->column_name(ds->n_columns() - 1);
    return ds;
}

int cmd_datasets() {
    for (const BuiltinDatasetInfo& d : builtin_datasets())
        std::printf("%-18s %-15s target %-7s %s\n", d.name.c_str(), task_name(d.task),
                    d.target.c_str(), d.description.c_str());
    return 0;
}

int cmd_models(int argc, char** argv) {
    Options o = parse_options(argc, argv, 2, {}, {"json"});
    if (o.has("json")) {
        std::printf("%s\n", model_registry_json().dump().c_str());
        return 0;
    }
    for (const ModelInfo& info : model_registry()) {
        std::printf("%s (%s): %s\n", info.name.c_str(), task_name(info.task),
                    info.summary.c_str());
        for (const ParamSpec& s : (*make_model(info.name))->param_specs()) {
            std::string range;
            if (s.kind == ParamKind::choice)
                for (const std::string& c : s.choices) range += (range.empty() ? "" : "|") + c;
            else if (s.kind == ParamKind::boolean) range = "true|false";
            else range.append("[").append(Json(s.min).dump()).append(", ")
                     .append(Json(s.max).dump()).append("]");
            std::printf("  --param %-14s %-8s %-18s %s\n", s.name.c_str(),
                        param_kind_name(s.kind), range.c_str(), s.help.c_str());
        }
    }
    return 0;
}

int cmd_generate(int argc, char** argv) {
    if (argc < 3) fail("generate needs a dataset name (see mlplay datasets)");
    std::string name = argv[2];
    Result<BuiltinDatasetInfo> info = builtin_dataset_info(name);
    if (!info) fail(info.error().message);
    Options o = parse_options(argc, argv, 3, {"rows", "noise", "seed"}, {});
    GeneratorOptions g;
    g.n_rows = o.whole("rows", 0, 1e7);
    g.noise = o.number("noise", -1.0);
    g.seed = o.whole("seed", 42, 1.8e19);
    Result<Dataset> ds = load_builtin_dataset(name, g);
    if (!ds) fail(ds.error().message);
    std::fputs(write_csv(*ds).c_str(), stdout);
    return 0;
}

// Metrics for the model's task on one side of the split.
void add_metrics(Json& metrics, const char* side, const Model& model, const SupervisedData& d) {
    Result<VectorF> p = model.predict(d.X);
    if (!p) fail(p.error().message);
    std::string s = side;
    if (model.task() == Task::regression) {
        double mse = mean_squared_error(d.y, *p);
        metrics.set("r2_" + s, r2_score(d.y, *p));
        metrics.set("mse_" + s, mse);
        metrics.set("rmse_" + s, std::sqrt(mse));
        metrics.set("mae_" + s, mean_absolute_error(d.y, *p));
    } else {
        // Class labels are whole numbers in mlplay's tables (or category
        // indices), so they cast to int without loss.
        std::vector<int> truth(static_cast<size_t>(d.y.size())), pred(truth.size());
        for (Eigen::Index i = 0; i < d.y.size(); ++i) {
            truth[static_cast<size_t>(i)] = static_cast<int>(std::lround(d.y(i)));
            pred[static_cast<size_t>(i)] = static_cast<int>(std::lround((*p)(i)));
        }
        Result<ClassificationReport> r = classification_report(truth, pred);
        if (!r) fail(r.error().message);
        metrics.set("accuracy_" + s, r->accuracy);
        metrics.set("precision_macro_" + s, r->macro.precision);
        metrics.set("recall_macro_" + s, r->macro.recall);
        metrics.set("f1_macro_" + s, r->macro.f1);
    }
}

int cmd_fit(int argc, char** argv) {
    Options o = parse_options(argc, argv, 2,
                              {"data", "target", "model", "test-size", "seed", "rows", "noise",
                               "data-seed", "cv", "preprocess"},
                              {"json"});
    if (!o.has("data")) fail("fit needs --data FILE|NAME");
    std::string target = o.get("target");
    Result<Dataset> ds = load_data(o.get("data"), o, target);
    if (!ds) fail(ds.error().message);
    if (ds->find_column(target) < 0) fail(ds->require_column(target).error().message);

    Result<std::unique_ptr<Model>> made = make_model(o.get("model", "linear_regression"));
    if (!made) fail(made.error().message);
    Model& model = **made;
    for (const std::string& assignment : o.params) {
        Result<Json> change = parse_param_assignment(model.param_specs(), assignment);
        if (!change) fail(change.error().message);
        Status s = model.set_params(*change);
        if (!s) fail(s.error().message);
    }

    Result<DatasetSplit> split = train_test_split(*ds, o.number("test-size", 0.25),
                                                  o.whole("seed", 42, 1.8e19));
    if (!split) fail(split.error().message);
    // Preprocessing learns from the training rows only, then is applied
    // unchanged to the test rows.
    Result<Pipeline> pipeline = Pipeline::parse(o.get("preprocess"));
    if (!pipeline) fail("--preprocess: " + pipeline.error().message);
    FitContext context{target, std::nullopt};
    if (made && (*made)->task() != Task::regression) context.task = (*made)->task();
    Result<Dataset> train_rows = pipeline->fit_transform(split->train, context);
    if (!train_rows) fail("--preprocess: " + train_rows.error().message);
    Result<Dataset> test_rows = pipeline->transform(split->test);
    if (!test_rows) fail("--preprocess: " + test_rows.error().message);
    Result<SupervisedData> train = supervised_data(*train_rows, target);
    if (!train) fail(train.error().message);
    Result<SupervisedData> test = supervised_data(*test_rows, target);
    if (!test) fail(test.error().message);

    auto t0 = std::chrono::steady_clock::now();
    Status s = model.fit(train->X, train->y);
    double fit_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s) fail(s.error().message);

    Json metrics = Json::object();
    add_metrics(metrics, "train", model, *train);
    add_metrics(metrics, "test", model, *test);
    if (o.has("cv")) {
        // K-fold cross-validation on the training rows (stratified for
        // classifiers), preprocessing refitted inside each fold; the test
        // rows stay unseen.
        CvOptions cv_options;
        cv_options.n_splits = o.whole("cv", 5, 1000);
        cv_options.shuffle = true;
        cv_options.random_state = o.whole("seed", 42, 1.8e19);
        Result<CvScores> cv = cross_validate(model, pipeline->clone_unfitted(), split->train,
                                             target, cv_options);
        if (!cv) fail("--cv: " + cv.error().message);
        metrics.set("cv_mean", cv->mean);
        metrics.set("cv_std", cv->std);
    }

    if (o.has("json")) {
        Json out = Json::object();
        out.set("model", model.name());
        out.set("task", task_name(model.task()));
        out.set("n_train", static_cast<size_t>(train->y.size()));
        out.set("n_test", static_cast<size_t>(test->y.size()));
        out.set("metrics", metrics);
        out.set("fit_seconds", fit_seconds);
        out.set("params", model.params());
        if (pipeline->n_steps()) {
            out.set("preprocess", pipeline->spec());
            Json features = Json::array();
            for (const std::string& f : train->feature_names) features.push(f);
            out.set("features", features);
        }
        std::printf("%s\n", out.dump().c_str());
        return 0;
    }
    std::printf("%s on %zu training rows, %zu test rows (target %s), %.3f s\n", model.name(),
                static_cast<size_t>(train->y.size()), static_cast<size_t>(test->y.size()),
                target.c_str(), fit_seconds);
    if (pipeline->n_steps()) std::printf("%s\n", pipeline->describe().c_str());
    for (const auto& [k, v] : metrics.members()) std::printf("  %-22s %.6g\n", k.c_str(),
                                                            v.as_number());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::string cmd = argv[1];
    if (cmd == "datasets") return cmd_datasets();
    if (cmd == "models") return cmd_models(argc, argv);
    if (cmd == "generate") return cmd_generate(argc, argv);
    if (cmd == "fit") return cmd_fit(argc, argv);
    if (cmd == "--help" || cmd == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    fail("unknown command '" + cmd + "'; see mlplay --help");
}

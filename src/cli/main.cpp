// mlplay: the native, headless runner.
//
//   mlplay datasets
//   mlplay generate housing [--rows N] [--noise SD] [--seed S]
//   mlplay fit --data FILE|NAME --target COLUMN [--model linear]
//              [--solver qr|gd] [--test-size F] [--seed S] [--json]
//
// Bad arguments print one line on stderr and exit with status 2.
#include "core/csv.h"
#include "core/datasets.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/split.h"
#include "models/linear/linear_regression.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace mlplay;

namespace {

const char* usage =
    "usage: mlplay datasets\n"
    "       mlplay generate housing [--rows N] [--noise SD] [--seed S]\n"
    "       mlplay fit --data FILE|NAME --target COLUMN [--model linear] [--solver qr|gd]\n"
    "                  [--test-size F] [--seed S] [--json]\n";

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "mlplay: %s\n", message.c_str());
    std::exit(2);
}

// --key value pairs after the command; flags without a value map to "1".
std::map<std::string, std::string> parse_options(int argc, char** argv, int first,
                                                 const std::vector<std::string>& flags) {
    std::map<std::string, std::string> opts;
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0) fail("unexpected argument '" + a + "'");
        std::string key = a.substr(2);
        bool is_flag = false;
        for (const std::string& f : flags) is_flag |= (f == key);
        if (is_flag) {
            opts[key].assign(1, '1'); // not = "1": GCC 12 -Wrestrict false positive
            continue;
        }
        if (i + 1 >= argc) fail("--" + key + " needs a value");
        opts[key] = argv[++i];
    }
    return opts;
}

double number_option(const std::map<std::string, std::string>& opts, const std::string& key,
                     double fallback) {
    auto it = opts.find(key);
    if (it == opts.end()) return fallback;
    char* end = nullptr;
    double v = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0')
        fail("--" + key + " '" + it->second + "' is not a number");
    return v;
}

void check_known(const std::map<std::string, std::string>& opts,
                 const std::vector<std::string>& known) {
    for (const auto& [key, value] : opts) {
        bool ok = false;
        for (const std::string& k : known) ok |= (k == key);
        if (!ok) fail("unknown option --" + key);
    }
}

Result<Dataset> load_data(const std::string& spec) {
    std::ifstream in(spec, std::ios::binary);
    if (!in) {
        Result<Dataset> builtin = load_builtin_dataset(spec);
        if (builtin) return builtin;
        return make_error("'%s' is neither a readable file nor a built-in dataset "
                          "(see mlplay datasets)", spec.c_str());
    }
    std::stringstream buf;
    buf << in.rdbuf();
    Result<Dataset> ds = read_csv(buf.str());
    if (!ds) return make_error("%s: %s", spec.c_str(), ds.error().message.c_str());
    return ds;
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

int cmd_datasets() {
    for (const BuiltinDatasetInfo& d : builtin_datasets())
        std::printf("%-20s target %-8s %s\n", d.name.c_str(), d.target.c_str(),
                    d.description.c_str());
    return 0;
}

int cmd_generate(int argc, char** argv) {
    if (argc < 3 || std::string(argv[2]) != "housing")
        fail("generate needs a generator name: housing");
    auto opts = parse_options(argc, argv, 3, {});
    check_known(opts, {"rows", "noise", "seed"});
    double rows = number_option(opts, "rows", 300);
    if (rows < 1 || rows > 1e7) fail("--rows must be between 1 and 10000000");
    Result<Dataset> ds = make_housing(static_cast<size_t>(rows), number_option(opts, "noise", 15),
                                      static_cast<uint64_t>(number_option(opts, "seed", 42)));
    if (!ds) fail(ds.error().message);
    std::fputs(write_csv(*ds).c_str(), stdout);
    return 0;
}

int cmd_fit(int argc, char** argv) {
    auto opts = parse_options(argc, argv, 2, {"json"});
    check_known(opts, {"data", "target", "model", "solver", "test-size", "seed", "json",
                       "learning-rate", "epochs"});
    if (!opts.count("data")) fail("fit needs --data FILE|NAME");
    std::string model = opts.count("model") ? opts["model"] : "linear";
    if (model != "linear") fail("unknown model '" + model + "'; available: linear");

    Result<Dataset> ds = load_data(opts["data"]);
    if (!ds) fail(ds.error().message);
    std::string target = opts.count("target") ? opts["target"]
                                              : ds->column_name(ds->n_columns() - 1);
    if (ds->find_column(target) < 0) fail(ds->require_column(target).error().message);

    double test_size = number_option(opts, "test-size", 0.25);
    double seed = number_option(opts, "seed", 42);
    if (seed < 0) fail("--seed must be >= 0");
    Result<DatasetSplit> split = train_test_split(*ds, test_size, static_cast<uint64_t>(seed));
    if (!split) fail(split.error().message);

    LinearRegressionParams p;
    std::string solver = opts.count("solver") ? opts["solver"] : "qr";
    if (solver == "gd") p.solver = LinearSolver::gd;
    else if (solver != "qr") fail("unknown solver '" + solver + "'; use qr or gd");
    p.learning_rate = number_option(opts, "learning-rate", p.learning_rate);
    p.epochs = static_cast<int>(number_option(opts, "epochs", p.epochs));
    LinearRegression lr;
    Status s = lr.set_params(p);
    if (!s) fail(s.error().message);

    auto t0 = std::chrono::steady_clock::now();
    s = lr.fit(split->train, target);
    double fit_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s) fail(s.error().message);

    auto d_train = supervised_data(split->train, target);
    auto d_test = supervised_data(split->test, target);
    if (!d_test) fail(d_test.error().message);
    VectorF p_train = *lr.predict(d_train->X);
    VectorF p_test = *lr.predict(d_test->X);
    std::map<std::string, double> metrics = {
        {"r2_train", r2_score(d_train->y, p_train)},
        {"r2_test", r2_score(d_test->y, p_test)},
        {"mse_train", mean_squared_error(d_train->y, p_train)},
        {"mse_test", mean_squared_error(d_test->y, p_test)},
        {"mae_test", mean_absolute_error(d_test->y, p_test)},
    };

    if (opts.count("json")) {
        std::printf("{\"model\": \"linear\", \"task\": \"regression\", \"n_train\": %zu, "
                    "\"n_test\": %zu, \"metrics\": {",
                    split->train.n_rows(), split->test.n_rows());
        const char* sep = "";
        for (const auto& [k, v] : metrics) {
            std::printf("%s\"%s\": %.17g", sep, k.c_str(), v);
            sep = ", ";
        }
        std::printf("}, \"fit_seconds\": %.6f, \"params\": {\"solver\": \"%s\"}, "
                    "\"coefficients\": {", fit_seconds, solver.c_str());
        sep = "";
        for (size_t j = 0; j < lr.feature_names().size(); ++j) {
            std::printf("%s%s: %.17g", sep, json_string(lr.feature_names()[j]).c_str(),
                        lr.coefficients()(static_cast<Eigen::Index>(j)));
            sep = ", ";
        }
        std::printf("}, \"intercept\": %.17g}\n", lr.intercept());
        return 0;
    }

    std::printf("linear regression (%s) on %zu training rows, %zu test rows\n", solver.c_str(),
                split->train.n_rows(), split->test.n_rows());
    for (size_t j = 0; j < lr.feature_names().size(); ++j)
        std::printf("  %-12s %12.6g\n", lr.feature_names()[j].c_str(),
                    lr.coefficients()(static_cast<Eigen::Index>(j)));
    std::printf("  %-12s %12.6g\n", "(intercept)", lr.intercept());
    for (const auto& [k, v] : metrics) std::printf("%-10s %.6g\n", k.c_str(), v);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::string cmd = argv[1];
    if (cmd == "datasets") return cmd_datasets();
    if (cmd == "generate") return cmd_generate(argc, argv);
    if (cmd == "fit") return cmd_fit(argc, argv);
    if (cmd == "--help" || cmd == "help") {
        std::fputs(usage, stdout);
        return 0;
    }
    fail("unknown command '" + cmd + "'\n" + usage);
}

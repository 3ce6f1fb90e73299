// mlplay core: the preprocessing spec grammar (see preprocess.h): the text
// "impute:median,clip:iqr@a+b,select:kbest_f:5" to steps and back.
// Cost: O(length of the spec).
#include "core/preprocess.h"

#include "core/preprocess_internal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace mlplay {

namespace preprocess_detail {

// --- text ------------------------------------------------------------------------------

std::string format_number(double v) {
    char buf[40];
    for (int digits : {6, 15, 17}) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

std::optional<double> parse_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    // strtod also reads hex, "inf" and "nan": accept plain decimal text only.
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' ||
              c == '-'))
            return std::nullopt;
    return v;
}

std::string spec_token(const std::string& text) {
    bool bare = !text.empty() && text.front() != ' ' && text.back() != ' ';
    for (char c : text)
        if (c == ',' || c == ':' || c == '@' || c == '+' || c == '"' || c == '\t' ||
            c == '\n' || c == '\r')
            bare = false;
    if (bare) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace preprocess_detail

using namespace preprocess_detail;

// --- the spec grammar ------------------------------------------------------------------

namespace {

const char* kStepList = "impute, clip, drop, scale, onehot, ordinal, select";

// Splits at `sep` outside double quotes.
std::vector<std::string_view> split_outside_quotes(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') quoted = !quoted;
        if (!quoted && text[i] == sep) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(text.substr(start));
    return parts;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A bare or quoted token; `what` names it in errors.
Result<std::string> read_token(std::string_view raw, const char* what) {
    std::string_view t = trim(raw);
    if (t.empty()) return make_error("%s is empty", what);
    if (t.front() != '"') {
        if (t.find('"') != std::string_view::npos)
            return make_error("%s \"%s\" has a quote inside; quote the whole %s: \"a \"\"b\"\"\"",
                              what, std::string(t).c_str(), what);
        return std::string(t);
    }
    std::string out;
    size_t i = 1;
    for (; i < t.size(); ++i) {
        if (t[i] != '"') {
            out += t[i];
            continue;
        }
        if (i + 1 < t.size() && t[i + 1] == '"') {
            out += '"';
            ++i;
            continue;
        }
        break;
    }
    if (i + 1 != t.size())
        return make_error("%s %s: a quoted text must end with its closing quote, and \"\" "
                          "stands for a quote inside it", what, std::string(t).c_str());
    return out;
}

Result<double> number_arg(const std::string& step, const std::string& text, const char* what) {
    std::optional<double> v = parse_number(text);
    if (!v)
        return make_error("%s: %s \"%s\" is not a number", step.c_str(), what, text.c_str());
    return *v;
}

// K of the k-best selectors: 1, 2, ... or "all" (SIZE_MAX).
Result<size_t> k_arg(const std::string& step, const std::string& text) {
    if (text == "all") return std::numeric_limits<size_t>::max();
    std::optional<double> v = parse_number(text);
    if (!v || *v < 1.0 || *v != std::floor(*v) || *v > 1e9)
        return make_error("%s: k \"%s\" must be a whole number of columns >= 1, or all",
                          step.c_str(), text.c_str());
    return static_cast<size_t>(*v);
}

Status arg_count(const std::string& step, const std::vector<std::string>& args, size_t lo,
                 size_t hi, const char* usage) {
    if (args.size() < lo || args.size() > hi)
        return make_error("%s takes %s", step.c_str(), usage);
    return Status();
}

Result<std::unique_ptr<PreprocessStep>> make_step(const std::string& name,
                                                  const std::vector<std::string>& args) {
    using StepPtr = std::unique_ptr<PreprocessStep>;
    if (name == "impute") {
        const char* usage = "a strategy: impute:mean, impute:median, impute:most_frequent or "
                            "impute:constant[:VALUE]";
        if (Status s = arg_count(name, args, 1, 2, usage); !s) return s.error();
        const std::string& how = args[0];
        if (how == "constant")
            return StepPtr(std::make_unique<ImputeStep>(ImputeStrategy::constant,
                                                        args.size() > 1 ? args[1] : ""));
        if (args.size() > 1)
            return make_error("impute:%s takes no value; only impute:constant does",
                              how.c_str());
        if (how == "mean") return StepPtr(std::make_unique<ImputeStep>(ImputeStrategy::mean));
        if (how == "median")
            return StepPtr(std::make_unique<ImputeStep>(ImputeStrategy::median));
        if (how == "most_frequent")
            return StepPtr(std::make_unique<ImputeStep>(ImputeStrategy::most_frequent));
        return make_error("impute: unknown strategy \"%s\"; use mean, median, most_frequent or "
                          "constant", how.c_str());
    }
    if (name == "clip") {
        if (Status s = arg_count(name, args, 1, 2, "a method: clip:iqr[:K], K > 0 (1.5)"); !s)
            return s.error();
        if (args[0] != "iqr")
            return make_error("clip: unknown method \"%s\"; use clip:iqr[:K]", args[0].c_str());
        double k = 1.5;
        if (args.size() > 1) {
            Result<double> v = number_arg("clip:iqr", args[1], "K");
            if (!v) return v.error();
            if (*v <= 0.0) return make_error("clip:iqr: K %g must be > 0 (1.5 is usual)", *v);
            k = *v;
        }
        return StepPtr(std::make_unique<ClipIqrStep>(k));
    }
    if (name == "drop") {
        if (Status s = arg_count(name, args, 1, 2, "a method: drop:zscore[:T], T > 0 (3)"); !s)
            return s.error();
        if (args[0] != "zscore")
            return make_error("drop: unknown method \"%s\"; use drop:zscore[:T]",
                              args[0].c_str());
        double t = 3.0;
        if (args.size() > 1) {
            Result<double> v = number_arg("drop:zscore", args[1], "T");
            if (!v) return v.error();
            if (*v <= 0.0) return make_error("drop:zscore: T %g must be > 0 (3 is usual)", *v);
            t = *v;
        }
        return StepPtr(std::make_unique<ZScoreDropStep>(t));
    }
    if (name == "scale") {
        const char* usage = "a method: scale:standard or scale:minmax[:LO:HI]";
        if (Status s = arg_count(name, args, 1, 3, usage); !s) return s.error();
        if (args[0] == "standard") {
            if (args.size() > 1) return make_error("scale:standard takes no arguments");
            return StepPtr(std::make_unique<StandardScaleStep>());
        }
        if (args[0] != "minmax")
            return make_error("scale: unknown method \"%s\"; use standard or minmax",
                              args[0].c_str());
        if (args.size() == 2)
            return make_error("scale:minmax takes both ends of the range, scale:minmax:LO:HI, "
                              "or none for 0:1");
        double lo = 0.0, hi = 1.0;
        if (args.size() == 3) {
            Result<double> a = number_arg("scale:minmax", args[1], "LO");
            if (!a) return a.error();
            Result<double> b = number_arg("scale:minmax", args[2], "HI");
            if (!b) return b.error();
            if (!(*a < *b))
                return make_error("scale:minmax: the range %g:%g is empty; LO must be below HI",
                                  *a, *b);
            lo = *a;
            hi = *b;
        }
        return StepPtr(std::make_unique<MinMaxScaleStep>(lo, hi));
    }
    if (name == "onehot") {
        if (Status s = arg_count(name, args, 0, 1, "onehot[:ignore|error]"); !s)
            return s.error();
        if (args.empty() || args[0] == "ignore")
            return StepPtr(std::make_unique<OneHotStep>(false));
        if (args[0] == "error") return StepPtr(std::make_unique<OneHotStep>(true));
        return make_error("onehot: \"%s\" is not a choice for unseen categories; use ignore "
                          "(all zeros) or error", args[0].c_str());
    }
    if (name == "ordinal") {
        if (Status s = arg_count(name, args, 0, 1, "ordinal[:error|CODE]"); !s)
            return s.error();
        if (args.empty() || args[0] == "error") return StepPtr(std::make_unique<OrdinalStep>());
        std::optional<double> code = parse_number(args[0]);
        if (!code)
            return make_error("ordinal: \"%s\" is neither error nor a number to code unseen "
                              "categories with (such as -1)", args[0].c_str());
        return StepPtr(std::make_unique<OrdinalStep>(*code));
    }
    if (name == "select") {
        const char* usage = "a method: select:variance[:T], select:corr:T, "
                            "select:kbest_corr:K, select:kbest_f:K[:classif|regression], "
                            "select:kbest_mi:K[:classif|regression]";
        if (Status s = arg_count(name, args, 1, 3, usage); !s) return s.error();
        const std::string& how = args[0];
        const std::string step = "select:" + how;
        SelectOptions o;
        if (how == "variance" || how == "corr") {
            o.score = how == "variance" ? SelectScore::variance : SelectScore::corr;
            if (args.size() > 2 || (how == "corr" && args.size() != 2))
                return make_error("%s takes %s", step.c_str(),
                                  how == "corr" ? "a threshold: select:corr:T, 0 <= T <= 1"
                                                : "at most a threshold: select:variance[:T]");
            if (args.size() == 2) {
                Result<double> t = number_arg(step, args[1], "threshold");
                if (!t) return t.error();
                if (*t < 0.0 || (how == "corr" && *t > 1.0))
                    return make_error("%s: threshold %g must be %s", step.c_str(), *t,
                                      how == "corr" ? "from 0 to 1" : ">= 0");
                o.threshold = *t;
            }
            return StepPtr(std::make_unique<SelectStep>(o));
        }
        if (how != "kbest_corr" && how != "kbest_f" && how != "kbest_mi")
            return make_error("select: unknown method \"%s\"; use variance, corr, kbest_corr, "
                              "kbest_f or kbest_mi", how.c_str());
        o.score = how == "kbest_corr" ? SelectScore::corr
                  : how == "kbest_f"  ? SelectScore::f
                                      : SelectScore::mi;
        if (args.size() < 2)
            return make_error("%s needs k, the number of columns to keep: %s:5", step.c_str(),
                              step.c_str());
        Result<size_t> k = k_arg(step, args[1]);
        if (!k) return k.error();
        o.k = *k;
        if (args.size() == 3) {
            if (how == "kbest_corr")
                return make_error("select:kbest_corr takes only k; correlation needs a "
                                  "numeric target");
            if (args[2] == "classif")
                o.task = SelectTask::classification;
            else if (args[2] == "regression")
                o.task = SelectTask::regression;
            else
                return make_error("%s: \"%s\" is not a task; use classif or regression",
                                  step.c_str(), args[2].c_str());
        }
        return StepPtr(std::make_unique<SelectStep>(o));
    }
    return make_error("unknown preprocessing step \"%s\"; use one of: %s", name.c_str(),
                      kStepList);
}

} // namespace

Result<std::unique_ptr<PreprocessStep>> parse_preprocess_step(std::string_view spec) {
    std::vector<std::string_view> at = split_outside_quotes(spec, '@');
    if (at.size() > 2)
        return make_error("\"%s\" has more than one @; join columns with +: @a+b",
                          std::string(spec).c_str());
    std::vector<std::string> head;
    for (std::string_view part : split_outside_quotes(at[0], ':')) {
        Result<std::string> t = read_token(part, head.empty() ? "the step name" : "an argument");
        if (!t) return t.error();
        head.push_back(*t);
    }
    const std::vector<std::string> args(head.begin() + 1, head.end());
    Result<std::unique_ptr<PreprocessStep>> step = make_step(head[0], args);
    if (!step) return step.error();
    if (at.size() == 2) {
        std::vector<std::string> columns;
        for (std::string_view part : split_outside_quotes(at[1], '+')) {
            Result<std::string> t = read_token(part, "a column name");
            if (!t) return t.error();
            columns.push_back(*t);
        }
        (*step)->set_columns(std::move(columns));
    }
    return step;
}


// --- Pipeline::parse --------------------------------------------------------------------

Result<Pipeline> Pipeline::parse(std::string_view spec) {
    Pipeline p;
    if (trim(spec).empty()) return p;
    std::vector<std::string_view> parts = split_outside_quotes(spec, ',');
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::string text(trim(parts[i]));
        if (text.empty())
            return make_error("preprocessing step %zu of \"%s\" is empty; separate steps with "
                              "one comma", i + 1, std::string(spec).c_str());
        Result<std::unique_ptr<PreprocessStep>> step = parse_preprocess_step(text);
        if (!step)
            return make_error("preprocessing step %zu (%s): %s", i + 1, text.c_str(),
                              step.error().message.c_str());
        p.m_steps.push_back(std::move(*step));
    }
    return p;
}

} // namespace mlplay

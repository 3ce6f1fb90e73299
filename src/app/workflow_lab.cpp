#include "app/workflow_lab.h"

#include "app/fonts.h"
#include "app/widgets.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/split.h"
#include "models/registry.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace mlplay::app {

namespace {

void section(const char* title) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered), "%s", title);
    ImGui::Separator();
}

void explain(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

#ifdef __EMSCRIPTEN__
// Opens the browser's file picker; main.js reads the file and hands it to
// loadCSV. Runs inside the click's user activation, so browsers allow it.
EM_JS(void, open_file_picker, (), {
    if (typeof window !== 'undefined' && window.mlplayOpenFile) window.mlplayOpenFile();
});
#endif

} // namespace

WorkflowLab::WorkflowLab() { load_builtin("iris"); }

void WorkflowLab::load_builtin(const std::string& name) {
    Result<Dataset> ds = load_builtin_dataset(name);
    Result<BuiltinDatasetInfo> info = builtin_dataset_info(name);
    if (!ds || !info) {
        m_error = (!ds ? ds.error() : info.error()).message;
        return;
    }
    set_data(std::move(*ds), name, info->target);
}

bool WorkflowLab::load_csv_text(const std::string& name, const std::string& text) {
    Result<Dataset> ds = read_csv(text);
    if (!ds) {
        m_error = name + ": " + ds.error().message;
        MLPLAY_LOG_WARN("%s", m_error.c_str());
        return false;
    }
    set_data(std::move(*ds), name, "");
    MLPLAY_LOG_INFO("loaded %s: %zu rows, %zu columns", name.c_str(), m_data.n_rows(),
                    m_data.n_columns());
    return true;
}

void WorkflowLab::set_data(Dataset ds, const std::string& name, const std::string& target) {
    m_data = std::move(ds);
    m_data_name = name;
    int t = target.empty() ? -1 : m_data.find_column(target);
    m_target = t >= 0 ? t : static_cast<int>(m_data.n_columns()) - 1;
    m_inspect_column = 0;
    m_task_overridden = false;
    m_error.clear();
    m_model.reset();
    // Suggest the steps this table needs: encode text columns, fill gaps.
    bool missing = false;
    for (size_t j = 0; j < m_data.n_columns(); ++j)
        missing = missing || (static_cast<int>(j) != m_target && m_data.n_missing(j) > 0);
    m_impute = missing ? 2 : 0;
    rebuild_spec();
    infer_task();
}

void WorkflowLab::rebuild_spec() {
    std::vector<std::string> steps;
    const char* impute[] = {"", "impute:mean", "impute:median", "impute:most_frequent"};
    const char* outliers[] = {"", "clip:iqr", "drop:zscore"};
    const char* scale[] = {"", "scale:standard", "scale:minmax"};
    const char* encode[] = {"", "onehot", "ordinal"};
    for (const char* step : {impute[m_impute], outliers[m_outliers], scale[m_scale],
                             encode[m_encode]})
        if (*step) steps.push_back(step);
    if (m_select_k > 0) steps.push_back("select:kbest_f:" + std::to_string(m_select_k));
    m_spec.clear();
    for (const std::string& step : steps) m_spec += (m_spec.empty() ? "" : ",") + step;
}

void WorkflowLab::infer_task() {
    if (m_task_overridden || m_target < 0) return;
    size_t t = static_cast<size_t>(m_target);
    // A categorical target, or a few whole-number values, is a class label.
    bool classes = m_data.is_categorical(t);
    if (!classes) {
        std::set<float> distinct;
        bool whole = true;
        for (float v : m_data.column(t).values) {
            if (std::isnan(v)) continue;
            whole = whole && v == std::floor(v);
            distinct.insert(v);
            if (distinct.size() > 20) break;
        }
        classes = whole && distinct.size() <= 20;
    }
    m_task = classes ? Task::classification : Task::regression;
    choose_model(m_task == Task::classification ? "logistic_regression" : "linear_regression");
}

void WorkflowLab::choose_model(const std::string& name) {
    Result<std::unique_ptr<Model>> m = make_model(name);
    if (!m) {
        m_error = m.error().message;
        return;
    }
    m_model_name = name;
    m_specs = (*m)->param_specs();
    m_params = (*m)->params();
}

void WorkflowLab::train() {
    Result<std::unique_ptr<Model>> made = make_model(m_model_name);
    if (!made) {
        m_error = made.error().message;
        return;
    }
    std::unique_ptr<Model> model = std::move(*made);
    Status s = model->set_params(m_params);
    if (!s) {
        m_error = s.error().message;
        return;
    }
    if (model->task() != m_task) {
        m_error = std::string(model->name()) + " is a " + task_name(model->task()) +
                  " model but the task is " + task_name(m_task) + "; choose another model";
        return;
    }
    const std::string target = m_data.column_name(static_cast<size_t>(m_target));
    Result<Pipeline> pipeline = Pipeline::parse(m_spec);
    if (!pipeline) {
        m_error = pipeline.error().message; // already says "preprocessing step N"
        return;
    }
    VectorF target_values = m_data.to_vector(static_cast<size_t>(m_target));
    for (Eigen::Index i = 0; i < target_values.size(); ++i)
        if (!std::isfinite(target_values(i))) {
            m_error = "target \"" + target + "\" is missing in row " + std::to_string(i + 1) +
                      "; rows without a target cannot be used";
            return;
        }

    // Stratify on the class indices when asked (classification only).
    std::vector<int> strata;
    if (m_task == Task::classification && m_stratify) strata = class_labels(target_values).index;
    Result<TrainValTestIndices> split = train_val_test_split_indices(
        m_data.n_rows(), m_test_size, 0.0, static_cast<uint64_t>(std::max(0, m_seed)), true,
        strata);
    if (!split) {
        m_error = split.error().message;
        return;
    }
    // Preprocessing learns from the training rows only; the test rows get
    // what it learned, unchanged.
    Dataset train_raw = m_data.select_rows(split->train);
    FitContext context{target, m_task};
    Result<Dataset> train_rows = pipeline->fit_transform(train_raw, context);
    Result<Dataset> test_rows = train_rows ? pipeline->transform(m_data.select_rows(split->test))
                                           : train_rows;
    if (!train_rows || !test_rows) {
        m_error = "preprocessing: " + (!train_rows ? train_rows : test_rows).error().message;
        return;
    }
    Result<SupervisedData> dtr = supervised_data(*train_rows, target);
    Result<SupervisedData> dte = supervised_data(*test_rows, target);
    if (!dtr || !dte) {
        m_error = (!dtr ? dtr : dte).error().message;
        return;
    }
    const MatrixF& Xtr = dtr->X;
    const MatrixF& Xte = dte->X;
    const VectorF& ytr = dtr->y;
    const VectorF& yte = dte->y;

    auto t0 = std::chrono::steady_clock::now();
    s = model->fit(Xtr, ytr);
    double fit_ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - t0).count();
    if (!s) {
        m_error = s.error().message;
        return;
    }
    Result<VectorF> ptr = model->predict(Xtr), pte = model->predict(Xte);
    if (!ptr || !pte) {
        m_error = (!ptr ? ptr : pte).error().message;
        return;
    }

    Json metrics = Json::object();
    std::vector<std::string> labels;
    std::vector<long long> confusion;
    if (m_task == Task::regression) {
        metrics.set("R² train", r2_score(ytr, *ptr));
        metrics.set("R² test", r2_score(yte, *pte));
        metrics.set("MSE test", mean_squared_error(yte, *pte));
        metrics.set("MAE test", mean_absolute_error(yte, *pte));
    } else {
        auto ints = [](const VectorF& v) {
            std::vector<int> out(static_cast<size_t>(v.size()));
            for (Eigen::Index i = 0; i < v.size(); ++i)
                out[static_cast<size_t>(i)] = static_cast<int>(std::lround(v(i)));
            return out;
        };
        Result<ClassificationReport> rtr = classification_report(ints(ytr), ints(*ptr));
        Result<ClassificationReport> rte = classification_report(ints(yte), ints(*pte));
        Result<ConfusionMatrix> cm = confusion_matrix(ints(yte), ints(*pte));
        if (!rtr || !rte || !cm) {
            m_error = "could not evaluate the classifier";
            return;
        }
        metrics.set("accuracy train", rtr->accuracy);
        metrics.set("accuracy test", rte->accuracy);
        metrics.set("F1 macro test", rte->macro.f1);
        metrics.set("precision macro test", rte->macro.precision);
        metrics.set("recall macro test", rte->macro.recall);
        const std::vector<std::string>& cats =
            m_data.categories(static_cast<size_t>(m_target));
        for (int l : cm->labels)
            labels.push_back(l >= 0 && static_cast<size_t>(l) < cats.size()
                                 ? cats[static_cast<size_t>(l)]
                                 : std::to_string(l));
        for (Eigen::Index i = 0; i < cm->counts.rows(); ++i)
            for (Eigen::Index j = 0; j < cm->counts.cols(); ++j)
                confusion.push_back(static_cast<long long>(cm->counts(i, j)));
    }

    m_model = std::move(model);
    m_pipeline = std::move(*pipeline);
    m_train_raw = std::move(train_raw);
    m_train_after = std::move(*train_rows);
    m_metrics = std::move(metrics);
    m_class_labels = std::move(labels);
    m_confusion = std::move(confusion);
    m_actual.assign(yte.data(), yte.data() + yte.size());
    m_predicted.assign(pte->data(), pte->data() + pte->size());
    m_n_train = static_cast<size_t>(ytr.size());
    m_n_test = static_cast<size_t>(yte.size());
    m_fit_ms = fit_ms;
    m_error.clear();
}

Json WorkflowLab::state() const {
    Json s = Json::object();
    s.set("dataset", m_data_name);
    s.set("rows", m_data.n_rows());
    s.set("target", m_target >= 0 ? m_data.column_name(static_cast<size_t>(m_target)) : "");
    s.set("task", task_name(m_task));
    s.set("model", m_model_name);
    s.set("preprocess", m_spec);
    Json features = Json::array();
    for (size_t j = 0; m_model && j < m_train_after.n_columns(); ++j)
        if (m_train_after.column_name(j) != s.find("target")->as_string())
            features.push(m_train_after.column_name(j));
    s.set("features", features);
    s.set("params", m_params);
    s.set("trained", m_model != nullptr);
    s.set("nTrain", m_n_train);
    s.set("nTest", m_n_test);
    s.set("metrics", m_metrics);
    s.set("error", m_error);
    return s;
}

void WorkflowLab::draw(UiTracker& ui, FontManager& fonts) {
    for (const std::string& n : m_data.column_names()) fonts.request(n);
    fonts.request(m_data_name);
    for (const std::string& l : m_class_labels) fonts.request(l);

    float left_w = std::max(ImGui::GetFontSize() * 24.0f, ImGui::GetContentRegionAvail().x * 0.38f);
    scrolling_column("steps", left_w, ImGui::GetFrameHeightWithSpacing() * 3.2f,
                     [&] {
                         draw_data(ui);
                         draw_problem(ui);
                         draw_preprocess(ui);
                         draw_split_and_model(ui);
                     },
                     [&] { draw_train(ui); });
    ImGui::SameLine();
    ImGui::BeginChild("results", ImVec2(0, 0), false);
    if (ImGui::BeginTabBar("views")) {
        bool results = ImGui::BeginTabItem("Evaluation");
        ui.track("Workflow evaluation tab");
        if (results) {
            draw_results(ui);
            ImGui::EndTabItem();
        }
        bool columns = ImGui::BeginTabItem("Columns");
        ui.track("Workflow columns tab");
        if (columns) {
            draw_columns();
            ImGui::EndTabItem();
        }
        bool table = ImGui::BeginTabItem("Data table");
        if (table) {
            dataset_table("wf_data", m_data, ImGui::GetContentRegionAvail().y);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void WorkflowLab::draw_data(UiTracker& ui) {
    section("1  Collect the data");
    explain("Start from a built-in table, a generated toy set, or your own CSV file "
            "(or drop one on the page). It is read here, in your browser.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo("##builtin", m_data_name.c_str())) {
        for (const BuiltinDatasetInfo& d : builtin_datasets())
            if (ImGui::Selectable(d.name.c_str(), d.name == m_data_name)) load_builtin(d.name);
        ImGui::EndCombo();
    }
    ui.track("Workflow dataset");
    ImGui::SameLine();
    if (ImGui::Button("Open CSV...")) {
#ifdef __EMSCRIPTEN__
        open_file_picker();
#endif
    }
    ui.track("Open CSV");
    ImGui::TextDisabled("%zu rows, %zu columns", m_data.n_rows(), m_data.n_columns());
}

void WorkflowLab::draw_problem(UiTracker& ui) {
    section("2  Define the problem");
    explain("Pick the column to predict. A category or a few whole numbers make it a "
            "classification task, anything else regression; you can override that.");
    if (m_target >= 0) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        const std::string& current = m_data.column_name(static_cast<size_t>(m_target));
        if (ImGui::BeginCombo("target", current.c_str())) {
            for (size_t j = 0; j < m_data.n_columns(); ++j)
                if (ImGui::Selectable(m_data.column_name(j).c_str(),
                                      static_cast<int>(j) == m_target)) {
                    m_target = static_cast<int>(j);
                    m_task_overridden = false;
                    infer_task();
                }
            ImGui::EndCombo();
        }
        ui.track("Workflow target");
    }
    int task = m_task == Task::classification ? 1 : 0;
    bool changed = ImGui::RadioButton("regression", &task, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("classification", &task, 1);
    if (changed) {
        m_task = task == 1 ? Task::classification : Task::regression;
        m_task_overridden = true;
        choose_model(m_task == Task::classification ? "logistic_regression"
                                                    : "linear_regression");
    }
}

void WorkflowLab::draw_preprocess(UiTracker& ui) {
    section("3  Preprocess");
    explain("Each step learns from the training rows only (means, scales, categories) "
            "and is applied unchanged to the test rows, so the test stays unseen. "
            "The Columns tab shows a column before and after.");
    bool changed = false;
    auto combo = [&](const char* label, int* value, const char* items) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        changed |= ImGui::Combo(label, value, items);
    };
    combo("missing values", &m_impute, "keep\0mean\0median\0most frequent\0");
    combo("outliers", &m_outliers, "keep\0clip to 1.5 IQR\0drop |z| > 3 (training)\0");
    combo("scaling", &m_scale, "none\0standard\0min-max\0");
    combo("categories", &m_encode, "as they are\0one-hot\0ordinal\0");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    changed |= ImGui::SliderInt("best features (F-test)", &m_select_k, 0, 30,
                                m_select_k ? "%d" : "all");
    if (changed) rebuild_spec();
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", m_spec.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##spec", "no preprocessing", buf, sizeof buf)) m_spec = buf;
    ui.track("Workflow preprocess spec");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The steps as the runner's --preprocess takes them; edit freely, "
                          "e.g. impute:median@age,scale:standard");
}

void WorkflowLab::draw_columns() {
    explain("Each column's kind and missing values, and the distribution of the one you "
            "select. Categorical features must be encoded, and missing values imputed, "
            "before most models can use them.");
    ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    float table_h = std::min(ImGui::GetContentRegionAvail().y * 0.45f,
                             ImGui::GetFrameHeight() * static_cast<float>(m_data.n_columns() + 1));
    if (ImGui::BeginTable("columns", 4, tf, ImVec2(0, table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("column");
        ImGui::TableSetupColumn("kind");
        ImGui::TableSetupColumn("missing");
        ImGui::TableSetupColumn("role");
        ImGui::TableHeadersRow();
        for (size_t j = 0; j < m_data.n_columns(); ++j) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable(m_data.column_name(j).c_str(),
                                  static_cast<int>(j) == m_inspect_column,
                                  ImGuiSelectableFlags_SpanAllColumns))
                m_inspect_column = static_cast<int>(j);
            ImGui::TableNextColumn();
            if (m_data.is_categorical(j))
                ImGui::Text("categorical (%zu)", m_data.categories(j).size());
            else
                ImGui::TextUnformatted("numeric");
            ImGui::TableNextColumn();
            size_t missing = m_data.n_missing(j);
            if (missing) ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "%zu", missing);
            else ImGui::TextDisabled("0");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(static_cast<int>(j) == m_target ? "target" : "feature");
        }
        ImGui::EndTable();
    }
    if (m_inspect_column < 0 || static_cast<size_t>(m_inspect_column) >= m_data.n_columns())
        return;
    size_t c = static_cast<size_t>(m_inspect_column);
    const std::string& name = m_data.column_name(c);
    int after = m_model ? m_train_after.find_column(name) : -1;
    int before = m_model ? m_train_raw.find_column(name) : -1;
    float h = std::max(ImGui::GetFontSize() * 6, ImGui::GetContentRegionAvail().y - 4);
    if (after < 0 || before < 0) {
        ImGui::Text("%s, all rows%s", name.c_str(),
                    m_model ? " (preprocessing replaced or dropped it)" : "");
        histogram("column_hist", ImVec2(ImGui::GetContentRegionAvail().x, h),
                  m_data.column(c).values, 30, IM_COL32(66, 150, 250, 200));
        return;
    }
    // What preprocessing did to this column of the training rows.
    size_t touched = 0;
    for (const StepEffects& e : m_pipeline.training_effects())
        for (const CellEffects& cell : e.cells)
            if (cell.column == name) touched += cell.rows.size();
    ImGui::Text("%s, training rows: before preprocessing", name.c_str());
    float line = ImGui::GetTextLineHeightWithSpacing();
    histogram("before", ImVec2(ImGui::GetContentRegionAvail().x, h * 0.5f - line),
              m_train_raw.column(static_cast<size_t>(before)).values, 30,
              IM_COL32(66, 150, 250, 200));
    ImGui::Text("after: %zu cells imputed or clipped, %zu rows dropped", touched,
                m_train_raw.n_rows() - m_train_after.n_rows());
    float rest = std::max(ImGui::GetFontSize() * 5, ImGui::GetContentRegionAvail().y - 4);
    histogram("after", ImVec2(ImGui::GetContentRegionAvail().x, rest),
              m_train_after.column(static_cast<size_t>(after)).values, 30,
              IM_COL32(120, 220, 120, 200));
}

void WorkflowLab::draw_split_and_model(UiTracker& ui) {
    section("4  Split");
    explain("Keep some rows unseen, to measure how the model does on new data.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::SliderFloat("test fraction", &m_test_size, 0.05f, 0.9f, "%.2f");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::InputInt("seed", &m_seed);
    m_seed = std::max(0, m_seed);
    if (m_task == Task::classification) ImGui::Checkbox("stratify by class", &m_stratify);

    section("5  Choose a model");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    std::string shown = m_model_name;
    for (const ModelInfo& info : model_registry())
        if (info.name == m_model_name) shown = info.display_name;
    if (ImGui::BeginCombo("model", shown.c_str())) {
        for (const ModelInfo& info : model_registry()) {
            if (info.task != m_task) continue;
            if (ImGui::Selectable(info.display_name.c_str(), info.name == m_model_name))
                choose_model(info.name);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.summary.c_str());
        }
        ImGui::EndCombo();
    }
    ui.track("Workflow model");
    param_editor(m_specs, m_params);
}

void WorkflowLab::draw_train(UiTracker& ui) {
    if (ImGui::Button("Train", ImVec2(ImGui::GetFontSize() * 8, 0))) train();
    ui.track("Workflow train");
    ImGui::SameLine();
    ImGui::TextDisabled("6  fit on the training rows, evaluate on the test rows");
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 110, 255));
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    }
}

void WorkflowLab::draw_results(UiTracker& ui) {
    if (!m_model) {
        ImGui::TextDisabled("Press Train to fit %s on the training rows.", m_model_name.c_str());
        return;
    }
    ImGui::Text("%s on %zu training rows, tested on %zu (%.1f ms)", m_model->name(), m_n_train,
                m_n_test, m_fit_ms);
    if (ImGui::BeginTable("wf_metrics", 2, ImGuiTableFlags_SizingFixedFit |
                                               ImGuiTableFlags_BordersInnerV)) {
        for (const auto& [name, value] : m_metrics.members()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_number(value.as_number()).c_str());
        }
        ImGui::EndTable();
    }
    ui.track("Workflow metrics");
    ImGui::Spacing();
    if (m_task == Task::classification) {
        ImGui::TextUnformatted("Confusion matrix on the test rows (rows: true, columns: "
                               "predicted)");
        float cell = std::min(ImGui::GetFontSize() * 3.0f,
                              ImGui::GetContentRegionAvail().x /
                                  static_cast<float>(m_class_labels.size() + 2));
        count_heatmap("confusion", m_class_labels, m_confusion, cell);
    } else {
        std::vector<ScatterSeries> series = {{"test", m_actual.data(), m_predicted.data(),
                                              static_cast<int>(m_actual.size()),
                                              IM_COL32(250, 140, 50, 230)}};
        scatter_plot("wf_scatter", ImGui::GetContentRegionAvail(), series,
                     PlotAxes{"actual", "predicted", true});
    }
}

} // namespace mlplay::app

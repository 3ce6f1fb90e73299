#include "app/regression_lab.h"

#include "app/fonts.h"
#include "app/widgets.h"
#include "core/csv.h"
#include "core/datasets.h"
#include "core/log.h"
#include "core/metrics.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace mlplay::app {

namespace {

const ImU32 kTrainColor = IM_COL32(66, 150, 250, 220);
const ImU32 kTestColor = IM_COL32(250, 140, 50, 230);

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

void section(const char* title) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered), "%s", title);
    ImGui::Separator();
}

} // namespace

RegressionLab::RegressionLab() {
    select_source(1);
    fit();
}

void RegressionLab::select_source(int source) {
    Result<Dataset> ds = source == 0 ? load_builtin_dataset("housing")
                                     : make_housing(static_cast<size_t>(m_gen_rows),
                                                    m_gen_noise, static_cast<uint64_t>(m_gen_seed));
    if (!ds) {
        m_error = ds.error().message;
        return;
    }
    m_data = std::move(*ds);
    m_source = source;
    m_data_name = source == 0 ? "course table" : "generated houses";
    m_target = m_data.column_name(m_data.n_columns() - 1);
    m_error.clear();
    // The course's four rows leave one test row at 0.25; suggest a fair split.
    if (source == 0 && m_test_size < 0.25f) m_test_size = 0.25f;
}

bool RegressionLab::load_csv_text(const std::string& name, const std::string& text) {
    Result<Dataset> ds = read_csv(text);
    if (!ds) {
        m_error = name + ": " + ds.error().message;
        MLPLAY_LOG_WARN("%s", m_error.c_str());
        return false;
    }
    if (ds->n_columns() < 2) {
        m_error = name + ": a regression needs at least one feature column and a target";
        return false;
    }
    m_data = std::move(*ds);
    m_source = 2;
    m_data_name = name;
    m_target = m_data.column_name(m_data.n_columns() - 1);
    m_error.clear();
    MLPLAY_LOG_INFO("loaded %s: %zu rows, %zu columns", name.c_str(), m_data.n_rows(),
                    m_data.n_columns());
    return true;
}

void RegressionLab::fit() {
    // Everything is computed into locals first: a failure keeps the last model.
    Result<DatasetSplit> split = train_test_split(m_data, m_test_size,
                                                  static_cast<uint64_t>(std::max(0, m_seed)),
                                                  m_shuffle);
    if (!split) {
        m_error = split.error().message;
        return;
    }
    Result<SupervisedData> train = supervised_data(split->train, m_target);
    Result<SupervisedData> test = supervised_data(split->test, m_target);
    if (!train || !test) {
        m_error = (!train ? train : test).error().message;
        return;
    }

    LinearRegressionParams p;
    p.solver = m_solver == 0 ? LinearSolver::qr : LinearSolver::gd;
    p.learning_rate = m_learning_rate;
    p.epochs = m_epochs;
    LinearRegression model;
    Status s = model.set_params(p);
    if (s) s = p.solver == LinearSolver::qr ? model.fit(train->X, train->y)
                                            : model.begin_gd(train->X, train->y);
    if (!s) {
        m_error = s.error().message;
        return;
    }

    m_model = std::move(model);
    m_train = std::move(*train);
    m_test = std::move(*test);
    m_fitted = true;
    m_error.clear();
    m_predict_inputs.assign(m_train.feature_names.size(), 0.0f);
    for (size_t j = 0; j < m_predict_inputs.size(); ++j)
        m_predict_inputs[j] = m_train.X.col(static_cast<Eigen::Index>(j)).mean();
    refresh_evaluation();
}

void RegressionLab::stop_training() {
    // Keep the weights reached so far; the loop simply stops stepping.
    if (m_model.training()) m_notice = "training stopped by hand";
    m_model.end_gd();
}

void RegressionLab::step_training(double budget_ms) {
    if (!m_fitted || !m_model.training()) return;
    double start = now_ms();
    for (int i = 0; i < m_epochs_per_frame && m_model.training() &&
                    m_model.epochs_done() < m_epochs && now_ms() - start < budget_ms;
         ++i)
        m_model.fit_steps(1);
    if (!m_model.last_error().message.empty()) {
        m_error = m_model.last_error().message;
        MLPLAY_LOG_WARN("%s", m_error.c_str());
    }
    if (m_model.epochs_done() >= m_epochs) {
        m_model.end_gd();
    }
    refresh_evaluation();
}

void RegressionLab::refresh_evaluation() {
    Result<VectorF> ptr = m_model.predict(m_train.X);
    Result<VectorF> pte = m_model.predict(m_test.X);
    if (!ptr || !pte) return;
    m_pred_train = std::move(*ptr);
    m_pred_test = std::move(*pte);
    m_r2_train = r2_score(m_train.y, m_pred_train);
    m_r2_test = r2_score(m_test.y, m_pred_test);
    m_mse_train = mean_squared_error(m_train.y, m_pred_train);
    m_mse_test = mean_squared_error(m_test.y, m_pred_test);
}

RegressionSnapshot RegressionLab::snapshot() const {
    RegressionSnapshot s;
    s.dataset = m_data_name;
    s.n_rows = m_data.n_rows();
    s.n_train = m_fitted ? static_cast<size_t>(m_train.y.size()) : 0;
    s.n_test = m_fitted ? static_cast<size_t>(m_test.y.size()) : 0;
    s.fitted = m_fitted;
    s.training = m_model.training();
    s.solver = m_model.typed_params().solver == LinearSolver::qr ? "qr" : "gd";
    s.epochs_done = m_model.epochs_done();
    s.feature_names = m_train.feature_names;
    for (Eigen::Index j = 0; j < m_model.coefficients().size(); ++j)
        s.coefficients.push_back(m_model.coefficients()(j));
    s.intercept = m_model.intercept();
    s.r2_train = m_r2_train;
    s.r2_test = m_r2_test;
    s.mse_train = m_mse_train;
    s.mse_test = m_mse_test;
    s.error = m_error;
    return s;
}

void RegressionLab::draw(UiTracker& ui, FontManager& fonts) {
    for (const std::string& n : m_data.column_names()) fonts.request(n);
    fonts.request(m_data_name);

    float left_w = std::max(ImGui::GetFontSize() * 22.0f, ImGui::GetContentRegionAvail().x * 0.36f);
    scrolling_column("controls", left_w, ImGui::GetFrameHeightWithSpacing() * 3.2f,
                     [&] {
                         draw_data(ui);
                         draw_split_and_model(ui);
                         draw_predict(ui);
                     },
                     [&] { draw_actions(ui); });
    ImGui::SameLine();
    ImGui::BeginChild("results", ImVec2(0, 0), false);
    if (ImGui::BeginTabBar("views")) {
        bool results = ImGui::BeginTabItem("Results");
        ui.track("Results tab");
        if (results) {
            draw_results(ui);
            ImGui::EndTabItem();
        }
        bool table = ImGui::BeginTabItem("Data table");
        ui.track("Data tab");
        if (table) {
            dataset_table("data", m_data, ImGui::GetContentRegionAvail().y);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void RegressionLab::draw_data(UiTracker& ui) {
    section("1  Data");
    const char* sources[] = {"Course table (4 houses)", "Generated houses", "Your CSV"};
    int shown = m_source;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##source", sources[shown])) {
        for (int i = 0; i < 2; ++i)
            if (ImGui::Selectable(sources[i], i == m_source)) select_source(i);
        ImGui::EndCombo();
    }
    ui.track("Data source");
    if (m_source == 1) {
        bool changed = false;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        changed |= ImGui::SliderInt("houses", &m_gen_rows, 20, 2000);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        changed |= ImGui::SliderFloat("price noise", &m_gen_noise, 0.0f, 100.0f, "%.1f");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        changed |= ImGui::InputInt("data seed", &m_gen_seed);
        m_gen_seed = std::max(0, m_gen_seed);
        if (changed) select_source(1);
    }
    ImGui::TextDisabled("%zu rows, %zu columns; target: %s", m_data.n_rows(), m_data.n_columns(),
                        m_target.c_str());
}

void RegressionLab::draw_split_and_model(UiTracker& ui) {
    section("2  Split");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::SliderFloat("test fraction", &m_test_size, 0.05f, 0.9f, "%.2f");
    ui.track("Test fraction");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    ImGui::InputInt("random seed", &m_seed);
    ui.track("Seed");
    m_seed = std::max(0, m_seed);
    ImGui::Checkbox("shuffle rows", &m_shuffle);
    size_t n_rows = m_data.n_rows();
    size_t n_test = std::min(n_rows, static_cast<size_t>(std::ceil(
                                         m_test_size * static_cast<double>(n_rows))));
    ImGui::TextDisabled("%zu training rows, %zu test rows", n_rows - n_test, n_test);

    section("3  Model: linear regression");
    ImGui::RadioButton("exact (QR least squares)", &m_solver, 0);
    ui.track("Solver QR");
    ImGui::RadioButton("gradient descent", &m_solver, 1);
    ui.track("Solver GD");
    if (m_solver == 1) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        ImGui::SliderFloat("learning rate", &m_learning_rate, 0.001f, 2.0f, "%.3f",
                           ImGuiSliderFlags_Logarithmic);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        ImGui::SliderInt("epochs", &m_epochs, 1, 5000, "%d", ImGuiSliderFlags_Logarithmic);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        ImGui::SliderInt("epochs per frame", &m_epochs_per_frame, 1, 500, "%d",
                         ImGuiSliderFlags_Logarithmic);
    }
}

void RegressionLab::draw_actions(UiTracker& ui) {
    bool training = m_model.training();
    if (training) {
        if (ImGui::Button("Stop", ImVec2(ImGui::GetFontSize() * 8, 0))) stop_training();
        ui.track("Stop");
        ImGui::SameLine();
        ImGui::Text("epoch %d / %d", m_model.epochs_done(), m_epochs);
    } else {
        if (ImGui::Button("Fit", ImVec2(ImGui::GetFontSize() * 8, 0))) {
            m_notice.clear();
            fit();
        }
        ui.track("Fit");
    }
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 110, 255));
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    } else if (!m_notice.empty()) {
        ImGui::TextDisabled("%s", m_notice.c_str());
    }
}

void RegressionLab::draw_predict(UiTracker& ui) {
    if (!m_fitted) return;
    section("4  Predict a price");
    const std::vector<std::string>& names = m_train.feature_names;
    for (size_t j = 0; j < names.size() && j < m_predict_inputs.size(); ++j) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        ImGui::InputFloat(names[j].c_str(), &m_predict_inputs[j], 1.0f, 10.0f, "%.2f");
        ui.track("Predict " + names[j]);
    }
    MatrixF x(1, static_cast<Eigen::Index>(m_predict_inputs.size()));
    for (size_t j = 0; j < m_predict_inputs.size(); ++j)
        x(0, static_cast<Eigen::Index>(j)) = m_predict_inputs[j];
    Result<VectorF> p = m_model.predict(x);
    if (p) ImGui::Text("predicted %s: %s", m_target.c_str(), format_number((*p)(0)).c_str());
}

void RegressionLab::draw_results(UiTracker& ui) {
    if (!m_fitted) {
        ImGui::TextDisabled("Press Fit to train a model.");
        return;
    }
    ImGuiTableFlags tf = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("metrics", 3, tf)) {
        ImGui::TableSetupColumn("metric");
        ImGui::TableSetupColumn("train");
        ImGui::TableSetupColumn("test");
        ImGui::TableHeadersRow();
        auto row = [](const char* metric, double train, double test) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(metric);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_number(train).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_number(test).c_str());
        };
        row("R²", m_r2_train, m_r2_test);
        row("MSE", m_mse_train, m_mse_test);
        ImGui::EndTable();
    }
    ui.track("Metrics");
    if (m_test.y.size() < 2)
        ImGui::TextDisabled("R² needs at least two test rows (n/a here, as in scikit-learn).");

    ImGui::Spacing();
    std::string eq = m_target + " = ";
    for (size_t j = 0; j < m_train.feature_names.size(); ++j) {
        double c = m_model.coefficients()(static_cast<Eigen::Index>(j));
        eq += format_number(c) + " × " + m_train.feature_names[j] + " + ";
    }
    eq += format_number(m_model.intercept());
    ImGui::TextWrapped("%s", eq.c_str());
    ui.track("Equation");

    float avail = ImGui::GetContentRegionAvail().y;
    bool gd = m_model.typed_params().solver == LinearSolver::gd;
    float plot_h = std::max(ImGui::GetFontSize() * 10.0f, gd ? avail * 0.55f : avail - 8.0f);
    std::vector<ScatterSeries> series = {
        {"train", m_train.y.data(), m_pred_train.data(), static_cast<int>(m_train.y.size()),
         kTrainColor},
        {"test", m_test.y.data(), m_pred_test.data(), static_cast<int>(m_test.y.size()),
         kTestColor}};
    PlotAxes axes{"actual " + m_target, "predicted", true};
    scatter_plot("pred_vs_actual", ImVec2(ImGui::GetContentRegionAvail().x, plot_h),
                 series, axes);
    ui.track("Scatter");

    if (gd) {
        ImGui::Text("training loss (MSE) over %d epochs", m_model.epochs_done());
        line_plot("loss", ImVec2(ImGui::GetContentRegionAvail().x,
                                 std::max(ImGui::GetFontSize() * 8.0f,
                                          ImGui::GetContentRegionAvail().y - 8.0f)),
                  m_model.loss_history(), static_cast<size_t>(m_epochs),
                  PlotAxes{"epoch", "MSE", false}, true,
                  IM_COL32(120, 220, 120, 255));
        ui.track("Loss");
    }
}

} // namespace mlplay::app

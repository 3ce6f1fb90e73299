#include "app/app.h"

#include <imgui.h>

#include <chrono>

namespace mlplay::app {

namespace {

constexpr float kBaseFontPx = 15.0f;
constexpr size_t kLogLines = 200;
// Gradient descent may use this much of each frame; the rest is for drawing.
constexpr double kTrainBudgetMs = 8.0;

void apply_style(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

} // namespace

App::App() {
    log_set_sink([this](LogLevel level, const std::string& msg) {
        m_log.push_back(LogLine{level, msg});
        if (m_log.size() > kLogLines) m_log.pop_front();
        log_default_sink(level, msg);
    });
    m_fonts.init(kBaseFontPx);
}

void App::set_scale(float dpr) {
    if (dpr == m_scale || !(dpr > 0.0f)) return;
    m_scale = dpr;
    apply_style(dpr);
    m_fonts.set_pixel_size(kBaseFontPx * dpr);
}

void App::before_frame() { m_fonts.update(); }

void App::draw() {
    m_regression.step_training(kTrainBudgetMs);

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("mlplay", nullptr, flags);

    ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "mlplay");
    ImGui::SameLine();
    ImGui::TextDisabled("machine learning in your browser: nothing installed, nothing uploaded");

    float log_h = ImGui::GetTextLineHeightWithSpacing() * 4.0f + ImGui::GetStyle().ItemSpacing.y;
    if (ImGui::BeginTabBar("labs")) {
        bool regression = ImGui::BeginTabItem("Regression");
        m_tracker.track("Regression lab");
        if (regression) {
            m_active = Lab::regression;
            ImGui::BeginChild("lab", ImVec2(0, -log_h), false);
            m_regression.draw(m_tracker, m_fonts);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        bool workflow = ImGui::BeginTabItem("Workflow");
        m_tracker.track("Workflow lab");
        if (workflow) {
            m_active = Lab::workflow;
            ImGui::BeginChild("lab", ImVec2(0, -log_h), false);
            m_workflow.draw(m_tracker, m_fonts);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    draw_log();
    ImGui::End();
}

bool App::load_csv(const std::string& name, const std::string& text) {
    return m_active == Lab::workflow ? m_workflow.load_csv_text(name, text)
                                     : m_regression.load_csv_text(name, text);
}

void App::draw_log() {
    ImGui::Separator();
    ImGui::TextDisabled("Log");
    ImGui::BeginChild("log", ImVec2(0, 0), false);
    for (const LogLine& l : m_log) {
        ImVec4 c = l.level == LogLevel::error  ? ImVec4(1.0f, 0.45f, 0.45f, 1.0f)
                   : l.level == LogLevel::warn ? ImVec4(1.0f, 0.8f, 0.4f, 1.0f)
                                               : ImVec4(0.7f, 0.7f, 0.7f, 1.0f);
        ImGui::TextColored(c, "%s", l.text.c_str());
    }
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

} // namespace mlplay::app

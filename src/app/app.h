// mlplay app: the playground as a whole. Owns the labs, the fonts, the log
// panel and the widget tracker; main.cpp owns the window and the GL context.
#pragma once

#include "app/fonts.h"
#include "app/regression_lab.h"
#include "app/workflow_lab.h"
#include "app/ui_tracker.h"
#include "core/log.h"

#include <deque>
#include <string>

namespace mlplay::app {

class App {
public:
    App();

    // Device pixel ratio changes rescale fonts and the style.
    void set_scale(float device_pixel_ratio);
    // Before ImGui::NewFrame.
    void before_frame();
    // Between NewFrame and Render: the whole UI.
    void draw();

    RegressionLab& regression() { return m_regression; }
    WorkflowLab& workflow() { return m_workflow; }
    // A CSV from the file picker or a drop goes to the lab on screen.
    bool load_csv(const std::string& name, const std::string& text);
    const UiTracker& tracker() const { return m_tracker; }
    float scale() const { return m_scale; }

private:
    void draw_log();

    struct LogLine {
        LogLevel level;
        std::string text;
    };
    std::deque<LogLine> m_log;
    FontManager m_fonts;
    UiTracker m_tracker;
    RegressionLab m_regression;
    WorkflowLab m_workflow;
    enum class Lab { regression, workflow } m_active = Lab::regression;
    float m_scale = 0.0f;
};

} // namespace mlplay::app

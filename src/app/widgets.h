// mlplay app: plotting and table widgets drawn with ImGui's draw lists.
// Only the app layer speaks ImGui; these take plain arrays.
#pragma once

#include "core/dataset.h"
#include "core/json.h"
#include "core/model.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace mlplay::app {

struct ScatterSeries {
    std::string label;
    const float* x = nullptr; // n values
    const float* y = nullptr; // n values
    int n = 0;
    ImU32 color = 0;
};

struct PlotAxes {
    std::string x_label;
    std::string y_label;
    bool diagonal = false; // draw y = x (predicted vs actual)
};

// A scatter plot filling `size`; hovering shows the nearest point.
void scatter_plot(const char* id, ImVec2 size, const std::vector<ScatterSeries>& series,
                  const PlotAxes& axes);

// A line plot of ys against their index (1-based), with the x axis running to
// at least x_max (so a curve that is still growing fills it from the left);
// log_y plots on a log scale.
void line_plot(const char* id, ImVec2 size, const std::vector<double>& ys, size_t x_max,
               const PlotAxes& axes, bool log_y, ImU32 color);

// The dataset as a scrollable table; at most max_rows rows are listed.
void dataset_table(const char* id, const Dataset& ds, float height, size_t max_rows = 1000);

// Bars of a histogram of the finite values (NaN skipped), `bins` wide bins
// over their range; hovering a bar shows its interval and count.
void histogram(const char* id, ImVec2 size, const std::vector<float>& values, int bins,
               ImU32 color);

// A matrix of counts as a heatmap with the count in each cell; row and
// column labels (true class down, predicted across for a confusion matrix).
void count_heatmap(const char* id, const std::vector<std::string>& labels,
                   const std::vector<long long>& counts, float cell_size);

// Editors for a model's hyper-parameters, driven by its ParamSpecs: sliders
// (log-scaled where the spec says so), checkboxes and combos. Edits `values`
// (a Json object) in place; returns true when something changed.
bool param_editor(const std::vector<ParamSpec>& specs, Json& values);

// A column `width` wide whose body scrolls while its footer (the Fit or
// Train button and messages) stays in view underneath, however small the
// window.
template <typename Body, typename Footer>
void scrolling_column(const char* id, float width, float footer_height, Body body,
                      Footer footer) {
    ImGui::PushID(id);
    ImGui::BeginGroup();
    ImGui::BeginChild("body", ImVec2(width, -footer_height), false);
    body();
    ImGui::EndChild();
    ImGui::BeginChild("footer", ImVec2(width, 0), false);
    ImGui::Separator();
    footer();
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::PopID();
}

// Formats a number for display: 4 significant digits, or "n/a" for NaN.
std::string format_number(double v);

} // namespace mlplay::app

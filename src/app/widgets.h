// mlplay app: plotting and table widgets drawn with ImGui's draw lists.
// Only the app layer speaks ImGui; these take plain arrays.
#pragma once

#include "core/dataset.h"

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

// Formats a number for display: 4 significant digits, or "n/a" for NaN.
std::string format_number(double v);

} // namespace mlplay::app

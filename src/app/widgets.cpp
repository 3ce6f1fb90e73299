#include "app/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace mlplay::app {

namespace {

struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();

    void add(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool valid() const { return lo <= hi; }
    // Widen a little so points do not sit on the frame; never zero width.
    void pad() {
        if (!valid()) {
            lo = 0;
            hi = 1;
        }
        double span = hi - lo;
        if (span == 0) span = std::max(1.0, std::fabs(lo));
        lo -= 0.05 * span;
        hi += 0.05 * span;
    }
};

// The plot frame: a background, tick labels at both ends of each axis and
// the axis titles. Returns the inner rectangle points are drawn in.
void draw_frame(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const Range& xr, const Range& yr,
                const PlotAxes& axes, bool log_y, ImVec2& in0, ImVec2& in1) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float fh = ImGui::GetFontSize();
    float left = ImGui::CalcTextSize("-00000.0").x + style.ItemSpacing.x;
    in0 = ImVec2(p0.x + left, p0.y + style.ItemSpacing.y);
    in1 = ImVec2(p1.x - style.ItemSpacing.x, p1.y - 2.2f * fh);

    ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
    dl->AddRectFilled(in0, in1, ImGui::GetColorU32(ImGuiCol_FrameBg));
    dl->AddRect(in0, in1, grid);

    // On a log scale the labels still show values, not their logarithms.
    std::string ylo = format_number(log_y ? std::pow(10.0, yr.lo) : yr.lo);
    std::string yhi = format_number(log_y ? std::pow(10.0, yr.hi) : yr.hi);
    std::string xlo = format_number(xr.lo), xhi = format_number(xr.hi);
    dl->AddText(ImVec2(in0.x - ImGui::CalcTextSize(yhi.c_str()).x - 4, in0.y), text, yhi.c_str());
    dl->AddText(ImVec2(in0.x - ImGui::CalcTextSize(ylo.c_str()).x - 4, in1.y - fh), text,
                ylo.c_str());
    dl->AddText(ImVec2(in0.x, in1.y + 2), text, xlo.c_str());
    dl->AddText(ImVec2(in1.x - ImGui::CalcTextSize(xhi.c_str()).x, in1.y + 2), text, xhi.c_str());

    float xw = ImGui::CalcTextSize(axes.x_label.c_str()).x;
    dl->AddText(ImVec2((in0.x + in1.x - xw) * 0.5f, in1.y + 1.1f * fh), text,
                axes.x_label.c_str());
    dl->AddText(ImVec2(p0.x, in1.y + 1.1f * fh), text, axes.y_label.c_str());
}

// Reserves the plot's rectangle as one item (so it can be hovered and
// tracked) under its own ID scope; pair with ImGui::PopID().
struct PlotArea {
    ImVec2 p0, p1;
    bool hovered;
};

PlotArea begin_plot(const char* id, ImVec2 size) {
    ImGui::PushID(id);
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("plot", size);
    return PlotArea{p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::IsItemHovered()};
}

ImVec2 to_screen(double x, double y, const Range& xr, const Range& yr, ImVec2 in0, ImVec2 in1) {
    float fx = static_cast<float>((x - xr.lo) / (xr.hi - xr.lo));
    float fy = static_cast<float>((y - yr.lo) / (yr.hi - yr.lo));
    return ImVec2(in0.x + fx * (in1.x - in0.x), in1.y - fy * (in1.y - in0.y));
}

} // namespace

std::string format_number(double v) {
    if (std::isnan(v)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

void scatter_plot(const char* id, ImVec2 size, const std::vector<ScatterSeries>& series,
                  const PlotAxes& axes) {
    PlotArea area = begin_plot(id, size);
    ImVec2 p0 = area.p0, p1 = area.p1;
    bool hovered = area.hovered;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    Range xr, yr;
    for (const ScatterSeries& s : series)
        for (int i = 0; i < s.n; ++i) {
            xr.add(s.x[i]);
            yr.add(s.y[i]);
        }
    if (axes.diagonal && xr.valid() && yr.valid()) {
        // One common range, so y = x is the 45 degree line.
        xr.add(yr.lo);
        xr.add(yr.hi);
        yr = xr;
    }
    xr.pad();
    yr.pad();

    ImVec2 in0, in1;
    draw_frame(dl, p0, p1, xr, yr, axes, false, in0, in1);
    dl->PushClipRect(in0, in1, true);
    if (axes.diagonal) {
        double lo = std::max(xr.lo, yr.lo), hi = std::min(xr.hi, yr.hi);
        dl->AddLine(to_screen(lo, lo, xr, yr, in0, in1), to_screen(hi, hi, xr, yr, in0, in1),
                    ImGui::GetColorU32(ImGuiCol_PlotLines, 0.6f), 1.0f);
    }
    float radius = std::max(2.0f, ImGui::GetFontSize() * 0.22f);
    ImVec2 mouse = ImGui::GetIO().MousePos;
    float best = radius * radius * 9.0f;
    const ScatterSeries* best_s = nullptr;
    int best_i = -1;
    for (const ScatterSeries& s : series) {
        for (int i = 0; i < s.n; ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
            ImVec2 q = to_screen(s.x[i], s.y[i], xr, yr, in0, in1);
            dl->AddCircleFilled(q, radius, s.color, 8);
            float dx = q.x - mouse.x, dy = q.y - mouse.y;
            if (hovered && dx * dx + dy * dy < best) {
                best = dx * dx + dy * dy;
                best_s = &s;
                best_i = i;
            }
        }
    }
    dl->PopClipRect();

    // Legend, top left inside the frame.
    float lx = in0.x + 6, ly = in0.y + 4;
    for (const ScatterSeries& s : series) {
        dl->AddCircleFilled(ImVec2(lx + radius, ly + ImGui::GetFontSize() * 0.5f), radius, s.color);
        dl->AddText(ImVec2(lx + 3 * radius, ly), ImGui::GetColorU32(ImGuiCol_Text),
                    s.label.c_str());
        ly += ImGui::GetFontSize() * 1.2f;
    }

    if (best_s) {
        ImGui::BeginTooltip();
        ImGui::Text("%s #%d", best_s->label.c_str(), best_i + 1);
        ImGui::Text("%s: %s", axes.x_label.c_str(), format_number(best_s->x[best_i]).c_str());
        ImGui::Text("%s: %s", axes.y_label.c_str(), format_number(best_s->y[best_i]).c_str());
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

void line_plot(const char* id, ImVec2 size, const std::vector<double>& ys, size_t x_max,
               const PlotAxes& axes, bool log_y, ImU32 color) {
    PlotArea area = begin_plot(id, size);
    ImVec2 p0 = area.p0, p1 = area.p1;
    bool hovered = area.hovered;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    auto value = [&](double v) { return log_y ? (v > 0 ? std::log10(v) : NAN) : v; };
    Range xr, yr;
    xr.add(1);
    xr.add(static_cast<double>(std::max<size_t>({ys.size(), x_max, 2})));
    for (double v : ys) yr.add(value(v));
    yr.pad();

    PlotAxes shown = axes;
    if (log_y) shown.y_label += " (log scale)";
    ImVec2 in0, in1;
    draw_frame(dl, p0, p1, xr, yr, shown, log_y, in0, in1);

    // At most one vertex per horizontal pixel: long histories stay cheap.
    size_t n = ys.size();
    size_t stride = std::max<size_t>(1, n / static_cast<size_t>(std::max(1.0f, in1.x - in0.x)));
    dl->PushClipRect(in0, in1, true);
    ImVec2 prev;
    bool have_prev = false;
    for (size_t i = 0; i < n; i += stride) {
        double v = value(ys[i]);
        if (!std::isfinite(v)) {
            have_prev = false;
            continue;
        }
        ImVec2 q = to_screen(static_cast<double>(i + 1), v, xr, yr, in0, in1);
        if (have_prev) dl->AddLine(prev, q, color, 2.0f);
        prev = q;
        have_prev = true;
    }
    dl->PopClipRect();

    if (hovered && n > 0) {
        float f = (ImGui::GetIO().MousePos.x - in0.x) / (in1.x - in0.x);
        double x = xr.lo + f * (xr.hi - xr.lo);
        long i = std::lround(x) - 1;
        if (i >= 0 && static_cast<size_t>(i) < n) {
            ImGui::BeginTooltip();
            ImGui::Text("%s %ld: %s", axes.x_label.c_str(), i + 1,
                        format_number(ys[static_cast<size_t>(i)]).c_str());
            ImGui::EndTooltip();
        }
    }
    ImGui::PopID();
}

void dataset_table(const char* id, const Dataset& ds, float height, size_t max_rows) {
    int ncol = static_cast<int>(ds.n_columns()) + 1;
    if (ncol < 2 || ncol > 64) {
        ImGui::TextDisabled("(%zu columns: too many to list)", ds.n_columns());
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable(id, ncol, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed);
    float min_w = ImGui::CalcTextSize("-0000.00").x;
    for (size_t j = 0; j < ds.n_columns(); ++j) {
        const char* name = ds.column_name(j).c_str();
        float w = std::max(min_w, ImGui::CalcTextSize(name).x);
        ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, w);
    }
    ImGui::TableHeadersRow();

    size_t rows = std::min(ds.n_rows(), max_rows);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%d", i + 1);
            for (size_t j = 0; j < ds.n_columns(); ++j) {
                ImGui::TableNextColumn();
                std::string cell = ds.cell_text(static_cast<size_t>(i), j);
                ImGui::TextUnformatted(cell.empty() ? "-" : cell.c_str());
            }
        }
    }
    ImGui::EndTable();
    if (ds.n_rows() > rows) ImGui::TextDisabled("showing %zu of %zu rows", rows, ds.n_rows());
}

void histogram(const char* id, ImVec2 size, const std::vector<float>& values, int bins,
               ImU32 color) {
    PlotArea area = begin_plot(id, size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    Range xr;
    for (float v : values) xr.add(v);
    if (!xr.valid()) {
        dl->AddText(area.p0, ImGui::GetColorU32(ImGuiCol_TextDisabled), "(no values)");
        ImGui::PopID();
        return;
    }
    if (xr.hi == xr.lo) xr.hi = xr.lo + 1.0;
    std::vector<int> counts(static_cast<size_t>(bins), 0);
    for (float v : values) {
        if (!std::isfinite(v)) continue;
        int b = static_cast<int>((v - xr.lo) / (xr.hi - xr.lo) * bins);
        ++counts[static_cast<size_t>(std::min(bins - 1, std::max(0, b)))];
    }
    Range yr;
    yr.add(0);
    yr.add(*std::max_element(counts.begin(), counts.end()));
    yr.hi *= 1.05;

    ImVec2 in0, in1;
    draw_frame(dl, area.p0, area.p1, xr, yr, PlotAxes{"", "count", false}, false, in0, in1);
    float w = (in1.x - in0.x) / static_cast<float>(bins);
    int hovered_bin = -1;
    if (area.hovered) {
        float mx = ImGui::GetIO().MousePos.x;
        if (mx >= in0.x && mx < in1.x) hovered_bin = static_cast<int>((mx - in0.x) / w);
    }
    for (int b = 0; b < bins; ++b) {
        float top = to_screen(0, counts[static_cast<size_t>(b)], xr, yr, in0, in1).y;
        ImVec2 a(in0.x + w * static_cast<float>(b) + 1.0f, top);
        ImVec2 c(in0.x + w * static_cast<float>(b + 1) - 1.0f, in1.y);
        dl->AddRectFilled(a, c, b == hovered_bin ? ImGui::GetColorU32(ImGuiCol_PlotHistogramHovered)
                                                 : color);
    }
    if (hovered_bin >= 0) {
        double step = (xr.hi - xr.lo) / bins;
        ImGui::BeginTooltip();
        ImGui::Text("[%s, %s): %d", format_number(xr.lo + step * hovered_bin).c_str(),
                    format_number(xr.lo + step * (hovered_bin + 1)).c_str(),
                    counts[static_cast<size_t>(hovered_bin)]);
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

void count_heatmap(const char* id, const std::vector<std::string>& labels,
                   const std::vector<long long>& counts, float cell) {
    size_t k = labels.size();
    if (k == 0 || counts.size() != k * k) return;
    ImGui::PushID(id);
    float label_w = 0;
    for (const std::string& l : labels)
        label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    label_w += ImGui::GetStyle().ItemSpacing.x;
    float fh = ImGui::GetFontSize();
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImVec2 size(label_w + cell * static_cast<float>(k), fh * 1.4f + cell * static_cast<float>(k));
    ImGui::InvisibleButton("heatmap", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    long long max_count = 1;
    for (long long c : counts) max_count = std::max(max_count, c);
    ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    ImVec2 grid0(p0.x + label_w, p0.y + fh * 1.4f);
    for (size_t j = 0; j < k; ++j)
        dl->AddText(ImVec2(grid0.x + cell * static_cast<float>(j) + 2, p0.y), text,
                    labels[j].c_str());
    for (size_t i = 0; i < k; ++i) {
        float y = grid0.y + cell * static_cast<float>(i);
        dl->AddText(ImVec2(p0.x, y + (cell - fh) * 0.5f), text, labels[i].c_str());
        for (size_t j = 0; j < k; ++j) {
            long long c = counts[i * k + j];
            float t = static_cast<float>(c) / static_cast<float>(max_count);
            // Diagonal (correct) cells blue, the rest orange, deeper for more.
            ImVec4 base = i == j ? ImVec4(0.26f, 0.59f, 0.98f, 1) : ImVec4(0.98f, 0.55f, 0.2f, 1);
            ImVec4 col(0.12f + (base.x - 0.12f) * t, 0.13f + (base.y - 0.13f) * t,
                       0.16f + (base.z - 0.16f) * t, 1.0f);
            ImVec2 a(grid0.x + cell * static_cast<float>(j), y);
            dl->AddRectFilled(a, ImVec2(a.x + cell - 2, a.y + cell - 2), ImGui::GetColorU32(col));
            std::string n = std::to_string(c);
            ImVec2 ts = ImGui::CalcTextSize(n.c_str());
            dl->AddText(ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f), text,
                        n.c_str());
        }
    }
    ImGui::PopID();
}

bool param_editor(const std::vector<ParamSpec>& specs, Json& values) {
    bool changed = false;
    float width = ImGui::GetFontSize() * 9;
    for (const ParamSpec& s : specs) {
        const Json* current = values.find(s.name);
        if (!current) continue;
        ImGui::PushID(s.name.c_str());
        ImGui::SetNextItemWidth(width);
        switch (s.kind) {
        case ParamKind::boolean: {
            bool b = current->as_bool();
            if (ImGui::Checkbox(s.name.c_str(), &b)) {
                values.set(s.name, b);
                changed = true;
            }
            break;
        }
        case ParamKind::choice: {
            const std::string& now = current->as_string();
            if (ImGui::BeginCombo(s.name.c_str(), now.c_str())) {
                for (const std::string& c : s.choices)
                    if (ImGui::Selectable(c.c_str(), c == now)) {
                        values.set(s.name, c);
                        changed = true;
                    }
                ImGui::EndCombo();
            }
            break;
        }
        case ParamKind::real: {
            double v = current->as_number(), lo = s.min, hi = s.max;
            ImGuiSliderFlags f = s.log_scale ? ImGuiSliderFlags_Logarithmic : 0;
            if (ImGui::SliderScalar(s.name.c_str(), ImGuiDataType_Double, &v, &lo, &hi, "%.4g",
                                    f | ImGuiSliderFlags_AlwaysClamp)) {
                values.set(s.name, v);
                changed = true;
            }
            break;
        }
        case ParamKind::integer: {
            long long v = static_cast<long long>(current->as_number());
            long long lo = static_cast<long long>(s.min), hi = static_cast<long long>(s.max);
            ImGuiSliderFlags f = s.log_scale ? ImGuiSliderFlags_Logarithmic : 0;
            if (ImGui::SliderScalar(s.name.c_str(), ImGuiDataType_S64, &v, &lo, &hi, "%lld",
                                    f | ImGuiSliderFlags_AlwaysClamp)) {
                values.set(s.name, v);
                changed = true;
            }
            break;
        }
        }
        if (!s.help.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.help.c_str());
        ImGui::PopID();
    }
    return changed;
}

} // namespace mlplay::app

// mlplay app: the page's entry point. A GLFW window on a WebGL2 canvas that
// fills the browser window, at the screen's full resolution, driven by
// emscripten_set_main_loop; plus the Embind functions the page and its tests
// use to read the playground's state.
#include "app/app.h"
#include "core/log.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GLFW/glfw3.h>
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/val.h>

#include <cmath>
#include <memory>

using emscripten::val;
using mlplay::app::App;

namespace {

GLFWwindow* g_window = nullptr;
std::unique_ptr<App> g_app;
const char* kCanvas = "#canvas";

// The canvas is sized by CSS (the whole window); its backing store follows
// at device resolution, so text stays sharp on high-DPI screens. ImGui then
// works in device pixels, with fonts and style scaled by the pixel ratio.
//
// The canvas is resized directly rather than through glfwSetWindowSize:
// Emscripten's GLFW takes a size equal to the screen's as a request for
// fullscreen, which a page at 100% zoom in a maximised window would trigger.
int g_fb_width = 0;
int g_fb_height = 0;

void sync_canvas_size() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
    double dpr = emscripten_get_device_pixel_ratio();
    int w = static_cast<int>(std::lround(css_w * dpr));
    int h = static_cast<int>(std::lround(css_h * dpr));
    if (w > 0 && h > 0 && (w != g_fb_width || h != g_fb_height)) {
        emscripten_set_canvas_element_size(kCanvas, w, h);
        g_fb_width = w;
        g_fb_height = h;
    }
    g_app->set_scale(static_cast<float>(dpr));
}

void frame() {
    sync_canvas_size();
    g_app->before_frame();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // GLFW's idea of the window size is not kept in step (see above); mouse
    // positions from it are in canvas pixels already, so say so here.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(g_fb_width), static_cast<float>(g_fb_height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    ImGui::NewFrame();
    g_app->draw();
    ImGui::Render();

    glViewport(0, 0, g_fb_width, g_fb_height);
    glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// ---- state for the page and the browser tests --------------------------------

val vector_to_array(const std::vector<double>& v) {
    val out = val::array();
    for (double d : v) out.call<void>("push", d);
    return out;
}

val regression_state() {
    mlplay::app::RegressionSnapshot s = g_app->regression().snapshot();
    val out = val::object();
    out.set("dataset", s.dataset);
    out.set("nRows", static_cast<double>(s.n_rows));
    out.set("nTrain", static_cast<double>(s.n_train));
    out.set("nTest", static_cast<double>(s.n_test));
    out.set("fitted", s.fitted);
    out.set("training", s.training);
    out.set("solver", s.solver);
    out.set("epochsDone", s.epochs_done);
    val names = val::array();
    for (const std::string& n : s.feature_names) names.call<void>("push", n);
    out.set("featureNames", names);
    out.set("coefficients", vector_to_array(s.coefficients));
    out.set("intercept", s.intercept);
    out.set("r2Train", s.r2_train);
    out.set("r2Test", s.r2_test);
    out.set("mseTrain", s.mse_train);
    out.set("mseTest", s.mse_test);
    out.set("error", s.error);
    return out;
}

// Where a named widget was drawn in the last frame, in CSS pixels of the
// page, or null. Tests click there with the real mouse.
val ui_item_rect(const std::string& name) {
    const mlplay::app::ItemRect* r = g_app->tracker().find(name);
    if (!r) return val::null();
    float s = g_app->scale();
    val out = val::object();
    out.set("x", r->x / s);
    out.set("y", r->y / s);
    out.set("width", r->w / s);
    out.set("height", r->h / s);
    return out;
}

// The area ImGui draws in, in CSS pixels: the whole canvas when all is well.
val ui_viewport() {
    const ImGuiIO& io = ImGui::GetIO();
    float s = g_app->scale();
    val out = val::object();
    out.set("width", io.DisplaySize.x / s);
    out.set("height", io.DisplaySize.y / s);
    return out;
}

bool load_regression_csv(const std::string& name, const std::string& text) {
    return g_app->regression().load_csv_text(name, text);
}

bool load_csv(const std::string& name, const std::string& text) {
    return g_app->load_csv(name, text);
}

val workflow_state() {
    return val::global("JSON").call<val>("parse", g_app->workflow().state().dump());
}

} // namespace

EMSCRIPTEN_BINDINGS(mlplay_app) {
    emscripten::function("regressionState", &regression_state);
    emscripten::function("uiItemRect", &ui_item_rect);
    emscripten::function("uiViewport", &ui_viewport);
    emscripten::function("loadRegressionCSV", &load_regression_csv);
    emscripten::function("loadCSV", &load_csv);
    emscripten::function("workflowState", &workflow_state);
}

int main() {
    if (!glfwInit()) {
        MLPLAY_LOG_ERROR("could not start GLFW");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(1280, 800, "mlplay", nullptr, nullptr);
    if (!g_window) {
        MLPLAY_LOG_ERROR("could not create a WebGL2 context; this browser may lack WebGL2");
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // Created now, so FontManager can always swap the font texture.
    ImGui_ImplOpenGL3_CreateDeviceObjects();

    g_app = std::make_unique<App>();
    sync_canvas_size();
    MLPLAY_LOG_INFO("ready: Dear ImGui %s, WebGL2", ImGui::GetVersion());
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}

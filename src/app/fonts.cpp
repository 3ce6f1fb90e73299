#include "app/fonts.h"

#include "core/log.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <cstdio>
#include <fstream>
#include <iterator>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace mlplay::app {

namespace {

const char* kLatinPath = "/fonts/DejaVuSans.ttf";
const char* kCjkUrl = "fonts/DroidSansFallbackFull.ttf";

// Ranges the Latin font is asked for: Latin-1, Latin Extended-A, Greek,
// Cyrillic, general punctuation, arrows and maths symbols.
const ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x0370, 0x03FF, 0x0400, 0x04FF,
                                0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};

FontManager* g_fonts = nullptr;

#ifdef __EMSCRIPTEN__
void on_cjk_loaded(void*, void* data, int size) {
    if (g_fonts) g_fonts->cjk_loaded(data, size);
}
void on_cjk_error(void*) {
    if (g_fonts) g_fonts->cjk_failed();
}
#endif

} // namespace

void FontManager::init(float pixel_size) {
    g_fonts = this;
    m_pixel_size = pixel_size;
    std::ifstream in(kLatinPath, std::ios::binary);
    m_latin.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (m_latin.empty()) MLPLAY_LOG_WARN("%s is missing; using ImGui's built-in font", kLatinPath);
    rebuild();
}

void FontManager::set_pixel_size(float pixel_size) {
    if (pixel_size == m_pixel_size) return;
    m_pixel_size = pixel_size;
    m_dirty = true;
}

bool FontManager::latin_covers(unsigned cp) const {
    for (const ImWchar* r = kLatinRanges; r[0]; r += 2)
        if (cp >= r[0] && cp <= r[1]) return true;
    return false;
}

void FontManager::request(const std::string& utf8) {
    const char* s = utf8.c_str();
    const char* end = s + utf8.size();
    while (s < end) {
        unsigned int cp = 0;
        int len = ImTextCharFromUtf8(&cp, s, end);
        if (len <= 0) break;
        s += len;
        if (cp < 0x80 || latin_covers(cp) || cp > 0xFFFF) continue;
        if (m_extra.insert(cp).second) m_dirty = true;
    }
#ifdef __EMSCRIPTEN__
    if (!m_extra.empty() && m_cjk_state == Cjk::idle) {
        m_cjk_state = Cjk::loading;
        emscripten_async_wget_data(kCjkUrl, nullptr, on_cjk_loaded, on_cjk_error);
    }
#endif
}

void FontManager::cjk_loaded(const void* data, int size) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    m_cjk.assign(p, p + size);
    m_cjk_state = Cjk::ready;
    m_dirty = true;
    MLPLAY_LOG_INFO("CJK font loaded (%d KB)", size / 1024);
}

void FontManager::cjk_failed() {
    m_cjk_state = Cjk::failed;
    MLPLAY_LOG_WARN("could not load %s; CJK text shows as '?'", kCjkUrl);
}

void FontManager::update() {
    if (!m_dirty) return;
    // Without the CJK font there is nothing new to draw, unless the size changed.
    if (m_cjk_state != Cjk::ready && m_built) {
        ImGuiIO& io = ImGui::GetIO();
        if (io.Fonts->Fonts.Size && io.Fonts->Fonts[0]->FontSize == m_pixel_size) {
            m_dirty = false;
            return;
        }
    }
    rebuild();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void FontManager::rebuild() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (m_latin.empty()) {
        ImFontConfig cfg;
        cfg.SizePixels = m_pixel_size;
        io.Fonts->AddFontDefault(&cfg);
    } else {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = 2;
        io.Fonts->AddFontFromMemoryTTF(m_latin.data(), static_cast<int>(m_latin.size()),
                                       m_pixel_size, &cfg, kLatinRanges);
    }
    if (m_cjk_state == Cjk::ready && !m_extra.empty()) {
        ImFontGlyphRangesBuilder builder;
        for (unsigned cp : m_extra) builder.AddChar(static_cast<ImWchar>(cp));
        ImVector<ImWchar> ranges;
        builder.BuildRanges(&ranges);
        m_ranges.assign(ranges.begin(), ranges.end());
        ImFontConfig cfg;
        cfg.MergeMode = true;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = 1;
        io.Fonts->AddFontFromMemoryTTF(m_cjk.data(), static_cast<int>(m_cjk.size()),
                                       m_pixel_size, &cfg, m_ranges.data());
    }
    io.Fonts->Build();
    m_dirty = false;
    m_built = true;
}

} // namespace mlplay::app

// mlplay app: fonts for a sharp, multilingual UI.
//
// DejaVu Sans (Latin, Greek, Cyrillic) is preloaded with the page. Column
// names in other scripts (面积, 售价) need a CJK font, which is large (4 MB),
// so it is fetched only when text that needs it first appears. The atlas
// holds only the glyphs seen so far and is rebuilt, between frames, when new
// ones are requested.
#pragma once

#include <imgui.h>

#include <set>
#include <string>
#include <vector>

namespace mlplay::app {

class FontManager {
public:
    // Loads the Latin font; pixel_size already includes the device pixel ratio.
    void init(float pixel_size);
    // Asks for every glyph of this UTF-8 text; cheap when all are known.
    void request(const std::string& utf8);
    // Call before ImGui::NewFrame: rebuilds the atlas if needed.
    void update();
    void set_pixel_size(float pixel_size);

    // Called from the fetch callbacks.
    void cjk_loaded(const void* data, int size);
    void cjk_failed();

private:
    bool latin_covers(unsigned cp) const;
    void rebuild();

    float m_pixel_size = 15.0f;
    std::vector<unsigned char> m_latin;
    std::vector<unsigned char> m_cjk;
    std::set<unsigned> m_extra;   // code points outside the Latin font's ranges
    std::vector<ImWchar> m_ranges; // must outlive the atlas built from it
    enum class Cjk { idle, loading, ready, failed } m_cjk_state = Cjk::idle;
    bool m_dirty = false;
    bool m_built = false;
};

} // namespace mlplay::app

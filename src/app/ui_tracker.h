// mlplay app: where named widgets were drawn in the last frame, so browser
// tests can click them with the real mouse instead of calling internals.
#pragma once

#include <imgui.h>

#include <map>
#include <string>

namespace mlplay::app {

struct ItemRect {
    float x = 0, y = 0, w = 0, h = 0; // in framebuffer pixels
};

class UiTracker {
public:
    // Records the last ImGui item under this name, or forgets the name when
    // the item is scrolled or clipped out of view (it cannot be clicked).
    void track(const std::string& name) {
        if (!ImGui::IsItemVisible()) {
            m_items.erase(name);
            return;
        }
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        m_items[name] = ItemRect{a.x, a.y, b.x - a.x, b.y - a.y};
    }
    const ItemRect* find(const std::string& name) const {
        auto it = m_items.find(name);
        return it == m_items.end() ? nullptr : &it->second;
    }

private:
    std::map<std::string, ItemRect> m_items;
};

} // namespace mlplay::app

# The browser side, built only with Emscripten:
#   build/wasm/web/mlplay.js(.wasm)      the JavaScript API (engine + Embind)
#   build/wasm/web/mlplay-app.js(.wasm)  the playground page (API + Dear ImGui)
#   build/wasm/web/index.html ...        the page shell, copied from web/

set(web_out "${CMAKE_BINARY_DIR}/web")
file(MAKE_DIRECTORY "${web_out}")

# Flags both modules share. MODULARIZE + EXPORT_ES6: a factory function that a
# plain <script type="module"> imports. Errors are stored, not thrown (see
# src/bindings/bindings.cpp), so no -fexceptions in the page.
set(mlplay_web_link_flags
  --bind
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=33554432
  -sENVIRONMENT=web,worker
  -sEXPORTED_RUNTIME_METHODS=[]
  --post-js ${CMAKE_SOURCE_DIR}/web/api.js)

add_library(mlplay_bindings OBJECT src/bindings/bindings.cpp)
target_link_libraries(mlplay_bindings PUBLIC mlplay_engine)

add_executable(mlplay_api $<TARGET_OBJECTS:mlplay_bindings>)
target_link_libraries(mlplay_api PRIVATE mlplay_engine)
target_link_options(mlplay_api PRIVATE ${mlplay_web_link_flags} -sEXPORT_NAME=createMlplay)
set_target_properties(mlplay_api PROPERTIES
  OUTPUT_NAME mlplay SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${web_out}"
  LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/api.js)

# The page shell and its scripts.
set(web_static index.html style.css main.js favicon.svg examples/api.html examples/api.js)
foreach(f IN LISTS web_static)
  configure_file(${CMAKE_SOURCE_DIR}/web/${f} ${web_out}/${f} COPYONLY)
endforeach()
configure_file(${CMAKE_SOURCE_DIR}/data/housing_data.csv ${web_out}/data/housing_data.csv COPYONLY)

# Fonts: DejaVu Sans is preloaded with the app; the CJK font is served as a
# plain file that the app fetches when CJK text first appears.
find_file(MLPLAY_FONT_LATIN DejaVuSans.ttf
  PATHS /usr/share/fonts/truetype/dejavu NO_CMAKE_FIND_ROOT_PATH REQUIRED)
find_file(MLPLAY_FONT_CJK DroidSansFallbackFull.ttf
  PATHS /usr/share/fonts/truetype/droid NO_CMAKE_FIND_ROOT_PATH REQUIRED)
file(MAKE_DIRECTORY "${web_out}/fonts")
configure_file(${MLPLAY_FONT_CJK} ${web_out}/fonts/DroidSansFallbackFull.ttf COPYONLY)

if(MLPLAY_IMGUI_DIR)
  if(NOT EXISTS "${MLPLAY_IMGUI_DIR}/imgui.cpp")
    message(FATAL_ERROR "MLPLAY_IMGUI_DIR=${MLPLAY_IMGUI_DIR} holds no imgui.cpp")
  endif()
  add_library(imgui STATIC
    ${MLPLAY_IMGUI_DIR}/imgui.cpp
    ${MLPLAY_IMGUI_DIR}/imgui_draw.cpp
    ${MLPLAY_IMGUI_DIR}/imgui_tables.cpp
    ${MLPLAY_IMGUI_DIR}/imgui_widgets.cpp
    ${MLPLAY_IMGUI_DIR}/backends/imgui_impl_glfw.cpp
    ${MLPLAY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${MLPLAY_IMGUI_DIR})
  # ImGui's own code is not held to our warning flags.
  target_compile_options(imgui PRIVATE -w)

  add_executable(mlplay_app
    src/app/app.cpp
    src/app/fonts.cpp
    src/app/main.cpp
    src/app/regression_lab.cpp
    src/app/widgets.cpp
    src/app/workflow_lab.cpp
    $<TARGET_OBJECTS:mlplay_bindings>)
  target_link_libraries(mlplay_app PRIVATE mlplay_engine imgui)
  target_link_options(mlplay_app PRIVATE ${mlplay_web_link_flags}
    -sEXPORT_NAME=createMlplayApp
    -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    --preload-file ${MLPLAY_FONT_LATIN}@/fonts/DejaVuSans.ttf)
  set_target_properties(mlplay_app PROPERTIES
    OUTPUT_NAME mlplay-app SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${web_out}"
    LINK_DEPENDS ${CMAKE_SOURCE_DIR}/web/api.js)
endif()

# Browser tests: headless Chromium against the built page.
if(MLPLAY_BUILD_TESTS AND MLPLAY_IMGUI_DIR)
  add_test(NAME browser
    COMMAND ${MLPLAY_NODE} ${CMAKE_SOURCE_DIR}/web/tests/browser.test.mjs
            --root ${web_out} --artifacts ${CMAKE_SOURCE_DIR}/test-artifacts)
  set_tests_properties(browser PROPERTIES TIMEOUT 300)
endif()

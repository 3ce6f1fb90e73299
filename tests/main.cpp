// The doctest runner, shared by the native build and the wasm build (node).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

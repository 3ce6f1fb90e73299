#!/usr/bin/env bash
# mlplay build driver.
#
#   ./build-wasm.sh serve [PORT]   install what is missing, build the page, serve it
#   ./build-wasm.sh test           build and run every test (native, wasm, browser)
#   ./build-wasm.sh build          install what is missing and build, nothing else
#   ./build-wasm.sh deps           only install what is missing
#
# Environment:
#   IMGUI_DIR     a Dear ImGui checkout to use instead of Debian's 1.86 source
#   MLPLAY_PORT   port for serve (default 8080; the first argument wins)
#   MLPLAY_DEPS   folder for fetched sources and npm helpers (default .deps/)
#   JOBS          parallel build jobs (default: number of cores)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deps="${MLPLAY_DEPS:-$root/.deps}"
jobs="${JOBS:-$(nproc)}"
build_native="$root/build/native"
build_wasm="$root/build/wasm"

say() { printf '\033[1mmlplay:\033[0m %s\n' "$*"; }
die() { printf 'mlplay: error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $* (install it, or run as root)"; fi
}

apt_updated=0
apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    if [ $apt_updated -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# Dear ImGui: the user's checkout, else Debian's 1.86 source package (the
# binary package ships headers only). Fetched with a private apt source list,
# leaving the system's apt configuration untouched.
imgui_dir() {
    if [ -n "${IMGUI_DIR:-}" ]; then
        [ -f "$IMGUI_DIR/imgui.cpp" ] || die "IMGUI_DIR=$IMGUI_DIR has no imgui.cpp"
        echo "$IMGUI_DIR"; return
    fi
    local dir="$deps/imgui"
    if [ ! -f "$dir/imgui.cpp" ]; then
        say "fetching the Dear ImGui source (Debian source package)" >&2
        local c="$deps/apt-src"
        mkdir -p "$c/lists/partial"
        local sources=/etc/apt/sources.list.d/debian.sources
        if [ -f "$sources" ]; then
            awk 'NF==0{exit} {sub(/^Types: deb$/, "Types: deb-src"); print}' "$sources" \
                >"$c/src.sources"
            local o=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$c/parts"
                     -o "Dir::State::Lists=$c/lists")
            mkdir -p "$c/parts"; cp "$c/src.sources" "$c/parts/src.sources"
        else
            grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' >"$c/src.list"
            local o=(-o "Dir::Etc::SourceList=$c/src.list" -o "Dir::Etc::SourceParts=/dev/null"
                     -o "Dir::State::Lists=$c/lists")
        fi
        apt-get "${o[@]}" update -qq >&2
        (cd "$c" && apt-get "${o[@]}" source --download-only imgui >&2)
        local tarball
        tarball=$(ls "$c"/imgui_*.orig.tar.* | head -n 1)
        rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
        tar -xf "$tarball" -C "$dir.tmp" --strip-components=1
        rm -rf "$dir" && mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

install_deps() {
    apt_install cmake make g++ emscripten binaryen node-acorn libeigen3-dev doctest-dev \
        chromium fonts-dejavu-core fonts-droid-fallback ca-certificates
    # Node.js and npm may come from elsewhere than Debian (a NodeSource build
    # bundles npm and conflicts with Debian's package): only fill what's missing.
    command -v node >/dev/null || command -v nodejs >/dev/null || apt_install nodejs
    command -v npm >/dev/null || apt_install npm
    # Browser tests drive Debian's Chromium through playwright-core; npm must
    # never download a browser of its own.
    if [ ! -d "$root/web/node_modules/playwright-core" ]; then
        say "installing npm helpers for the browser tests"
        (cd "$root/web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
            --loglevel=error)
    fi
    imgui_dir >/dev/null
}

# Debian's emcc needs acorn from the system's node modules.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"

build_native() {
    cmake -S "$root" -B "$build_native" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build_native" -j "$jobs"
}

build_wasm() {
    local imgui; imgui=$(imgui_dir)
    if [ ! -f "$build_wasm/CMakeCache.txt" ]; then
        emcmake cmake -S "$root" -B "$build_wasm" -DCMAKE_BUILD_TYPE=Release \
            -DMLPLAY_IMGUI_DIR="$imgui" >/dev/null
    else
        cmake "$build_wasm" -DMLPLAY_IMGUI_DIR="$imgui" >/dev/null
    fi
    cmake --build "$build_wasm" -j "$jobs"
}

node_bin() { command -v node || command -v nodejs; }

cmd="${1:-serve}"
case "$cmd" in
deps)
    install_deps
    ;;
build)
    install_deps
    build_native
    build_wasm
    say "built: $build_wasm/web (page), $build_native/mlplay (runner)"
    ;;
serve)
    install_deps
    build_wasm
    port="${2:-${MLPLAY_PORT:-8080}}"
    exec "$(node_bin)" "$root/web/serve.mjs" --root "$build_wasm/web" --port "$port"
    ;;
test)
    install_deps
    build_native
    build_wasm
    say "native tests"
    ctest --test-dir "$build_native" --output-on-failure
    say "wasm tests (node) and browser tests (headless Chromium)"
    ctest --test-dir "$build_wasm" --output-on-failure
    ;;
*)
    die "unknown command '$cmd'; use serve [PORT], test, build or deps"
    ;;
esac

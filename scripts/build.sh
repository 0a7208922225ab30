#!/usr/bin/env bash
# Installs what is missing (Debian 12), configures and builds ModelAtlas.
#   MODELATLAS_BUILD_DIR   build folder (default: build)
#   MODELATLAS_CMAKE_ARGS  extra CMake arguments (e.g. -DMODELATLAS_HEADLESS=ON)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${MODELATLAS_BUILD_DIR:-$root/build}"

"$root/scripts/setup-debian.sh"
# shellcheck disable=SC2086  # MODELATLAS_CMAKE_ARGS is a list of arguments
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" ${MODELATLAS_CMAKE_ARGS:-}
cmake --build "$build" -j "$(nproc)"

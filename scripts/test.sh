#!/usr/bin/env bash
# Sets up, builds and runs every test (ctest). Tests that need ../shared
# (real GGUF models, goldens) skip visibly when it is absent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${MODELATLAS_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

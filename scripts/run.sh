#!/usr/bin/env bash
# Sets up, builds and launches the ModelAtlas desktop app on its built-in catalog.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${MODELATLAS_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
exec "$build/app/modelatlas" "$@"

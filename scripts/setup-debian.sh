#!/usr/bin/env bash
# Installs every Debian 12 package ModelAtlas needs to build, run and test.
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools libqt6sql6-sqlite qt6-svg-dev qt6-qpa-plugins libqt6opengl6-dev
  libgl-dev libxkbcommon-dev
  nlohmann-json3-dev libgtest-dev libsqlite3-dev
  qtkeychain-qt6-dev   # the Playground keeps API keys in the system keychain (optional: else plain text)
  xvfb xauth
  fonts-wqy-microhei   # a CJK font: the Simplified Chinese UI (and its screenshots) would be boxes without one
  poppler-utils   # pdftotext: tests/core/tst_report checks the PDF report's text
  clang libclang-rt-14-dev   # libFuzzer + sanitizer runtimes for .ci/run's fuzz step (not a recommend-free dependency of clang)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-debian: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

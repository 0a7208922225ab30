#!/usr/bin/env bash
# Packages a built tree as a DEB, unpacks it into a temporary root and runs
# the installed binaries from there, so a package that misses a file or a
# library dependency fails CI rather than a user's install.
#   installer/check-deb.sh BUILD_DIR
set -euo pipefail
build="${1:?usage: installer/check-deb.sh BUILD_DIR}"

(cd "$build" && cpack -G DEB)
deb="$(ls -t "$build"/modelatlas_*.deb | head -n 1)"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

fail=0
for f in usr/bin/modelatlas usr/bin/modelatlas-cli \
         usr/share/applications/io.github.modelatlas.ModelAtlas.desktop \
         usr/share/metainfo/io.github.modelatlas.ModelAtlas.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.modelatlas.ModelAtlas.svg \
         usr/share/icons/hicolor/256x256/apps/io.github.modelatlas.ModelAtlas.png; do
  [ -e "$root/$f" ] || { echo "check-deb: the package lacks /$f" >&2; fail=1; }
done
# dpkg-shlibdeps fills Depends from the binaries' libraries: the Qt modules
# the GUI links must be there, and the plugins installer/CMakeLists.txt adds.
depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6sql6 libqt6svg6 libqt6sql6-sqlite qt6-qpa-plugins; do
  grep -q "$lib" <<<"$depends" || { echo "check-deb: Depends lacks $lib: $depends" >&2; fail=1; }
done
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.github.modelatlas.ModelAtlas.metainfo.xml" ||
    { echo "check-deb: the AppStream metainfo does not validate" >&2; fail=1; }
fi
[ "$fail" -eq 0 ]

"$root/usr/bin/modelatlas-cli" --version
QT_QPA_PLATFORM=offscreen "$root/usr/bin/modelatlas" --version
echo "check-deb: $(basename "$deb") installs and runs"

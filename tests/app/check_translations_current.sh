#!/usr/bin/env bash
# Fails when a user-visible string in the sources is missing from, or
# unfinished in, the .ts files. lupdate runs on copies: the checked-in
# files are never touched.
# Usage: check_translations_current.sh LUPDATE TS_FILE... -- SOURCE...
set -euo pipefail
lupdate="$1"
shift
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
copies=()
while [ "$1" != "--" ]; do
  cp "$1" "$tmp/"
  copies+=("$tmp/$(basename "$1")")
  shift
done
shift
"$lupdate" -silent -locations none -no-obsolete "$@" -ts "${copies[@]}"
missing=0
for ts in "${copies[@]}"; do
  count="$(grep -c 'type="unfinished"' "$ts" || true)"
  if [ "$count" -gt 0 ]; then
    echo "$(basename "$ts"): $count strings without a translation, e.g.:"
    grep -B1 'type="unfinished"' "$ts" | grep '<source>' | head -5
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  echo "Run 'ninja -C BUILD modelatlas_gui_lupdate' and translate them (translations/README.md)."
  exit 1
fi
echo "every translatable string has a Russian and a Simplified Chinese translation"

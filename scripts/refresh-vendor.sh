#!/usr/bin/env bash
# Refreshes the JavaScript libraries served with the page (no CDN: offices run on closed
# networks) and the axe-core copy the browser tests inject. Pinned versions and the sha256 of
# each npm tarball: change a version, run this, review the diff, commit the files it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGE=docgen/faces/server/static/vendor
TESTS=tests/vendor
#            package                      version  file in the tarball        licence        target
LIBS=(
  "@json-editor/json-editor 2.17.2 dist/jsoneditor.js LICENSE $PAGE/jsoneditor.js"
  "js-yaml 4.1.0 dist/js-yaml.min.js LICENSE $PAGE/js-yaml.min.js"
  "axe-core 4.10.3 axe.min.js LICENSE $TESTS/axe.min.js"
)
declare -A SHA256=(
  ["@json-editor/json-editor"]=3f286c6ed58a0511c91aca60445cdf84a2288825b96441ae249449d2f589da56
  ["js-yaml"]=0dae332559cf22b21c26ea70e732afd8303ff99412f9c3d9d209faa8882cf2ca
  ["axe-core"]=0f2b4d7dcdf7d1219df8d1959ad68e565f51d14c3f0d88bb71cd59abeb956292
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lib in "${LIBS[@]}"; do
  read -r name version file licence target <<<"$lib"
  tarball=$(cd "$work" && npm pack --silent "$name@$version")
  echo "${SHA256[$name]}  $work/$tarball" | sha256sum --check --quiet
  mkdir -p "$work/$name" "$(dirname "$target")"
  tar xzf "$work/$tarball" -C "$work/$name"
  cp "$work/$name/package/$file" "$target"
  cp "$work/$name/package/$licence" "${target%.js}.LICENSE.txt"
  sed -i "1i// $name $version (npm), $licence: ${target##*/}" "$target" 2>/dev/null || true
  echo "$name $version -> $target"
done

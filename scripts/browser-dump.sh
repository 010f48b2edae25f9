#!/usr/bin/env bash
# Prints the DOM that headless Chromium builds for a local HTML file (after
# parsing, so the test sees what a browser shows, not our bytes). Used by
# testdata/ci/html.test. usage: browser-dump.sh FILE.html
set -euo pipefail
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
  --no-first-run --disable-background-networking --disable-component-update \
  --disable-sync --user-data-dir="$profile" \
  --dump-dom "file://$(realpath "$1")" 2>/dev/null

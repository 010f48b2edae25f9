#!/usr/bin/env bash
# utrace-check on real third-party code: coverage, crashes, time against
# clang-19 -fsyntax-only, findings per rule family, and the bug-fix pair
# table. A benchmark, not a test: CI does not run it. See bench/README.md
# and `bench/real-code.sh --help`. The work is done by bench/real_code.py.
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v python3 >/dev/null || { echo "real-code.sh: python3 is not installed" >&2; exit 2; }
exec python3 "$here/real_code.py" "$@"

#!/usr/bin/env bash
# Installs what utrace-check needs to build and test on Debian 12.
# Idempotent: does nothing when every package is already there. As root it
# runs apt-get; otherwise it prints the exact apt-get line and fails.
set -euo pipefail

# Why each package is here (see docs/dependencies.md):
#   clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev  the analyzer engine and LibTooling
#   lld                  links the analyzer with the static clang/LLVM libraries
#                        in seconds (fast starts; checker/CMakeLists.txt)
#   llvm-19-tools        lit, FileCheck, not: the annotated-C test lane
#   libgtest-dev         GoogleTest for unit and scenario tests
#   cmake make g++       the build
#   linux-headers-amd64  real Kbuild lane (out-of-tree module builds)
#   coccinelle           spatch: the Coccinelle reference rules and cross-check
#   python3-yaml         reads the example CI files to run their commands
#                        locally (scripts/run-ci-examples.py)
#   systemtap            SystemTap's runtime, a real utrace implementation and
#                        its clients, checked with real headers and stap's own
#                        configuration (scripts/check-systemtap-runtime.sh,
#                        the systemtap-runtime test, bench/real-code.sh)
#   chromium             opens the --html-dir pages in a real headless
#                        browser (testdata/ci/html.test)
# and from the npm registry (into .tools/, not system-wide):
#   @microsoft/sarif-multitool  Microsoft's SARIF validator: the official
#                        2.1.0 schema plus the authoring rules GitHub code
#                        scanning relies on (scripts/validate-sarif.py)
PKGS=(clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools lld
      libgtest-dev cmake make g++ linux-headers-amd64 coccinelle
      python3-yaml chromium systemtap)

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SARIF_MULTITOOL_VERSION=5.7.0
MULTITOOL_DIR=$ROOT/.tools/sarif-multitool
MULTITOOL=$MULTITOOL_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

# The SARIF Multitool ships as a self-contained binary inside an npm package.
install_sarif_multitool() {
  [ -x "$MULTITOOL" ] && return 0
  if ! command -v npm >/dev/null; then
    echo "utrace-check: npm is missing (apt-get install npm), needed for @microsoft/sarif-multitool" >&2
    exit 2
  fi
  echo "utrace-check: installing @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION into .tools/" >&2
  mkdir -p "$MULTITOOL_DIR"
  npm install --prefix "$MULTITOOL_DIR" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >/dev/null
  # npm no longer runs the package's postinstall (chmod) by default.
  chmod u+x "$MULTITOOL"
}

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  install_sarif_multitool
  exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "utrace-check: missing packages; run as root: apt-get update && $line" >&2
  exit 2
fi
echo "utrace-check: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_sarif_multitool

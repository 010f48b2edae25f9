#!/usr/bin/env bash
# Checks the standalone mode's distribution configuration list
# (checker/simulator/utrace-check/distro-config.h) against a kernel
# configuration file: every option the list defines must be `=y` there.
#   scripts/check-distro-config.sh [CONFIG]
# CONFIG: a .config, or an .xz of one; default: Debian's amd64 configuration
# from the linux-config-* package. Exit 0 when all agree, 1 otherwise.
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
list="$here/checker/simulator/utrace-check/distro-config.h"
config=${1:-$(ls /usr/src/linux-config-*/config.amd64_none_amd64.xz 2>/dev/null | sort -V | tail -1)}
if [ -z "$config" ] || [ ! -r "$config" ]; then
  echo "check-distro-config: no configuration file (apt-get install linux-config-6.12, or give one)" >&2
  exit 2
fi
case "$config" in
  *.xz) text=$(xz -dc "$config") ;;
  *) text=$(cat "$config") ;;
esac
bad=0
for opt in $(sed -n 's/^#define \(CONFIG_[A-Z0-9_]*\) 1$/\1/p' "$list"); do
  if ! grep -qx "$opt=y" <<<"$text"; then
    echo "check-distro-config: $opt is not =y in $config" >&2
    bad=1
  fi
done
n=$(grep -c '^#define CONFIG_' "$list")
[ $bad = 0 ] && echo "check-distro-config: all $n options of the list are =y in $config"
exit $bad

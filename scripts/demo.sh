#!/usr/bin/env bash
# make demo: run utrace-check on the bundled example module and show what it
# finds. The module's planted bugs are marked PLANTED in its source.
set -u
tool=${1:-build/bin/utrace-check}
src=kernel-integration/examples/task-finder/task_finder.c
echo "\$ utrace-check $src -- -nostdinc -I testdata/include"
"$tool" "$src" -- -nostdinc -I testdata/include 2>&1
status=$?
echo "(exit status $status: 0 no findings, 1 findings, 2 error)"
echo "planted in the source:"
grep -n "PLANTED" "$src" | sed 's/^/  /'
[ "$status" -le 1 ]

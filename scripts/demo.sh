#!/usr/bin/env bash
# make demo: run utrace-check on the bundled example modules and show what
# it finds. Each module's planted bugs are marked PLANTED in its source.
set -u
tool=${1:-build/bin/utrace-check}
status=0
for src in kernel-integration/examples/*/*.c; do
	echo "\$ utrace-check $src -- -nostdinc -I checker/simulator"
	"$tool" "$src" -- -nostdinc -I checker/simulator 2>&1
	rc=$?
	[ $rc -le 1 ] || status=$rc
	echo "(exit status $rc: 0 no findings, 1 findings, 2 error)"
	echo "planted in the source:"
	grep -n "PLANTED UT-" "$src" | sed 's/^\([0-9]*\):.*PLANTED \(UT-[A-Z]*-[0-9]*\).*/  line \1: \2/'
	echo
done
exit $status

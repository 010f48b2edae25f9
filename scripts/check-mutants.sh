#!/usr/bin/env bash
# Ground truth for the static checker: the reference implementation as it
# stands is quiet, and each mutant (one fault, from scripts/make-mutants.sh)
# is flagged with the rule id its manifest names.
# A mutant whose rule the tool does not have yet (not in --list-rules) is an
# expected failure: listed as XFAIL, never silently skipped. Once the rule
# exists, a miss fails the test.
# Usage: check-mutants.sh TOOL
set -u
tool=${1:?usage: check-mutants.sh TOOL}
top=$(cd "$(dirname "$0")/.." && pwd)
ki=$top/kernel-integration
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=gnu11 -I "$ki/shim/include" -I "$ki/include" -I "$ki/samples"
       -iquote "$ki/kernel" -iquote "$ki/samples")

"$top/scripts/make-mutants.sh" "$tmp/m" >/dev/null || { echo "FAIL: make-mutants.sh"; exit 1; }
rules=$("$tool" --list-rules | awk '{print $1}')
fail=0 pass=0 xfail=0

for orig in "$ki/kernel/utrace.c" "$ki/samples/sample_engine.c"; do
	if "$tool" "$orig" -- "${flags[@]}" > "$tmp/out" 2>&1; then
		echo "PASS: ${orig#$top/} is quiet"; pass=$((pass + 1))
	else
		echo "FAIL: ${orig#$top/} is not quiet:"; cat "$tmp/out"; fail=$((fail + 1))
	fi
done

while read -r file rule desc; do
	"$tool" "$tmp/m/$file" -- "${flags[@]}" > "$tmp/out" 2>&1
	status=$?
	if grep -q "\[$rule\]\$" "$tmp/out"; then
		echo "PASS: $file flagged $rule"; pass=$((pass + 1))
	elif ! grep -qx "$rule" <<<"$rules"; then
		echo "XFAIL: $file expects $rule, which the tool does not have yet ($desc)"
		xfail=$((xfail + 1))
	else
		echo "FAIL: $file expects $rule (exit $status): $desc"; cat "$tmp/out"
		fail=$((fail + 1))
	fi
done < "$tmp/m/MANIFEST"

echo "$pass passed, $fail failed"
[ "$xfail" -eq 0 ] || echo "($xfail expected failures: rules not built yet)"
[ "$fail" -eq 0 ]

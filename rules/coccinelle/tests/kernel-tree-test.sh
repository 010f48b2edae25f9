#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The rules run unchanged from a kernel tree: copy the test inputs to a
# scratch module directory and run every rule through the tree's own
#   make -C <tree> coccicheck MODE=report COCCI=<rule> M=<module dir>
# then check that exactly the marked lines are reported.  The tree is the
# installed Debian headers (/usr/src/linux-headers-*-amd64); it has the
# coccicheck target but not scripts/coccicheck, so BASH= points the target
# at coccicheck-compat.sh, which runs the real script when there is one.
set -euo pipefail

cocci_dir=$(cd "${1:?usage: kernel-tree-test.sh <rules/coccinelle dir>}" && pwd)
python=${SYSTEM_PYTHON:-/usr/bin/python3}

tree=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$tree" ] || [ ! -f "$tree/Makefile" ]; then
	echo "FAIL: no kernel tree: /usr/src/linux-headers-*-amd64 is missing" \
	     "(install the Debian package linux-headers-amd64; scripts/setup-deps.sh does)" >&2
	exit 1
fi
command -v spatch >/dev/null || { echo "FAIL: spatch is not installed" >&2; exit 1; }
echo "kernel tree: $tree"
if [ -f "$tree/scripts/coccicheck" ]; then
	echo "scripts/coccicheck: present (the compat wrapper runs it)"
else
	echo "scripts/coccicheck: absent in this tree (the compat wrapper runs the equivalent spatch command)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cocci-ktree.XXXXXX")
trap 'rm -rf "$work"' EXIT
mod=$work/utrace_rules_test
mkdir -p "$mod"
cp -r "$cocci_dir/tests/include" "$mod/"
objs=()
for c in "$cocci_dir"/tests/*/*.c; do
	cp "$c" "$mod/"
	objs+=("$(basename "${c%.c}").o")
done
{
	echo "# scratch module holding the Coccinelle rule test inputs"
	echo "obj-m += utrace_rules_test.o"
	echo "utrace_rules_test-y := ${objs[*]}"
	echo "ccflags-y += -I\$(src)/include"
} > "$mod/Kbuild"

out=$work/findings.txt
: > "$out"
for rule in "$cocci_dir"/*/UT-*.cocci; do
	# -s: no "Entering directory" lines; the report lines are the output
	make -s -C "$tree" coccicheck MODE=report COCCI="$rule" M="$mod" \
		BASH="$cocci_dir/coccicheck-compat.sh" >>"$out" 2>"$work/stderr" || {
		echo "FAIL: make coccicheck failed for $(basename "$rule"):" >&2
		cat "$work/stderr" >&2
		exit 1
	}
done

"$python" - "$cocci_dir" "$mod" "$out" <<'PY'
import collections, importlib.util, os, sys
cocci_dir, mod, out = sys.argv[1:]
spec = importlib.util.spec_from_file_location("check_rules", os.path.join(cocci_dir, "tests", "check_rules.py"))
cr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cr)
rel = lambda p: os.path.relpath(p, mod)
want = collections.Counter({(os.path.basename(k[0]), k[1], k[2]): n
                            for k, n in cr.expected_findings(mod).items()})
got = collections.Counter((os.path.basename(f.path), f.line, f.rule)
                          for f in cr.xc.parse_diagnostics(open(out).read(), mod))
for k in sorted(want - got):
    print("FAIL: %s:%d: expected %s, not reported through make coccicheck" % k)
for k in sorted(got - want):
    print("FAIL: %s:%d: unexpected %s through make coccicheck" % k)
print("make coccicheck: %d expected finding(s), %d reported" % (sum(want.values()), sum(got.values())))
sys.exit(0 if want == got and want else 1)
PY

"""bench/real-code.sh --cocci: the project's Coccinelle rules (spatch) over
the real code, their findings beside the Clang checker's, per file and line.

Uses scripts/cocci-crosscheck.py (how spatch is run, how findings are read
and matched: same rule at the same line, or a Clang note at that line). The
Clang side is every finding of the same file in any mode of this run (for the
SystemTap runtime: standalone and real headers). Differences to judge go to
rules/coccinelle/KNOWN-DIFFERENCES.md, section "Real code".
"""

import importlib.util
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _crosscheck():
    spec = importlib.util.spec_from_file_location(
        "cocci_crosscheck", os.path.join(ROOT, "scripts", "cocci-crosscheck.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(args, runner, results):
    if not shutil.which("spatch"):
        print("\n(--cocci: spatch is not installed: apt-get install coccinelle)")
        return None
    cc = _crosscheck()
    rules = cc.rule_files(os.path.join(ROOT, "rules", "coccinelle"))
    files = sorted({r["path"] for r in results if r["lane"] in ("src", "stap")})
    clang = {}
    for r in results:
        for f in r["findings"]:
            p = os.path.realpath(f["path"])
            clang.setdefault(p, []).append(
                cc.Finding(p, f["line"], f["id"], []))
    rows = []
    print("\nCoccinelle (rules/coccinelle, spatch --no-includes) beside the Clang checker")
    print("%-60s %6s %-11s %s" % ("file", "line", "rule", "Clang checker"))
    for path in files:
        real = os.path.realpath(path)
        for rule in rules:
            try:
                out, _ = cc.run_spatch(rule, real)
            except cc.UsageError as e:
                print("%-60s %6s %-11s spatch failed: %s" % (
                    path[-60:], "-", cc.rule_id_of(rule), str(e).splitlines()[0]))
                continue
            for f in cc.parse_diagnostics(out, "/"):
                fp = os.path.realpath(os.path.join("/", f.path))
                mine = clang.get(fp, [])
                same = cc.clang_covers(cc.Finding(fp, f.line, f.rule, []), mine)
                near = [c for c in mine if c.rule == f.rule]
                verdict = "same" if same else (
                    "lacks (has %s at %s)" % (f.rule, ",".join(
                        str(c.line) for c in near[:5])) if near else "lacks")
                rows.append({"path": fp, "line": f.line, "rule": f.rule,
                             "clang": verdict})
                print("%-60s %6d %-11s %s" % (fp[-60:], f.line, f.rule, verdict))
    lacks = [r for r in rows if r["clang"] != "same"]
    print("Coccinelle findings: %d; the Clang checker lacks %d" % (len(rows), len(lacks)))
    return rows


if __name__ == "__main__":
    sys.exit("run bench/real-code.sh --cocci")

#!/usr/bin/env python3
"""Checks a utrace-check SARIF file with Microsoft's SARIF Multitool (the
official 2.1.0 schema and the authoring rules GitHub code scanning relies
on; its errors and warnings are problems), and for consistency with the
catalog: every rule has the fields CI systems read and every result's
ruleId/ruleIndex points at one of them.

usage: validate-sarif.py FILE.sarif   (exit 0 ok, 1 invalid, 2 no multitool)
The multitool is the one scripts/setup-deps.sh installs into .tools/, or
$SARIF_MULTITOOL.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MULTITOOL = os.environ.get("SARIF_MULTITOOL") or os.path.join(
    ROOT, ".tools", "sarif-multitool", "node_modules", "@microsoft",
    "sarif-multitool-linux", "Sarif.Multitool")
# "file.sarif(741,19): warning SARIF2005: runs[0].tool.driver: ..."
FINDING = re.compile(r"\(\d+,\d+\): (error|warning|note) (\w+): (.*)$")


def multitool_problems(sarif_path):
    """The multitool's errors and warnings, one line each."""
    if not os.access(MULTITOOL, os.X_OK):
        print("validate-sarif.py: no SARIF Multitool at %s (run scripts/setup-deps.sh)"
              % MULTITOOL, file=sys.stderr)
        sys.exit(2)
    r = subprocess.run([MULTITOOL, "validate", sarif_path], capture_output=True,
                       text=True)
    out = []
    for line in r.stdout.splitlines():
        m = FINDING.search(line)
        if m and m.group(1) in ("error", "warning"):
            out.append("multitool: %s %s: %s" % m.groups())
    if r.returncode != 0:
        out.append("multitool: exit %d: %s" % (r.returncode,
                                              (r.stderr or r.stdout).strip()[-300:]))
    return out


def main():
    if len(sys.argv) != 2:
        print("usage: validate-sarif.py FILE.sarif", file=sys.stderr)
        return 2
    sarif_path = sys.argv[1]
    doc = json.load(open(sarif_path))
    errors = multitool_problems(sarif_path)
    for e in errors:
        print(e)
    problems = len(errors)
    for run in doc["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for r in rules:
            for key in ("id", "name", "shortDescription", "fullDescription",
                        "defaultConfiguration"):
                if key not in r:
                    print("rule %s lacks %s" % (r.get("id"), key))
                    problems += 1
        for res in run.get("results", []):
            idx = res.get("ruleIndex")
            if idx is None or rules[idx]["id"] != res["ruleId"]:
                print("result %s: bad ruleIndex %s" % (res["ruleId"], idx))
                problems += 1
            if not res.get("partialFingerprints"):
                print("result %s: no partialFingerprints" % res["ruleId"])
                problems += 1
    print("%s: %d rules, %d results, %d problems" % (
        sarif_path, sum(len(r["tool"]["driver"]["rules"]) for r in doc["runs"]),
        sum(len(r.get("results", [])) for r in doc["runs"]), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

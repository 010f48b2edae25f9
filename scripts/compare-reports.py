#!/usr/bin/env python3
"""Compares the findings of two utrace-check reports (json or SARIF), ignoring
order and run metadata: rule, file, line, column, message, notes and
fingerprint must match one to one.

usage: compare-reports.py A B   (exit 0 equal, 1 different)
"""
import json
import sys


def findings(path):
    doc = json.load(open(path))
    out = []
    if "runs" in doc:
        for run in doc["runs"]:
            for r in run.get("results", []):
                loc = r["locations"][0]["physicalLocation"]
                steps = r["codeFlows"][0]["threadFlows"][0]["locations"]
                notes = tuple(
                    (s["location"]["physicalLocation"]["region"]["startLine"],
                     s["location"]["message"]["text"]) for s in steps[:-1])
                out.append((r["ruleId"], loc["artifactLocation"]["uri"],
                            loc["region"]["startLine"],
                            loc["region"].get("startColumn"),
                            r["message"]["text"], notes,
                            r["partialFingerprints"]["utraceCheck/v1"]))
    else:
        for f in doc["findings"]:
            notes = tuple((n["line"], n["message"]) for n in f["notes"])
            out.append((f["ruleId"], f["file"], f["line"], f["column"],
                        f["message"], notes, f["fingerprint"]))
    return sorted(out)


def main():
    a, b = findings(sys.argv[1]), findings(sys.argv[2])
    if a == b:
        print("equal: %d findings" % len(a))
        return 0
    for x in a:
        if x not in b:
            print("only in %s: %s" % (sys.argv[1], x))
    for x in b:
        if x not in a:
            print("only in %s: %s" % (sys.argv[2], x))
    return 1


if __name__ == "__main__":
    sys.exit(main())

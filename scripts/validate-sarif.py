#!/usr/bin/env python3
"""Checks a utrace-check SARIF file: valid against the vendored SARIF 2.1.0
schema (testdata/schemas/sarif-2.1.0.json, with format checking), and
consistent with the catalog: every rule has the fields CI systems read and
every result's ruleId/ruleIndex points at one of them.

usage: validate-sarif.py SCHEMA FILE.sarif   (exit 0 ok, 1 invalid)
"""
import json
import sys

import jsonschema  # Debian: python3-jsonschema


def main():
    schema_path, sarif_path = sys.argv[1:3]
    schema = json.load(open(schema_path))
    doc = json.load(open(sarif_path))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors:
        print("schema: %s: %s" % ("/".join(map(str, e.path)), e.message))
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

#!/usr/bin/python3
"""Runs the Coccinelle rules over their test inputs and checks the findings.

An input line carrying the comment "cocci: UT-XXX-NNN" (several ids allowed)
must be reported by that rule, once; nothing else may be reported.  The
same inputs are also run in org and context mode, which must point at the
same lines.  --mode lists checks that the identifier sets a rule copies from
rules/api/kernel.yaml (see KERNEL_LISTS, MEMBER_FIELD_LISTS) equal the lists
there.  Usage:
check_rules.py [--mode report|org|context|headers|lists] [RULES_DIR [TESTS_DIR]].
"""

import collections
import glob
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

_spec = importlib.util.spec_from_file_location(
    "cocci_crosscheck", os.path.join(ROOT, "scripts", "cocci-crosscheck.py"))
xc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(xc)

MARK_RE = re.compile(r"cocci:((?:\s+" + xc.RULE_ID_RE + r")+)")
ORG_RE = re.compile(r"^\* TODO \[\[view:(?P<path>[^:]+)::face=[^:]+::linb=(?P<line>\d+)"
                    r"::.*\[(?P<id>" + xc.RULE_ID_RE + r")\]\]\]$")
HUNK_RE = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")


def expected_findings(tests_dir):
    want = collections.Counter()
    for path in sorted(glob.glob(os.path.join(tests_dir, "**", "*.c"), recursive=True)):
        rel = xc.norm_path(path)
        with open(path) as fh:
            for n, raw in enumerate(fh, 1):
                m = MARK_RE.search(raw)
                if m:
                    for rid in m.group(1).split():
                        want[(rel, n, rid)] += 1
    return want


def context_lines(diff, rid):
    """Lines a context-mode diff marks with '-' (the starred lines)."""
    got = collections.Counter()
    path, line = None, 0
    for raw in diff.splitlines():
        if raw.startswith("--- "):
            path = xc.norm_path(raw[4:].split("\t")[0].strip())
            continue
        if raw.startswith("+++ "):
            continue
        m = HUNK_RE.match(raw)
        if m:
            line = int(m.group(1))
            continue
        if raw.startswith("-"):
            got[(path, line, rid)] += 1
            line += 1
        elif raw.startswith(" "):
            line += 1
    return got


def run_mode(mode, rules, tests_dir):
    got = collections.Counter()
    for rule in rules:
        rid = xc.rule_id_of(rule)
        out, secs = xc.run_spatch(rule, tests_dir, mode=mode)
        if mode == "report":
            found = [(f.path, f.line, f.rule) for f in xc.parse_diagnostics(out)]
            ids = {k[2] for k in found}
            if ids - {rid}:
                print("FAIL: %s reports foreign ids %s" % (rid, sorted(ids - {rid})))
                got[("<bad id>", 0, rid)] += 1
            got.update(found)
            print("%s: %d finding(s), spatch %.2fs" % (rid, len(found), secs))
        elif mode == "org":
            for raw in out.splitlines():
                m = ORG_RE.match(raw)
                if m:
                    got[(xc.norm_path(m.group("path")), int(m.group("line")), m.group("id"))] += 1
        else:
            got.update(context_lines(out, rid))
    return got


HEADER_CHECKS = [
    (r"\A// SPDX-License-Identifier: \S+\n", "first line is an SPDX tag"),
    (r"\n/// \S", "a /// description"),
    (r"\n// Confidence: (High|Moderate|Low)\n", "a // Confidence: High|Moderate|Low line"),
    (r"\n// Copyright: \S", "a // Copyright: line"),
    (r"\n// Options: [^:\n]*\n", "a // Options: line without a second colon"),
    (r"\n// Keywords: \S", "a // Keywords: line"),
    (r"\nvirtual context\n", "virtual context"),
    (r"\nvirtual org\n", "virtual org"),
    (r"\nvirtual report\n", "virtual report"),
]


def check_headers(rules):
    """The header conventions scripts/coccicheck relies on.  coccicheck greps
    every line containing "Option" or "Requires", so those words must appear
    only on their header lines."""
    bad = 0
    for rule in rules:
        text = open(rule).read()
        rid = xc.rule_id_of(rule)
        for pat, what in HEADER_CHECKS:
            if not re.search(pat, text):
                print("FAIL: %s lacks %s" % (rule, what))
                bad += 1
        for word in ("Option", "Requires"):
            n = sum(1 for ln in text.splitlines() if word in ln)
            if n > (1 if word == "Option" else 0):
                print("FAIL: %s: %d lines contain %r (coccicheck greps it)" % (rule, n, word))
                bad += 1
        if "[%s]" % rid not in text:
            print("FAIL: %s never prints its id [%s]" % (rule, rid))
            bad += 1
        if re.search(r"\nvirtual patch\n", text) and "depends on patch" not in text:
            print("FAIL: %s declares patch mode but has no patch rule" % rule)
            bad += 1
    print("%d rule headers checked, %d problem(s)" % (len(rules), bad))
    return bad == 0


# Lists of rules/api/kernel.yaml that a rule copies into identifier sets,
# per rule id: the rule must hold each of them, and every set in any rule
# that shares a name with one of kernel.yaml's lists must equal it (a set
# may repeat, as in s1..s5 of a mask).
KERNEL_YAML = os.path.join(ROOT, "rules", "api", "kernel.yaml")
KERNEL_LISTS = {
    "UT-WIN-001": ["immutable_task_fields", "sticky_task_flags"],
}
SET_RE = re.compile(r"^identifier\s+\w+\s*!?=\s*\{([^}]*)\}\s*;", re.M)


def identifier_sets(text):
    """The {a, b, ...} sets of the rule's identifier declarations."""
    text = re.sub(r"//[^\n]*", "", text)
    return [frozenset(x.strip() for x in m.group(1).split(",") if x.strip())
            for m in SET_RE.finditer(text)]


def kernel_lists(path=KERNEL_YAML):
    import yaml  # Debian: python3-yaml (scripts/setup-deps.sh)
    with open(path) as fh:
        data = yaml.safe_load(fh)
    return {name: frozenset(str(x) for x in items)
            for name, items in (data.get("lists") or {}).items()}


# Lists of "member.field" items (callback_nullable_task_fields), per rule
# id: the rule links functions to exactly those ops members
# (`.report_death = \(fn ...`) and matches exactly those fields in every
# `identifier f = {...}` set.
MEMBER_FIELD_LISTS = {
    "UT-CB-003": "callback_nullable_task_fields",
}
LINK_RE = re.compile(r"\.(report_\w+) = \\\(fn")
FIELD_SET_RE = re.compile(r"^identifier f = \{([^}]*)\};", re.M)


def check_member_fields(rules, lists):
    """Problems of the rules that copy a member.field list."""
    bad = 0
    for rule in rules:
        name = MEMBER_FIELD_LISTS.get(xc.rule_id_of(rule))
        if not name:
            continue
        items = lists.get(name)
        if not items:
            print("FAIL: %s uses %s, which kernel.yaml has no longer" % (rule, name))
            bad += 1
            continue
        members = {i.split(".", 1)[0] for i in items}
        fields = {i.split(".", 1)[1] for i in items}
        with open(rule) as fh:
            text = fh.read()
        linked = set(LINK_RE.findall(text))
        if linked != members:
            print("FAIL: %s links %s, kernel.yaml's %s lists %s" % (
                rule, sorted(linked), name, sorted(members)))
            bad += 1
        sets = FIELD_SET_RE.findall(text)
        if not sets:
            print("FAIL: %s has no 'identifier f = {...}' field set" % rule)
            bad += 1
        for found in sets:
            got = {x.strip() for x in found.split(",")}
            if got != fields:
                print("FAIL: %s matches fields %s, kernel.yaml's %s lists %s" % (
                    rule, sorted(got), name, sorted(fields)))
                bad += 1
    return bad


def check_lists(rules, lists=None):
    """A rule's copies of kernel.yaml's lists must not drift from them."""
    lists = kernel_lists() if lists is None else lists
    bad = check_member_fields(rules, lists)
    for rid, names in sorted(KERNEL_LISTS.items()):
        for name in names:
            if name not in lists:
                print("FAIL: %s uses %s, which kernel.yaml has no longer" % (rid, name))
                bad += 1
    for rule in rules:
        rid = xc.rule_id_of(rule)
        with open(rule) as fh:
            sets = identifier_sets(fh.read())
        for name in KERNEL_LISTS.get(rid, []):
            if lists.get(name) and lists[name] not in sets:
                print("FAIL: %s has no identifier set equal to kernel.yaml's %s: {%s}" % (
                    rule, name, ", ".join(sorted(lists[name]))))
                bad += 1
        for found in sorted(set(sets), key=sorted):
            for name, want in sorted(lists.items()):
                if found & want and found != want and name in KERNEL_LISTS.get(rid, []):
                    print("FAIL: %s: {%s} differs from kernel.yaml's %s: missing {%s}, extra {%s}" % (
                        rule, ", ".join(sorted(found)), name,
                        ", ".join(sorted(want - found)), ", ".join(sorted(found - want))))
                    bad += 1
    print("%d rule(s) checked against %d kernel.yaml list(s), %d problem(s)" % (
        len(rules), sum(len(v) for v in KERNEL_LISTS.values()) + len(MEMBER_FIELD_LISTS),
        bad))
    return bad == 0


def main(argv):
    mode = "report"
    if len(argv) > 1 and argv[0] == "--mode":
        mode, argv = argv[1], argv[2:]
    rules_dir = argv[0] if argv else os.path.dirname(HERE)
    tests_dir = argv[1] if len(argv) > 1 else HERE
    rules = xc.rule_files(rules_dir)
    if not rules:
        print("FAIL: no rules under %s" % rules_dir)
        return 1
    if mode == "headers":
        return 0 if check_headers(rules) else 1
    if mode == "lists":
        return 0 if check_lists(rules) else 1

    want = expected_findings(tests_dir)
    rule_ids = {xc.rule_id_of(r) for r in rules}
    ok = True
    for rid in sorted(rule_ids - {k[2] for k in want}):
        print("FAIL: %s has no marked bad case under %s" % (rid, tests_dir))
        ok = False
    for key in sorted(k for k in want if k[2] not in rule_ids):
        print("FAIL: %s:%d marks %s, which has no rule" % key)
        ok = False

    got = run_mode(mode, rules, tests_dir)
    if mode == "context":
        # context mode also stars where the trouble started (the attach,
        # the lock); it must star at least every reported line.
        missing = want - got
        extra = collections.Counter()
    else:
        missing, extra = want - got, got - want
    for (path, line, rid), n in sorted(missing.items()):
        print("FAIL[%s]: %s:%d: expected %s, not reported" % (mode, path, line, rid))
    for (path, line, rid), n in sorted(extra.items()):
        print("FAIL[%s]: %s:%d: unexpected %s (x%d)" % (mode, path, line, rid, n))
    ok = ok and not missing and not extra
    print("%s mode: %d expected finding(s), %d missing, %d unexpected" % (
        mode, sum(want.values()), sum(missing.values()), sum(extra.values())))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/python3
"""Checks that a Coccinelle rule and the API data the Clang checker reads
name the same things, so the two cannot drift apart.

UT-CB-003: rules/api/kernel.yaml `callback_nullable_task_fields` lists
"member.field" items; the rule must link functions to exactly those members
(`.report_death = fn`) and match exactly those fields in every
`identifier f = {...}` set.  Usage: check_rule_data.py [PROJECT_ROOT].
"""

import os
import re
import sys

import yaml  # Debian: python3-yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def check_cb003(root):
    with open(os.path.join(root, "rules", "api", "kernel.yaml")) as fh:
        items = yaml.safe_load(fh)["lists"]["callback_nullable_task_fields"]
    members = {i.split(".", 1)[0] for i in items}
    fields = {i.split(".", 1)[1] for i in items}
    rule = os.path.join(root, "rules", "coccinelle", "cb", "UT-CB-003.cocci")
    text = open(rule).read()
    problems = []
    linked = set(re.findall(r"\.(report_\w+) = \\\(fn", text))
    if linked != members:
        problems.append("links %s, kernel.yaml lists %s" % (sorted(linked), sorted(members)))
    sets = re.findall(r"^identifier f = \{([^}]*)\};", text, re.M)
    if not sets:
        problems.append("has no 'identifier f = {...}' field set")
    for s in sets:
        got = {x.strip() for x in s.split(",")}
        if got != fields:
            problems.append("matches fields %s, kernel.yaml lists %s" % (sorted(got), sorted(fields)))
    for p in problems:
        print("FAIL: %s %s" % (os.path.relpath(rule, root), p))
    print("UT-CB-003: %d member(s), %d field(s), %d field set(s) in the rule, %d problem(s)"
          % (len(members), len(fields), len(sets), len(problems)))
    return not problems


def main(argv):
    root = argv[0] if argv else os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
    return 0 if check_cb003(root) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

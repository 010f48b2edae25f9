#!/usr/bin/env python3
"""Rule pages follow one template (the ctest `rule-docs`).

Every live rule's page (docs/rules/<ID>.md, named by the catalog) has, in
this order:

    # <ID>: <title>
    <the catalog line: family, checker, severity, maturity, path-sensitive or not>
    ## What it finds
    ## Why it matters
    ## Bad
    ## Good
    ## How it is detected
    (optional sections that belong to this rule only)
    ## Known gaps
    ## Turning it off

The catalog line and "Turning it off" are generated from the catalog
(rules/catalog/*.yaml): `--write` rewrites them, the default checks that
they are current. A retired rule's page has "What it found", "Why it was
retired". docs/rules/README.md (the index) is generated the same way.

usage: rule-docs.py [--write] [SOURCE_ROOT]
"""
import glob
import os
import re
import sys

import yaml

LIVE = ["What it finds", "Why it matters", "Bad", "Good",
        "How it is detected", "Known gaps", "Turning it off"]
RETIRED = ["What it found", "Why it was retired"]


def catalog(root):
    rules = []
    for path in sorted(glob.glob(os.path.join(root, "rules", "catalog", "*.yaml"))):
        with open(path) as f:
            data = yaml.safe_load(f)
        for r in data["rules"]:
            r["family"], r["checker"] = data["family"], data["checker"]
            r["family_title"] = data.get("title", data["family"])
            rules.append(r)
    return rules


def catalog_line(r):
    parts = ["**Family** %s (`%s`)" % (r["family"], r["checker"]),
             "**severity** %s" % r["severity"],
             "**maturity** %s" % r["maturity"]]
    if r.get("first_generation") == "off" or r.get("first_generation") is False:
        parts.append("off for the 2006-2008 API generation")
    if r.get("first_generation") == "only":
        parts.append("for the 2006-2008 API generation only")
    if r.get("kbuild_default") == "off" or r.get("kbuild_default") is False:
        parts.append("off by default under Kbuild")
    return " · ".join(parts)


def turning_off(r):
    i, fam = r["id"], r["family"]
    text = ("`--disable=%s` turns it off (`--disable=%s` the whole %s family); "
            "`--enable=%s` runs it alone. Either way the other rules' findings "
            "do not change." % (i, fam, r["family_title"], i))
    if r.get("kbuild_default") in ("off", False):
        text += (" Under Kbuild (`make C=1`/`C=2`) it is off unless "
                 "`--enable=%s` names it (`UTRACE_CHECK_OPTIONS`)." % i)
    if r.get("first_generation") in ("off", False):
        text += (" It is off on code written for the 2006-2008 API "
                 "generation, which has no such contract.")
    if r.get("first_generation") == "only":
        text += (" It runs only on code written for the 2006-2008 API "
                 "generation.")
    text += (" One finding: `/* utrace-check: ignore %s */` on its line "
             "(docs/ci.md, suppressions)." % i)
    return text


def sections(text):
    """[(heading, body)] for the '## ' sections, and the preamble."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return parts[0], list(zip(parts[1::2], parts[2::2]))


def render(r, text):
    pre, secs = sections(text)
    title = pre.strip().splitlines()[0]
    m = re.match(r"#\s+\S+\s*[:—-]+\s*(.*)", title)
    name = m.group(1) if m else title.lstrip("# ")
    out = "# %s: %s\n\n" % (r["id"], name)
    if r.get("maturity") != "retired":
        out += catalog_line(r) + "\n"
    for h, body in secs:
        if h == "Turning it off" and r.get("maturity") != "retired":
            body = "\n" + wrap(turning_off(r)) + "\n"
        out += "\n## %s\n%s" % (h, body.strip("\n") and "\n" + body.strip("\n") + "\n")
    return out


def wrap(text, width=76):
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w) if line else w
    return "\n".join(lines + [line])


def problems_of(r, text):
    want = RETIRED if r.get("maturity") == "retired" else LIVE
    heads = [h for h, _ in sections(text)[1]]
    seen = [h for h in heads if h in want]
    out = []
    if seen != want:
        out.append("sections %s, expected %s in this order" % (seen, want))
    if r.get("maturity") != "retired":
        extra_at = [i for i, h in enumerate(heads) if h not in want]
        lo = heads.index("How it is detected") if "How it is detected" in heads else -1
        hi = heads.index("Known gaps") if "Known gaps" in heads else len(heads)
        for i in extra_at:
            if not lo < i < hi:
                out.append("section '%s' outside the rule-specific place "
                           "(between 'How it is detected' and 'Known gaps')" % heads[i])
    return out


def index(rules):
    out = ["# Rule pages", "",
           "Generated from `rules/catalog/*.yaml` by `scripts/rule-docs.py --write`.", "",
           "| id | name | severity | maturity | what |", "|---|---|---|---|---|"]
    for r in rules:
        out.append("| [%s](%s.md) | %s | %s | %s | %s |" % (
            r["id"], r["id"], r["name"], r["severity"], r["maturity"],
            r.get("retired", r["help"]) if r.get("maturity") == "retired" else r["help"]))
    return "\n".join(out) + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    write = "--write" in sys.argv
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..")
    rules = catalog(root)
    bad = []
    for r in rules:
        path = os.path.join(root, r["doc"])
        if not os.path.exists(path):
            bad.append("%s: missing page for %s" % (r["doc"], r["id"]))
            continue
        text = open(path, encoding="utf-8").read()
        for p in problems_of(r, text):
            bad.append("%s: %s" % (r["doc"], p))
        want = render(r, text)
        if want != text:
            if write:
                open(path, "w", encoding="utf-8").write(want)
            else:
                bad.append("%s: catalog-derived parts are stale (run "
                           "scripts/rule-docs.py --write)" % r["doc"])
    idx = os.path.join(root, "docs", "rules", "README.md")
    want = index(rules)
    have = open(idx).read() if os.path.exists(idx) else ""
    if want != have:
        if write:
            open(idx, "w").write(want)
        else:
            bad.append("docs/rules/README.md: stale (run scripts/rule-docs.py --write)")
    for b in bad:
        print(b)
    print("rule-docs: %d pages, %d problems" % (len(rules), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

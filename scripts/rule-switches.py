#!/usr/bin/env python3
"""Rule switches mean what they say (the ctest `rule-switches`).

Over every annotated C file of testdata/ (the tool options and compiler
flags of its first `%verify` RUN line), for every rule R that the full run
reports or that belongs to the file's family folder:
  --enable=R   must report exactly the full run's findings of R;
  --disable=R  must report exactly the full run's findings minus R's
               (only for the R the full run reports: a rule with no
               finding cannot hide another's).
A disabled rule that still ends paths, or a rule whose findings depend on
another being on, shows up as a difference. Findings are compared as
(rule, line, column, message). Exit 1 on any difference, listing each.

usage: rule-switches.py TOOL SOURCE_ROOT [-j N]
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys

FAMILY_DIRS = {"ref": "REF", "win": "WIN", "rcu": "RCU", "cb": "CB",
               "bar": "BAR", "ctx": "CTX"}


def run_line(path, root):
    """Tool options and compiler args of the file's first %verify RUN line."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"RUN:\s*%verify\s+(.*)$", line)
            if not m:
                continue
            sim = os.path.join(root, "checker", "simulator")
            text = (m.group(1).replace("%kflags", "-nostdinc -I " + sim)
                    .replace("%simulator", sim)
                    .replace("%S", os.path.dirname(path))
                    .replace("%srcroot", root))
            words = shlex.split(text)
            if "%s" not in words or "|" in words:
                return None
            i = words.index("%s")
            args = words[i + 1:]
            # -Xclang -verify=PREFIX: the --verify lane's own checking
            for j in range(len(args) - 1, 0, -1):
                if args[j - 1] == "-Xclang" and args[j].startswith("-verify"):
                    del args[j - 1:j + 1]
            return words[:i], args
    return None


def findings(tool, opts, path, args, extra):
    cmd = [tool, "--format=json", "--no-summary", *opts, *extra, path, *args]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(" ".join(cmd) + ": exit %d: %s" %
                           (p.returncode, p.stderr.strip()[:300]))
    out = json.loads(p.stdout)
    return sorted((f["ruleId"], f["line"], f["column"], f["message"])
                  for f in out["findings"])


def check_file(tool, root, rules, path):
    parsed = run_line(path, root)
    if parsed is None:
        return path, None, []
    opts, args = parsed
    full = findings(tool, opts, path, args, [])
    family = FAMILY_DIRS.get(os.path.basename(os.path.dirname(path)))
    reported = {f[0] for f in full}
    candidates = sorted(reported | {r for r in rules
                                    if family and r.startswith("UT-" + family + "-")})
    problems = []
    for r in candidates:
        want = [f for f in full if f[0] == r]
        got = findings(tool, opts, path, args, ["--enable=" + r])
        if got != want:
            problems.append((r, "--enable", want, got))
        if r in reported:
            want = [f for f in full if f[0] != r]
            got = findings(tool, opts, path, args, ["--disable=" + r])
            if got != want:
                problems.append((r, "--disable", want, got))
    return path, len(candidates), problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tool")
    ap.add_argument("root")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    listing = subprocess.run([a.tool, "--list-rules"], capture_output=True,
                             text=True, check=True).stdout
    rules = [l.split()[0] for l in listing.splitlines() if l.startswith("UT-")]
    files = []
    for d in sorted(FAMILY_DIRS):
        folder = os.path.join(a.root, "testdata", d)
        files += sorted(os.path.join(folder, f) for f in os.listdir(folder)
                        if f.endswith(".c"))
    bad = checked = runs = 0
    with concurrent.futures.ThreadPoolExecutor(a.j) as pool:
        for path, n, problems in pool.map(
                lambda p: check_file(a.tool, a.root, rules, p), files):
            if n is None:
                continue
            checked += 1
            runs += n
            for r, how, want, got in problems:
                bad += 1
                rel = os.path.relpath(path, a.root)
                print("%s: %s=%s changed the findings" % (rel, how, r))
                for f in sorted(set(want) - set(got)):
                    print("  missing  %s %d:%d %s" % f)
                for f in sorted(set(got) - set(want)):
                    print("  extra    %s %d:%d %s" % f)
    print("rule-switches: %d files, %d rule checks, %d differences" %
          (checked, runs, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

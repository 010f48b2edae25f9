#!/usr/bin/python3
"""Cross-check the Coccinelle reference rules against the Clang checker.

Every finding of a rule in rules/coccinelle/ must also be a finding of
utrace-check (same file, line and rule id), or be listed in
rules/coccinelle/KNOWN-DIFFERENCES.md with a reason.  Listed entries are
checked too: an entry that is no longer a difference is stale and fails the
check.  Findings only the Clang checker has are counted per rule; they are
what path sensitivity and interprocedural analysis buy.  Both tools are
timed on the same inputs.

Exit status: 0 agreement, 1 unexplained differences or stale entries,
2 usage or environment error (a tool missing or failing).

The module is also imported by rules/coccinelle/tests/check_rules.py (for
running spatch the way coccicheck does) and by its unit tests.
"""

import argparse
import collections
import glob
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIRS = ["testdata", "kernel-integration/examples"]
DEFAULT_RULES = os.path.join("rules", "coccinelle")
DEFAULT_TOOL = os.path.join("build", "bin", "utrace-check")
KNOWN_FILE = "KNOWN-DIFFERENCES.md"

RULE_ID_RE = r"UT-[A-Z]+-\d{3}"
# path:line:col: warning: message [UT-XXX-NNN]   (notes: "note:", no id)
DIAG_RE = re.compile(
    r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+):\s+"
    r"(?P<kind>warning|error|note):\s+(?P<msg>.*?)\s*$")
ID_SUFFIX_RE = re.compile(r"\[(?P<id>" + RULE_ID_RE + r")\]$")
# - `path/to/file.c:42` UT-REF-001: reason
KNOWN_RE = re.compile(
    r"^- `(?P<path>[^`:]+):(?P<line>\d+)` (?P<id>" + RULE_ID_RE +
    r"): (?P<reason>\S.*)$")

Finding = collections.namedtuple("Finding", "path line rule notes")


class UsageError(Exception):
    pass


def family_of(rule_id):
    """'UT-REF-001' -> 'ref'."""
    return rule_id.split("-")[1].lower()


def norm_path(path, root=ROOT):
    """Paths are compared relative to the project root."""
    return os.path.relpath(os.path.abspath(os.path.join(root, path)), root)


def parse_diagnostics(text, root=ROOT):
    """GCC-form warnings ending in a rule id, each with its following notes.

    Lines that are not diagnostics, and warnings without a rule id (the
    compiler's own), are ignored.
    """
    findings = []
    current = None
    for raw in text.splitlines():
        m = DIAG_RE.match(raw)
        if not m:
            continue
        path, line = norm_path(m.group("path"), root), int(m.group("line"))
        if m.group("kind") == "note":
            if current is not None:
                current.notes.append((path, line))
            continue
        idm = ID_SUFFIX_RE.search(m.group("msg"))
        if not idm:
            current = None
            continue
        current = Finding(path, line, idm.group("id"), [])
        findings.append(current)
    return findings


def parse_known_differences(text):
    """Entries of KNOWN-DIFFERENCES.md: {(path, line, id): reason}.

    Any bullet that starts like an entry but does not parse is an error, so
    a typo cannot silently disable an entry.
    """
    entries = {}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.startswith("- `"):
            continue
        m = KNOWN_RE.match(raw.rstrip())
        if not m:
            raise UsageError("%s:%d: malformed entry (want "
                             "- `path:line` UT-XXX-NNN: reason)" % (KNOWN_FILE, n))
        key = (os.path.normpath(m.group("path")), int(m.group("line")), m.group("id"))
        if key in entries:
            raise UsageError("%s:%d: duplicate entry %s:%d %s" % ((KNOWN_FILE, n) + key))
        entries[key] = m.group("reason")
    return entries


def clang_covers(finding, clang_findings):
    """A Clang finding with the same id at the same line, or whose notes
    point at that line (the analyzer reports a leak where the path ends and
    notes where the reference was taken; the rules may pick either end)."""
    for c in clang_findings:
        if c.rule != finding.rule or c.path != finding.path:
            continue
        if c.line == finding.line or (finding.path, finding.line) in c.notes:
            return True
    return False


def compare(cocci, clang, known, comparable, scanned_files):
    """The heart of the cross-check, free of any I/O.

    cocci, clang: lists of Finding.  known: {(path, line, id): reason}.
    comparable: rule ids the Clang checker reports.  scanned_files: paths
    both tools were run on (entries for other files are not judged).
    Returns a dict of lists/counters describing the outcome.
    """
    res = {
        "agreed": [], "explained": [], "unexplained": [], "stale": [],
        "not_comparable": [], "clang_only": collections.Counter(),
        "clang_only_findings": [], "unjudged_entries": [],
    }
    cocci_keys = set()
    for f in cocci:
        key = (f.path, f.line, f.rule)
        cocci_keys.add(key)
        if f.rule not in comparable:
            res["not_comparable"].append(f)
        elif clang_covers(f, clang):
            res["agreed"].append(f)
        elif key in known:
            res["explained"].append(f)
        else:
            res["unexplained"].append(f)
    for key, reason in sorted(known.items()):
        path, line, rule = key
        if path not in scanned_files:
            res["unjudged_entries"].append(key)
            continue
        if key not in cocci_keys:
            res["stale"].append((key, "Coccinelle no longer reports it"))
        elif rule in comparable and clang_covers(Finding(path, line, rule, []), clang):
            res["stale"].append((key, "the Clang checker reports it now"))
    for c in clang:
        if c.rule not in comparable:
            continue
        covered = any(f.rule == c.rule and f.path == c.path and
                      (f.line == c.line or (f.path, f.line) in c.notes)
                      for f in cocci)
        if not covered:
            res["clang_only"][c.rule] += 1
            res["clang_only_findings"].append(c)
    return res


# --- running the tools ----------------------------------------------------

def rule_files(rules_dir, families=None):
    files = sorted(glob.glob(os.path.join(rules_dir, "*", "UT-*.cocci")))
    if families:
        files = [f for f in files if family_of(rule_id_of(f)) in families]
    return files


def rule_id_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def rule_header_options(rule):
    """The spatch options a rule asks for, read the way scripts/coccicheck
    reads them (the text after the colon of its "// Options:" line)."""
    with open(rule) as fh:
        for raw in fh:
            if raw.startswith("// Options:"):
                return shlex.split(raw.split(":", 1)[1])
    return []


def spatch_command(rule, target, mode="report", spatch="spatch"):
    """The command line scripts/coccicheck builds for M=<dir>, minus the
    kernel include paths (the inputs here are parsed with --no-includes) and
    with one job: the machines running this are small and shared."""
    flags = ["--very-quiet"]
    if mode in ("report", "org"):
        flags = ["--no-show-diff"] + flags
    target_args = ["--dir", target] if os.path.isdir(target) else [target]
    return ([spatch, "-D", mode] + flags + ["--cocci-file", rule] +
            rule_header_options(rule) + target_args + ["--jobs", "1"])


def run_spatch(rule, target, mode="report", root=ROOT):
    """Runs one rule over one directory or file; returns (stdout, seconds)."""
    cmd = spatch_command(rule, target, mode)
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if proc.returncode != 0:
        raise UsageError("spatch failed (%d): %s\n%s" % (
            proc.returncode, " ".join(cmd), proc.stderr.strip()))
    return proc.stdout, dt


def run_cocci(rules, targets, root=ROOT, only=None):
    """Runs every rule over the targets; with `only`, keeps findings in
    those files (spatch --dir also reads the corpus's Inputs/ folders)."""
    findings, seconds = [], 0.0
    per_rule = collections.Counter()
    for rule in rules:
        for target in targets:
            out, dt = run_spatch(rule, target, root=root)
            seconds += dt
            for f in parse_diagnostics(out, root):
                if only is not None and f.path not in only:
                    continue
                findings.append(f)
                per_rule[f.rule] += 1
    return findings, seconds, per_rule


def list_tool_rules(tool, root=ROOT):
    proc = subprocess.run([tool, "--list-rules"], cwd=root,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise UsageError("%s --list-rules failed (%d): %s" % (
            tool, proc.returncode, proc.stderr.strip()))
    ids = set()
    for raw in proc.stdout.splitlines():
        m = re.match(r"\s*(" + RULE_ID_RE + r")\b", raw)
        if m:
            ids.add(m.group(1))
    return ids


def run_line_includes(path, root=ROOT):
    """The -I %S/DIR and -I %simulator/DIR folders a test file's RUN line
    adds (the first API generation's headers, for example), relative to
    root, in the RUN line's order."""
    try:
        text = open(os.path.join(root, path), errors="replace").read()
    except OSError:
        return []
    here = os.path.dirname(path)
    out = []
    for line in re.findall(r"^//\s*RUN:(.*)$", text, re.M):
        for base, rel in re.findall(r"-I\s*%(S|simulator)/(\S+)", line):
            folder = here if base == "S" else os.path.join("checker", "simulator")
            out += ["-I", os.path.normpath(os.path.join(folder, rel))]
    return out


def run_clang(tool, files, clang_args, root=ROOT):
    findings, seconds = [], 0.0
    for path in files:
        cmd = [tool, path, "--"] + run_line_includes(path, root) + clang_args
        t0 = time.monotonic()
        proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
        seconds += time.monotonic() - t0
        if proc.returncode not in (0, 1):
            raise UsageError("%s failed on %s (exit %d):\n%s" % (
                tool, path, proc.returncode, proc.stderr.strip()))
        findings.extend(parse_diagnostics(proc.stderr, root))
    return findings, seconds


def c_files(targets, root=ROOT):
    out = []
    for t in targets:
        if os.path.isfile(os.path.join(root, t)):
            out.append(norm_path(t, root))
            continue
        for dirpath, dirnames, names in os.walk(os.path.join(root, t)):
            # Inputs/ hold deliberately broken CLI-test files; include/ the
            # header simulator: neither is part of the corpus.
            dirnames[:] = [d for d in dirnames if d not in ("Inputs", "include")]
            out.extend(norm_path(os.path.join(dirpath, n), root)
                       for n in names if n.endswith(".c"))
    return sorted(set(out))


def median_time(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        result, dt = fn()
        times.append(dt)
    return result, statistics.median(times)


# --- the command ----------------------------------------------------------

def print_report(res, per_rule_cocci, rules, comparable, out=sys.stdout):
    def show(f):
        return "%s:%d [%s]" % (f.path, f.line, f.rule)

    print("cocci-crosscheck: %d agreed, %d explained by %s, %d unexplained, "
          "%d stale entr%s" % (len(res["agreed"]), len(res["explained"]),
                               KNOWN_FILE, len(res["unexplained"]),
                               len(res["stale"]),
                               "y" if len(res["stale"]) == 1 else "ies"), file=out)
    print("%-12s %6s %10s   %s" % ("rule", "cocci", "clang-only", "status"), file=out)
    for rule in rules:
        rid = rule_id_of(rule)
        status = "compared" if rid in comparable else "not yet comparable"
        clang_only = res["clang_only"][rid] if rid in comparable else "-"
        print("%-12s %6d %10s   %s" % (rid, per_rule_cocci[rid], clang_only, status),
              file=out)
    extra = sorted(set(res["clang_only"]) - {rule_id_of(r) for r in rules})
    for rid in extra:
        print("%-12s %6s %10d   %s" % (rid, "-", res["clang_only"][rid],
                                       "no Coccinelle rule"), file=out)
    for f in res["unexplained"]:
        print("UNEXPLAINED: Coccinelle reports %s, the Clang checker does not "
              "(fix one of them or add an entry with the reason to %s)" %
              (show(f), KNOWN_FILE), file=out)
    for (path, line, rid), why in res["stale"]:
        print("STALE: %s entry %s:%d %s: %s" % (KNOWN_FILE, path, line, rid, why),
              file=out)
    if res["unjudged_entries"]:
        print("note: %d %s entr%s for files outside the scanned inputs not judged" % (
            len(res["unjudged_entries"]), KNOWN_FILE,
            "y" if len(res["unjudged_entries"]) == 1 else "ies"), file=out)


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Compare the Coccinelle reference rules with utrace-check.")
    ap.add_argument("dirs", nargs="*", help="inputs (default: %s)" % " ".join(DEFAULT_DIRS))
    ap.add_argument("--tool", default=DEFAULT_TOOL, help="utrace-check binary")
    ap.add_argument("--rules", default=DEFAULT_RULES, help="directory of .cocci rules")
    ap.add_argument("--only-families", default="",
                    help="comma-separated families to compare (ref,win,rcu,bar,...)")
    ap.add_argument("--clang-args", default="-I checker/simulator",
                    help="arguments after -- for utrace-check (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timing runs per tool; the median is used")
    ap.add_argument("--verbose", action="store_true",
                    help="also list agreed and Clang-only findings")
    try:
        return ap.parse_args(argv)
    except SystemExit as e:
        raise UsageError("bad arguments") if e.code else e


def main(argv=None):
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        return crosscheck(args)
    except UsageError as e:
        print("cocci-crosscheck: error: %s" % e, file=sys.stderr)
        return 2


def crosscheck(args):
    os.chdir(ROOT)
    dirs = args.dirs or [d for d in DEFAULT_DIRS if os.path.isdir(d)]
    for d in dirs:
        if not os.path.exists(d):
            raise UsageError("no such input: %s" % d)
    if not dirs:
        raise UsageError("no inputs: none of %s exists" % ", ".join(DEFAULT_DIRS))
    if args.repeat < 1:
        raise UsageError("--repeat must be at least 1")
    families = {f for f in args.only_families.split(",") if f}
    rules = rule_files(args.rules, families)
    if not rules:
        raise UsageError("no UT-*.cocci rules under %s%s" % (
            args.rules, " for families " + args.only_families if families else ""))
    if not (os.path.isfile(args.tool) and os.access(args.tool, os.X_OK)):
        raise UsageError("the Clang checker is not at %s (build it first, or "
                         "pass --tool)" % args.tool)
    known_path = os.path.join(args.rules, KNOWN_FILE)
    known = {}
    if os.path.exists(known_path):
        with open(known_path) as fh:
            known = parse_known_differences(fh.read())
    if families:
        known = {k: v for k, v in known.items() if family_of(k[2]) in families}

    comparable = list_tool_rules(args.tool)
    files = c_files(dirs)
    clang_args = shlex.split(args.clang_args)

    def cocci_run():
        found, seconds, per_rule = run_cocci(rules, dirs, only=set(files))
        return (found, per_rule), seconds

    (cocci, per_rule), cocci_s = median_time(cocci_run, args.repeat)
    clang, clang_s = median_time(
        lambda: run_clang(args.tool, files, clang_args), args.repeat)

    res = compare(cocci, clang, known, comparable, set(files))
    print("inputs: %d C files under %s; %d rules" % (len(files), ", ".join(dirs), len(rules)))
    print_report(res, per_rule, rules, comparable)
    if args.verbose:
        for f in res["clang_only_findings"]:
            print("clang-only: %s:%d [%s]" % (f.path, f.line, f.rule))
        for f in res["agreed"]:
            print("agreed: %s:%d [%s]" % (f.path, f.line, f.rule))
    ratio = cocci_s / clang_s if clang_s > 0 else float("inf")
    print("time (median of %d): coccinelle %.2fs (%d rules), clang %.2fs "
          "(%d files); coccinelle/clang = %.2f" % (
              args.repeat, cocci_s, len(rules), clang_s, len(files), ratio))
    return 1 if res["unexplained"] or res["stale"] else 0


if __name__ == "__main__":
    sys.exit(main())

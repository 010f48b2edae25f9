#!/usr/bin/python3
"""utrace-check on real third-party code (the work of bench/real-code.sh).

Three lanes:
  src    every .c (and .h defining functions) of ../shared/realcode/src,
         --standalone
  pairs  both sides of every bug-fix pair in ../shared/realcode/pairs,
         --standalone, and the HIT table (flagged before, quiet after)
  stap   Debian's SystemTap runtime files that use utrace, --standalone and
         with real headers (--kdir plus the configuration of a real stap build,
         from scripts/check-systemtap-runtime.sh --print-flags)

Per file: API-calling functions analysed / total, crash, wall time of the tool
and of clang-19 -fsyntax-only with the same flags (median of N runs), ratio,
findings per rule family and per rule. Totals at the end.

Coverage is read from the tool's -v lines (today's format):
  FILE: standalone: analysed N of M functions that use the utrace API
  FILE:LINE: function 'NAME' not analysed: REASON
  FILE: analysed N of M functions
  error: FILE: not analysed: REASON        (the whole file failed)
  FILE: skipped: REASON
When a file fails as a whole, the total is this script's own count of
function definitions that call the utrace API (count_api_functions), so a
failure counts as 0 of that total. parse_tool_output() is the one place to
adapt when the tool's output changes (e.g. JSON coverage).
Stdlib only.
"""

import argparse
import glob
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Expected rule families per pair kind (BUG.md "kind:"). None: any rule.
# A family the tool does not have (yet) simply never matches.
FAMILIES_OF_KIND = {
    "leak": ["REF"],
    "err-check": ["REF"],
    "null-deref": None,
    "lock": ["CTX", "RCU", "LOCK"],
    "sleep-in-atomic": ["CTX", "RCU"],
    "rcu": ["RCU"],
    "window": ["WIN"],
}

# Both API generations: a function definition whose body calls one of these
# is an "API-calling function" for the fallback count.
API_CALL_RE = re.compile(
    r"\butrace_(?:attach(?:_task|_pid)?|detach|set_flags|set_events(?:_pid)?|"
    r"control(?:_pid)?|barrier(?:_pid)?|engine_(?:get|put)|prepare_examine|"
    r"finish_examine|regset|native_view|inject_signal)\s*\(")

FINDING_RE = re.compile(
    r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): warning: "
    r"(?P<msg>.*?) \[(?P<id>UT-[A-Z]+-\d+)\]\s*$")
STANDALONE_COV_RE = re.compile(
    r"^utrace-check: (?P<file>.*): standalone: analysed (?P<n>\d+) of "
    r"(?P<m>\d+) functions that use the utrace API")
ALL_COV_RE = re.compile(
    r"^utrace-check: (?P<file>.*): analysed (?P<n>\d+) of (?P<m>\d+) functions")
FUNC_SKIP_RE = re.compile(
    r"^utrace-check: (?P<file>.*):(?P<line>\d+): function '(?P<name>[^']+)' "
    r"not analysed: (?P<reason>.*)$")
FILE_FAIL_RE = re.compile(
    r"^utrace-check: error: (?P<file>.*?): not analysed: (?P<reason>.*)$")
FILE_SKIP_RE = re.compile(r"^utrace-check: (?P<file>.*?): skipped: (?P<reason>.*)$")
DROPPED_RE = re.compile(r"^utrace-check: kbuild: dropped (?P<flag>.*) \([^()]*\)$")
CRASH_MARKS = ("internal error", "PLEASE submit a bug report", "Stack dump:")

STAP_RUNTIME = "/usr/share/systemtap/runtime"

# The flags --standalone adds to every parse (checker/lib/cli/Driver.cpp,
# standaloneArgs): what clang-19 -fsyntax-only gets for the comparison.
STANDALONE_CLANG = [
    "-D__KERNEL__", "-DMODULE", "-ferror-limit=0",
    "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
    "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types",
    "-Wno-error=incompatible-function-pointer-types"]

# SystemTap runtime, standalone lane: the selectors a stap build on a kernel
# without CONFIG_UTRACE defines (linux/runtime.h), so the utrace code is kept.
STAP_STANDALONE_DEFINES = ["-DSTAPCONF_UTRACE_VIA_TRACEPOINTS",
                           "-DHAVE_TASK_FINDER"]


# ---------------------------------------------------------------- C parsing

def blank_noncode(text):
    """Comments, string and char literals and preprocessor lines replaced
    by spaces; newlines kept, so offsets and line numbers stay valid."""
    out = list(text)
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c in " \t":
            i += 1
            continue
        if at_line_start and c == "#":
            # a directive, with its continuation lines
            j = i
            while j < n:
                if text[j] == "\n" and (j == 0 or text[j - 1] != "\\"):
                    break
                if text[j] == "/" and text.startswith("/*", j):
                    k = text.find("*/", j + 2)
                    k = n if k < 0 else k + 2
                    for m in range(j, k):
                        if out[m] != "\n":
                            out[m] = " "
                    j = k
                    continue
                if text[j] != "\n":
                    out[j] = " "
                j += 1
            i = j
            continue
        at_line_start = False
        if c == "\n":
            at_line_start = True
            i += 1
        elif text.startswith("/*", i):
            k = text.find("*/", i + 2)
            k = n if k < 0 else k + 2
            for m in range(i, k):
                if out[m] != "\n":
                    out[m] = " "
            i = k
        elif text.startswith("//", i):
            k = text.find("\n", i)
            k = n if k < 0 else k
            for m in range(i, k):
                out[m] = " "
            i = k
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            for m in range(i + 1, min(j, n)):
                if out[m] != "\n":
                    out[m] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


NOT_A_NAME = {"__attribute__", "__acquires", "__releases", "__must_hold",
              "__printf", "__section", "__aligned", "__cond_lock", "if",
              "while", "for", "switch", "return", "sizeof", "__declspec"}


def function_definitions(text):
    """[(name, first_line, last_line, body_start, body_end)] of the function
    definitions at file level (a heuristic: both branches of an #if are
    kept, so a header written twice in #if/#else still parses as one)."""
    code = blank_noncode(text)
    out = []
    depth = 0
    boundary = 0  # where the current file-level declaration starts
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c == "{":
            if depth == 0:
                header = code[boundary:i]
                name = _function_name(header)
                end = _matching_brace(code, i)
                if name:
                    start = boundary + len(header) - len(header.lstrip())
                    out.append((name, text.count("\n", 0, start) + 1,
                                text.count("\n", 0, end) + 1, i, end))
                    i = end + 1
                    boundary = i
                    continue
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
            if depth == 0:
                boundary = i + 1
        elif c == ";" and depth == 0:
            boundary = i + 1
        i += 1
    return out


def _matching_brace(code, i):
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def _function_name(header):
    if "=" in header.replace("==", ""):
        return None
    depth = 0
    for m in re.finditer(r"[()]", header):
        if m.group() == "(":
            if depth == 0:
                before = header[:m.start()].rstrip()
                w = re.search(r"([A-Za-z_]\w*)$", before)
                if w and w.group(1) not in NOT_A_NAME:
                    # the parameter list must close before the body
                    if _closes(header, m.start()):
                        return w.group(1)
            depth += 1
        else:
            depth -= 1
    return None


def _closes(s, i):
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "(":
            depth += 1
        elif s[j] == ")":
            depth -= 1
            if depth == 0:
                return True
    return False


def count_api_functions(path):
    try:
        text = open(path, errors="replace").read()
    except OSError:
        return 0
    code = blank_noncode(text)
    return sum(1 for f in function_definitions(text)
               if API_CALL_RE.search(code[f[3]:f[4] + 1]))


def defines_functions(path):
    try:
        return bool(function_definitions(open(path, errors="replace").read()))
    except OSError:
        return False


# ---------------------------------------------------------------- running

def median_ms(samples):
    return statistics.median(samples) if samples else None


class Runner:
    def __init__(self, args):
        self.args = args
        self.tool = os.path.abspath(args.tool) if os.sep in args.tool else (
            shutil.which(args.tool) or args.tool)
        self.tmp = tempfile.mkdtemp(prefix="real-code.")
        self.counter = 0
        self.kflags_cache = {}

    def timed(self, argv, cwd=None, timeout=900):
        start = time.monotonic()
        try:
            p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                               errors="replace", timeout=timeout)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = -999, "", (e.stderr or b"").decode(
                errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
            err += "\nreal-code: timeout after %ds\n" % timeout
        return rc, out, err, (time.monotonic() - start) * 1000.0

    def simulator_dir(self):
        d = os.path.join(os.path.dirname(self.tool), "..", "share",
                         "utrace-check", "include")
        if os.path.isdir(d):
            return os.path.normpath(d)
        # a build directory inside the source tree: the tool falls back to
        # the source tree's checker/simulator
        for up in ("../..", "../../.."):
            d = os.path.join(os.path.dirname(self.tool), up, "checker", "simulator")
            if os.path.isdir(d):
                return os.path.normpath(d)
        return os.path.join(ROOT, "checker", "simulator")

    def kbuild_flags(self, kdir, path):
        """The compiler flags Kbuild uses for PATH as an external module
        (the trick the tool's --kdir uses: make -n with CHECK=marker)."""
        marker = "__REAL_CODE_ARGV__"
        d = tempfile.mkdtemp(dir=self.tmp, prefix="kbuild.")
        mod = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0])
        link = os.path.join(d, mod + ".c")
        os.symlink(os.path.abspath(path), link)
        with open(os.path.join(d, "Kbuild"), "w") as f:
            f.write("obj-m := %s.o\nccflags-y += -I%s\n" % (
                mod, os.path.dirname(os.path.abspath(path))))
        p = subprocess.run(["make", "-n", "-C", kdir, "M=" + d, "C=2",
                            "CHECK=" + marker, mod + ".o"],
                           capture_output=True, text=True, errors="replace")
        text = p.stdout + p.stderr
        pos = text.find(marker)
        if pos < 0:
            return None
        line = text[pos + len(marker):].split("\n")[0]
        argv = []
        for t in shlex.split(line):
            if t in (";", "&&"):
                break
            end = t.endswith(";")
            t = t.rstrip(";")
            if t == link:
                t = os.path.abspath(path)
            argv.append(t)
            if end:
                break
        return [a for a in argv if a != os.path.abspath(path)]

    def run_file(self, path, mode, flags, tool_opts=()):
        """One file in one mode: mode is 'standalone' or ('kdir', KDIR).
        flags: extra compiler flags (standalone: after --; kdir:
        --extra-arg each)."""
        self.counter += 1
        argv = [self.tool, "-v"] + list(tool_opts)
        if mode == "standalone":
            argv += ["--standalone", path, "--"] + list(flags)
        else:
            argv += ["--kdir", mode[1]] + ["--extra-arg=" + f for f in flags] + [path]
        runs = 1 if self.args.quick else self.args.runs
        times = []
        first = None
        for _ in range(runs):
            rc, out, err, ms = self.timed(argv)
            times.append(ms)
            if first is None:
                first = (rc, out, err)
        rc, out, err = first
        log = os.path.join(self.tmp, "%03d-%s.log" % (
            self.counter, os.path.basename(path)))
        with open(log, "w") as f:
            f.write("$ " + " ".join(shlex.quote(a) for a in argv) + "\n")
            f.write("exit %d\n%s%s" % (rc, out, err))
        res = parse_tool_output(path, rc, out + err)
        res.update(path=path, mode="standalone" if mode == "standalone" else "kdir",
                   tool_ms=median_ms(times), log=log, argv=argv)
        if not self.args.quick:
            cflags = self.clang_flags(path, mode, flags, res)
            if cflags is not None:
                ctimes = []
                for _ in range(runs):
                    crc, _, cerr, ms = self.timed(
                        [self.args.clang, "-fsyntax-only", "-w",
                         "-fno-caret-diagnostics"] + cflags + [path])
                    ctimes.append(ms)
                res["syntax_ms"] = median_ms(ctimes)
                if res["syntax_ms"]:
                    res["ratio"] = res["tool_ms"] / res["syntax_ms"]
        return res

    def clang_flags(self, path, mode, flags, res):
        if mode == "standalone":
            return ["-nostdinc", "-I", self.simulator_dir()] + \
                STANDALONE_CLANG + list(flags)
        kdir = mode[1]
        kf = self.kbuild_flags(kdir, path)
        if kf is None:
            return None
        dropped = set(res.get("dropped", []))
        kept = [a for a in kf if a not in dropped
                and not (a.startswith("-Wp,") and ",-M" in a)]
        return kept + list(flags)


def parse_tool_output(path, rc, text):
    """Coverage, crash and findings of one tool run. The one place that
    knows the tool's output format."""
    res = {"rc": rc, "findings": [], "skipped_functions": [], "dropped": [],
           "analysed": None, "total": None, "status": "analysed",
           "reason": ""}
    crash = rc > 2 or rc < 0 or any(m in text for m in CRASH_MARKS)
    res["crash"] = crash
    all_cov = None
    for line in text.splitlines():
        m = FINDING_RE.match(line)
        if m:
            res["findings"].append({
                "path": m.group("path"), "line": int(m.group("line")),
                "msg": m.group("msg"), "id": m.group("id"),
                "family": m.group("id").split("-")[1]})
            continue
        m = STANDALONE_COV_RE.match(line)
        if m:
            res["analysed"], res["total"] = int(m.group("n")), int(m.group("m"))
            continue
        m = FUNC_SKIP_RE.match(line)
        if m:
            res["skipped_functions"].append({
                "name": m.group("name"), "line": int(m.group("line")),
                "reason": m.group("reason")})
            continue
        m = FILE_FAIL_RE.match(line)
        if m:
            res["status"], res["reason"] = "failed", m.group("reason")
            continue
        m = FILE_SKIP_RE.match(line)
        if m:
            res["status"], res["reason"] = "skipped", m.group("reason")
            continue
        m = DROPPED_RE.match(line)
        if m:
            res["dropped"] += m.group("flag").split()
            continue
        m = ALL_COV_RE.match(line)
        if m:
            all_cov = (int(m.group("n")), int(m.group("m")))
    if crash:
        res["status"] = "crash"
    elif "'linux/utrace.h' file not found" in res["reason"]:
        # needs a utrace-patched kernel: not part of a build on these headers
        res["status"] = "not-built"
    own = count_api_functions(path)
    res["own_total"] = own
    if res["total"] is None:
        # no standalone coverage line: kdir mode, or the file failed/skipped
        res["total"] = own
        if res["status"] == "analysed" and not crash:
            skipped_api = len(res["skipped_functions"])
            res["analysed"] = max(0, own - skipped_api)
            if all_cov is not None:
                # our count sees both sides of every #if: bounded by what
                # the tool says it analysed (0 of 0: the API-calling code
                # is preprocessed away in this configuration)
                if all_cov[1] == 0:
                    res["total"] = 0
                res["analysed"] = min(res["analysed"], all_cov[0], res["total"])
        else:
            res["analysed"] = 0
    res["all_functions"] = all_cov
    return res


# ---------------------------------------------------------------- lanes

def realcode_dir(args):
    return os.path.abspath(args.realcode)


def src_files(args):
    base = os.path.join(realcode_dir(args), "src")
    out = []
    for p in sorted(glob.glob(os.path.join(base, "**", "*.[ch]"), recursive=True)):
        if p.endswith(".c") or defines_functions(p):
            out.append(p)
    return out


def stap_files(runtime):
    """Every file of the runtime that calls the utrace API (either
    generation), .c files and headers with function bodies."""
    out = []
    for p in sorted(glob.glob(os.path.join(runtime, "**", "*.[ch]"), recursive=True)):
        if "autoconf-" in os.path.basename(p):
            continue  # stap's configure probes, not runtime code
        try:
            text = open(p, errors="replace").read()
        except OSError:
            continue
        code = blank_noncode(text)
        if any(API_CALL_RE.search(code[f[3]:f[4] + 1])
               for f in function_definitions(text)):
            out.append(p)
    return out


def stap_real_flags(args, runner):
    """The configuration of a real stap build, from
    scripts/check-systemtap-runtime.sh --print-flags (one flag a line)."""
    script = os.path.join(ROOT, "scripts", "check-systemtap-runtime.sh")
    if os.path.exists(script):
        p = subprocess.run(["bash", script, "--print-flags", "--kdir", args.kdir],
                           capture_output=True, text=True, errors="replace")
        if p.returncode == 0 and p.stdout.strip():
            return [l for l in p.stdout.splitlines() if l.strip()]
        sys.stderr.write("real-code: check-systemtap-runtime.sh --print-flags "
                         "failed (%s); using the minimal defines\n"
                         % p.stderr.strip().splitlines()[-1:] )
    return STAP_STANDALONE_DEFINES + ["-I", args.stap_runtime]


def parse_bug_md(pair_dir):
    text = open(os.path.join(pair_dir, "BUG.md")).read()
    kind = re.search(r"^- kind: \*\*([\w-]+)\*\*", text, re.M)
    where = re.search(r"^## Where \(line numbers in `before/([^`]+)`\)", text, re.M)
    funcs = [(m.group(1), int(m.group(2)), int(m.group(3))) for m in
             re.finditer(r"^- `(\w+)\(\)` L(\d+)-(\d+)", text, re.M)]
    return {"kind": kind.group(1) if kind else "?",
            "file": where.group(1) if where else None, "functions": funcs}


def in_ranges(f, path, ranges):
    if os.path.realpath(f["path"]) != os.path.realpath(path):
        return False
    return any(a <= f["line"] <= b for a, b in ranges)


def family_matches(kind, family):
    fams = FAMILIES_OF_KIND.get(kind)
    return fams is None or family in fams


def pair_lane(args, runner, results):
    base = os.path.join(realcode_dir(args), "pairs")
    rows = []
    for pair in sorted(os.listdir(base)):
        pdir = os.path.join(base, pair)
        if not os.path.isfile(os.path.join(pdir, "BUG.md")):
            continue
        bug = parse_bug_md(pdir)
        side_res = {}
        for side in ("before", "after"):
            for p in sorted(glob.glob(os.path.join(pdir, side, "**", "*.[ch]"),
                                      recursive=True)):
                if not (p.endswith(".c") or defines_functions(p)):
                    continue
                r = runner.run_file(p, "standalone", args.pair_flags,
                                    args.pair_tool_opts)
                r.update(lane="pairs", pair=pair, side=side)
                results.append(r)
                print_row(r, args)
                side_res[(side, os.path.relpath(p, os.path.join(pdir, side)))] = r
        row = {"pair": pair, "kind": bug["kind"], "file": bug["file"],
               "functions": [f[0] for f in bug["functions"]]}
        for side in ("before", "after"):
            path = os.path.join(pdir, side, bug["file"] or "")
            r = side_res.get((side, bug["file"]))
            if side == "before":
                ranges = [(a, b) for _, a, b in bug["functions"]]
            else:
                defs = function_definitions(open(path, errors="replace").read()) \
                    if os.path.exists(path) else []
                names = {f[0] for f in bug["functions"]}
                ranges = [(d[1], d[2]) for d in defs if d[0] in names]
            hits = [f for f in (r["findings"] if r else [])
                    if in_ranges(f, path, ranges) and family_matches(bug["kind"], f["family"])]
            row[side] = len(hits)
            row[side + "_ids"] = sorted({f["id"] for f in hits})
            row[side + "_analysed"] = "%s/%s%s" % (
                r["analysed"], r["total"],
                "" if r["status"] == "analysed" else " " + r["status"]) if r else "-"
        row["verdict"] = ("HIT" if row["before"] and not row["after"] else
                          "noisy-after" if row["before"] else "miss")
        rows.append(row)
    return rows


# ---------------------------------------------------------------- output

def fmt_ms(v):
    return "-" if v is None else "%.0f" % v


def family_counts(findings):
    c = {}
    for f in findings:
        c[f["family"]] = c.get(f["family"], 0) + 1
    return c


def print_row(r, args):
    fam = family_counts(r["findings"])
    fams = " ".join("%s=%d" % kv for kv in sorted(fam.items())) or "-"
    name = r["path"]
    for prefix in (realcode_dir(args) + os.sep, args.stap_runtime.rstrip("/") + "/"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    ratio = "-" if r.get("ratio") is None else "%.2f" % r["ratio"]
    reason = re.sub(r"^.*?:\d+:\d+: (error: )?", "", r["reason"])
    status = r["status"] + (": " + reason[:70] if reason and r["status"] != "analysed" else "")
    print("%-70s %-10s %3s/%-3s %-5s %7s %7s %6s  %s  [%s]" % (
        name[-70:], r["mode"], r["analysed"], r["total"],
        "CRASH" if r["crash"] else "no", fmt_ms(r["tool_ms"]),
        fmt_ms(r.get("syntax_ms")), ratio, fams, status), flush=True)


def header():
    print("%-70s %-10s %7s %-5s %7s %7s %6s  %s" % (
        "file", "mode", "api fn", "crash", "tool ms", "syn ms", "ratio",
        "findings per family  [status]"))


def pct(a, b):
    return "-" if not b else "%.1f%%" % (100.0 * a / b)


def summarise(results, pairs, args):
    s = {}
    stand = [r for r in results if r["mode"] == "standalone"]
    real = [r for r in results if r["lane"] == "stap" and r["mode"] == "kdir"
            and r["status"] != "not-built"]
    s["standalone_analysed"] = sum(r["analysed"] for r in stand)
    s["standalone_total"] = sum(r["total"] for r in stand)
    s["real_analysed"] = sum(r["analysed"] for r in real)
    s["real_total"] = sum(r["total"] for r in real)
    s["crashes"] = [r["path"] + " (" + r["mode"] + ")" for r in results if r["crash"]]
    ratios = [r["ratio"] for r in results if r.get("ratio") is not None]
    s["median_ratio"] = statistics.median(ratios) if ratios else None
    s["max_ratio"] = max(ratios) if ratios else None
    per_rule, per_family = {}, {}
    for r in results:
        for f in r["findings"]:
            per_rule[f["id"]] = per_rule.get(f["id"], 0) + 1
            per_family[f["family"]] = per_family.get(f["family"], 0) + 1
    s["per_rule"], s["per_family"] = per_rule, per_family
    per_file_rule = {}
    for r in results:
        if r["findings"]:
            c = per_file_rule.setdefault(r["path"] + " (" + r["mode"] + ")", {})
            for f in r["findings"]:
                c[f["id"]] = c.get(f["id"], 0) + 1
    s["per_file_rule"] = per_file_rule
    # UT-BAR per real file: src (standalone) and the runtime with real headers
    bar = {}
    for r in results:
        if r["lane"] == "src" or (r["lane"] == "stap" and r["mode"] == "kdir"):
            bar[r["path"] + " (" + r["mode"] + ")"] = sum(
                1 for f in r["findings"] if f["family"] == "BAR")
    s["bar_per_file"] = bar
    s["bar_max"] = max(bar.values()) if bar else None
    if pairs:
        s["pairs_hit"] = sum(1 for p in pairs if p["verdict"] == "HIT")
        s["pairs_total"] = len(pairs)
    return s


def print_summary(s, pairs, args, listing):
    print()
    if pairs:
        print("Bug-fix pairs (findings of the expected family inside the named functions)")
        print("%-36s %-16s %-12s %-12s %7s %7s  %-12s %s" % (
            "pair", "kind", "an.before", "an.after", "before", "after", "verdict", "rules"))
        for p in pairs:
            print("%-36s %-16s %-12s %-12s %7d %7d  %-12s %s" % (
                p["pair"], p["kind"], p["before_analysed"], p["after_analysed"],
                p["before"], p["after"], p["verdict"],
                ",".join(p["before_ids"] + [i + "(after)" for i in p["after_ids"]]) or "-"))
        print("HIT rate: %d of %d (%s)" % (s["pairs_hit"], s["pairs_total"],
                                           pct(s["pairs_hit"], s["pairs_total"])))
        print()
    print("Totals")
    print("  API-calling functions analysed, standalone: %d of %d (%s)" % (
        s["standalone_analysed"], s["standalone_total"],
        pct(s["standalone_analysed"], s["standalone_total"])))
    if s["real_total"]:
        print("  SystemTap runtime with real headers:        %d of %d (%s)" % (
            s["real_analysed"], s["real_total"], pct(s["real_analysed"], s["real_total"])))
    print("  crashes: %d%s" % (len(s["crashes"]),
                               "".join("\n    " + c for c in s["crashes"])))
    if s["median_ratio"] is not None:
        print("  tool / clang-19 -fsyntax-only: median %.2f, max %.2f" % (
            s["median_ratio"], s["max_ratio"]))
    print("  findings per family: " + (" ".join(
        "%s=%d" % kv for kv in sorted(s["per_family"].items())) or "none"))
    print("  findings per rule:   " + (" ".join(
        "%s=%d" % kv for kv in sorted(s["per_rule"].items())) or "none"))
    if s["per_file_rule"]:
        print("  findings per file and rule:")
        for k, v in sorted(s["per_file_rule"].items()):
            print("    %s: %s" % (k, " ".join("%s=%d" % kv for kv in sorted(v.items()))))
    if s["bar_per_file"]:
        print("  UT-BAR per real file (max %d):" % s["bar_max"])
        for k, v in sorted(s["bar_per_file"].items()):
            print("    %4d  %s" % (v, k))
    print("  findings listing: " + listing)


def write_listing(results, path):
    seen = set()
    lines = []
    for r in results:
        for f in r["findings"]:
            key = (f["path"], f["line"], f["msg"], f["id"], r["mode"])
            if key in seen:
                continue
            seen.add(key)
            lines.append("%s:%d: %s [%s]  (%s, %s)" % (
                f["path"], f["line"], f["msg"], f["id"], r["lane"], r["mode"]))
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + ("\n" if lines else ""))
    return lines


# ---------------------------------------------------------------- triage
#
# docs/real-code-triage.md keeps one verdict per finding on real code in
# its "Current verdicts" table, between the two markers below, one row per
# finding (a line the tool reports in both modes of the stap lane is one
# finding):
#   | `WHERE` | LINE | UT-XXX-NNN | right|wrong|unclear | why |
# WHERE is the file under the corpus: src/..., pairs/PAIR/before|after/...,
# or stap/... (under the SystemTap runtime). The run's findings are joined
# with it: the precision figure, and the findings with no verdict yet.

TRIAGE_BEGIN = "<!-- verdicts: begin -->"
TRIAGE_END = "<!-- verdicts: end -->"
VERDICTS = ("right", "wrong", "unclear")
VERDICT_ROW_RE = re.compile(
    r"^\|\s*`(?P<where>[^`]+)`\s*\|\s*(?P<line>\d+)\s*\|\s*(?P<id>UT-[A-Z]+-\d+)\s*\|"
    r"\s*(?P<verdict>[a-z]+)\s*\|\s*(?P<why>.*?)\s*\|\s*$")


class TriageError(Exception):
    pass


def read_verdicts(path):
    """{(where, line, id): verdict} from the table between the markers."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    try:
        start = lines.index(TRIAGE_BEGIN)
        end = lines.index(TRIAGE_END, start)
    except ValueError:
        raise TriageError("%s: no '%s' ... '%s' table" % (path, TRIAGE_BEGIN, TRIAGE_END))
    verdicts = {}
    for n, text in enumerate(lines[start + 1:end], start + 2):
        if not text.startswith("| `"):
            continue  # the header, its rule, blank lines
        m = VERDICT_ROW_RE.match(text)
        if not m:
            raise TriageError("%s:%d: not a verdict row: | `WHERE` | LINE | ID | VERDICT | why |"
                              % (path, n))
        if m["verdict"] not in VERDICTS:
            raise TriageError("%s:%d: verdict '%s' is not one of %s"
                              % (path, n, m["verdict"], ", ".join(VERDICTS)))
        key = (m["where"], int(m["line"]), m["id"])
        if key in verdicts:
            raise TriageError("%s:%d: a second verdict for %s:%d %s" % ((path, n) + key))
        if not m["why"]:
            raise TriageError("%s:%d: a verdict without a reason" % (path, n))
        verdicts[key] = m["verdict"]
    return verdicts


def corpus_where(path, args):
    """The file as the verdict table names it, or None outside the corpus."""
    path = os.path.realpath(path)
    for root, prefix in ((os.path.realpath(args.realcode), ""),
                         (os.path.realpath(args.stap_runtime), "stap/")):
        if path.startswith(root + os.sep):
            return prefix + os.path.relpath(path, root)
    return None


def triage(results, args, verdicts):
    """Join the run's findings with the verdicts: counts per scope (the real
    code, src and stap, and the pairs), findings with no verdict, and
    verdicts of the lanes that ran whose finding is gone."""
    found = set()
    for r in results:
        for f in r["findings"]:
            where = corpus_where(f["path"], args)
            if where:
                found.add((where, f["line"], f["id"]))
    out = {}
    for scope, pick in (("real", lambda w: not w.startswith("pairs/")),
                        ("pairs", lambda w: w.startswith("pairs/"))):
        keys = [k for k in found if pick(k[0])]
        c = {v: sum(1 for k in keys if verdicts.get(k) == v) for v in VERDICTS}
        c["untriaged"] = sum(1 for k in keys if k not in verdicts)
        c["findings"] = len(keys)
        out[scope] = c
    out["untriaged"] = sorted(k for k in found if k not in verdicts)
    lane_of = lambda w: "pairs" if w.startswith("pairs/") else (
        "stap" if w.startswith("stap/") else "src")
    out["stale"] = sorted(k for k in verdicts
                          if k not in found and lane_of(k[0]) in args.lanes)
    return out


def print_triage(t, path):
    print("Triage (%s, current verdicts; unclear and untriaged count against)"
          % os.path.relpath(path))
    both = {k: t["real"][k] + t["pairs"][k] for k in t["real"]}
    for label, c in (("src + SystemTap runtime", t["real"]),
                     ("pairs, both sides", t["pairs"]), ("all", both)):
        print("  %-24s %3d findings: %d right, %d wrong, %d unclear, %d untriaged: %s right"
              % (label, c["findings"], c["right"], c["wrong"], c["unclear"],
                 c["untriaged"], pct(c["right"], c["findings"])))
    for k in t["untriaged"]:
        print("  no verdict yet: %s:%d %s" % k)
    for k in t["stale"]:
        print("  verdict with no finding now: %s:%d %s" % k)


# ---------------------------------------------------------------- main

def parse_args(argv):
    kdirs = sorted(glob.glob("/usr/src/linux-headers-*-amd64"))
    ap = argparse.ArgumentParser(
        prog="real-code.sh",
        description="utrace-check on real third-party code: coverage, "
        "crashes, time against clang-19 -fsyntax-only, findings per rule "
        "family, and the bug-fix pair table (a benchmark; CI does not run it).")
    ap.add_argument("-n", dest="runs", type=int, default=3,
                    help="timed runs per file, the median is printed (3)")
    ap.add_argument("-t", dest="tool",
                    default=os.environ.get("TOOL", os.path.join(ROOT, "build", "bin", "utrace-check")),
                    help="the tool (env TOOL; build/bin/utrace-check)")
    ap.add_argument("--quick", action="store_true",
                    help="one run per file, no timing of clang-19")
    ap.add_argument("--only", choices=["src", "pairs", "stap"], action="append",
                    help="run only this lane (repeatable)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--list", action="store_true",
                    help="print every finding as file:line: message [ID]")
    ap.add_argument("--realcode", default=os.path.join(ROOT, "..", "shared", "realcode"),
                    help="the real-code corpus (../shared/realcode)")
    ap.add_argument("--stap-runtime", default=STAP_RUNTIME,
                    help="SystemTap's runtime (%s)" % STAP_RUNTIME)
    ap.add_argument("--kdir", default=kdirs[-1] if kdirs else None,
                    help="kernel headers for the real-headers lane "
                    "(/usr/src/linux-headers-*-amd64)")
    ap.add_argument("--clang", default="clang-19", help="clang for the syntax-only time")
    ap.add_argument("--pair-tool-opt", dest="pair_tool_opts", action="append",
                    default=None, help="tool option for the pairs (default --scope=all: "
                    "pairs without utrace calls get the RCU rules too)")
    ap.add_argument("--triage", default=os.path.join(ROOT, "docs", "real-code-triage.md"),
                    help="the verdicts to join the findings with "
                    "(docs/real-code-triage.md); 'none' to skip")
    ap.add_argument("--cocci", action="store_true",
                    help="also run the project's Coccinelle rules (spatch) over src "
                    "and the runtime and list their findings beside the checker's")
    a = ap.parse_args(argv)
    if a.pair_tool_opts is None:
        a.pair_tool_opts = ["--scope=all"]
    a.pair_flags = []
    a.lanes = a.only or ["src", "pairs", "stap"]
    return a


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not (os.path.isfile(args.tool) and os.access(args.tool, os.X_OK)) and \
            not shutil.which(args.tool):
        sys.stderr.write("real-code: the tool %s is not there (build it, or -t TOOL)\n"
                         % args.tool)
        return 2
    if not os.path.isdir(args.realcode):
        sys.stderr.write("real-code: no corpus at %s\n" % args.realcode)
        return 2
    if not args.quick and not shutil.which(args.clang):
        sys.stderr.write("real-code: %s is not installed (or use --quick)\n" % args.clang)
        return 2
    verdicts = None
    if args.triage != "none":
        try:
            verdicts = read_verdicts(args.triage)
        except OSError as e:
            sys.stderr.write("real-code: cannot read %s: %s\n" % (args.triage, e.strerror))
            return 2
        except TriageError as e:
            sys.stderr.write("real-code: %s\n" % e)
            return 2
    runner = Runner(args)
    print("tool: %s   runs: %d   temp: %s" % (runner.tool, 1 if args.quick else args.runs,
                                             runner.tmp))
    results, pairs = [], []
    header()
    if "src" in args.lanes:
        for p in src_files(args):
            r = runner.run_file(p, "standalone", [])
            r["lane"] = "src"
            results.append(r)
            print_row(r, args)
    if "pairs" in args.lanes:
        pairs = pair_lane(args, runner, results)
    if "stap" in args.lanes:
        if not os.path.isdir(args.stap_runtime):
            print("(no SystemTap runtime at %s: apt-get install systemtap)" % args.stap_runtime)
        else:
            files = stap_files(args.stap_runtime)
            for p in files:
                r = runner.run_file(p, "standalone",
                                    STAP_STANDALONE_DEFINES + ["-I", args.stap_runtime])
                r["lane"] = "stap"
                results.append(r)
                print_row(r, args)
            if args.kdir:
                flags = stap_real_flags(args, runner)
                for p in files:
                    r = runner.run_file(p, ("kdir", args.kdir), flags)
                    r["lane"] = "stap"
                    results.append(r)
                    print_row(r, args)
            else:
                print("(no kernel headers /usr/src/linux-headers-*-amd64: "
                      "apt-get install linux-headers-amd64)")
    listing = os.path.join(runner.tmp, "findings.txt")
    lines = write_listing(results, listing)
    s = summarise(results, pairs, args)
    cocci = None
    if args.cocci:
        import real_code_cocci
        cocci = real_code_cocci.run(args, runner, results)
    if args.list:
        print()
        print("\n".join(lines))
    print_summary(s, pairs, args, listing)
    t = None
    if verdicts is not None:
        t = triage(results, args, verdicts)
        print()
        print_triage(t, args.triage)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"tool": runner.tool, "summary": s, "pairs": pairs,
                       "files": results, "cocci": cocci, "triage": t}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

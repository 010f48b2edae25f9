#!/usr/bin/env python3
"""Run utrace-check over every translation unit of a compile database, in
parallel, with a progress line on a terminal: in the spirit of the kernel's
scripts/clang-tools/run-clang-tools.py.

  run-utrace-check.py [-j N] [-p BUILD_DIR] [--sarif OUT] [--filter REGEX]
                      [-- UTRACE-CHECK-OPTIONS...]

Each file runs in its own utrace-check process (so one crash or hang
cannot take the run down; --timeout applies per file), findings are printed
as each file finishes, and --sarif merges one report per file into OUT.
Exit status: 0 no findings, 1 findings, 2 a file failed or bad usage.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_tool = shutil.which("utrace-check") or os.path.join(
        here, "..", "..", "build", "bin", "utrace-check")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-p", dest="build", default=".",
                    help="directory with compile_commands.json")
    ap.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--tool", default=default_tool)
    ap.add_argument("--sarif", help="merge per-file SARIF reports into this file")
    ap.add_argument("--filter", default="", help="only files matching REGEX")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per file")
    ap.add_argument("extra", nargs="*", help="options passed to utrace-check")
    args = ap.parse_args()

    db_path = os.path.join(args.build, "compile_commands.json")
    try:
        with open(db_path) as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        print("run-utrace-check: error: cannot read %s: %s" % (db_path, e),
              file=sys.stderr)
        return 2
    files = sorted({os.path.join(e["directory"], e["file"]) for e in entries})
    files = [f for f in files if re.search(args.filter, f)]
    if not files:
        print("run-utrace-check: error: no files to check", file=sys.stderr)
        return 2

    reports = tempfile.mkdtemp(prefix="run-utrace-check.") if args.sarif else None
    tty = sys.stderr.isatty()
    done = findings = failed = with_findings = 0
    start = time.monotonic()

    def check(path):
        cmd = [args.tool, "-p", args.build, "-j", "1"] + args.extra
        if reports:
            cmd += ["--format=sarif", "--output-dir", reports]
        cmd.append(path)
        try:
            p = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=args.timeout)
            return path, p.returncode, p.stderr
        except subprocess.TimeoutExpired:
            return path, 2, "utrace-check: error: %s: timed out after %ds\n" % (
                path, args.timeout)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for path, rc, err in pool.map(check, files):
            done += 1
            findings += err.count(": warning: ")
            failed += rc == 2
            with_findings += rc == 1
            if tty:
                sys.stderr.write("\r\033[K")
            sys.stderr.write(err)
            if tty:
                left = (time.monotonic() - start) / done * (len(files) - done)
                sys.stderr.write("[%d/%d] %d with findings, %d failed, ETA %ds" % (
                    done, len(files), with_findings, failed, left))
                sys.stderr.flush()
    if tty:
        sys.stderr.write("\n")
    if reports:
        parts = sorted(os.path.join(reports, n) for n in os.listdir(reports))
        if parts:
            subprocess.run([args.tool, "merge", args.sarif] + parts, check=True)
            with open(args.sarif) as f:
                findings = sum(len(r.get("results", []))
                               for r in json.load(f).get("runs", []))
        shutil.rmtree(reports)
    print("run-utrace-check: %d files, %d with findings, %d findings, "
          "%d failed, %.1fs" % (len(files), with_findings, findings, failed,
                                time.monotonic() - start), file=sys.stderr)
    return 2 if failed else 1 if with_findings else 0


if __name__ == "__main__":
    sys.exit(main())

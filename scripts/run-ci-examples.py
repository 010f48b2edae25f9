#!/usr/bin/env python3
"""Runs the commands of the example CI files in kernel-integration/ci/ on
this machine, against a small project made from testdata/ci/Inputs, with the
freshly built utrace-check first on PATH.

GitHub Actions: every job in `needs` order, every matrix combination, every
`run:` step not marked [ci-only] in its name; `${{ matrix.X }}` and
`${{ env.X }}` / `${{ github.X }}` are substituted, artifact steps are no-ops
(all jobs share one directory) and the SARIF given to upload-sarif must
exist and pass the vendored schema. GitLab CI: every job's `script:` lines
(never `before_script:`, which sets up GitLab's image), `parallel: N` run as CI_NODE_INDEX 1..N, and the
codequality reports must be JSON arrays. The pre-commit hook runs in a git
repository with a staged buggy file (must refuse) and a clean one (must
accept). Exit 0 when every command behaved.

usage: run-ci-examples.py SRCROOT TOOL_DIR WORK_DIR
"""
import glob
import itertools
import json
import os
import re
import shutil
import subprocess
import sys

import yaml  # Debian: python3-yaml

sys.stdout.reconfigure(line_buffering=True)  # ordered with child output
SRC, TOOLS, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
CI = os.path.join(SRC, "kernel-integration", "ci")
failures = []


def make_project(root):
    """A project with compile_commands.json in build/ and a baseline."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "build"))
    shutil.copytree(os.path.join(SRC, "testdata", "ci", "Inputs"),
                    os.path.join(root, "src"))
    os.remove(os.path.join(root, "src", "broken.c"))
    inc = os.path.join(SRC, "checker", "simulator")
    db = [{"directory": root, "file": "src/" + f,
           "arguments": ["cc", "-nostdinc", "-I", inc, "-c", "src/" + f]}
          for f in sorted(os.listdir(os.path.join(root, "src")))
          if f.endswith(".c")]
    json.dump(db, open(os.path.join(root, "build", "compile_commands.json"), "w"))
    env = dict(os.environ, PATH=TOOLS + os.pathsep + os.environ["PATH"])
    subprocess.run(["utrace-check", "-p", "build", "--no-summary",
                    "--write-baseline", ".utrace-baseline.json"],
                   cwd=root, env=env, stderr=subprocess.DEVNULL)
    return env


def run(cmd, cwd, env, what):
    print("$ " + cmd.strip().replace("\n", "\n  "))
    r = subprocess.run(["bash", "-eo", "pipefail", "-c", cmd], cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write(r.stdout)
    if r.returncode != 0:
        failures.append("%s: exit %d" % (what, r.returncode))
    return r.returncode


def check_sarif(path, cwd):
    r = subprocess.run([sys.executable, os.path.join(SRC, "scripts", "validate-sarif.py"),
                        path], cwd=cwd)
    if r.returncode:
        failures.append("upload-sarif: %s is not valid SARIF" % path)


def github(root, env):
    wf = yaml.safe_load(open(os.path.join(CI, "github-actions.yml")))
    env = dict(env, **{k: str(v) for k, v in wf.get("env", {}).items()})
    done, jobs = set(), wf["jobs"]
    while len(done) < len(jobs):
        for name, job in jobs.items():
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            if name in done or not set(needs) <= done:
                continue
            done.add(name)
            matrix = (job.get("strategy") or {}).get("matrix") or {}
            keys = list(matrix)
            for combo in itertools.product(*(matrix[k] for k in keys)) or [()]:
                values = dict(zip(keys, map(str, combo)))
                for step in job["steps"]:
                    def subst(s):
                        s = re.sub(r"\$\{\{\s*matrix\.(\w+)\s*\}\}", lambda m: values[m.group(1)], s)
                        s = re.sub(r"\$\{\{\s*github\.repository\s*\}\}", "example/project", s)
                        return s
                    label = subst(step.get("name", step.get("uses", "run")))
                    if "[ci-only]" in label:
                        continue
                    if "run" in step:
                        step_env = {k: subst(v) for k, v in env.items()}
                        run(subst(step["run"]), root, step_env, "github %s: %s" % (name, label))
                    elif step.get("uses", "").startswith("github/codeql-action/upload-sarif"):
                        check_sarif(step["with"]["sarif_file"], root)


def gitlab(root, env):
    wf = yaml.safe_load(open(os.path.join(CI, "gitlab-ci.yml")))
    env = dict(env, **{k: str(v) for k, v in wf.get("variables", {}).items()})
    for stage in wf["stages"]:
        for name, job in wf.items():
            if not isinstance(job, dict) or job.get("stage") != stage:
                continue
            n = job.get("parallel", 1)
            for node in range(1, n + 1):
                node_env = dict(env, CI_NODE_INDEX=str(node), CI_NODE_TOTAL=str(n))
                for line in job["script"]:
                    run(line, root, node_env, "gitlab %s" % name)
            reports = (job.get("artifacts") or {}).get("reports") or {}
            if "codequality" in reports:
                found = glob.glob(os.path.join(root, reports["codequality"]))
                if not found:
                    failures.append("gitlab: no code quality report")
                for path in found:
                    if not isinstance(json.load(open(path)), list):
                        failures.append("gitlab: %s is not an array" % path)


def pre_commit(root, env):
    hook = os.path.join(CI, "pre-commit")
    git = lambda *a: subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *a],
                                    cwd=root, env=env, check=True, capture_output=True)
    git("init", "-q")
    os.remove(os.path.join(root, ".utrace-baseline.json"))
    git("add", "src/clean.c")
    if run(hook, root, env, "pre-commit (clean file)") != 0:
        return
    git("add", "src/leaky.c")
    print("(the hook must refuse the next commit)")
    r = subprocess.run([hook], cwd=root, env=env, capture_output=True, text=True)
    sys.stdout.write(r.stderr)
    if r.returncode == 0:
        failures.append("pre-commit accepted a file with findings")


for name, fn in (("github", github), ("gitlab", gitlab), ("pre-commit", pre_commit)):
    print("== %s" % name)
    root = os.path.join(WORK, name)
    fn(root, make_project(root))

print("\n".join(["FAILED: " + f for f in failures]) or "all example CI commands passed")
sys.exit(1 if failures else 0)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Ground truth, checked: the static checker and the runtime-checking build
must agree on every annotated test case (docs/runtime-checks.md,
"Agreement with the static checker").

For each testdata/<family>/*.c file carrying the line `// RUNTIME: agreement`:
  1. run build/bin/utrace-check on it and cross-check its findings against
     the file's expected-warning / acquire expected-note annotations;
  2. generate a C driver that #includes the file and runs every ok_/bad_
     function as a scenario against the runtime-checking build (one process
     per function), as the file's `// runtime: FUNC: ...` directives say;
  3. compare, per function, static rule@site with runtime rule@site.
Prints a table and totals; exits 1 on any disagreement.

Directives (one per comment line, anywhere in the file, keyed by function;
FUNC `*` applies to every case of the file):
  // runtime: FUNC: inject NAME[#N]=VALUE  the N-th (default 1st) call of NAME
        made by the case returns VALUE without doing the call (entry points:
        still the runtime engine check); NAME is a utrace entry point or
        kmalloc/kzalloc; VALUE a C expression (-ESRCH, NULL)
  // runtime: FUNC: set LVALUE=VALUE       override a default argument / field
        (LVALUE in terms of the parameter names: quick=1, w->hits=11)
  // runtime: FUNC: no-engine             do not pre-attach the module's engine
  // runtime: FUNC: stopped               the module's engine stops the thread first
  // runtime: FUNC: callback EVENT [data=struct S]  run the function as the
        EVENT callback (quiesce, reap, exec, clone, syscall_entry, syscall_exit)
        of an engine attached to the traced thread, data a filled S, and make
        the thread report EVENT
  // runtime: FUNC: resume                after the case, resume the thread
        through the module's engine (an ignored -EAGAIN finish shows then)
  // runtime: FUNC: not-runnable: REASON   not run (would crash, kernel-only)
  // runtime: FUNC: static-only: REASON    run and must be clean at run time;
        the static finding is one the runtime checks cannot express
"""
import argparse
import os
import re
import subprocess
import sys

import yaml

CATALOG = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "..", "..", "rules", "catalog")


def read_catalog(folder=CATALOG):
    """Every rule of the catalog (rules/catalog/*.yaml), by id."""
    rules = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name)) as f:
                for r in yaml.safe_load(f)["rules"]:
                    rules[r["id"]] = r
    return rules


RULES = read_catalog()
# The static side judges these once per engine and path (catalog:
# once_per_object); the runtime's reports after the first are not compared.
FATAL = {rid for rid, r in RULES.items() if r.get("once_per_object")}
INT_TYPES = {"int", "long", "unsigned", "unsigned int", "unsigned long", "bool",
             "u32", "u64", "size_t", "char"}


def strip_comments(text):
    # Keep line structure: replace comments by spaces/newlines.
    def repl(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r"//[^\n]*|/\*.*?\*/", repl, text, flags=re.S)


class TestFile:
    def __init__(self, path):
        self.path = path
        self.text = open(path).read()
        self.lines = self.text.split("\n")
        self.code = strip_comments(self.text)
        self.parse_directives()
        self.parse_structs()
        self.code_lines = self.code.split("\n")
        self.parse_functions()
        self.parse_all_functions()
        self.parse_globals()

    def parse_directives(self):
        self.dirs = {}
        for m in re.finditer(r"//\s*runtime:\s*(\w+|\*):\s*(.*)", self.text):
            self.dirs.setdefault(m.group(1), []).append(m.group(2).strip())

    def parse_structs(self):
        self.structs = {}
        for m in re.finditer(r"\bstruct\s+(\w+)\s*\{([^{}]*)\}\s*;", self.code):
            fields = []
            for decl in m.group(2).split(";"):
                decl = " ".join(decl.split())
                if not decl:
                    continue
                fm = re.match(r"(.*?)(\w+)$", decl)
                if fm:
                    fields.append((norm_type(fm.group(1)), fm.group(2)))
            self.structs[m.group(1)] = fields
        om = re.search(r"static\s+const\s+struct\s+utrace_engine_ops\s+(\w+)\s*;", self.code)
        self.ops = om.group(1) if om else None

    def parse_functions(self):
        self.funcs = []
        pat = re.compile(r"^([A-Za-z_][\w \t\*]*?)\b((?:ok|bad)_\w+)\s*\(([^)]*)\)\s*\{",
                         re.M | re.S)
        for m in pat.finditer(self.code):
            start = self.code.count("\n", 0, m.start()) + 1
            depth, i = 0, m.end() - 1
            while True:
                c = self.code[i]
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            end = self.code.count("\n", 0, i) + 1
            params = []
            for p in m.group(3).split(","):
                p = " ".join(p.split())
                if not p or p == "void":
                    continue
                pm = re.match(r"(.*?)(\w+)$", p)
                params.append((norm_type(pm.group(1)), pm.group(2)))
            self.funcs.append({"name": m.group(2), "ret": norm_type(m.group(1)),
                               "params": params, "start": start, "end": end})

    def parse_all_functions(self):
        """Every function defined in the file (cases and helpers), with the
        lines where it calls another function of the file."""
        self.allfuncs = []
        pat = re.compile(r"^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\(([^)]*)\)\s*\{", re.M | re.S)
        for m in pat.finditer(self.code):
            depth, i = 0, m.end() - 1
            while True:
                c = self.code[i]
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            self.allfuncs.append({"name": m.group(1),
                                  "start": self.code.count("\n", 0, m.start()) + 1,
                                  "end": self.code.count("\n", 0, i) + 1,
                                  "body": (m.end(), i)})
        names = {f["name"] for f in self.allfuncs}
        self.calls = {}
        for f in self.allfuncs:
            b0, b1 = f["body"]
            calls = []
            for cm in re.finditer(r"\b(\w+)\s*\(", self.code[b0:b1]):
                if cm.group(1) in names and cm.group(1) != f["name"]:
                    calls.append((cm.group(1), self.code.count("\n", 0, b0 + cm.start()) + 1))
            self.calls[f["name"]] = calls

    def any_func_at(self, line):
        for f in self.allfuncs:
            if f["start"] <= line <= f["end"]:
                return f["name"]
        return None

    def call_site_for(self, case, helper):
        """The line in @case whose call reaches @helper (transitively), or None."""
        for callee, line in self.calls.get(case, []):
            seen, todo = set(), [callee]
            while todo:
                g = todo.pop()
                if g == helper:
                    return line
                if g in seen:
                    continue
                seen.add(g)
                todo += [c for c, _ in self.calls.get(g, [])]
        return None

    def case_site(self, case, line):
        """A site inside a helper of the file (not a case) is compared as the
        call in @case that reaches that helper; other sites as they are."""
        owner = self.any_func_at(line)
        if owner and owner != case and owner not in {x["name"] for x in self.funcs}:
            return self.call_site_for(case, owner) or line
        return line

    def last_view_line(self, line):
        """The last task_user_regset_view()/copy_regset_*() line at or before
        @line in its function (where the runtime reports a regset call
        through the function pointers), or None."""
        fn = self.any_func_at(line)
        f = next((f for f in self.allfuncs if f["name"] == fn), None)
        for n in range(line, (f["start"] if f else line) - 1, -1):
            if re.search(r"\btask_user_regset_view\s*\(|\bcopy_regset_\w+\s*\(",
                         self.code_lines[n - 1]):
                return n
        return None

    def parse_globals(self):
        self.globals = re.findall(
            r"^static\s+struct\s+utrace_engine\s*\*\s*(\w+)\s*;", self.code, re.M)
        # File-scope pointers to the file's structures get a filled object.
        self.struct_globals = [(s, n) for s, n in re.findall(
            r"^static\s+struct\s+(\w+)\s*\*\s*(\w+)\s*;", self.code, re.M)
            if s in self.structs]

    def func_at(self, line):
        for f in self.funcs:
            if f["start"] <= line <= f["end"]:
                return f["name"]
        return None


def norm_type(t):
    t = " ".join(t.replace("*", " * ").split())
    t = re.sub(r"\b(static|inline|extern)\b", "", t)
    return " ".join(t.split()).replace("* *", "**")


# ---------------------------------------------------------------- static side

WARN_RE = re.compile(r"^(.*?):(\d+):\d+: (warning|note): (.*)$")
ID_RE = re.compile(r"\[(UT-[A-Z]+-\d{3})\]\s*$")


REGSET_PTR_CALL = re.compile(r"(\.|->)(get|set)\s*\(")


def static_site(tf, w):
    """The call site(s) the runtime names for static warning @w: the path
    note the catalog's runtime_site names (docs/runtime-checks.md), regset
    calls through the function pointers at the view, otherwise the warning
    line."""
    rule, line, notes = w["rule"], w["line"], w["notes"]
    site = RULES.get(rule, {}).get("runtime_site")
    if site and site.get("message", "") in w["msg"]:
        lines = sorted({l for l, m in notes if re.search(site["note"], m)})
        if site.get("pick", "all") == "last":
            lines = lines[-1:]
        if lines:
            return lines
    if REGSET_PTR_CALL.search(tf.code_lines[line - 1]) and "user_regset->" in w["msg"]:
        v = tf.last_view_line(line)
        return [v] if v else [line]
    return [line]


def static_findings(tf, checker, include):
    """[(rule, warning line, sites, case)]: sites as static_site() says;
    case is the ok_/bad_ function the finding belongs to (a warning inside a
    helper of the file belongs to the case whose call note leads there, and
    its site is that call)."""
    # The runtime side is the reference implementation: prepare pins the task
    # (the simulator's utrace.h would be checked under the historical contract).
    p = subprocess.run([checker, "--contract=pins", tf.path, "--", "-nostdinc", "-I", include],
                       capture_output=True, text=True, timeout=120)
    if p.returncode not in (0, 1):
        raise RuntimeError("utrace-check failed on %s: %s" % (tf.path, p.stderr))
    out, cur = [], None
    base = os.path.basename(tf.path)
    for l in p.stderr.splitlines():
        m = WARN_RE.match(l)
        if not m or os.path.basename(m.group(1)) != base:
            continue
        line, kind, msg = int(m.group(2)), m.group(3), m.group(4)
        if kind == "warning":
            idm = ID_RE.search(msg)
            cur = {"rule": idm.group(1) if idm else "?", "line": line,
                   "notes": [], "msg": msg}
            out.append(cur)
        elif cur:
            cur["notes"].append((line, msg))
    res = []
    for w in out:
        case = tf.func_at(w["line"])
        sites = static_site(tf, w)
        if case is None:
            for l, m in w["notes"]:
                if m.startswith("calling ") and tf.func_at(l):
                    case, sites = tf.func_at(l), [l]
                    break
        res.append((w["rule"], w["line"], sites, case))
    return res


def annotations(tf):
    """(set of (rule, line) expected warnings, set of acquire-note lines)."""
    warns, acq = set(), set()
    for n, l in enumerate(tf.lines, 1):
        for m in re.finditer(r"expected-warning(?:\s+\d+)?\s*\{\{(.*?)\}\}", l):
            idm = ID_RE.search(m.group(1))
            if idm:
                warns.add((idm.group(1), n))
        if re.search(r"expected-note(?:\s+\d+)?\s*\{\{engine reference (acquired|taken) here", l):
            acq.add(n)
    return warns, acq


# ---------------------------------------------------------------- driver

def fill(tf, ctype, expr, overrides, out, handed, depth=0):
    """Append C statements giving @expr (of @ctype) its scenario value."""
    if expr in overrides:
        return
    if ctype == "struct task_struct *":
        out.append("%s = agr_task;" % expr)
    elif ctype == "struct task_struct **":
        out.append("%s = agr_tasks;" % expr)
    elif ctype == "struct pid *":
        out.append("%s = agr_pid;" % expr)
    elif ctype == "pid_t":
        out.append("%s = agr_task->pid;" % expr)
    elif ctype == "const struct utrace_engine_ops *":
        out.append("%s = &agr_other_ops;" % expr)
    elif ctype == "struct utrace_engine *":
        out.append("%s = agr_handed_engine();" % expr)
        handed.append(expr)
    elif depth == 0 and ctype.endswith("*") and "**" not in ctype and \
            not ctype.startswith(("struct ", "const struct ")):
        # A buffer parameter (void *, char __user *, unsigned long *): scratch
        # memory.  Pointer fields of structures stay NULL (the case may free them).
        out.append("%s = (%s)agr_scratch;" % (expr, ctype))
    elif ctype.startswith("struct ") and ctype[7:] in tf.structs and depth < 4:
        for ft, fn in tf.structs[ctype[7:]]:
            fill(tf, ft, "%s.%s" % (expr, fn), overrides, out, handed, depth + 1)
    # integers and anything else: zero (the object is zeroed first)


def param_setup(tf, f, overrides):
    decls, stmts, args, handed = [], [], [], []
    for ptype, pname in f["params"]:
        if ptype.endswith("*") and ptype[:-2].startswith("struct ") and \
                ptype[7:-2] in tf.structs:
            sname = ptype[7:-2]
            decls.append("struct %s %s_obj;" % (sname, pname))
            decls.append("struct %s *%s = &%s_obj;" % (sname, pname, pname))
            stmts.append("memset(&%s_obj, 0, sizeof(%s_obj));" % (pname, pname))
            tmp = []
            fill(tf, "struct " + sname, pname + "_obj", {k.replace(pname + "->", pname + "_obj."): v
                                                          for k, v in overrides.items()},
                 tmp, handed)
            stmts += tmp
        elif ptype == "struct utrace_engine **":
            decls.append("struct utrace_engine *%s_slot;" % pname)
            decls.append("struct utrace_engine **%s = &%s_slot;" % (pname, pname))
            fill(tf, "struct utrace_engine *", pname + "_slot", overrides, stmts, handed)
        else:
            decls.append("%s %s;" % (ptype.replace("const struct", "const struct"), pname)
                         if not ptype.endswith("*") else "%s%s;" % (ptype, pname))
            stmts.append("memset(&%s, 0, sizeof(%s));" % (pname, pname))
            fill(tf, ptype, pname, overrides, stmts, handed)
        args.append(pname)
    for k, v in overrides.items():
        stmts.append("%s = %s;" % (k, v))
    return decls, stmts, args, handed


def parse_case(tf, f):
    """-> dict(kind=run|not-runnable|static-only, reason, inject, set, no_engine, stopped)"""
    c = {"kind": "run", "reason": "", "inject": [], "set": {}, "no_engine": False,
         "stopped": False, "errors": [], "callback": None, "resume": False}
    for d in tf.dirs.get("*", []) + tf.dirs.get(f["name"], []):
        m = re.match(r"(not-runnable|static-only):\s*(.+)", d)
        if m:
            c["kind"], c["reason"] = m.group(1), m.group(2)
            continue
        m = re.match(r"inject\s+(\w+)(?:#(\d+))?\s*=\s*(.+)", d)
        if m:
            c["inject"].append((m.group(1), int(m.group(2) or 1), m.group(3)))
            continue
        m = re.match(r"set\s+([\w>.\-\[\]]+)\s*=\s*(.+)", d)
        if m:
            c["set"][m.group(1)] = m.group(2)
            continue
        m = re.match(r"callback\s+(quiesce|reap|exec|clone|syscall_entry|syscall_exit)"
                     r"(?:\s+data=struct\s+(\w+))?$", d)
        if m:
            c["callback"] = (m.group(1), m.group(2))
            if m.group(2) and m.group(2) not in tf.structs:
                c["errors"].append("callback data: no struct %s in the file" % m.group(2))
            continue
        if d == "no-engine":
            c["no_engine"] = True
        elif d == "stopped":
            c["stopped"] = True
        elif d == "resume":
            c["resume"] = True
        else:
            c["errors"].append("unknown directive: " + d)
    return c


def gen_driver(tf, cases, here):
    out = ["/* Generated by agreement.py from %s: do not edit. */" % tf.path,
           '#include "agreement_driver.h"',
           '#include "%s"' % os.path.abspath(tf.path), ""]
    names = []
    for f in tf.funcs:
        c = cases[f["name"]]
        if c["kind"] == "not-runnable" or c["errors"]:
            continue
        names.append(f["name"])
        if c["callback"]:
            ev, sname = c["callback"]
            body = ["static void agr_run_%s(void)" % f["name"], "{"]
            if sname:
                stmts, handed = [], []
                fill(tf, "struct " + sname, "(*agr_data)", {}, stmts, handed)
                body.append("\tstruct %s *agr_data = kzalloc(sizeof(*agr_data), GFP_ATOMIC);"
                            % sname)
            else:
                stmts = []
                body.append("\tvoid *agr_data = NULL;")
            body.append("\tagr_setup(&%s, %d, %d);" % (tf.ops or "agr_other_ops",
                                                       c["no_engine"], c["stopped"]))
            body += ["\t" + x for x in stmts]
            for name, nth, val in c["inject"]:
                body.append('\tagr_inject("%s", %d, (long)(%s));' % (name, nth, val))
            body.append("\tagr_callback(UTRACE_EVENT(%s), (void *)%s, agr_data);"
                        % (ev.upper(), f["name"]))
            body.append("\tagr_clear_faults();")
            body.append("}")
            out += body + [""]
            continue
        decls, stmts, args, handed = param_setup(tf, f, c["set"])
        gst = []
        for sname, g in tf.struct_globals:
            decls.append("static struct %s agr_g_%s;" % (sname, g))
            fill(tf, "struct " + sname, "agr_g_%s" % g, {}, gst, handed)
            gst.append("%s = &agr_g_%s;" % (g, g))
        stmts = gst + stmts
        body = ["static void agr_run_%s(void)" % f["name"], "{"]
        body += ["\t" + d for d in decls]
        hv = []
        for i, h in enumerate(handed):
            body.append("\tstruct utrace_engine *agr_h%d;" % i)
            hv.append("agr_h%d" % i)
        ret_engine = f["ret"] == "struct utrace_engine *"
        if ret_engine:
            body.append("\tstruct utrace_engine *agr_ret;")
        body.append("\tagr_setup(&%s, %d, %d);" % (tf.ops or "agr_other_ops",
                                                   c["no_engine"], c["stopped"]))
        body += ["\t" + s for s in stmts]
        for i, h in enumerate(handed):
            body.append("\tagr_h%d = %s;" % (i, h))
        for name, nth, val in c["inject"]:
            body.append('\tagr_inject("%s", %d, (long)(%s));' % (name, nth, val))
        call = "%s(%s)" % (f["name"], ", ".join(args))
        body.append("\t%s%s;" % ("agr_ret = " if ret_engine else "(void)", call))
        body.append("\tagr_case_returned();")
        body.append("\tagr_clear_faults();")
        if c["resume"]:
            body.append("\tagr_resume();")
        for i, h in enumerate(handed):
            body.append("\tagr_release_stored(%s, agr_h%d);" % (h, i))
        for g in tf.globals:
            body.append("\tagr_release_stored(%s, NULL);" % g)
        if ret_engine:
            body.append("\tagr_release_stored(agr_ret, NULL);")
        body.append("}")
        out += body + [""]
    out.append("static const struct agr_case agr_cases[] = {")
    out += ['\t{ "%s", agr_run_%s },' % (n, n) for n in names]
    out += ["\t{ NULL, NULL }", "};", "",
            "int main(int argc, char **argv)", "{",
            "\treturn agr_main(argc, argv, agr_cases);", "}", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- compare

def fmt(items):
    return ",".join("%s@%s" % (r[3:], l) for r, l in sorted(items, key=lambda x: (x[1], x[0]))) or "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--checker", required=True)
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--lib", required=True, help="libutrace_ref_rt.a")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    ki = os.path.join(root, "kernel-integration")
    here = os.path.join(ki, "tests", "agreement")
    os.makedirs(a.workdir, exist_ok=True)

    files = a.files
    if not files:
        td = os.path.join(root, "testdata")
        for fam in sorted(os.listdir(td)):
            d = os.path.join(td, fam)
            if os.path.isdir(d):
                files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".c")]
    rows, problems = [], []
    totals = {"agree": 0, "disagree": 0, "not-runnable": 0, "static-only": 0}
    per_rule = {}
    opted = 0
    for path in files:
        tf = TestFile(path)
        if not re.search(r"^// RUNTIME: agreement\s*$", tf.text, re.M):
            continue
        opted += 1
        rel = os.path.relpath(path, root)
        # Static side and its annotations.
        st = static_findings(tf, a.checker, os.path.join(root, "checker", "simulator"))
        ann_w, ann_acq = annotations(tf)
        tool_w = {(r, l) for r, l, _, _ in st}
        for r, l in sorted(ann_w - tool_w, key=lambda x: x[1]):
            problems.append("%s:%d: annotated %s not reported by utrace-check" % (rel, l, r))
        for r, l in sorted(tool_w - ann_w, key=lambda x: x[1]):
            problems.append("%s:%d: utrace-check reports %s, not annotated" % (rel, l, r))
        for r, l, sites, _ in st:
            if r == "UT-REF-001":
                for s in sites:
                    if s not in ann_acq:
                        problems.append("%s:%d: acquire site of %s at line %d not annotated"
                                        % (rel, s, r, l))
        static_by_func = {}
        for r, l, sites, fn in st:
            if fn is None:
                problems.append("%s:%d: %s outside any ok_/bad_ function" % (rel, l, r))
                continue
            static_by_func.setdefault(fn, set()).update(
                (r, tf.case_site(fn, s)) for s in sites)
        for fn in tf.dirs:
            if fn != "*" and fn not in {f["name"] for f in tf.funcs}:
                problems.append("%s: directive for unknown function %s" % (rel, fn))
        # Runtime side.
        cases = {f["name"]: parse_case(tf, f) for f in tf.funcs}
        for n, c in cases.items():
            for e in c["errors"]:
                problems.append("%s: %s: %s" % (rel, n, e))
        stem = re.sub(r"\W", "_", rel[:-2])
        src = os.path.join(a.workdir, stem + "_driver.c")
        exe = os.path.join(a.workdir, stem + "_driver")
        with open(src, "w") as fh:
            fh.write(gen_driver(tf, cases, here))
        cc = [a.cc, "-std=gnu11", "-g", "-O0", "-w", "-DCONFIG_UTRACE_RUNTIME_CHECKS",
              "-I", os.path.join(here, "include"), "-I", here,
              "-I", os.path.join(ki, "shim", "include"), "-I", os.path.join(ki, "include"),
              src, a.lib, "-lpthread", "-o", exe]
        p = subprocess.run(cc, capture_output=True, text=True, timeout=120)
        if p.returncode:
            problems.append("%s: driver does not compile:\n%s" % (rel, p.stderr[-3000:]))
            continue
        for f in tf.funcs:
            fn = f["name"]
            c = cases[fn]
            stat = static_by_func.get(fn, set())
            good = fn.startswith("ok_")
            rt, after, note = set(), set(), ""
            if c["kind"] != "not-runnable" and not c["errors"]:
                try:
                    p = subprocess.run([exe, fn], capture_output=True, text=True, timeout=30)
                    status = p.returncode
                    outp = p.stdout
                except subprocess.TimeoutExpired:
                    status, outp = "timeout", ""
                if status != 0 or "\ndone\t" not in "\n" + outp:
                    note = "run failed (%s)" % status
                fatal_seen = False
                for l in outp.splitlines():
                    parts = l.split("\t")
                    if parts[0] != "report":
                        continue
                    rfile, rline, rrule = parts[1], int(parts[2]), parts[3]
                    if os.path.basename(rfile) != os.path.basename(path):
                        if rrule == "UT-REF-001" and os.path.basename(rfile) in (
                                "agreement_driver.h", os.path.basename(src)):
                            continue  # the module's own handed-over reference
                        note += " report outside the case: %s:%s %s" % (
                            os.path.basename(rfile), rline, rrule)
                        continue
                    rline = tf.case_site(fn, rline)
                    (after if fatal_seen else rt).add((rrule, rline))
                    if rrule in FATAL:
                        fatal_seen = True
            if c["kind"] == "not-runnable":
                verdict = "not-runnable(%s)" % c["reason"]
                totals["not-runnable"] += 1
            elif c["errors"]:
                verdict = "disagree(bad directive)"
                totals["disagree"] += 1
            elif c["kind"] == "static-only":
                ok = not rt and not after and not note and (stat or good)
                verdict = ("static-only(%s)" % c["reason"]) if ok else \
                    "disagree(static-only case: %s)" % (note or "runtime reports or no static finding")
                totals["static-only" if ok else "disagree"] += 1
            else:
                ok = not note and stat == rt and (bool(stat) != good)
                if good and stat:
                    why = "static reports on a good case"
                elif not good and not stat:
                    why = "no static finding on a bad case"
                else:
                    why = note.strip() or "rule@site differ"
                verdict = "agree" if ok else "disagree(%s)" % why
                totals["agree" if ok else "disagree"] += 1
            if not good:
                for r in {r for r, _ in stat} or {"-"}:
                    pr = per_rule.setdefault(r, {"bad": 0, "run": 0, "agree": 0,
                                                 "not-runnable": [], "static-only": []})
                    pr["bad"] += 1
                    if c["kind"] == "not-runnable":
                        pr["not-runnable"].append(fn)
                    elif c["kind"] == "static-only":
                        pr["static-only"].append(fn)
                    else:
                        pr["run"] += 1
                        pr["agree"] += verdict == "agree"
            else:
                pr = per_rule.setdefault("good", {"bad": 0, "run": 0, "agree": 0,
                                                  "not-runnable": [], "static-only": []})
                pr["bad"] += 1
                if c["kind"] == "not-runnable":
                    pr["not-runnable"].append(fn)
                else:
                    pr["run"] += 1
                    pr["agree"] += verdict == "agree" or verdict.startswith("static-only")
            extra = (" (+after fatal: %s)" % fmt(after)) if after else ""
            rows.append((rel, fn, fmt(stat), fmt(rt) + extra if c["kind"] != "not-runnable" else "", verdict))

    w1 = max([len(r[0]) + len(r[1]) + 1 for r in rows] + [20])
    w2 = max([len(r[2]) for r in rows] + [10])
    w3 = max([len(r[3]) for r in rows] + [10])
    print("%-*s  %-*s  %-*s  %s" % (w1, "file:function", w2, "static", w3, "runtime", "verdict"))
    for rel, fn, s, r, v in rows:
        print("%-*s  %-*s  %-*s  %s" % (w1, rel + ":" + fn, w2, s, w3, r, v))
    print()
    print("per rule (bad cases: run/agree; good cases: run clean):")
    for r in sorted(per_rule):
        pr = per_rule[r]
        label = "good cases" if r == "good" else r
        print("  %-11s %2d cases, %2d run, %2d %s%s%s" % (
            label, pr["bad"], pr["run"], pr["agree"], "clean" if r == "good" else "agree",
            ", not-runnable: " + " ".join(pr["not-runnable"]) if pr["not-runnable"] else "",
            ", static-only: " + " ".join(pr["static-only"]) if pr["static-only"] else ""))
    print()
    print("%d agree, %d disagree, %d not runnable, %d static-only (runtime cannot express), "
          "%d files" % (totals["agree"], totals["disagree"], totals["not-runnable"],
                        totals["static-only"], opted))
    for pb in problems:
        print("PROBLEM: " + pb)
    if not opted:
        print("PROBLEM: no file opted in")
    return 1 if totals["disagree"] or problems or not opted else 0


if __name__ == "__main__":
    sys.exit(main())

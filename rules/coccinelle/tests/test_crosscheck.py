"""Unit tests for scripts/cocci-crosscheck.py's parsing and comparison,
on synthetic findings: no spatch and no Clang checker needed."""

import contextlib
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SCRIPT = os.path.join(ROOT, "scripts", "cocci-crosscheck.py")
_spec = importlib.util.spec_from_file_location("cocci_crosscheck", SCRIPT)
xc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(xc)

F = xc.Finding


def f(path, line, rule, notes=()):
    return F(path, line, rule, list(notes))


class ParseDiagnostics(unittest.TestCase):
    def test_warning_with_notes(self):
        text = ("testdata/ref/a.c:12:5: warning: engine reference from "
                "utrace_attach_task() is not released on this path [UT-REF-001]\n"
                "testdata/ref/a.c:7:10: note: engine reference acquired here\n"
                "testdata/ref/a.c:9:3: note: taking false branch\n"
                "testdata/ref/a.c:20:2: warning: engine reference is put twice "
                "with utrace_engine_put() [UT-REF-003]\n")
        got = xc.parse_diagnostics(text, ROOT)
        self.assertEqual(got, [
            f("testdata/ref/a.c", 12, "UT-REF-001",
              [("testdata/ref/a.c", 7), ("testdata/ref/a.c", 9)]),
            f("testdata/ref/a.c", 20, "UT-REF-003")])

    def test_ignores_compiler_warnings_and_their_notes(self):
        text = ("x.c:3:1: warning: unused variable 'e' [-Wunused-variable]\n"
                "x.c:2:1: note: declared here\n"
                "1 warning generated.\n"
                "x.c:8:1: warning: msg [UT-RCU-001]\n")
        self.assertEqual(xc.parse_diagnostics(text, ROOT), [f("x.c", 8, "UT-RCU-001")])

    def test_paths_are_made_relative_to_the_root(self):
        text = "%s/testdata/win/b.c:4:2: warning: m [UT-WIN-001]\n" % ROOT
        self.assertEqual(xc.parse_diagnostics(text, ROOT)[0].path, "testdata/win/b.c")


class KnownDifferences(unittest.TestCase):
    def test_parses_entries_and_ignores_prose(self):
        text = ("# Known differences\n\nSome prose with `code`.\n\n"
                "- `testdata/ref/a.c:12` UT-REF-001: the checker sees the wrapper put\n"
                "- `kernel-integration/examples/m.c:40` UT-BAR-002: seed form\n")
        self.assertEqual(xc.parse_known_differences(text), {
            ("testdata/ref/a.c", 12, "UT-REF-001"): "the checker sees the wrapper put",
            ("kernel-integration/examples/m.c", 40, "UT-BAR-002"): "seed form"})

    def test_malformed_entry_is_an_error(self):
        for bad in ("- `testdata/a.c` UT-REF-001: no line\n",
                    "- `testdata/a.c:3` UT-REF-1: short id\n",
                    "- `testdata/a.c:3` UT-REF-001:\n",
                    "- `testdata/a.c:3` UT-REF-001 no colon\n"):
            with self.assertRaises(xc.UsageError, msg=bad):
                xc.parse_known_differences(bad)

    def test_duplicate_entry_is_an_error(self):
        line = "- `a.c:3` UT-REF-001: why\n"
        with self.assertRaises(xc.UsageError):
            xc.parse_known_differences(line + line)


class Compare(unittest.TestCase):
    ALL = {"UT-REF-001", "UT-REF-003", "UT-REF-004"}
    FILES = {"a.c", "b.c"}

    def run_compare(self, cocci, clang, known=None, comparable=None):
        return xc.compare(cocci, clang, known or {},
                          self.ALL if comparable is None else comparable, self.FILES)

    def test_agreement(self):
        res = self.run_compare([f("a.c", 5, "UT-REF-001")],
                               [f("a.c", 5, "UT-REF-001")])
        self.assertEqual(len(res["agreed"]), 1)
        self.assertFalse(res["unexplained"] or res["stale"] or res["clang_only"])

    def test_same_line_other_rule_is_not_agreement(self):
        res = self.run_compare([f("a.c", 5, "UT-REF-001")],
                               [f("a.c", 5, "UT-REF-003")])
        self.assertEqual(res["unexplained"], [f("a.c", 5, "UT-REF-001")])
        self.assertEqual(res["clang_only"]["UT-REF-003"], 1)

    def test_other_file_same_line_is_not_agreement(self):
        res = self.run_compare([f("a.c", 5, "UT-REF-001")],
                               [f("b.c", 5, "UT-REF-001")])
        self.assertEqual(len(res["unexplained"]), 1)

    def test_clang_note_at_the_cocci_line_counts(self):
        # Coccinelle reports where the path returns; the analyzer reports the
        # leak elsewhere but notes the same line.
        res = self.run_compare([f("a.c", 9, "UT-REF-001")],
                               [f("a.c", 12, "UT-REF-001", [("a.c", 9)])])
        self.assertEqual(len(res["agreed"]), 1)
        self.assertFalse(res["clang_only"])

    def test_note_in_another_file_does_not_count(self):
        res = self.run_compare([f("a.c", 9, "UT-REF-001")],
                               [f("a.c", 12, "UT-REF-001", [("b.c", 9)])])
        self.assertEqual(len(res["unexplained"]), 1)

    def test_known_difference_explains(self):
        known = {("a.c", 5, "UT-REF-004"): "reason"}
        res = self.run_compare([f("a.c", 5, "UT-REF-004")], [], known)
        self.assertEqual(len(res["explained"]), 1)
        self.assertFalse(res["unexplained"] or res["stale"])

    def test_entry_stale_when_cocci_no_longer_reports(self):
        known = {("a.c", 5, "UT-REF-004"): "reason"}
        res = self.run_compare([], [], known)
        self.assertEqual(res["stale"], [(("a.c", 5, "UT-REF-004"),
                                         "Coccinelle no longer reports it")])

    def test_entry_stale_when_clang_reports_it_now(self):
        known = {("a.c", 5, "UT-REF-004"): "reason"}
        res = self.run_compare([f("a.c", 5, "UT-REF-004")],
                               [f("a.c", 5, "UT-REF-004")], known)
        self.assertEqual(len(res["agreed"]), 1)
        self.assertEqual(res["stale"], [(("a.c", 5, "UT-REF-004"),
                                         "the Clang checker reports it now")])

    def test_entry_for_unscanned_file_is_not_judged(self):
        known = {("elsewhere.c", 5, "UT-REF-004"): "reason"}
        res = self.run_compare([], [], known)
        self.assertFalse(res["stale"])
        self.assertEqual(res["unjudged_entries"], [("elsewhere.c", 5, "UT-REF-004")])

    def test_rule_the_tool_lacks_is_not_comparable(self):
        res = self.run_compare([f("a.c", 5, "UT-RCU-001")], [],
                               comparable={"UT-REF-001"})
        self.assertEqual(res["not_comparable"], [f("a.c", 5, "UT-RCU-001")])
        self.assertFalse(res["unexplained"])

    def test_entry_for_not_comparable_rule_still_checked_on_cocci_side(self):
        known = {("a.c", 5, "UT-RCU-001"): "reason"}
        res = self.run_compare([], [], known, comparable={"UT-REF-001"})
        self.assertEqual(len(res["stale"]), 1)
        res = self.run_compare([f("a.c", 5, "UT-RCU-001")], [], known,
                               comparable={"UT-REF-001"})
        self.assertFalse(res["stale"])

    def test_clang_only_counted_per_rule(self):
        clang = [f("a.c", 1, "UT-REF-001"), f("a.c", 2, "UT-REF-001"),
                 f("b.c", 3, "UT-REF-003"), f("b.c", 4, "UT-WIN-001")]
        res = self.run_compare([f("a.c", 1, "UT-REF-001")], clang)
        self.assertEqual(res["clang_only"]["UT-REF-001"], 1)
        self.assertEqual(res["clang_only"]["UT-REF-003"], 1)
        # UT-WIN-001 is not in the comparable set: not counted
        self.assertNotIn("UT-WIN-001", res["clang_only"])


class KernelLists(unittest.TestCase):
    """check_rules.py --mode lists: a rule's copies of kernel.yaml's lists."""

    @classmethod
    def setUpClass(cls):
        spec = importlib.util.spec_from_file_location(
            "check_rules", os.path.join(HERE, "check_rules.py"))
        cls.cr = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.cr)

    LISTS = {"immutable_task_fields": frozenset({"pid", "tgid"}),
             "sticky_task_flags": frozenset({"PF_EXITING", "PF_KTHREAD"}),
             "callback_nullable_task_fields":
                 frozenset({"report_death.signal", "report_death.sighand"})}

    def check(self, body, name="UT-WIN-001.cocci"):
        with tempfile.TemporaryDirectory() as d:
            rule = os.path.join(d, name)
            with open(rule, "w") as fh:
                fh.write(body)
            with contextlib.redirect_stdout(io.StringIO()):
                return self.cr.check_lists([rule], self.LISTS)

    def test_equal_sets_pass_and_may_repeat(self):
        self.assertTrue(self.check(
            "@r@\nidentifier f = {tgid,\n  pid};\n"
            "identifier s1 = {PF_KTHREAD, PF_EXITING};\n"
            "identifier s2 = {PF_EXITING, PF_KTHREAD};\n"
            "identifier ut = {utrace_control};\n@@\n"))

    def test_missing_member_fails(self):
        self.assertFalse(self.check(
            "identifier f != {pid, tgid};\nidentifier s1 = {PF_EXITING};\n"))

    def test_extra_member_fails(self):
        self.assertFalse(self.check(
            "identifier f = {pid, tgid, comm};\n"
            "identifier s1 = {PF_EXITING, PF_KTHREAD};\n"))

    def test_missing_list_fails(self):
        self.assertFalse(self.check("identifier f = {pid, tgid};\n"))

    def test_real_rule_matches_kernel_yaml(self):
        for rule in (os.path.join(ROOT, "rules", "coccinelle", "win", "UT-WIN-001.cocci"),
                     os.path.join(ROOT, "rules", "coccinelle", "cb", "UT-CB-003.cocci")):
            with contextlib.redirect_stdout(io.StringIO()) as out:
                ok = self.cr.check_lists([rule])
            self.assertTrue(ok, out.getvalue())

    def check_members(self, body):
        return self.check(body, "UT-CB-003.cocci")

    def test_member_fields_pass(self):
        self.assertTrue(self.check_members(
            "@d@\nidentifier fn;\n@@\n.report_death = \\(fn\\|&fn\\)\n"
            "@r@\nidentifier f = {signal, sighand};\n@@\n"))

    def test_member_fields_drift_fails(self):
        self.assertFalse(self.check_members(
            "@d@\nidentifier fn;\n@@\n.report_reap = \\(fn\\|&fn\\)\n"
            "@r@\nidentifier f = {signal, sighand};\n@@\n"))
        self.assertFalse(self.check_members(
            "@d@\nidentifier fn;\n@@\n.report_death = \\(fn\\|&fn\\)\n"
            "@r@\nidentifier f = {signal};\n@@\n"))


class CommandLine(unittest.TestCase):
    """The exit-status contract, with a stub in place of utrace-check."""

    def run_script(self, *args):
        return subprocess.run([sys.executable, SCRIPT] + list(args),
                              capture_output=True, text=True, cwd=ROOT)

    def test_missing_tool_is_a_usage_error(self):
        proc = self.run_script("--tool", "/nonexistent/utrace-check",
                               "rules/coccinelle/tests")
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("not at /nonexistent/utrace-check", proc.stderr)

    def test_bad_option_is_a_usage_error(self):
        self.assertEqual(self.run_script("--no-such-option").returncode, 2)

    def test_missing_input_is_a_usage_error(self):
        proc = self.run_script("--tool", sys.executable, "no/such/dir")
        self.assertEqual(proc.returncode, 2)

    def test_unknown_family_is_a_usage_error(self):
        proc = self.run_script("--tool", sys.executable, "--only-families", "xyz",
                               "rules/coccinelle/tests")
        self.assertEqual(proc.returncode, 2)


STUB = r"""#!%(python)s
# Stand-in for utrace-check: reports the REF lines marked "cocci: UT-REF-..."
# in its input, minus those listed in $STUB_DROP ("file:line").
import os, re, sys
if sys.argv[1] == "--list-rules":
    print("UT-REF-001  engine reference not released")
    print("UT-REF-003  engine put twice")
    print("UT-REF-004  attach result tested against NULL")
    sys.exit(0)
path = sys.argv[1]
drop = set(os.environ.get("STUB_DROP", "").split())
found = 0
for n, line in enumerate(open(path), 1):
    for rid in re.findall(r"UT-REF-\d{3}", line.split("cocci:")[-1] if "cocci:" in line else ""):
        if "%%s:%%d" %% (os.path.basename(path), n) in drop:
            continue
        sys.stderr.write("%%s:%%d:1: warning: stub finding [%%s]\n" %% (path, n, rid))
        found = 1
sys.exit(found)
"""


class EndToEnd(unittest.TestCase):
    """Real spatch runs over the REF test inputs against a stub checker."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.tool = os.path.join(self.tmp.name, "utrace-check")
        with open(self.tool, "w") as fh:
            fh.write(STUB % {"python": sys.executable})
        os.chmod(self.tool, 0o755)

    def tearDown(self):
        self.tmp.cleanup()

    def run_script(self, drop=""):
        env = dict(os.environ, STUB_DROP=drop)
        return subprocess.run(
            [sys.executable, SCRIPT, "--tool", self.tool, "--repeat", "1",
             "--only-families", "ref,win", "rules/coccinelle/tests/ref",
             "rules/coccinelle/tests/win"],
            capture_output=True, text=True, cwd=ROOT, env=env)

    def test_agreement_exits_0_and_win_is_not_yet_comparable(self):
        proc = self.run_script()
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("7 agreed, 0 explained", proc.stdout)
        self.assertRegex(proc.stdout, r"UT-WIN-001 +10 +- +not yet comparable")
        self.assertIn("coccinelle/clang = ", proc.stdout)

    def test_cocci_only_finding_exits_1(self):
        proc = self.run_script(drop="engine_refs.c:130")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn("UNEXPLAINED: Coccinelle reports "
                      "rules/coccinelle/tests/ref/engine_refs.c:130 [UT-REF-003]",
                      proc.stdout)


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""Lists the longest function bodies of C++ sources (a brace counter).

  scripts/function-lengths.py [--min N] FILE|DIR...

A body is a top-level brace block (at namespace or class scope) opened after
a parameter list: `) {`, `) const {`, `) override {`, a constructor's
`) : Init(x) {`. Lambdas and local classes count towards the function that
holds them. Comments, strings and preprocessor lines are skipped. Lines are
counted from the line of the signature's name to the closing brace.
"""
import argparse
import os
import re
import sys

KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "sizeof"}


def strip(text):
    """Blanks comments, string/char literals and # lines, keeping newlines."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    out.append(" ")
                    out.append("\n")
                    j += 2
                    continue
                out.append(" ")
                j += 1
            i = j
            continue
        if c == "\n":
            line_start = True
            out.append(c)
            i += 1
            continue
        if not c.isspace():
            line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.extend(ch if ch == "\n" else " " for ch in text[i:j])
            i = j
            continue
        m = re.match(r'R"([^(]*)\(', text[i:i + 40])
        if m:
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.extend(ch if ch == "\n" else " " for ch in text[i:j])
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.extend(" " for _ in text[i:j])
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(path):
    text = strip(open(path, encoding="utf-8", errors="replace").read())
    # Scopes that can hold function definitions: namespace, class, extern.
    stack = []  # one entry per open brace: "scope" or "other" or "func"
    results = []
    func_start = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == "{":
            in_scope = all(k == "scope" for k in stack)
            before = text[max(0, i - 2000):i]
            kind = "other"
            if in_scope:
                head = before[before.rfind(";") + 1:]
                head = head[max(head.rfind("}"), -1) + 1:]
                h = head.strip()
                if re.search(r"\b(namespace|class|struct|union|enum)\b[^()]*$", h) or \
                        re.search(r'\bextern\s*$', h):
                    kind = "scope" if not re.search(r"\benum\b", h) else "other"
                elif re.search(r"\)\s*(const|override|final|noexcept|mutable|\s|->\s*[\w:<>,\s*&]+)*$", h) or \
                        re.search(r"\)\s*:\s*[\w:]+\s*[({]", h):
                    m = re.search(r"([~\w:]+)\s*\(", h)
                    name = m.group(1) if m else "?"
                    if name not in KEYWORDS and not h.endswith("="):
                        kind = "func"
                        start = i - len(head) + (m.start(1) if m else 0)
                        func_start = (name, text.count("\n", 0, start) + 1)
            stack.append(kind)
        elif c == "}":
            if stack:
                kind = stack.pop()
                if kind == "func" and func_start:
                    end = text.count("\n", 0, i) + 1
                    results.append((end - func_start[1] + 1, func_start[0],
                                    path, func_start[1]))
                    func_start = None
        i += 1
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min", type=int, default=50)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    files = []
    for p in a.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, f) for f in names
                          if f.endswith((".cpp", ".h"))]
        else:
            files.append(p)
    rows = []
    for f in sorted(files):
        rows += functions(f)
    for lines, name, path, line in sorted(rows, reverse=True):
        if lines >= a.min:
            print(f"{lines:5d}  {name}  {path}:{line}")


if __name__ == "__main__":
    sys.exit(main())

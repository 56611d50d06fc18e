"""Per-function cyclomatic complexity from radon for the files named on the command line, as JSON.

Run by scripts/record-radon-reference.ts (`npm run record:radon`), which stores its answers in
radon-python-stdlib.json beside this file; the tests read that recording and never run radon.

Each function gets radon's score and an `excluded` reason when it holds a construct that radon and
lizard count differently (see test/engine/metrics/cyclomaticVsRadon.test.ts), so the test compares
only what both tools define the same way.
"""
import ast
import json
import sys

from radon.complexity import cc_visit

DIFFERENT = (
    # lizard counts `finally`; radon does not. radon counts `else` of try/loops; lizard does not.
    (ast.Try, lambda n: bool(n.finalbody) or bool(n.orelse)),
    (ast.For, lambda n: bool(n.orelse)),
    (ast.AsyncFor, lambda n: bool(n.orelse)),
    (ast.While, lambda n: bool(n.orelse)),
    # radon counts match cases; lizard has no case token for Python.
    (getattr(ast, "Match", ()), lambda n: True),
    # radon ignores `assert`'s implicit branch but lizard ignores it too; `with` is free in both.
)


def own_nodes(fn):
    """Nodes of a function, not descending into nested defs/classes (lizard and radon score them apart)."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def exclusion(fn):
    for node in own_nodes(fn):
        for kind, test in DIFFERENT:
            if kind and isinstance(node, kind) and test(node):
                return type(node).__name__
    return None


def flatten(blocks):
    for block in blocks:
        yield block
        for child in getattr(block, "closures", []) or []:
            yield from flatten([child])
        for method in getattr(block, "methods", []) or []:
            yield from flatten([method])


out = {}
for path in sys.argv[1:]:
    source = open(path, encoding="utf-8").read()
    tree = ast.parse(source)
    defs = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defs[node.lineno] = node
    rows = []
    seen = set()
    for block in flatten(cc_visit(source)):
        if not hasattr(block, "is_method") or block.lineno in seen:
            continue  # a class block, or a method radon lists both alone and under its class
        seen.add(block.lineno)
        fn = defs.get(block.lineno)
        rows.append({"line": block.lineno, "cc": block.complexity, "excluded": exclusion(fn) if fn else "unknown"})
    out[path] = rows
json.dump(out, sys.stdout)

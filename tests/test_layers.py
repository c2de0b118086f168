"""Layers read one way: text → reader → nlp → claims → merge → the commands on top. A module may
import its own layer and those below, never one above (docs/design.md, "Layers")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "claimex"
LAYERS = {  # module or package under claimex -> its layer
    "text": 0, "doc": 0, "datafiles": 0, "models": 0,
    "langid": 1, "reader": 1,
    "nlp": 2,
    "claims": 3,
    "merge": 4,
}
TOP = 5  # pipeline, assemble, cli, render, evaluate, check, cache, records, ... use everything


def layer_of(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], TOP) if len(parts) > 1 else TOP


def test_no_module_imports_a_layer_above_its_own():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("claimex", *path.relative_to(PACKAGE).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                if name.startswith("claimex.") and layer_of(name) > layer_of(module):
                    upward.append(f"{module} imports {name}")
    assert upward == []


def test_the_check_sees_an_upward_import():
    assert layer_of("claimex.merge.claims") > layer_of("claimex.claims.extract") > layer_of("claimex.nlp.morph")

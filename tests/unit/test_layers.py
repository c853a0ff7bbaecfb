"""The domain, the store and the CLI's non-UI commands never load textual."""

import subprocess
import sys

import pytest

CORE_MODULES = [
    "reltui.domain.rules",
    "reltui.domain.state",
    "reltui.domain.models",
    "reltui.config",
    "reltui.store.db",
    "reltui.store.export",
    "reltui.review.session",
    "reltui.formats.reader",
    "reltui.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_domain_does_not_import_tinydb():
    code = "import sys, reltui.domain.state, reltui.domain.rules; print('tinydb' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# Each layer may import only the layers below it: domain <- store, formats <- review <- ui, cli.
LAYER_MAY_NOT_IMPORT = {
    "domain": ("store", "formats", "review", "ui", "cli"),
    "store": ("review", "ui", "cli"),
    "formats": ("review", "ui", "cli"),
    "review": ("ui", "cli"),
}


def _imported_modules(path):
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


@pytest.mark.parametrize("layer", sorted(LAYER_MAY_NOT_IMPORT))
def test_layer_imports_point_down_only(layer):
    from pathlib import Path

    import reltui

    package = Path(reltui.__file__).parent
    upward = [
        f"{path.relative_to(package)} imports {module}"
        for path in sorted((package / layer).rglob("*.py"))
        for module in _imported_modules(path)
        if any(
            module == f"reltui.{above}" or module.startswith(f"reltui.{above}.")
            for above in LAYER_MAY_NOT_IMPORT[layer]
        )
    ]
    assert upward == []

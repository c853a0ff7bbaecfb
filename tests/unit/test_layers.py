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
    "reltui.session",
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

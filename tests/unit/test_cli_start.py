"""Commands start without importing what they do not use; the help lists every command."""

import inspect
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reltui.cli import LAZY_COMMANDS, cli

HEAVY = ("textual", "vobject", "charset_normalizer", "email_validator", "ldif", "yaml")


def test_each_command_is_where_the_table_says_with_its_own_help():
    for name, (module, attribute, summary) in LAZY_COMMANDS.items():
        command = getattr(__import__(module, fromlist=[attribute]), attribute)
        assert command.name == name
        assert inspect.cleandoc(command.help).split("\n\n")[0] == summary


def test_the_help_lists_what_each_command_says_of_itself():
    listed = CliRunner().invoke(cli, ["--help"]).stdout
    for name in LAZY_COMMANDS:
        command = cli.get_command(None, name)  # imports it
        assert f"  {name} " in listed
        assert command.get_short_help_str(100 - 6 - 7)[:20] in listed


def modules_after(*arguments: str, tmp_path) -> set[str]:
    script = (
        "import sys\n"
        "from reltui.cli import main\n"
        f"sys.argv = ['reltui', *{list(arguments)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    env["XDG_DATA_HOME"] = str(tmp_path / "d")
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return set(completed.stderr.split())


@pytest.mark.parametrize(
    "arguments",
    [("--help",), ("stats", "--json"), ("export",), ("report",)],
)
def test_reading_commands_import_no_ui_and_no_reader(tmp_path, arguments):
    from reltui.bench.generate import write_csv
    from reltui.formats.reader import read_contacts
    from reltui.store.db import Store

    db = tmp_path / "db"
    with Store.open(db) as store:
        store.import_records(read_contacts(write_csv(tmp_path / "c.csv", 20).path).records)
    loaded = modules_after("--db", str(db), *arguments, tmp_path=tmp_path)
    assert "reltui.cli" in loaded
    for module in HEAVY:
        assert module not in loaded, module


def test_the_help_imports_no_command(tmp_path):
    loaded = modules_after("--help", tmp_path=tmp_path)
    assert not any(module.startswith("reltui.store.db") for module in loaded)
    assert "reltui.cli.stats" not in loaded

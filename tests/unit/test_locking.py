"""One writer per database, across processes; a dead holder's lock is taken over."""

import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from reltui.cli import cli
from reltui.formats.records import ContactRecord
from reltui.store.db import DatabaseLocked, Store

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reltui.store.db import Store
    store = Store.open(Path(sys.argv[1]))
    print("holding", flush=True)
    sys.stdin.readline()
    """
)


@pytest.fixture
def holder(db_path, store):
    store.close()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    yield process
    process.kill()
    process.wait(timeout=10)


def test_second_process_is_told_who_holds_the_database(db_path, holder):
    with pytest.raises(DatabaseLocked) as error:
        Store.open(db_path)
    assert error.value.holder.pid == holder.pid
    assert f"(process {holder.pid})" in str(error.value)


def test_second_writer_cli_is_refused_and_writes_nothing(db_path, holder, tmp_path):
    before = (db_path / "contacts.json").read_bytes()
    source = tmp_path / "more.csv"
    source.write_text("name,email\nZed,zed@example.com\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(source)])
    assert result.exit_code == 1
    assert "is in use by" in result.stderr
    assert (db_path / "contacts.json").read_bytes() == before
    review = CliRunner().invoke(cli, ["--db", str(db_path), "review"])
    assert review.exit_code == 1
    assert review.stderr.rstrip().endswith("use --read-only to browse it")


def test_readers_still_work_while_held(db_path, holder):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--json"])
    assert result.exit_code == 0
    assert '"total":3' in result.stdout


def test_lock_of_a_killed_process_is_taken_over(db_path, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    with Store.open(db_path) as store:
        store.import_records([ContactRecord(name="After", emails=["after@example.com"])])
        assert len(store) == 4

"""The export's fast path writes exactly what the csv module would, hostile text included."""

import csv
import io

from hypothesis import example, given
from hypothesis import strategies as st

from reltui.formats.records import ContactRecord
from reltui.store.db import Store
from reltui.store.export import LINE_END, csv_fields, write_export

# Text as contact files bring it: separators, quotes, line breaks, formulas, any script.
cells = st.text(
    alphabet=st.sampled_from(list(",\"\r\n\t =+-@'ab é漢")) | st.characters(), max_size=12
)


def csv_writer_line(row):
    out = io.StringIO()
    csv.writer(out, lineterminator=LINE_END).writerow(row)
    return out.getvalue()


@given(st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=5))
@example([["a\rb", "x,y", 'say "q"', "n\nl"], ["", "\x00", "'=x", " "]])
def test_fields_are_quoted_where_the_csv_writer_quotes_them(rows):
    padded = [row + [""] * (4 - len(row)) for row in rows]
    columns = [list(column) for column in zip(*padded, strict=True)]
    fields = [csv_fields(column) for column in columns]
    for index, row in enumerate(zip(*columns, strict=True)):
        line = ",".join(column[index] for column in fields) + LINE_END
        assert line == csv_writer_line(row)


def test_the_export_is_byte_for_byte_what_the_csv_writer_makes_of_its_rows(tmp_path):
    names = ['Ann, "the boss"', "=1+1", "Bo\r\nLine", "@handle", "Plain Name", "-minus", "Cr\ronly"]
    store = Store.open(tmp_path / "db")
    try:
        store.import_records(
            [
                ContactRecord(
                    name=name,
                    emails=[f"p{number}@example.com"],
                    company=["Smith, Jones & Co", 'Say "hi"', "+plus", ""][number % 4],
                )
                for number, name in enumerate(names)
            ]
        )
        out = io.StringIO(newline="")
        assert write_export(store, out) == len(names)
    finally:
        store.close()
    text = out.getvalue()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert "".join(csv_writer_line(row) for row in rows) == text
    assert [row[1] for row in rows[1:]] == [
        'Ann, "the boss"',
        "'=1+1",
        "Bo\r\nLine",
        "'@handle",
        "Plain Name",
        "'-minus",
        "Cr\ronly",
    ]
    assert [row[3] for row in rows[1:]][:3] == ["Smith, Jones & Co", 'Say "hi"', "'+plus"]

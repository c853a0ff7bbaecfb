"""Real vCard exports' quirks: every card comes back, with its name byte for byte."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reltui.formats import ImportFormatError, read_contacts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"

# file, [(name, emails, company)], encoding, warnings
QUIRKS = [
    (
        "v21_unescaped_commas.vcf",
        [
            ("Mr. John Richter, James Doe Sr.", ["john.richter@example.com"], "Company, The"),
            ("Mustermann, Heiko", ["heiko@example.de"], "Acme, Inc."),
        ],
        "utf-8",
        [],
    ),
    (
        "thunderbird_v4_raw_cr.vcf",
        [("Anna Berg", ["anna.berg@example.se"], "")],
        "utf-8",
        [],
    ),
    (
        "android_qp_stray_byte.vcf",
        [("Petra Novák", ["petra.novak@example.cz"], "")],
        "utf-8",
        ["card 1 (Petra Novák), line 7: skipped ORG, whose bytes are not valid UTF-8"],
    ),
    (
        "empty_parameter_and_bad_label.vcf",
        [("Ifeoma Okoye", ["ifeoma@example.ng"], "")],
        "utf-8",
        [
            "card 1 (Ifeoma Okoye), line 6: skipped unreadable line"
            " 'LABEL,TYPE=HOME:12 Marina Road' (not a property name)"
        ],
    ),
    (
        "lotus_notes_profile.vcf",
        [("Hiro Tanaka", ["hiro.tanaka@example.jp"], "Notes Example Corp")],
        "utf-8",
        [],
    ),
    (
        "thebat_qp_no_charset.vcf",
        [("Віталій Іваненко", ["vitaliy@example.ua"], "Київська Друкарня")],
        "cp1251, utf-8",
        ["card 1 (Віталій Іваненко), line 3: no charset given; read as cp1251 (a guess)"],
    ),
    (
        "feature_phone_shift_jis.vcf",
        [("山田 太郎", ["taro.yamada@example.jp"], "株式会社サンプル")],
        "shift_jis, utf-8",
        [],
    ),
    (
        "windows_charsets.vcf",
        [("Łukasz Żółć", ["lukasz@example.pl"], "Завод Север")],
        "cp1250, cp1251, iso8859-1, utf-8",
        [],
    ),
    (
        "unmarked_cp1251.vcf",
        [
            ("Віталій Шевченко", ["vitaliy.sh@example.ua"], ""),
            ("Олена Коваль", ["olena@example.ua"], "Товариство Північ"),
            ("Plain Ascii", ["plain@example.com"], ""),
        ],
        "cp1251, utf-8",
        [
            "card 1 (Віталій Шевченко), line 3: no charset given; read as cp1251 (a guess)",
            "card 2 (Олена Коваль), line 9: no charset given; read as cp1251 (a guess)",
        ],
    ),
    (
        "fold_splits_utf8.vcf",
        [
            (
                "Zoë Østergård-Ñúñez Ξενοφών Παπαδόπουλος Мария Ивановна Łódź",
                ["zoe@example.dk"],
                "",
            ),
            ("Søren Kierkegaard", ["soren@example.dk"], ""),
        ],
        "utf-8",
        [],
    ),
    (
        "line_before_begin.vcf",
        [
            ("Jörg Müller", ["joerg@example.com"], ""),
            ("Ute Weber", ["ute@example.com"], ""),
        ],
        "utf-8",
        [],
    ),
]


@pytest.mark.parametrize(
    ("filename", "people", "encoding", "warnings"), QUIRKS, ids=[case[0] for case in QUIRKS]
)
def test_every_card_comes_back_with_its_name_byte_exact(filename, people, encoding, warnings):
    parsed = read_contacts(FIXTURES / filename)

    assert parsed.format == "vcard"
    assert [(r.name, r.emails, r.company) for r in parsed.records] == people
    assert [r.name.encode() for r in parsed.records] == [p[0].encode() for p in people]
    assert parsed.skipped == []
    assert (parsed.encoding, parsed.warnings) == (encoding, warnings)


@pytest.mark.parametrize("filename", [case[0] for case in QUIRKS])
def test_forcing_vcard_reads_the_same(filename):
    assert read_contacts(FIXTURES / filename, "vcard") == read_contacts(FIXTURES / filename)


def test_title_and_notes_keep_their_commas_and_a_nonbreaking_ascii_file_stays_utf8():
    john = read_contacts(FIXTURES / "v21_unescaped_commas.vcf").records[0]

    assert (john.position, john.notes) == ("Director, Sales", "Met in Berlin, 2019")


def test_quoted_printable_soft_breaks_and_escapes(tmp_path):
    path = tmp_path / "qp.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond li=\r\nne continues here\r\n"
        b"CATEGORIES:Clients,VIP\\,Gold\r\nEND:VCARD\r\n"
    )

    ann = read_contacts(path).records[0]

    assert (ann.notes, ann.tags) == (
        "first line\nsecond line continues here",
        ["Clients", "VIP,Gold"],
    )


def test_a_csv_forced_onto_a_vcard_is_refused_in_one_line():
    with pytest.raises(ImportFormatError, match="is a vCard file, not a CSV export$"):
        read_contacts(FIXTURES / "line_before_begin.vcf", "csv")


property_name = st.sampled_from(
    ["FN", "N", "ORG", "TITLE", "NOTE", "EMAIL", "TEL", "ADR", "LABEL", "X-CUSTOM", "item1.EMAIL"]
) | st.text(alphabet="ABCXYZ-.,;:= \"'", min_size=1, max_size=8)
parameters = st.lists(
    st.sampled_from(
        ["", "PREF", "CHARSET=SHIFT_JIS", "CHARSET=nope", "ENCODING=QUOTED-PRINTABLE", 'TYPE="']
    )
    | st.text(alphabet='A=;,"', max_size=6),
    max_size=3,
)
raw_value = st.binary(max_size=40).filter(lambda value: b"\n" not in value and b"\r" not in value)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=property_name, params=parameters, value=raw_value)
def test_a_random_property_never_drops_its_card(tmp_path, name, params, value):
    line = ";".join([name, *params]).encode("utf-8") + b":" + value
    path = tmp_path / "random.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Kept Person\r\n"
        + line
        + b"\r\nEMAIL:kept@example.com\r\nEND:VCARD\r\n"
    )

    try:
        parsed = read_contacts(path)
    except ImportFormatError as error:
        # Only a line that itself ends the card early can cut it short.
        assert "END:VCARD" in str(error) or "truncated" in str(error)
        return
    assert len(parsed.records) == 1
    assert parsed.records[0].emails == ["kept@example.com"]
    assert parsed.records[0].name.strip()


def test_a_stray_equals_at_the_end_of_a_quoted_printable_value_swallows_no_property(tmp_path):
    path = tmp_path / "stray.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann Lee=\r\n"
        b"EMAIL;INTERNET:ann@example.com\r\nEND:VCARD\r\n"
    )

    ann = read_contacts(path).records[0]

    assert (ann.name, ann.emails) == ("Ann Lee", ["ann@example.com"])


def test_a_japanese_structured_name_comes_family_name_first():
    # A feature phone writes N (family;given) in Shift_JIS, the second card without FN.
    parsed = read_contacts(FIXTURES / "japanese_structured_name.vcf")
    assert [record.name for record in parsed.records] == ["山田 太郎", "佐藤 花子"]

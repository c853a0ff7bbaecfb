"""Loading and validating the config file."""

from pathlib import Path

import pytest

from reltui.config import ConfigError, Settings, load_settings
from reltui.domain.rules import Status

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def write(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_loads_and_matches_the_defaults():
    # "The values below are the defaults": copied as it is, the file changes nothing (the
    # reviewer stays the login name, no key moves).
    assert load_settings(EXAMPLE) == Settings()


def test_example_config_examples_load_when_uncommented(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    for example in ("# reviewer: alex", "# keys:", "#   answer-yes: j", "#   answer-no: f"):
        assert example in text
        text = text.replace(example, example.removeprefix("# "))
    settings = load_settings(write(tmp_path, text))
    assert settings.reviewer == "alex"
    assert settings.keys == {"answer-yes": "j", "answer-no": "f"}


def test_missing_optional_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "absent.yaml") == Settings()


def test_overrides_apply(tmp_path):
    path = write(
        tmp_path,
        "reviewer: Sam\ncadence_days: {client: 14}\n"
        "questions: {trust_respect: {next_action: call them}}\n",
    )
    settings = load_settings(path)
    assert settings.reviewer == "Sam"
    assert settings.cadence_days[Status.CLIENT] == 14
    assert settings.cadence_days[Status.CUSTOMER] == 91
    assert settings.questions[3].next_action == "call them"
    assert settings.questions[3].title == "Trust & respect"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: red\n", "colour: unknown key; allowed keys are"),
        ("candidate_min_yes: 7\n", "candidate_min_yes: 7 is not allowed; expected 1-4"),
        ("candidate_min_yes: yes\n", "candidate_min_yes: True is not allowed"),
        ("cadence_days: {vip: 3}\n", "cadence_days.vip: unknown status"),
        ("cadence_days: {client: 0}\n", "cadence_days.client: 0 is not allowed; expected 1-3650"),
        ("questions: {loyalty: {}}\n", "questions.loyalty: unknown question"),
        ("questions: {know_needs: {tone: x}}\n", "questions.know_needs.tone: unknown key"),
        ("auto_advance: maybe\n", "auto_advance: 'maybe' is not allowed; expected true or false"),
        ("- a list\n", "expected a mapping of keys at the top level"),
        ("reviewer: [unclosed\n", "not valid YAML at line"),
        ("keys: j\n", "keys: 'j' is not allowed; expected a mapping of binding id to key"),
        ("keys: {Answer Yes: j}\n", "keys.Answer Yes: not a binding id; ids look like answer-yes"),
        ("keys: {answer-yes: ''}\n", "keys.answer-yes: '' is not allowed; expected a key"),
        ("keys: {answer-yes: yes}\n", "keys.answer-yes: True is not allowed; expected a key"),
        ("keys: {answer-yes: 'j k'}\n", "keys.answer-yes: 'j k' is not allowed; separate"),
        ("keys: {answer-yes: 'j,'}\n", "keys.answer-yes: 'j,' is not allowed; separate"),
    ],
)
def test_bad_values_name_the_key_in_one_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_keys_map_binding_ids_to_keys(tmp_path):
    path = write(tmp_path, "keys: {answer-yes: j, answer-no: ' f , down ', question-1: 5}\n")
    assert load_settings(path).keys == {"answer-yes": "j", "answer-no": "f,down", "question-1": "5"}


def test_yaml_tags_are_not_executed(tmp_path):
    path = write(tmp_path, "reviewer: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(path)

"""Your own keys from the config: they work, the old key stops, and footer and help show them."""

from __future__ import annotations

import pytest
from ui_support import screen_lines

from reltui.ui.key_check import binding_ids, keymap_problem
from reltui.ui.screens.help import HelpScreen


def names(store) -> dict[str, int]:
    return {contact.name: contact.id for contact in store.contacts()}


async def test_answer_yes_moved_to_j_answers_yes_and_y_no_longer_does(small_store, make):
    app = make(small_store, keys={"answer-yes": "j", "answer-no": "f"})
    async with app.run_test(size=(80, 24)) as pilot:
        ada = names(small_store)["Ada Lovelace"]
        await pilot.press("y", "n")
        # The keys given away do nothing now: the user may have moved them for a reason.
        assert app.session.draft.answers.get("know_needs") is None
        await pilot.press("j", "f")
        answers = small_store.reviews(ada)[-1].answers
        assert (answers["know_needs"], answers["ask_referral"]) == ("yes", "no")
        footer = screen_lines(app)[-1]
        assert "j Yes" in footer
        assert "f No" in footer
        assert "y Yes" not in footer


async def test_help_shows_the_users_keys(small_store, make):
    app = make(small_store, keys={"answer-yes": "j", "help": "f1", "palette": "ctrl+k"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        review_help = app.screen.query_one("#help-review").render().plain
        assert "j         Answer yes, go on" in review_help
        assert "y         Answer yes" not in review_help
        others = app.screen.query_one("#help-others").render().plain
        assert "f1        Show every key" in others
        assert "^k        Command palette" in others


def test_every_binding_has_an_id_and_no_id_is_given_twice_on_one_screen():
    from textual.widgets import Input, TextArea

    from reltui.ui.key_check import builtin_bindings, screens, textual_bindings

    textual = [*builtin_bindings(), *textual_bindings([*Input.BINDINGS, *TextArea.BINDINGS])]
    for screen, bindings in screens().items():
        ids = [binding.id for binding in bindings if binding not in textual]
        assert None not in ids, screen
        assert len(ids) == len(set(ids)), screen


def test_default_keys_do_not_clash():
    assert keymap_problem({}) is None
    assert keymap_problem({"answer-yes": "j", "answer-no": "f"}) is None


@pytest.mark.parametrize(
    "key", ["j", "J", "?", "é", "ctrl+j", "ctrl+shift+up", "f5", "enter", "pagedown", "slash", "+"]
)
def test_keys_textual_can_report_are_keys(key):
    from reltui.ui.keymap import is_key

    assert is_key(key)
    problem = keymap_problem({"trend": key})
    assert problem is None or "is not a key" not in problem


@pytest.mark.parametrize("key", ["foo", "ctrl+jj", "ctrl+", "page down"])
def test_names_textual_never_reports_are_not_keys(key):
    from reltui.ui.keymap import is_key

    assert not is_key(key)


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        (
            {"answr-yes": "j"},
            "keys.answr-yes: no key has this id (did you mean answer-yes?); the README lists them",
        ),
        (
            {"answer-yes": "j,ctrl+jj"},
            "keys.answer-yes: 'ctrl+jj' is not a key; keys look like j, J, ctrl+j, f5, enter, "
            "pagedown",
        ),
        ({"answer-yes": "n"}, "keys: answer-yes and answer-no both use n on the review screen"),
        ({"quit": "y"}, "keys: quit and answer-yes both use y on the review screen"),
        ({"help": "?", "quit": "?"}, "keys: help and quit both use ? on the review screen"),
        ({"table-down": "f"}, "keys: list-status and table-down both use f on the list screen"),
        (
            {"answer-yes": "ctrl+q"},
            "keys: Textual's quit and answer-yes both use ctrl+q on the review screen",
        ),
        (
            {"form-save": "ctrl+w"},
            "keys: form-save and Textual's delete left word both use ctrl+w on the contact form "
            "screen",
        ),
        (
            {"form-save": "s"},
            "keys: form-save uses s, which is typed into the text of the contact form",
        ),
        ({"palette": "j"}, "keys: palette and table-down both use j on the list screen"),
        # The palette's key holds in dialogs too: it would take the note's save away.
        (
            {"palette": "ctrl+s"},
            "keys: palette and form-save both use ctrl+s on the contact form screen",
        ),
    ],
)
def test_an_unknown_id_or_a_clash_is_one_line_naming_it(keys, problem):
    assert keymap_problem(keys) == problem


def test_the_palettes_key_may_take_a_text_fields_own_key():
    # ctrl+k deletes to the end in a field; the palette, a priority key, wins there.
    assert keymap_problem({"palette": "ctrl+k"}) is None


def test_a_key_moved_on_one_screen_may_take_a_key_of_another():
    # j moves the help's scroll, on another screen than the answers.
    assert "help-down" in binding_ids()
    assert keymap_problem({"answer-yes": "j", "summary-back": "y"}) is None


def notices(app) -> list[str]:
    return [notice.text for notice in app.notices]


async def test_u_says_what_it_undid_and_when_there_is_nothing_to_undo(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        assert notices(app) == [
            "Nothing to undo: every change of this session is undone, or none was made"
        ]
        app.clear_notifications()
        await pilot.press("y", "p", "u")
        assert notices(app) == ["Undid: the promote flag for Ada Lovelace"]
        await pilot.press("ctrl+z")
        assert notices(app)[-1] == "Undid: answer yes to Know needs for Ada Lovelace"
        assert app.session.draft.answers.get("know_needs") is None


async def test_c_copies_the_email_and_says_what_it_copied(small_store, make):
    app = make(small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert app.clipboard == "ada@example.com"
        assert notices(app) == ["Copied ada@example.com"]


async def test_c_without_an_email_says_so_and_copies_nothing(tmp_path, make):
    from ui_support import open_store

    from reltui.formats.records import ContactRecord

    with open_store(tmp_path / "db") as store:
        store.import_records([ContactRecord(name="[b]No[/b] Mail")])
        app = make(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            assert app.clipboard == ""
            assert notices(app) == ["[b]No[/b] Mail has no email to copy"]


async def test_c_in_the_list_copies_the_row_under_the_cursor(small_store, make):
    app = make(small_store, keys={"copy-email": "ctrl+y"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("down", "ctrl+y")
        assert app.clipboard == "bwk@example.com"


async def test_read_only_hides_the_writing_keys_and_says_why_they_do_nothing(small_store, make):
    from ui_support import open_store

    path = small_store.path
    small_store.close()
    with open_store(path, read_only=True) as store:
        app = make(store)
        async with app.run_test(size=(80, 24)) as pilot:
            footer = screen_lines(app)[-1]
            for shown in ("Yes", "No", "Unsure", "Undo", "Skip", "Note"):
                assert f" {shown}" not in footer, shown
            assert "Search" in footer
            await pilot.press("y")
            assert app.session.draft.answers.get("know_needs") is None
            assert len(notices(app)) == 1
            assert notices(app)[0].startswith("Read-only: ")
            await pilot.press("c")  # copying writes nothing: it still works
            assert app.clipboard == "ada@example.com"
            app.clear_notifications()
            await pilot.press("L")
            await pilot.pause()
            await pilot.press("a")
            assert app.screen.id == "contact-list"
            assert notices(app)[0].startswith("Read-only: ")


async def test_palette_names_each_queue_and_keeps_only_the_system_commands_that_fit(
    small_store, make
):
    from reltui.ui.commands import ReviewCommands

    app = make(small_store, keys={"list-view": "ctrl+l"})
    async with app.run_test(size=(80, 24)):
        system = [(command.title, command.help) for command in app.get_system_commands(app.screen)]
        assert [title for title, _ in system] == ["Theme", "Keys", "Quit"]
        assert ("Keys", "Every key of every screen (key ?)") in system
        commands = {
            title: help_text for title, _, help_text in ReviewCommands(app.screen)._commands()
        }
        assert commands["Review the due queue"].startswith("Queue due: Reviews in progress")
        assert commands["Review every contact"] == "Queue all: All contacts, by name"
        assert (
            commands["Review candidates"]
            == "Queue candidate: Every promotion candidate, due or not"
        )
        assert commands["List contacts"] == "All contacts as a table (key ctrl+l)"
        assert not any("the all queue" in text for text in commands.values())


async def test_help_says_how_to_close_it(small_store, make):
    app = make(small_store, keys={"help-close": "escape,f10"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "esc f10 closes" in "\n".join(screen_lines(app))
        await pilot.press("f10")
        assert app.screen.id == "review"


async def test_read_only_actions_view_says_why_its_keys_do_nothing(small_store, make):
    from ui_support import open_store

    path = small_store.path
    small_store.close()
    with open_store(path, read_only=True) as store:
        app = make(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("P")
            await pilot.pause()
            assert app.screen.id == "actions"
            footer = screen_lines(app)[-1]
            assert "Add" not in footer
            await pilot.press("a")
            assert notices(app)[0].startswith("Read-only: ")
            assert app.screen.id == "actions"


async def test_lines_that_name_a_key_name_the_users_key(sample_store, make):
    from reltui.ui.widgets.contact_card import ContactCard
    from reltui.ui.widgets.questions import QuestionPanel

    keys = {"contact-actions": "ctrl+a", "answer-yes": "j", "question-1": "f1", "question-4": "f4"}
    app = make(sample_store, queue="candidate", keys=keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert (
            "j yes  n no  m unsure  f1-f4 change"
            in app.screen.query_one(QuestionPanel).render().plain
        )
        await pilot.press(*"jjjj")
        card = app.screen.query_one(ContactCard).render().plain
        assert "· ctrl+a" in card


async def test_a_form_saves_with_the_users_key_and_says_so(small_store, make):
    from ui_support import screen_text

    from reltui.ui.screens.contact_form import ContactForm

    app = make(small_store, keys={"form-save": "f2"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert "f2 saves · escape cancels" in screen_text(app)
        await pilot.press(*"Linus", "ctrl+s")
        assert isinstance(app.screen, ContactForm)  # the key given away saves nothing
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert "Linus" in [contact.name for contact in small_store.contacts()]

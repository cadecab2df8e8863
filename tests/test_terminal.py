"""Human output at 60, 80 and 120 columns: golden files, and what must hold at any width (no
trailing spaces, nothing wider than the width, no id broken across lines)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "terminal"
CROWD = os.path.relpath(FIXTURES / "check" / "crowd-count")  # relative: the goldens hold paths
WIDTHS = (60, 80, 120)

# name: the command line (the bundled ledger unless --data says otherwise)
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "show": ("show", "nis-troops-dispatched"),
    "sources": ("sources",),
    "stats": ("stats",),
    "timeline": ("timeline", "--data", CROWD),
    "check": ("check", "--data", CROWD),
    "questions": ("questions", "--data", CROWD),
    "codes": ("codes",),
    "codes-FL303": ("codes", "FL303"),
    "validate-errors": ("validate", "--data", os.path.relpath(FIXTURES / "invalid" / "FL303-quote-not-found")),
}


def _run(invoke, args: tuple[str, ...], width: int) -> str:
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_text_output_matches_its_golden_file(invoke, name: str, width: int) -> None:
    shown = _run(invoke, COMMANDS[name], width)
    golden = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8"), "UPDATE_GOLDEN=1 pytest tests/test_terminal.py to accept"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_text_output_fits_its_width(invoke, name: str, width: int) -> None:
    for number, line in enumerate(_run(invoke, COMMANDS[name], width).splitlines(), 1):
        assert line == line.rstrip(), f"line {number} ends in spaces: {line!r}"
        # Only a single word wider than the room (a long path) may pass the edge: it is never broken.
        assert len(line) <= width or " " not in line.strip(), f"line {number} is {len(line)} wide: {line!r}"


@pytest.mark.parametrize("width", (40, *WIDTHS))
@pytest.mark.parametrize("command", ("list", "sources", "stats"))
def test_no_id_is_broken_across_lines(invoke, command: str, width: int) -> None:
    import json

    ids = ({c["id"] for c in json.loads(invoke("list", "--format", "json").stdout)} if command == "list" else
           {s["id"] for s in json.loads(invoke("sources", "--format", "json").stdout)})
    words = set(re.findall(r"[^\s,]+", _run(invoke, (command,), width)))
    if command == "stats":
        ids = {s for s in ids if any(s == w for w in words)} | {"article-publisher", "NATO-SG-Rutte"}
    assert ids <= words, sorted(ids - words)


def test_a_log_without_a_width_gets_whole_lines(invoke, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS")  # a pipe or CI log: Rich lays tables out at 80; line reports stay whole
    shown = invoke("check", "--data", CROWD).stdout
    assert any(len(line) > 80 for line in shown.splitlines())
    assert all(line == line.rstrip() for line in shown.splitlines())


# -- help, colour, quiet, completion ---------------------------------------------------------------

HELP_COMMANDS = ("validate", "list", "show", "sources", "stats", "timeline", "codes", "check", "questions",
                 "export", "config", "schema")


@pytest.mark.parametrize("command", HELP_COMMANDS)
def test_help_has_no_typer_noise(invoke, command: str) -> None:
    shown = invoke(command, "--help").stdout
    for noise in ("<bool>", "<str>", "<text>", "{", "<=x<=", "Value error"):
        assert noise not in shown, (noise, shown)


def test_number_options_say_their_range_in_words(invoke) -> None:
    result = invoke("check", "--window", "-3")
    assert result.exit_code == 2
    assert "not a number of days from 0 to" in result.output
    assert "not a fraction from 0 to 1" in invoke("check", "--tolerance", "2").output


@pytest.mark.parametrize("where", ("before", "after"))
def test_color_always_and_never(invoke, where: str) -> None:
    def run(choice: str) -> str:
        args = ("--color", choice, "check", "--data", CROWD) if where == "before" else ("check", "--data", CROWD,
                                                                                       "--color", choice)
        return invoke(*args).stdout

    assert "\x1b[" in run("always")  # NO_COLOR is set by the test set-up: the flag wins over it
    assert "\x1b[" not in run("never")
    assert "\x1b[" not in run("auto")  # not a terminal


def test_color_typo_is_a_usage_error_with_a_suggestion(invoke) -> None:
    result = invoke("list", "--color", "nevr")
    assert result.exit_code == 2
    assert "did you mean 'never'" in result.output


def test_quiet_prints_nothing_on_success_and_the_summary_on_failure(invoke) -> None:
    ok = invoke("validate", "-q")
    assert ok.exit_code == 0, ok.output
    assert ok.stdout == "" and ok.stderr == ""
    failed = invoke("-q", "check", "--data", CROWD)
    assert failed.exit_code == 1
    assert failed.stdout.count("\n") == 1 and failed.stdout.startswith("✗")
    assert json_document(invoke("check", "-q", "--data", CROWD, "--format", "json").stdout)["findings"]
    assert "nis-troops-dispatched" in invoke("list", "-q").stdout  # the answer asked for stays


def json_document(text: str) -> dict:
    import json

    return json.loads(text)


@pytest.mark.parametrize("words, expected", [
    ("factledger show nis-troops-t", {"nis-troops-transported-on-russian-ships", "nis-troops-transported-to-vladivostok"}),
    ("factledger list --source NAT", {"NATO", "NATO-SG-Rutte"}),
    (f"factledger list --data {CROWD} --source CROWD", {"CROWD-LAB"}),
    ("factledger list --tag troop", {"troop-deployment"}),
    ("factledger check --source NAT", {"NATO", "NATO-SG-Rutte"}),
    ("factledger check --subject north-korea-r", {"north-korea-russia"}),
    ("factledger list --format j", {"json"}),
    ("factledger list --status di", {"disputed"}),
])
def test_shell_completion_offers_the_ledgers_ids(runner, words: str, expected: set[str]) -> None:
    from factledger.cli.main import app

    env = {"_FACTLEDGER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = runner.invoke(app, [], env=env, prog_name="factledger")
    assert set(result.stdout.split()) == expected, result.output


def test_completion_can_be_installed(invoke) -> None:
    shown = invoke("--help").stdout
    assert "--install-completion" in shown and "--show-completion" in shown


# -- progress ----------------------------------------------------------------------------------------

def test_loading_reports_each_file_to_whoever_listens(write_ledger) -> None:
    from factledger.pipeline import LOAD_PROGRESS, load_ledger

    data = write_ledger({f"f{i}.yaml": f"sources: [{{id: S{i}, name: N, kind: media}}]\n" for i in range(5)})
    heard: list[tuple[int, int]] = []
    token = LOAD_PROGRESS.set(lambda done, total: heard.append((done, total)))
    try:
        load_ledger(data)
    finally:
        LOAD_PROGRESS.reset(token)
    assert heard == [(i, 5) for i in range(1, 6)]


@pytest.mark.parametrize("human, tty, ci, quiet, shown", [
    (True, True, False, False, True),
    (False, True, False, False, False),  # a machine format
    (True, False, False, False, False),  # piped or a log
    (True, True, True, False, False),  # CI
    (True, True, False, True, False),  # --quiet
])
def test_progress_only_for_a_person_watching(monkeypatch, human, tty, ci, quiet, shown) -> None:
    import io
    import sys

    from factledger.cli import console

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    monkeypatch.setattr(sys, "stderr", Stream())
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    with console.writing(console.Writing(quiet=quiet)):
        assert console.wants_progress(human) is shown


def test_progress_waits_until_loading_proves_large(monkeypatch) -> None:
    from factledger.cli import console

    started: list[int] = []
    monkeypatch.setattr("rich.progress.Progress.start", lambda self: started.append(1))
    monkeypatch.setattr("rich.progress.Progress.stop", lambda self: None)
    small = console.LoadProgress()
    for done in range(1, 11):
        small(done, 10)
    assert not started  # ten quick files: nothing flickers on the screen
    large = console.LoadProgress()
    large(1, 5000)
    assert started == [1]


def test_quiet_in_a_machine_format_keeps_the_output_and_drops_a_passing_summary(invoke, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # annotations by default
    ok = invoke("-q", "validate")
    assert ok.exit_code == 0 and ok.stdout == "" and ok.stderr == "", ok.output
    failing = invoke("-q", "check", "--data", CROWD)
    assert failing.exit_code == 1
    assert "::error file=" in failing.stdout and failing.stderr.startswith("✗")


# -- wrapping, as a property ----------------------------------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

_SPAN = st.tuples(st.text(alphabet=st.sampled_from(list("ab c-:/•→ ")), max_size=30), st.sampled_from(["", "bold"]))


@given(st.lists(_SPAN, min_size=1, max_size=8), st.integers(min_value=20, max_value=100))
def test_wrapping_breaks_only_between_words_and_fits(spans: list[tuple[str, str]], width: int) -> None:
    from factledger.render.lines import wrap

    plain = "".join(text for text, _ in spans)
    shown = ["".join(text for text, _ in line) for line in wrap(spans, width)]
    if len(shown) == 1:
        return  # short enough, or nothing to break at: left as it is
    assert " ".join(" ".join(shown).split()) == " ".join(plain.split())  # nothing lost, nothing added
    assert plain.split() == " ".join(shown).split()  # no word was cut in two
    for line in shown:
        assert line == line.rstrip()
        assert len(line) <= width or len(line.split()) == 1


@given(st.text(alphabet=st.sampled_from(list("ab-: ")), max_size=300), st.integers(min_value=20, max_value=100),
       st.integers(min_value=0, max_value=120))
def test_breaking_a_line_at_a_time_breaks_where_word_by_word_does(plain: str, width: int, hang: int) -> None:
    from factledger.render.lines import _cuts, _cuts_by_words

    assert _cuts(plain, width, hang) == _cuts_by_words(plain, width, hang)


@given(st.lists(_SPAN, min_size=1, max_size=8), st.data())
def test_cutting_a_line_into_pieces_keeps_every_character_and_its_style(spans: list[tuple[str, str]], data) -> None:  # type: ignore[no-untyped-def]
    from factledger.render.lines import _pieces

    plain = "".join(text for text, _ in spans)
    styles = [style for text, style in spans for _ in text]  # each character's style
    marks = sorted(data.draw(st.lists(st.integers(min_value=0, max_value=len(plain)), max_size=8)))
    bounds = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    for (a, b), piece in zip(bounds, _pieces(spans, bounds), strict=True):
        assert "".join(text for text, _ in piece) == plain[a:b]
        assert [style for text, style in piece for _ in text] == styles[a:b]

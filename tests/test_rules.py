"""Rules and text helpers tested directly, and the edges a fresh-eyes review found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.model.entries import format_number
from factledger.pipeline import load_ledger
from factledger.rules.base import RuleContext
from factledger.rules.documents import check_document_files, check_quotes
from factledger.rules.references import check_references
from factledger.text.suggest import Suggester
from factledger.text.quotes import normalise, quote_fragments

SOURCE = "sources:\n  - {id: NIS, name: National Intelligence Service, kind: intelligence}\n"


def codes(data: Path) -> list[tuple[str, str]]:
    prefix = data.as_posix() + "/"
    return [(d.code, d.location.file.removeprefix(prefix)) for d in load_ledger(data).diagnostics]


@pytest.mark.parametrize("quote, text", [
    ("North Korea’s “troops”", 'North Korea\'s "troops"'),
    ("a  well-known\nfact", "a well - known fact"),
    ("an act — of desperation", "an act-of desperation"),
])
def test_normalise_folds_what_quoting_changes(quote: str, text: str) -> None:
    assert normalise(quote) == normalise(text)


def test_normalise_keeps_case_and_words() -> None:
    assert normalise("The NIS") != normalise("the NIS")
    assert normalise("1,500 soldiers") != normalise("15,00 soldiers")


@pytest.mark.parametrize("quote, fragments", [
    ("one ... two", ["one", "two"]),
    ("one…two", ["one", "two"]),
    ("one [...] two", ["one", "two"]),
    ("... one", ["one"]),
    ("no ellipsis", ["no ellipsis"]),
])
def test_quote_fragments_split_on_ellipses(quote: str, fragments: list[str]) -> None:
    assert quote_fragments(quote) == fragments


def test_quote_rule_directly(write_ledger) -> None:
    data = write_ledger({
        "l.yaml": SOURCE + """\
documents:
  - {id: d, title: D, file: d.txt}
claims:
  - id: ok
    statement: s
    sources: [{source: NIS, document: d, quote: "first part … second part"}]
  - id: swapped
    statement: s
    sources: [{source: NIS, document: d, quote: "second part ... first part"}]
""",
        "d.txt": "The first part, then the second part.\n",
    })
    result = load_ledger(data)
    found = list(check_quotes(RuleContext(result.ledger, data)))
    assert [d.code for d in found] == ["FL303"]
    assert "'first part' occurs, but not after the fragment before it" in found[0].message


def test_reference_rule_directly_and_its_note_about_unread_files(write_ledger) -> None:
    data = write_ledger({"a.yaml": "claims:\n  - {id: c, statement: s, sources: [{source: NIS}]}\n"})
    result = load_ledger(data)
    plain = list(check_references(RuleContext(result.ledger, data)))
    assert [d.message for d in plain] == ["source 'NIS' is not a defined source"]
    noted = list(check_references(RuleContext(result.ledger, data, ["data/broken.yaml"])))
    assert noted[0].message.endswith("(it may be defined in data/broken.yaml, which could not be read)")


def test_one_unparseable_file_is_named_in_the_errors_it_causes(write_ledger) -> None:
    data = write_ledger({"sources.yaml": "sources:\n  - id: NIS\n    name: [oops\n",
                         "claims.yaml": "claims:\n  - {id: c, statement: s, sources: [{source: NIS}]}\n"})
    messages = [d.message for d in load_ledger(data).diagnostics]
    assert any("invalid YAML" in m for m in messages)
    assert any("which could not be read" in m and "sources.yaml" in m for m in messages)


def test_document_file_edge_cases(write_ledger, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n")
    data = write_ledger({"l.yaml": """\
documents:
  - {id: nul, title: t, file: "a\\0b"}
  - {id: link, title: t, file: link.txt}
  - {id: fifo, title: t, file: pipe.txt}
"""})
    (data / "link.txt").symlink_to(outside)
    os.mkfifo(data / "pipe.txt")
    result = load_ledger(data)
    found = {d.message.split("'")[1]: d.code for d in check_document_files(RuleContext(result.ledger, data))}
    assert found == {"a\\x00b": "FL301", "link.txt": "FL302", "pipe.txt": "FL301"}


def test_special_and_linked_ledger_files_are_never_read(write_ledger, tmp_path: Path) -> None:
    secret = tmp_path / "passwd.yaml"
    secret.write_text("root: x\n")
    data = write_ledger({"ok.yaml": SOURCE})
    os.mkfifo(data / "pipe.yaml")  # reading it would block forever
    (data / "passwd.yaml").symlink_to(secret)
    (data / "zero.yaml").symlink_to("/dev/zero")
    found = codes(data)
    assert sorted(found) == [("FL003", "passwd.yaml"), ("FL003", "pipe.yaml"), ("FL003", "zero.yaml")]
    assert all("root" not in d.message for d in load_ledger(data).diagnostics)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / os.fsdecode(b"bad\xff.yaml")).write_text("nonsense: [\n")
    diagnostics = load_ledger(data).diagnostics
    assert diagnostics and all(d.location.file.encode("utf-8") for d in diagnostics)
    assert "bad\\xff.yaml" in diagnostics[0].location.file


def test_a_crashing_rule_becomes_a_diagnostic(write_ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: RuleContext):
        raise KeyError("boom")
        yield  # pragma: no cover

    from factledger.rules import registry  # where the pipeline takes the rules from, when they run

    monkeypatch.setattr(registry, "VALIDATION_RULES", (broken, *registry.VALIDATION_RULES))
    data = write_ledger({"l.yaml": "claims:\n  - {id: c, statement: s, sources: [{source: NIZ}]}\n"})
    found = [d.code for d in load_ledger(data).diagnostics]
    assert "FL900" in found and "FL202" in found  # the other rules still ran


def test_suggester_handles_case_typos_and_large_id_sets() -> None:
    ids = [f"claim-{i}" for i in range(50_000)] + ["nis-troops-dispatched"]
    suggest = Suggester(ids)
    assert suggest.hint("nis-troops-dispatchd") == " (did you mean 'nis-troops-dispatched'?)"
    assert Suggester(["NIS"], casefold=True).hint("nis") == " (did you mean 'NIS'?)"
    assert Suggester(["nis-a"]).hint("NIS-A") == " (did you mean 'nis-a'?)"
    assert suggest.hint("zzzzzz") == ""


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_format_number_never_changes_a_float(x: float) -> None:
    assert float(format_number(x).replace(",", "")) == x


def test_a_quote_that_drifts_says_where(write_ledger) -> None:
    data = write_ledger({
        "l.yaml": SOURCE + """\
documents:
  - {id: d, title: D, file: d.txt}
claims:
  - id: drift
    statement: s
    sources: [{source: NIS, document: d, quote: "North Korea has dispatched about 1,500 soldiers"}]
  - id: case
    statement: s
    sources: [{source: NIS, document: d, quote: "north korea has dispatched"}]
""",
        "d.txt": "Reports say North Korea has dispatched approximately 1,500 soldiers.\n",
    })
    messages = [d.message for d in check_quotes(RuleContext(load_ledger(data).ledger, data))]
    assert "matches the document up to '…North Korea has dispatched', then the quote has 'about 1,500 soldiers…' " \
           "where the document has 'approximately 1,500 soldiers.…'" in messages[0]
    assert "occurs only with different capital letters" in messages[1]


def test_yaml_errors_say_what_to_do(write_ledger) -> None:
    data = write_ledger({"tab.yaml": "claims:\n  - id: c\n\tstatement: s\n",
                         "comma.yaml": "sources:\n  - {id: A, name: A, kind: other}\nclaims:\n  - id: c\n"
                                       "    statement: s\n    value: {approx: 1,500, unit: soldiers}\n"
                                       "    sources: [{source: A}]\n"})
    messages = {d.location.file.rsplit("/", 1)[1]: d.message for d in load_ledger(data).diagnostics}
    assert "a tab in the indentation" in messages["tab.yaml"] and "spaces" in messages["tab.yaml"]
    assert "a thousands separator?" in messages["comma.yaml"] and "1500" in messages["comma.yaml"]

"""One test per class of hardening fix (each failed before it): numbers, ids, keys, invisible
characters, round trips, injection, bounded work, and writes that are never half-done."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from factledger.system import output
from factledger.pipeline import check_ledger, load_ledger

from support import FIXTURES, REPO

SOURCES = "sources:\n  - {id: S, name: A source, kind: media}\n  - {id: T, name: Another, kind: media}\n"


def codes_at(data: Path) -> list[tuple[str, int]]:
    return sorted((d.code, d.location.line) for d in load_ledger(data).diagnostics)


# -- numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("written, says", [
    ("1" * 5000, "has 5,000 digits"),
    ("0x" + "f" * 400, "has 400 digits"),
    ("1e400", "too large"),
    ("-1e301", "too large"),
    (".inf", "finite"),
    ("{approx: .nan}", "finite"),
    ("1e-400", "would be read as 0"),
    ("{at_least: 1e-320}", "too small"),
])
def test_numbers_out_of_range_are_located_errors(write_ledger, written: str, says: str) -> None:
    data = write_ledger({"l.yaml": SOURCES + f"claims:\n  - id: c1\n    statement: s\n    value: {written}\n"
                                            "    sources: [{source: S}]\n"})
    [problem] = load_ledger(data).diagnostics
    assert (problem.code, problem.location.line) == ("FL110", 7) and says in problem.message, problem.message


def test_numbers_at_the_limit_stay_finite_everywhere(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": SOURCES + "claims:\n"
                         "  - {id: c1, statement: s, subject: a, property: b, value: {low: -1e300, high: 1e300},"
                         " date: 2024-01, sources: [{source: S}]}\n"
                         "  - {id: c2, statement: s, subject: a, property: b, value: {approx: 1e300}, date: 2024-02,"
                         " sources: [{source: T}]}\n"})
    assert load_ledger(data).diagnostics == []
    for command in (["timeline"], ["export", "markdown"], ["check", "--all"], ["show", "c2"]):
        result = invoke(*command, "--data", str(data))
        assert result.exit_code == 0, result.output
        assert not re.search(r"\b(nan|inf|infinity)\b", result.stdout.lower()), command


@pytest.mark.parametrize("option", [["--window", str(10**400)], ["--tolerance", "nan"], ["--tolerance", "inf"],
                                    ["--window", "-1"]])
def test_check_options_beyond_what_dates_and_numbers_can_hold_are_usage_errors(invoke, option: list[str]) -> None:
    for command in ("check", "show"):
        args = [command, *(["nis-troops-dispatched"] if command == "show" else []), *option]
        result = invoke(*args)
        assert result.exit_code == 2, result.output


# -- ids, keys and invisible characters ----------------------------------------------------------

def test_an_id_ending_in_a_newline_is_never_the_same_id(write_ledger) -> None:
    data = write_ledger({"l.yaml": 'sources:\n  - {id: "S\\n", name: A, kind: media}\n'
                                   "claims:\n  - id: |\n      c1\n    statement: s\n    sources: [{source: S}]\n"
                                   '  - {id: c2, statement: t, subject: "a\\n", tags: ["b\\n"], sources: [{source: "S\\n"}]}\n'})
    found = codes_at(data)
    assert ("FL107", 2) in found and ("FL107", 4) in found  # the source id, the block-scalar claim id
    assert ("FL114", 8) in found  # the subject and the tag: slugs are whole strings too
    assert [m for m in (d.message for d in load_ledger(data).diagnostics) if "\n" in m] == []


@pytest.mark.parametrize("first, second", [("1", "01"), ("true", "True"), ("~", "null"), ("1.0", "1.00"),
                                           ("0x10", "16"), ("a", '"a"'), (".nan", ".NaN")])
def test_duplicate_keys_are_found_as_yaml_1_2_reads_them(write_ledger, first: str, second: str) -> None:
    data = write_ledger({"l.yaml": f"{first}: x\n{second}: y\n"})
    assert ("FL004", 2) in codes_at(data)


@pytest.mark.parametrize("first, second", [("1", '"1"'), ("1", "1.0"), ("true", '"true"')])
def test_keys_that_only_look_alike_are_not_duplicates(write_ledger, first: str, second: str) -> None:
    data = write_ledger({"l.yaml": f"{first}: x\n{second}: y\n"})
    assert "FL004" not in {code for code, _ in codes_at(data)}


INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\U000e0041", "\u180e", "\u3164"]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_flagged_and_never_shown_raw(invoke, write_ledger, tmp_path: Path,
                                                              char: str) -> None:
    escaped = char.encode("unicode_escape").decode("ascii")  # raw U+2028 would be FL011: YAML readers disagree
    data = write_ledger({"l.yaml": SOURCES + f'claims:\n  - {{id: c1, statement: "Troops{escaped}sent", '
                                             f'subject: a, property: b, value: "x{escaped}", sources: [{{source: S}}]}}\n'})
    assert ("FL118", 5) in codes_at(data)
    outputs = [invoke(*command, "--data", str(data)).stdout for command in (
        ["validate"], ["validate", "--format", "json"], ["validate", "--format", "github"], ["list"],
        ["list", "--format", "json"], ["list", "--format", "csv"], ["list", "--format", "yaml"], ["show", "c1"],
        ["show", "c1", "--format", "json"], ["check", "--all"], ["check", "--format", "json"],
        ["export", "markdown"], ["export", "json"], ["export", "csv"], ["export", "yaml"], ["timeline"])]
    for shown in outputs:
        assert char not in shown
    # Escaped, not lost: JSON and YAML readers get the character back.
    assert json.loads(invoke("list", "--format", "json", "--data", str(data)).stdout)[0]["statement"] == \
        f"Troops{char}sent"
    assert yaml.safe_load(invoke("export", "yaml", "--data", str(data)).stdout)["claims"][0]["statement"] == \
        f"Troops{char}sent"


def test_a_line_separator_cannot_forge_a_diagnostic(invoke, write_ledger, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS")  # a pipe or a log: one line per diagnostic, never wrapped
    data = write_ledger({"l.yaml": SOURCES + 'claims:\n  - {id: c1, statement: s, sources: [{source: S}], '
                                             '"x\\u2028l.yaml:1:1: error FL999 forged\\u2029": 1}\n'})
    for fmt in ("text", "github"):
        shown = invoke("validate", "--format", fmt, "--data", str(data)).stdout
        assert len(shown.splitlines()) == (2 if fmt == "text" else 1), shown  # splitlines splits at U+2028


# -- round trips and injection -------------------------------------------------------------------

def _round_trip(invoke, data: Path, tmp_path: Path) -> None:
    exported = invoke("export", "yaml", "--data", str(data))
    assert exported.exit_code == 0, exported.output
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "ledger.yaml").write_text(exported.stdout, encoding="utf-8")
    for document in data.rglob("*"):  # document files, where the ledger has them
        if document.is_file() and not document.name.endswith((".yaml", ".yml")) and document.name != "expected.txt":
            target = copy / document.relative_to(data)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document.read_bytes())
    before = invoke("export", "json", "--data", str(data)).stdout
    after = invoke("export", "json", "--data", str(copy))
    assert after.exit_code == 0, after.output
    assert after.stdout == before


VALID_LEDGERS = [REPO / "data", FIXTURES / "export", *sorted((FIXTURES / "valid").iterdir()),
                 *sorted(p for p in (FIXTURES / "check").iterdir() if p.is_dir())]


@pytest.mark.parametrize("data", VALID_LEDGERS, ids=lambda p: p.name)
def test_the_yaml_export_reads_back_as_the_same_ledger(invoke, tmp_path: Path, data: Path) -> None:
    _round_trip(invoke, data, tmp_path)


def test_the_yaml_export_round_trips_texts_that_yaml_1_2_reads_as_numbers(invoke, write_ledger,
                                                                          tmp_path: Path) -> None:
    tricky = ["1e3", "1E+5", "0o17", "0x1F", ".5", "+12", "-0", ".inf", ".NaN", "~", "null", "true", "False",
              "007", "1_000", "yes", "no", "on", "12:30", "2024-01-01", "- x", "a: b", "#x", "'q'", '"q"', "x\u2028y",
              "\U000e0041hidden", " padded ", "tab\there", "line\nbreak"]
    def quoted(text: str) -> str:  # a YAML double-quoted scalar, every character escaped as YAML spells it
        return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'

    claims = "".join(f"  - id: c{i}\n    statement: {quoted(text or 'empty')}\n    notes: {quoted(text)}\n"
                     f"    subject: a\n    property: p{i}\n    value: {quoted(text or 'x')}\n"
                     f"    sources: [{{source: S}}]\n" for i, text in enumerate(tricky))
    data = write_ledger({"l.yaml": SOURCES + "claims:\n" + claims})
    _round_trip(invoke, data, tmp_path)


def test_a_generated_ledger_round_trips_through_yaml(invoke, tmp_path: Path) -> None:
    from generate_ledger import write_yaml_ledger

    data = write_yaml_ledger(tmp_path / "generated", claims=300, questions=40, per_file=100)
    _round_trip(invoke, data, tmp_path)


def test_the_claimreview_export_cannot_end_the_script_element_it_is_pasted_into(invoke, write_ledger) -> None:
    data = write_ledger({"l.yaml": SOURCES + "claims:\n  - id: c1\n    statement: 'a</script><script>alert(1)</script>"
                                             "<!-- & -->'\n    status: denied\n    sources: [{source: S}]\n"})
    result = invoke("export", "claimreview", "--publisher", "P & Q", "--base-url", "https://x.example/", "--data",
                    str(data))
    assert result.exit_code == 0, result.output
    assert "<" not in result.stdout and ">" not in result.stdout and "&" not in result.stdout
    assert json.loads(result.stdout)[0]["claimReviewed"].startswith("a</script>")


@pytest.mark.parametrize("name", ["reviews\nclaims: [{id: injected, statement: x, sources: [{source: s}]}]\n.json",
                                  "reviews\u2028claims: []\u2029.json", "reviews\r.json"])
def test_the_import_header_cannot_be_broken_by_a_file_name(invoke, tmp_path: Path, name: str) -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "A claim.", "url": "https://checks.example/1",
              "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Someone"}},
              "author": {"@type": "Organization", "name": "Checks"},
              "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}}
    source = tmp_path / name
    source.write_text(json.dumps(review), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    result = invoke("import", "claimreview", str(source), "--data", str(data), "-o", str(data / "imported.yaml"))
    assert result.exit_code == 0, result.output
    written = (data / "imported.yaml").read_text(encoding="utf-8")
    header = written.split("\n", 1)[0]
    assert header.isascii() and header.startswith("# Imported from ") and "\u2028" not in written.split("\n", 1)[0]
    [claim] = load_ledger(data).ledger.claims  # nothing injected
    assert claim.id.startswith("a-claim-") and claim.statement == "A claim."
    assert load_ledger(data).diagnostics == []


def test_import_refuses_duplicate_json_keys_naming_where(invoke, tmp_path: Path) -> None:
    source = tmp_path / "dup.json"
    source.write_text('[{"@type": "ClaimReview", "claimReviewed": "A", "itemReviewed": {"author": "X"}, '
                      '"author": "Y", "reviewRating": {"ratingValue": 1, "ratingValue": 5}}]', encoding="utf-8")
    result = invoke("import", "claimreview", str(source))
    assert result.exit_code == 1, result.output
    assert "$[0].reviewRating.ratingValue is given twice" in result.stderr


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:99999/x", "https://a.example:port/", "javascript:alert(1)",
                                 "http://exa mple.com", "https://\u202eexample.com"])
def test_hostile_urls_are_refused_not_crashed_on(invoke, tmp_path: Path, url: str) -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "A claim.", "url": url,
              "itemReviewed": {"@type": "Claim", "author": {"name": "Someone", "url": url},
                               "appearance": [{"url": url}, url]},
              "author": {"@type": "Organization", "name": "Checks", "url": url}}
    source = tmp_path / "r.json"
    source.write_text(json.dumps(review), encoding="utf-8")
    result = invoke("import", "claimreview", str(source))
    assert result.exit_code == 0, result.output
    imported = yaml.safe_load(result.stdout)
    # Never used as an address anywhere; said, as text, in the notes (nothing is dropped without a word).
    addresses = [e.get("url") for section in imported.values() for e in section] + [
        c.get("url") for claim in imported["claims"] for c in claim["sources"]]
    assert url not in addresses and "could not be used" in result.stderr


def test_a_claimreview_nested_deep_inside_a_page_is_still_found(invoke, tmp_path: Path) -> None:
    review: object = {"@type": "ClaimReview", "claimReviewed": "Deep.", "itemReviewed": {"author": "X"},
                      "author": "Y"}
    for _ in range(200):
        review = {"wrapper": [review]}
    source = tmp_path / "deep.json"
    source.write_text(json.dumps(review), encoding="utf-8")
    result = invoke("import", "claimreview", str(source))
    assert result.exit_code == 0 and "statement: Deep." in result.stdout, result.output


def test_an_export_never_replaces_a_file_in_the_data_directory_unless_forced(invoke, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    ledger = data / "sources.yaml"
    ledger.write_text(SOURCES + "claims:\n  - {id: c1, statement: s, sources: [{source: S}]}\n", encoding="utf-8")
    before = ledger.read_bytes()
    (tmp_path / "elsewhere").symlink_to(data)  # a path that leads into the data directory by a link
    for fmt in ("markdown", "json", "sqlite"):
        for target in (ledger, data / "summary.md", tmp_path / "elsewhere" / "summary.md"):
            result = invoke("export", fmt, "--data", str(data), "-o", str(target))
            assert result.exit_code == 2 and "inside the data directory" in result.stderr, result.output
            assert "--force" in result.stderr
    assert ledger.read_bytes() == before and sorted(p.name for p in data.iterdir()) == ["sources.yaml"]
    forced = invoke("export", "markdown", "--data", str(data), "-o", str(data / "summary.md"), "--force")
    assert forced.exit_code == 0 and (data / "summary.md").exists()


def test_dash_is_standard_output(invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "json", "--data", str(REPO / "data"), "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["claims"]
    database = invoke("export", "sqlite", "--data", str(REPO / "data"), "-o", "-")
    assert database.exit_code == 2 and "cannot go to stdout" in database.output
    assert list(tmp_path.iterdir()) == []  # no file named '-'


# -- bounded work --------------------------------------------------------------------------------

def test_agreeing_claims_are_compared_as_groups_and_corroboration_is_summarised(write_ledger) -> None:
    sources = "".join(f"  - {{id: S{i}, name: N{i}, kind: media}}\n" for i in range(40))
    claims = "".join(f"  - {{id: c{i:04d}, statement: s, subject: a, property: b, value: {{approx: 1000}}, "
                     f"sources: [{{source: S{i % 40}}}]}}\n" for i in range(2000))
    result = load_ledger(write_ledger({"l.yaml": "sources:\n" + sources + "claims:\n" + claims}))
    checked = check_ledger(result.ledger)
    assert checked.comparisons <= 1  # one group: two thousand identical claims are one comparison
    corroborated = [f for f in checked.findings if f.kind == "corroborated"]
    assert len(corroborated) == 2000
    first = corroborated[0]
    assert len(first.claims) == 21 and "and 1,930 more, from independent origins" in first.message
    assert checked.independent_origins["c0000"] == 40


def test_a_long_part_of_chain_costs_one_set_of_origins() -> None:
    from factledger.problems.diagnostics import Location
    from factledger.model.entries import Ledger, Ref, Source
    from factledger.check.origins import Dependence

    where = Location("l.yaml", 1, 1)
    ledger = Ledger(sources=[Source("S0", "N", "government", where)] + [
        Source(f"S{i}", "N", "official", where, part_of=Ref(f"S{i - 1}", where)) for i in range(1, 10_000)])
    dependence = Dependence(ledger)
    assert len({id(dependence.roots(f"S{i}")) for i in range(10_000)}) == 1  # one shared set, not 10,000
    assert dependence.roots("S9999") == {"s0"} and dependence.dependent("S9999", "S5000")


def test_import_ids_are_counted_per_base_not_searched_from_two() -> None:
    from factledger.importers.ids import Ids

    class Counting(set):  # type: ignore[type-arg]
        checks = 0

        def __contains__(self, item: object) -> bool:
            Counting.checks += 1
            return super().__contains__(item)

    ids = Ids(taken=Counting())
    assert [ids.unique("same-claim") for _ in range(3)] == ["same-claim", "same-claim-2", "same-claim-3"]
    for _ in range(20_000):
        ids.unique("same-claim")
    assert Counting.checks <= 20_003


def test_an_enormous_field_is_shown_shortened_and_exported_whole(invoke, write_ledger) -> None:
    statement = "word " * 200_000
    data = write_ledger({"l.yaml": SOURCES + f"claims:\n  - id: c1\n    statement: {statement}\n"
                                             "    sources: [{source: S}]\n"})
    for command in (["list"], ["show", "c1"], ["timeline"]):
        result = invoke(*command, "--data", str(data))
        assert result.exit_code == 0 and len(result.stdout) < 20_000, command
        assert f"{len(statement.strip()) - 2000:,} more characters; --format json shows them all" in \
            " ".join(result.stdout.split())
    assert json.loads(invoke("list", "--format", "json", "--data", str(data)).stdout)[0]["statement"] == \
        statement.strip()


def test_suggestions_among_long_similar_ids_are_bounded() -> None:
    from factledger.text.suggest import Suggester

    known = [("s" * 190) + str(i) for i in range(2000)]
    suggester = Suggester(known, casefold=True)
    assert suggester.hint(("s" * 189) + "x7") == f" (did you mean '{'s' * 190}7'?)"
    assert suggester.closest("s" * 10_000) is None  # far longer than any id: not matched at all


# -- writes --------------------------------------------------------------------------------------

def test_a_write_is_synced_before_the_rename_and_the_folder_after(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append("folder" if os.path.isdir(f"/proc/self/fd/{descriptor}") else "file")
        real_fsync(descriptor)

    def replace(source: object, target: object) -> None:
        events.append("rename")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    output.write_text(tmp_path / "out.json", "{}\n")
    assert events == ["file", "rename", "folder"]
    assert (tmp_path / "out.json").read_text() == "{}\n"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_leaves_the_old_file_and_no_temporary_files(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "ledger.db"
    target.write_text("the previous export\n")
    # A process started in the background inherits SIGINT ignored (and then rightly ignores it): the test
    # puts Python's own handler back, so that it means the same however the suite is started.
    script = textwrap.dedent(f"""
        import os, signal, sqlite3, sys
        from pathlib import Path
        from factledger.system.output import write_with

        signal.signal(signal.SIGINT, signal.default_int_handler)

        def fill(path):
            db = sqlite3.connect(path)
            db.execute("CREATE TABLE t (x)")  # a journal or WAL file would exist from here
            os.kill(os.getpid(), {int(signum)})
        try:
            write_with(Path({str(target)!r}), fill)
        except BaseException as exc:
            print(type(exc).__name__)
            sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.db"]


def test_a_reader_that_stops_early_and_a_terminal_without_unicode_end_cleanly(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "factledger", "list", "--data", str(REPO / "data")]
    narrow = subprocess.run(command, capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"},
                            timeout=60)
    assert narrow.returncode == 0 and b"Traceback" not in narrow.stderr
    assert b"\\u2248" in narrow.stdout  # '≈' written as an escape, not a crash
    many = tmp_path / "data"
    many.mkdir()
    (many / "l.yaml").write_text(SOURCES + "claims:\n" + "".join(
        f"  - {{id: c{i}, statement: s, sources: [{{source: S}}]}}\n" for i in range(3000)))
    shell = f"{sys.executable} -m factledger check --all --data {many} | head -c 1"
    piped = subprocess.run(shell, shell=True, capture_output=True, timeout=120)
    assert b"Traceback" not in piped.stderr and b"BrokenPipe" not in piped.stderr, piped.stderr

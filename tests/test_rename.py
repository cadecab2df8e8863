"""`factledger rename OLD NEW`: the definition and every reference, in every file, as exact edits; refused
with the reason where it would be wrong; undone byte for byte by renaming back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factledger.model.references import KINDS
from factledger.model.references import references as model_references
from factledger.pipeline import load_ledger
from factledger.schema.paths import references as schema_references

from support import FIXTURES

SOURCES = """\
# Sources, with a comment that must stay.
sources:
  - id: NIS   # South Korea's
    name: National Intelligence Service
    kind: intelligence
  - {id: ROK, name: "Government", kind: government}
  - id: NIS-DIRECTOR
    name: Its director
    kind: official
    part_of: nis
documents:
  - id: article
    title: An article
    publisher: 'NIS'
"""

CLAIMS = """\
claims:
  - id: c1
    statement: Troops were sent.
    subject: q
    property: p
    value: 1500
    date: 2024-10
    sources:
      - source: NIS
        via: [ROK]
        document: article
  - {id: c2, statement: "More.", subject: q, property: p, value: 1500, date: 2024-10,
     sources: [{source: "ROK", via: [Nis]}], supports: [c1]}
assessments:
  - {id: a1, claims: [c1, c2], verdict: duplicate}
reviews:
  - {id: r1, claim: c1, by: NIS, verdict: confirmed, appearances: [article]}
"""


SCALES = """\
scales:
  - id: nis-words
    labels: {Correct: confirmed, Wrong: denied}
    publishers: [ROK, NIS]
"""


def test_a_scale_that_names_the_source_as_a_publisher_is_renamed_with_it(invoke, ledger: Path) -> None:
    (ledger / "scales.yaml").write_text(SCALES, encoding="utf-8")
    result = invoke("rename", "NIS", "KR-NIS", "--data", str(ledger))
    assert result.exit_code == 0, result.output
    assert "renamed source 'NIS' to 'KR-NIS': 7 edits in 3 files" in result.stdout
    assert (ledger / "scales.yaml").read_text(encoding="utf-8") == SCALES.replace("[ROK, NIS]", "[ROK, KR-NIS]")
    assert [d for d in _diagnostics(ledger) if d[1] == "scales.yaml"] == []


def test_every_field_that_names_an_entry_is_a_reference_rename_follows(ledger: Path) -> None:
    # The field tables (which validation and the JSON Schema read) and model/references.py are one list:
    # a field that names a source, document or claim and is not followed would make rename refuse, or worse.
    (ledger / "scales.yaml").write_text(SCALES, encoding="utf-8")
    (ledger / "claims" / "more.yaml").write_text(MORE, encoding="utf-8")
    read = load_ledger(ledger, cache=False).ledger
    followed = {(kind, ref.location.line, Path(ref.location.file).name) for kind in KINDS
                for ref in model_references(read, kind)}
    named = set()
    for file in sorted(ledger.rglob("*.yaml")):
        root = yaml.compose(file.read_text(encoding="utf-8"))
        for kind, paths in schema_references().items():
            for path in paths:
                named |= {(kind, line, file.name) for line in _lines(root, path)}
    assert {p[0] for p in named} == {"source", "document", "claim"}  # the fixtures name each kind
    assert {path for paths in schema_references().values() for path in paths} <= _PATHS_IN_FIXTURES
    assert named <= followed, sorted(named - followed)


# The fields naming an entry that the fixtures above leave out, so that the test sees each of them.
MORE = """\
sources:
  - {id: relay, name: A relay, kind: media, depends_on: [NIS]}
claims:
  - {id: c3, statement: Fewer., sources: [{source: relay}], disputes: [c1], supersedes: [c2]}
assessments:
  - {id: a2, claims: [c1, c3], verdict: one-is-wrong, wrong: c3}
"""

# Every path a field naming an entry can take, each used in the fixtures above (so the test sees them all).
_PATHS_IN_FIXTURES = {("sources", "part_of"), ("sources", "depends_on"), ("documents", "publisher"),
                      ("claims", "sources", "source"), ("claims", "sources", "via"), ("claims", "sources", "document"),
                      ("claims", "supports"), ("claims", "disputes"), ("claims", "supersedes"),
                      ("assessments", "claims"), ("assessments", "wrong"), ("reviews", "claim"), ("reviews", "by"),
                      ("reviews", "appearances"), ("scales", "publishers")}


def _lines(node: yaml.Node, path: tuple[str, ...]) -> list[int]:
    """The lines (1-based) of the scalars at ``path`` under ``node`` (list items implicit)."""
    if isinstance(node, yaml.SequenceNode):
        return [line for item in node.value for line in _lines(item, path)]
    if not path:
        return [node.start_mark.line + 1] if isinstance(node, yaml.ScalarNode) else []
    if not isinstance(node, yaml.MappingNode):
        return []
    return [line for key, value in node.value if key.value == path[0] for line in _lines(value, path[1:])]


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "claims").mkdir(parents=True)
    (data / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (data / "claims" / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    return data


def _files(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}


def _diagnostics(data: Path, *ids: str) -> list[tuple[str, str, str]]:
    found = []
    for d in load_ledger(data, cache=False).diagnostics:
        message = d.message
        for id_ in ids:
            message = re.sub(rf"\b{re.escape(id_)}\b", "ID", message, flags=re.IGNORECASE)
        found.append((d.code, Path(d.location.file).name, message))
    return sorted(found)


def test_a_source_is_renamed_everywhere_and_nothing_else_changes(invoke, ledger: Path) -> None:
    before = _files(ledger)
    result = invoke("rename", "NIS", "KR-NIS", "--data", str(ledger))
    assert result.exit_code == 0, result.output
    assert "renamed source 'NIS' to 'KR-NIS': 6 edits in 2 files" in result.stdout
    after = _files(ledger)
    assert after["sources.yaml"].decode() == (SOURCES.replace("id: NIS   #", "id: KR-NIS   #")
                                              .replace("part_of: nis", "part_of: KR-NIS")
                                              .replace("publisher: 'NIS'", "publisher: 'KR-NIS'"))
    assert after["claims/c.yaml"].decode() == (CLAIMS.replace("source: NIS\n", "source: KR-NIS\n")
                                               .replace("via: [Nis]", "via: [KR-NIS]")
                                               .replace("by: NIS,", "by: KR-NIS,"))
    assert before != after
    # The id NIS-DIRECTOR, which only begins like it, is untouched.
    assert b"id: NIS-DIRECTOR" in after["sources.yaml"]


@pytest.mark.parametrize("kind, old, new, count", [("claim", "c1", "c-one", 4), ("document", "article", "art-1", 3),
                                                    ("assessment", "a1", "judgement-1", 1)])
def test_each_kind_is_renamed_with_its_references(invoke, ledger: Path, kind: str, old: str, new: str,
                                                  count: int) -> None:
    diagnostics = _diagnostics(ledger, old, new)
    result = invoke("rename", old, new, "--data", str(ledger))
    assert result.exit_code == 0, result.output
    assert f"renamed {kind} '{old}' to '{new}': {count} edit" in result.stdout
    assert _diagnostics(ledger, old, new) == diagnostics
    back = invoke("rename", new, old, "--data", str(ledger))
    assert back.exit_code == 0, back.output


@pytest.mark.parametrize("old, new, said", [
    ("NIS", "ROK", "a source 'ROK' already exists"),
    ("NIS", "rok", "differs from the source 'ROK'"),
    ("c1", "c2", "a claim 'c2' already exists"),
    ("NIS", "N\u0406S", "is not a source id"),  # a Cyrillic look-alike
    ("c1", "C1", "is not a claim id"),
    ("NIX", "X", "did you mean 'NIS'"),
    ("NIS", "NIS", "nothing to rename"),
])
def test_a_rename_that_would_be_wrong_is_refused_with_the_reason(invoke, ledger: Path, old: str, new: str,
                                                                 said: str) -> None:
    before = _files(ledger)
    result = invoke("rename", old, new, "--data", str(ledger))
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert _files(ledger) == before


def test_an_id_of_two_kinds_needs_kind(invoke, ledger: Path) -> None:
    path = ledger / "sources.yaml"
    path.write_text(SOURCES.replace("id: article", "id: ROK"), encoding="utf-8")
    (ledger / "claims" / "c.yaml").write_text(CLAIMS.replace("article", "ROK"), encoding="utf-8")
    result = invoke("rename", "ROK", "KR", "--data", str(ledger))
    assert result.exit_code == 2 and "source and a document" in result.stderr
    chosen = invoke("rename", "ROK", "KR", "--kind", "document", "--data", str(ledger))
    assert chosen.exit_code == 0, chosen.output
    assert "publisher: 'NIS'" in path.read_text(encoding="utf-8") and "kind: government" in path.read_text()


def test_a_ledger_that_does_not_load_whole_is_not_renamed(invoke, ledger: Path) -> None:
    (ledger / "claims" / "broken.yaml").write_text("claims: [{id: c9, sources: [{source: NIS}\n", encoding="utf-8")
    before = _files(ledger)
    result = invoke("rename", "NIS", "KR-NIS", "--data", str(ledger))
    assert result.exit_code == 2 and "does not load whole" in result.stderr and "broken.yaml" in result.stderr
    assert _files(ledger) == before


def test_an_id_written_where_no_reference_could_be_read_is_pointed_out(invoke, ledger: Path) -> None:
    (ledger / "claims" / "odd.yaml").write_text(
        "claims:\n  - id: c9\n    statement: x\n    sources:\n      - source: NIS\n        via: NIS\n",
        encoding="utf-8")
    result = invoke("rename", "NIS", "KR-NIS", "--data", str(ledger))
    assert result.exit_code == 0, result.output
    assert "odd.yaml:6:14: 'NIS' is written here but is not a reference" in result.stderr


def test_a_name_or_text_spelling_the_id_is_not_a_missed_reference(invoke, ledger: Path) -> None:
    (ledger / "claims" / "words.yaml").write_text(
        "sources:\n  - id: alice\n    name: Alice\n    kind: other\n    notes: alice\n"
        "claims:\n  - id: c9\n    statement: Alice\n    subject: alice\n    property: p\n    value: alice\n"
        "    sources: [{source: alice}]\n", encoding="utf-8")
    result = invoke("rename", "alice", "alice-x", "--data", str(ledger))
    assert result.exit_code == 0, result.output
    assert "is not a reference" not in result.stderr, result.stderr
    text = (ledger / "claims" / "words.yaml").read_text(encoding="utf-8")
    assert "name: Alice\n" in text and "source: alice-x}" in text and "id: alice-x\n" in text


def test_dry_run_shows_the_diff_and_writes_nothing(invoke, ledger: Path) -> None:
    before = _files(ledger)
    for flag in ("--dry-run", "--diff"):
        result = invoke("rename", "NIS", "KR-NIS", flag, "--data", str(ledger))
        assert result.exit_code == 0, result.output
        assert "-  - id: NIS   # South Korea's\n+  - id: KR-NIS   # South Korea's\n" in result.stdout
        assert "would rename source 'NIS'" in result.stderr
        assert _files(ledger) == before


def test_a_crlf_file_keeps_its_line_ends(invoke, ledger: Path) -> None:
    path = ledger / "sources.yaml"
    path.write_bytes(SOURCES.replace("\n", "\r\n").encode())
    assert invoke("rename", "NIS", "KR-NIS", "--data", str(ledger)).exit_code == 0
    assert path.read_bytes() == (SOURCES.replace("id: NIS   #", "id: KR-NIS   #").replace("part_of: nis", "part_of: KR-NIS")
                                 .replace("publisher: 'NIS'", "publisher: 'KR-NIS'").replace("\n", "\r\n").encode())


def test_renaming_to_an_id_that_needs_quotes_quotes_it_and_back_restores_the_bytes(invoke, ledger: Path) -> None:
    before = _files(ledger)
    assert invoke("rename", "NIS-DIRECTOR", "NO", "--data", str(ledger)).exit_code == 0
    assert 'id: "NO"' in (ledger / "sources.yaml").read_text()  # YAML 1.1 readers would read a plain NO as false
    assert invoke("rename", "NO", "NIS-DIRECTOR", "--data", str(ledger)).exit_code == 0
    assert _files(ledger) == before


_IDS = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,6}(-[A-Za-z0-9]{1,4})?", fullmatch=True)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          deadline=None)
@given(_IDS)
def test_rename_then_rename_back_gives_the_original_bytes(invoke, tmp_path_factory: pytest.TempPathFactory,
                                                         new: str) -> None:
    data = tmp_path_factory.mktemp("ledger") / "data"
    shutil.copytree(FIXTURES / "check" / "FL505-corroborated", data)
    if new.casefold() in {s.id.casefold() for s in load_ledger(data).ledger.sources}:
        return
    before = _files(data)
    diagnostics = _diagnostics(data, "NIS", new)
    done = invoke("rename", "NIS", new, "--data", str(data))
    assert done.exit_code == 0, done.output
    assert _diagnostics(data, "NIS", new) == diagnostics  # exactly what it reported before, ids aside
    back = invoke("rename", new, "NIS", "--data", str(data))
    assert back.exit_code == 0, back.output
    assert _files(data) == before

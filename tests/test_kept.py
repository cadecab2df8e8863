"""The cross-check's questions kept in the cache (check.kept) never change what a command says.

Over random sequences of edits of every check fixture, split so that each claim is a file of its own (an edit of
one file then leaves the other questions' keys as they were, and they are taken again), a warm `check --all`,
`questions` and `export markdown` say byte for byte what `--no-cache` says; a key that misses an input is caught by
the same comparison; an edit of one file checks again only the questions it touches; a first run, which parses
every file, keeps nothing; a kept entry that is corrupt, foreign or not an outcome is ignored."""

from __future__ import annotations

import pickle
import random
import re
import shutil
from pathlib import Path

import pytest

from factledger.check import kept, reuse
from factledger.check.options import CheckOptions
from factledger.load.cache import store
from support import FIXTURES

CHECKED = sorted(p for p in (FIXTURES / "check").iterdir() if p.is_dir())
# The lines an edit changes: each takes a value another line of the same name has somewhere in the fixtures.
EDITED = re.compile(r"^(\s*(?:- )?)(value|date|status|subject|property|sources|disputes|supersedes|supports|"
                    r"part_of|depends_on|claim|verdict|approx|unit|retracted):( .*)$")


def _pool() -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for folder in CHECKED:
        for line in (folder / "ledger.yaml").read_text(encoding="utf-8").splitlines():
            if match := EDITED.match(line):
                found.setdefault(match[2], set()).add(match[3])
    return {name: sorted(values) for name, values in found.items()}


POOL = _pool()


def _split(ledger: Path, into: Path) -> None:
    """The fixture's ``ledger`` written into ``into`` with each claim in a file of its own (the other sections
    stay in ledger.yaml): by lines, as its sections are lists of blocks each starting '  - '."""
    rest: list[str] = []
    claims: list[list[str]] = []
    section = ""
    for line in ledger.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            section = line.split(":", 1)[0]
            if section == "claims" and line.strip() == "claims:":
                continue
        if section == "claims" and line.startswith("  - "):
            claims.append([line])
        elif section == "claims" and claims:
            claims[-1].append(line)
        else:
            rest.append(line)
    into.mkdir(parents=True)
    (into / "ledger.yaml").write_text("\n".join(rest) + "\n", encoding="utf-8")
    for number, block in enumerate(claims):
        (into / f"claim-{number:02}.yaml").write_text("claims:\n" + "\n".join(block) + "\n", encoding="utf-8")


def _edit(rng: random.Random, data: Path) -> None:
    """One edit of one of the files: a line given another's value (most often), or deleted, or a claim copied."""
    path = rng.choice(sorted(data.glob("*.yaml")))
    lines = path.read_text(encoding="utf-8").splitlines()
    places = [i for i, line in enumerate(lines) if EDITED.match(line)]
    if not places:
        return
    i = rng.choice(places)
    match = EDITED.match(lines[i])
    assert match is not None
    roll = rng.random()
    if roll < 0.8:
        lines[i] = f"{match[1]}{match[2]}:{rng.choice(POOL[match[2]])}"
    elif roll < 0.9 and not match[1].strip():
        del lines[i]
    else:  # a claim recorded again under another id, at the end of the file
        starts = [j for j, line in enumerate(lines) if line.startswith("  - id: ")]
        if starts:
            first = rng.choice(starts)
            end = next((j for j in starts if j > first), len(lines))
            block = lines[first:end]
            if all(line.startswith("    ") for line in block[1:]):
                lines += [f"{block[0]}-again-{rng.randrange(100)}", *block[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


COMMANDS = (("check", "--all"), ("questions",), ("export", "markdown"))
EACH = (("check", "--all", "--format", "json"),)  # after every edit: every finding with every field


def _said(invoke, data: Path, *extra: str, commands: tuple[tuple[str, ...], ...] = COMMANDS) -> list[object]:
    return [(r.exit_code, r.stdout) for r in (invoke(*c, "--data", str(data), *extra) for c in commands)]


def _same_over_edits(invoke, folder: Path, tmp_path: Path, steps: int, counted: list[int] | None = None) -> bool:
    """Whether, after each of ``steps`` random edits of the fixture in ``folder`` (split: :func:`_split`), every
    command says warm what it says with --no-cache."""
    data = tmp_path / folder.name
    _split(folder / "ledger.yaml", data)
    rng = random.Random(folder.name)
    _said(invoke, data, commands=EACH)  # every file parsed: nothing kept yet
    _said(invoke, data, commands=EACH)  # the files taken from the cache: the questions kept
    for step in range(steps):
        _edit(rng, data)
        commands = EACH + COMMANDS if step == steps - 1 else EACH  # the others at the end (the suite's time)
        if _said(invoke, data, commands=commands) != _said(invoke, data, "--no-cache", commands=commands):
            return False
    return True


@pytest.fixture
def taken(monkeypatch) -> list[tuple[int, int]]:
    """(questions checked, questions taken again) of each cross-check that had questions kept or to keep."""
    found: list[tuple[int, int]] = []
    finish = kept.Kept.finish

    def counted(self: kept.Kept) -> None:
        found.append((self.computed, self.hits))
        finish(self)

    monkeypatch.setattr(kept.Kept, "finish", counted)
    return found


@pytest.mark.parametrize("folder", CHECKED, ids=[p.name for p in CHECKED])
def test_warm_says_what_no_cache_says_over_random_edits(invoke, folder: Path, tmp_path: Path, taken) -> None:
    assert _same_over_edits(invoke, folder, tmp_path, steps=4), f"warm and --no-cache differ on {folder.name}"
    assert taken, "no cross-check had its questions kept"


def test_questions_are_taken_again_over_the_edits(invoke, tmp_path: Path, taken) -> None:
    """The comparison above is between a run that took kept questions and one that checked all: over the
    fixtures, most questions of a warm run after an edit are taken again (split, an edit touches few)."""
    for folder in CHECKED[:12]:
        _same_over_edits(invoke, folder, tmp_path, steps=1)
    assert sum(hits for _, hits in taken) > sum(computed for computed, _ in taken) > 0, taken


def test_a_key_that_misses_an_input_is_caught(invoke, tmp_path: Path, monkeypatch) -> None:
    """The comparison above can fail: with a key that covers only the question's own claims (not the claims that
    dispute or supersede them, not the sources' lineage), some edit makes a warm check say what is no longer so."""
    def narrow(self: reuse.QuestionKeys, question, claims):  # type: ignore[no-untyped-def]
        return reuse._digest([reuse.written(question), *self.digests.all(claims)])

    monkeypatch.setattr(reuse.QuestionKeys, "key", narrow)
    caught = any(not _same_over_edits(invoke, f, tmp_path / "narrow", steps=4) for f in CHECKED)
    assert caught, "a key blind to links and lineage was never caught"


def test_naming_a_claim_without_its_files_content_is_caught(invoke, write_ledger, monkeypatch) -> None:
    """A claim is named by its file's cache name (its path and content) and its place; named by its place alone,
    an edit of its value leaves its name, and a warm check takes again what the question was before."""
    def by_place(entries_by_file):  # type: ignore[no-untyped-def]
        return {id(c): (c, f"claim {place}".encode()) for _, sections in entries_by_file
                for place, c in enumerate(sections.get("claims", ()))}

    monkeypatch.setattr(reuse, "named_by_file", by_place)
    data = write_ledger(TWO_FILES)
    _said(invoke, data, commands=EACH)
    _said(invoke, data, commands=EACH)
    losses = data / "losses.yaml"
    losses.write_text(losses.read_text(encoding="utf-8").replace("value: 100, date", "value: 140, date", 1),
                      encoding="utf-8")
    assert _said(invoke, data, commands=EACH) != _said(invoke, data, "--no-cache", commands=EACH)


TWO_FILES = {
    "sources.yaml": "sources:\n  - {id: NIS, name: NIS, kind: intelligence}\n"
                    "  - {id: UA, name: Ukrainian intelligence, kind: intelligence}\n",
    "troops.yaml": "claims:\n"
                   "  - {id: t1, statement: Fifteen hundred., subject: kp, property: troops, value: 1500, date: 2024-10,"
                   " sources: [{source: NIS}]}\n"
                   "  - {id: t2, statement: Three thousand., subject: kp, property: troops, value: 3000, date: 2024-10,"
                   " sources: [{source: UA}]}\n",
    "losses.yaml": "claims:\n"
                   "  - {id: l1, statement: 100., subject: kp, property: losses, value: 100, date: 2024-11,"
                   " sources: [{source: NIS}]}\n"
                   "  - {id: l2, statement: 100 too., subject: kp, property: losses, value: 100, date: 2024-11,"
                   " sources: [{source: UA}]}\n",
}


def test_an_edit_of_one_file_checks_again_only_its_questions(invoke, write_ledger, taken) -> None:
    data = write_ledger(TWO_FILES)
    first = invoke("check", "--all", "--data", str(data))
    assert taken == [], first.output  # every file parsed, nothing kept: a first run keeps no questions
    assert invoke("check", "--all", "--data", str(data)).stdout == first.stdout
    assert taken[-1] == (2, 0)  # the files taken from the cache: both questions checked, and kept
    assert invoke("check", "--all", "--data", str(data)).stdout == first.stdout
    assert taken[-1] == (0, 2)  # nothing changed: every question taken again
    losses = data / "losses.yaml"
    losses.write_text(losses.read_text(encoding="utf-8").replace("value: 100, date", "value: 140, date", 1),
                      encoding="utf-8")
    edited = invoke("check", "--all", "--data", str(data))
    assert taken[-1] == (1, 1), edited.output  # kp losses only, now in conflict
    assert edited.stdout == invoke("check", "--all", "--no-cache", "--data", str(data)).stdout
    assert edited.stdout != first.stdout


def _entry(cache_folder: Path, data: Path, options: CheckOptions | None = None) -> Path:
    from factledger.load.cached import Reuse

    name = Reuse._named(kept.material(data, options or CheckOptions()))
    found = cache_folder / store.version_folder() / kept.KIND / name[:2] / f"{name}.bin"
    assert found.is_file()
    return found


class _Evil:
    """Pickled, it would make a folder (as it could run any command) if it were read with pickle's own reader."""

    def __init__(self, trace: Path) -> None:
        self.trace = trace

    def __reduce__(self):  # type: ignore[no-untyped-def]
        import os

        return os.mkdir, (str(self.trace),)


def _imported_class(trace: Path) -> bytes:
    """A pickle that names a class by a path through a factledger module's imports (subprocess.Popen, which
    factledger.git.repo imports), as pickle's own reader would follow it: it would make a folder."""
    def text(value: str) -> bytes:
        data = value.encode()
        return b"\x8c" + bytes([len(data)]) + data  # SHORT_BINUNICODE

    return (b"\x80\x04" + text("factledger.git.repo") + text("subprocess.Popen") + b"\x93"  # STACK_GLOBAL
            + b"]" + text("mkdir") + b"a" + text(str(trace)) + b"a" + b"\x85" + b"R" + b".")  # Popen([...])


class _NinetyNinth:
    """Pickled, the question's 99th claim (it has one or two)."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return kept._ClaimAt, (99,)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "unsealed", "evil-table", "evil", "imported-table",
                                    "imported", "another-class", "not-an-outcome", "wrong-claims", "wrong-format"])
def test_a_damaged_or_foreign_entry_is_ignored(invoke, write_ledger, cache_folder: Path, damage: str) -> None:
    data = write_ledger(TWO_FILES)
    cold = _said(invoke, data, "--no-cache")
    assert _said(invoke, data) == cold
    assert _said(invoke, data) == cold  # now kept
    entry = _entry(cache_folder, data)
    whole = entry.read_bytes()
    head, _, body = whole.partition(b"\n")
    key = entry.stem
    version, table, _ = pickle.loads(body)
    trace = cache_folder.parent / f"owned-{damage}"
    forged = {"evil": pickle.dumps(_Evil(trace)), "imported": _imported_class(trace),
              "another-class": pickle.dumps(CheckOptions()),  # a factledger class, but no outcome's
              "not-an-outcome": pickle.dumps(([], "a summary")),
              "wrong-claims": pickle.dumps(_NinetyNinth())}
    if damage == "garbage":
        entry.write_bytes(head + b"\n\x00{not a pickle")
    elif damage == "truncated":
        entry.write_bytes(whole[: len(whole) // 2])
    elif damage == "unsealed":  # a table another user could have written: no seal of ours
        entry.write_bytes(head + b"\n" + pickle.dumps((version, dict(table), 0)) + b" ")
    else:  # sealed with our key (as a bug of ours could write it), its content not what a cross-check kept
        if damage == "evil-table":
            forged_body = pickle.dumps(_Evil(trace))
        elif damage == "imported-table":
            forged_body = _imported_class(trace)
        elif damage == "wrong-format":
            forged_body = pickle.dumps((version + 1, table, 0))
        else:
            forged_body = pickle.dumps((version, {k: forged[damage] for k in table}, 0))
        store.Cache(data).put_bytes(kept.KIND, key, forged_body)
    assert _said(invoke, data) == cold
    assert not trace.exists()
    assert _said(invoke, data) == cold  # and the entry written again, whole
    assert pickle.loads(_entry(cache_folder, data).read_bytes().partition(b"\n")[2])[1].keys() == table.keys()


def test_a_ledger_with_too_many_questions_keeps_none_and_says_so(invoke, write_ledger, cache_folder: Path, taken,
                                                                  monkeypatch) -> None:
    """Past kept.LIMIT bytes of questions, none is kept (their memory would outgrow the cross-check's), and the
    entry says so, so that the next runs do not try; a ledger that shrank by a third tries again."""
    monkeypatch.setattr(kept, "LIMIT", 100)  # two questions take more
    data = write_ledger(TWO_FILES)
    cold = _said(invoke, data, "--no-cache", commands=EACH)
    assert _said(invoke, data, commands=EACH) == cold  # every file parsed: nothing tried
    assert _said(invoke, data, commands=EACH) == cold
    assert taken == [(2, 0)]  # tried, and too many
    _, table, over = pickle.loads(_entry(cache_folder, data).read_bytes().partition(b"\n")[2])
    assert table == {} and over == 4  # the ledger's claims
    assert _said(invoke, data, commands=EACH) == cold
    assert taken == [(2, 0)]  # not tried again
    (data / "losses.yaml").write_text("claims: []\n", encoding="utf-8")  # 2 claims of 4: tried again
    monkeypatch.setattr(kept, "LIMIT", 2**20)
    assert _said(invoke, data, commands=EACH) == _said(invoke, data, "--no-cache", commands=EACH)
    assert taken[-1] == (1, 0)


def test_two_claims_with_one_id_each_show_their_own_value(invoke, write_ledger) -> None:
    """Two claims sharing an id (FL201, suppressed) on two questions: each finding shows its own claim's value,
    warm or not, whichever question was checked first (a memo by id once showed the other claim's)."""
    claim = ("  - {{id: {i}, statement: x, subject: nk, property: {p}, value: {v}, date: {d}, sources: [{{source: {s}}}]}}"
             "{note}\n")
    ignore = "  # factledger: ignore[FL201]"
    data = write_ledger({
        "sources.yaml": "sources:\n  - {id: AAA, name: A, kind: government}\n"
                        "  - {id: BBB, name: B, kind: government}\n  - {id: CCC, name: C, kind: government}\n",
        "q1.yaml": "claims:\n" + claim.format(i="dup", p="troops", v=1000, d="2024-10", s="AAA", note=ignore)
                   + claim.format(i="t-b", p="troops", v=9000, d="2024-10", s="BBB", note=""),
        "q2.yaml": "claims:\n" + claim.format(i="dup", p="casualties", v=50, d="2024-10", s="AAA", note=ignore)
                   + claim.format(i="c-b", p="casualties", v=700, d="2024-10", s="BBB", note=""),
    })
    _said(invoke, data, commands=EACH)
    _said(invoke, data, commands=EACH)
    (data / "q3.yaml").write_text("claims:\n" + claim.format(i="t-c", p="troops", v=300, d="2025-06", s="CCC", note=""),
                                  encoding="utf-8")  # touches the troops question only
    warm = invoke("check", "--data", str(data))
    cold = invoke("check", "--no-cache", "--data", str(data))
    assert warm.stdout == cold.stdout
    troops = warm.stdout[warm.stdout.index("nk / troops"):]
    assert "dup  AAA, 2024-10: 1,000" in troops, warm.stdout
    assert "dup  AAA, 2024-10: 50" not in troops, warm.stdout


def test_runs_with_other_options_keep_their_questions_beside(invoke, write_ledger, cache_folder: Path, taken) -> None:
    """`check --window 40` and `check` keep a table each: run in turn after an edit, each takes its questions again
    (one table for both would be written over by each, and every question checked every time)."""
    data = write_ledger(TWO_FILES)
    for _ in range(2):
        _said(invoke, data, commands=EACH)
        _said(invoke, data, "--window", "40", commands=EACH)
    losses = data / "losses.yaml"
    losses.write_text(losses.read_text(encoding="utf-8").replace("value: 100, date", "value: 140, date", 1),
                      encoding="utf-8")
    assert _said(invoke, data, commands=EACH) == _said(invoke, data, "--no-cache", commands=EACH)
    assert taken[-1] == (1, 1)
    windowed = ("--window", "40")
    assert _said(invoke, data, *windowed, commands=EACH) == _said(invoke, data, "--no-cache", *windowed, commands=EACH)
    assert taken[-1] == (1, 1)
    assert _entry(cache_folder, data) != _entry(cache_folder, data, CheckOptions(window=40))

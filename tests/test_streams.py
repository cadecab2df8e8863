"""Second hostile round, found by trying the CLI as a hostile user: standard streams that are full,
closed or appended to, pipes without readers, file names and links, numbers and dates in imports,
directives, and the cost of wrong quotes. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factledger.importers.claimreview import import_claimreview
from factledger.pipeline import load_ledger

from support import REPO

DATA = str(REPO / "data")
FACTLEDGER = [sys.executable, "-m", "factledger"]


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, shell=True, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_dash_o_dev_stdout_appends_through_the_stream_never_replacing_the_file(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("an earlier line\n")
    done = _shell(f"{sys.executable} -m factledger export csv --data {DATA} -o /dev/stdout >> log.txt", tmp_path)
    assert done.returncode == 0, done.stderr
    assert log.read_text().startswith("an earlier line\nid,statement,")
    other = tmp_path / "err.txt"
    other.write_text("kept\n")
    done = _shell(f"{sys.executable} -m factledger export json --data {DATA} -o /dev/stderr 2>> err.txt", tmp_path)
    assert done.returncode == 0 and other.read_text().startswith("kept\n{")


@pytest.mark.parametrize("redirect", ["> /dev/full", ">&-"])
@pytest.mark.parametrize("command", [["list"], ["validate", "--format", "json"], ["check"], ["export", "json"],
                                     ["sources"], ["codes"]])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, command: list[str],
                                                                  redirect: str) -> None:
    if redirect == "> /dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    done = _shell(" ".join([*FACTLEDGER, *command, "--data", DATA] if command != ["codes"] else
                           [*FACTLEDGER, *command]) + f" {redirect}", tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.startswith("error: cannot write the output")


def test_closed_standard_input_is_a_usage_error(tmp_path: Path) -> None:
    done = _shell(f"{sys.executable} -m factledger import claimreview - <&-", tmp_path)
    assert done.returncode == 2 and "standard input is closed" in done.stderr and "Traceback" not in done.stderr


def test_a_pipe_with_no_reader_is_refused_not_waited_on(invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = invoke("export", "json", "--data", DATA, "-o", str(fifo))
    assert result.exit_code == 2 and "a pipe that no one is reading" in result.stderr


def test_an_output_name_ending_in_a_slash_names_a_folder(invoke, tmp_path: Path) -> None:
    for fmt in ("json", "sqlite"):
        result = invoke("export", fmt, "--data", DATA, "-o", f"{tmp_path}/out.db/")
        assert result.exit_code == 2 and "names a folder" in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_the_temporary_file_is_built_in_a_private_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factledger.system import output

    seen = []

    def fill(path: Path) -> None:
        seen.append(path.parent.stat().st_mode & 0o777)
        path.write_bytes(b"x")

    output.write_with(tmp_path / "db.sqlite", fill)
    assert seen == [0o700] and sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]


def test_files_in_any_case_and_linked_folders_are_read_or_reported(write_ledger, tmp_path: Path) -> None:
    data = write_ledger({"a.yaml": "sources:\n  - {id: S1, name: a, kind: media}\n",
                         "More.YAML": "claims:\n  - {id: c1, statement: x, sources: [{source: S1}]}\n",
                         "x.Yml": "claims:\n  - {id: c2, statement: y, sources: [{source: S1}]}\n",
                         "real/r.yaml": "claims:\n  - {id: c3, statement: z, sources: [{source: S1}]}\n"})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text("claims:\n  - {id: c4, statement: w, sources: [{source: S1}]}\n")
    (data / "linked").symlink_to(outside)
    (data / "again").symlink_to(data / "real")  # inside: read once, by its own path
    (data / "real" / "loop").symlink_to(data)
    result = load_ledger(data)
    assert sorted(c.id for c in result.ledger.claims) == ["c1", "c2", "c3"]
    assert [(d.code, Path(d.location.file).name) for d in result.diagnostics] == [("FL003", "linked")]
    assert [c.location.file for c in result.ledger.claims if c.id == "c3"] == [f"{data.as_posix()}/real/r.yaml"]


def test_a_yaml_1_1_directive_is_refused(write_ledger) -> None:
    data = write_ledger({"l.yaml": "%YAML 1.1\n---\nsources:\n  - {id: S, name: a, kind: media, country: NO}\n"})
    assert [(d.code, d.location.line) for d in load_ledger(data).diagnostics] == [("FL012", 1)]
    fine = write_ledger({"l.yaml": "%YAML 1.2\n---\nsources:\n  - {id: S, name: a, kind: media, country: NO}\n"})
    assert load_ledger(fine).diagnostics == []


def test_every_message_clips_what_it_quotes(write_ledger) -> None:
    huge = "x" * 1_000_000
    data = write_ledger({"l.yaml": f"sources:\n  - id: S\n    name: a\n    kind: media\n    country: {huge}\n"
                                   f"claims:\n  - id: c\n    statement: s\n    date: {huge}\n    sources:\n"
                                   f"      - source: S\n        credibility: {huge}\n"
                                   f"  - id: d\n    statement: s\n    value:\n      approx: 1\n      {'9' * 1000}: 2\n"
                                   "    sources: [{source: S}]\n"})
    diagnostics = load_ledger(data).diagnostics
    assert {d.code for d in diagnostics} >= {"FL113", "FL106", "FL108", "FL103"}
    assert max(len(d.message) for d in diagnostics) < 600


def test_a_ligature_is_not_blamed_on_capital_letters(write_ledger) -> None:
    data = write_ledger({"doc.txt": "The ﬁrst report.\n",
                         "l.yaml": "sources:\n  - {id: S, name: a, kind: media}\ndocuments:\n  - {id: d, title: t, file: doc.txt}\n"
                                   "claims:\n  - {id: c, statement: s, sources: [{source: S, document: d, quote: The first report}]}\n"})
    [problem] = load_ledger(data).diagnostics
    assert problem.code == "FL303" and "capital" not in problem.message


@pytest.mark.parametrize("rating, status", [
    ({"ratingValue": "4_5", "bestRating": "5_0", "worstRating": "1_0"}, "reported"),  # not 45 on 10..50
    ({"ratingValue": "５", "bestRating": 5, "worstRating": 1}, "reported"),  # not a digit any scale means
    ({"ratingValue": 1e308, "bestRating": 1e308, "worstRating": -1e308}, "reported"),  # no finite scale
    ({"ratingValue": 5, "bestRating": 5, "worstRating": 1}, "confirmed"),
])
def test_import_reads_rating_numbers_strictly(rating: dict, status: str) -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "A claim.", "itemReviewed": {"author": "X"}, "author": "Y",
              "reviewRating": rating}
    [claim] = import_claimreview(json.dumps(review)).ledger["claims"]
    assert claim.get("status", "reported") == status


@pytest.mark.parametrize("written, read", [("2024-10-019", None), ("2024-10-01garbage", None),
                                           ("2024-10-01T12:00:00Z", "2024-10-01"), ("2024-10-01 12:00", "2024-10-01"),
                                           ("2024-10", "2024-10"), ("2024-10-01T12:00:00+05:30", "2024-10-01")])
def test_import_reads_dates_whole(written: str, read: str | None) -> None:
    review = {"@type": "ClaimReview", "claimReviewed": "A claim.", "author": "Y",
              "itemReviewed": {"author": "X", "datePublished": written}}
    [claim] = import_claimreview(json.dumps(review)).ledger["claims"]
    assert claim["sources"][0].get("date") == read

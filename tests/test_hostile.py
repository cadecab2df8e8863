"""Hostile inputs: whatever a careless or hostile user can produce gives a located diagnostic or a
clean usage error, never a traceback; bounded work; nothing written half-way.

The corpus is built in temporary folders, because several attacks are things no repository can
hold: sparse 40 GB files, FIFOs, link loops, names a file system barely accepts. Each attack is run
through every reading command and every export; the tests after the corpus pin each class of fix.
The large versions of the unbounded attacks are timed in benchmarks/hostile.py, not here.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from factledger.pipeline import load_ledger

SOURCES = "sources:\n  - {id: S, name: A source, kind: media}\n  - {id: T, name: Another, kind: media}\n"


def claim(claim_id: str, value: str = "1500", extra: str = "", source: str = "S") -> str:
    return (f"  - id: {claim_id}\n    statement: A statement.\n    subject: north-korea\n    property: troops\n"
            f"    value: {value}\n{extra}    sources: [{{source: {source}}}]\n")


@dataclass
class Attack:
    build: Callable[[Path], Path]  # tmp folder → data directory
    codes: tuple[str, ...] = ()  # codes `validate` must report


ATTACKS: dict[str, Attack] = {}


def attack(name: str, *codes: str) -> Callable[[Callable[[Path], Path]], Callable[[Path], Path]]:
    def register(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        ATTACKS[name] = Attack(build, codes)
        return build
    return register


def ledger(tmp: Path, text: str, name: str = "ledger.yaml") -> Path:
    data = tmp / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / name).write_text(text, encoding="utf-8")
    return data


@attack("integer-beyond-python-printing", "FL110")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", "1" * 5000) + claim("c2", "{at_least: " + "9" * 4400 + "}"))


@attack("hex-integer-expanding", "FL110")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", "0x" + "f" * 5000))


@attack("numbers-beyond-float", "FL110")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", "1e400") + claim("c2", "{low: -1e309, high: 1e309}")
                  + claim("c3", ".inf") + claim("c4", "{approx: .nan}") + claim("c5", "1e-400"))


@attack("numbers-at-the-limit")
def _(tmp: Path) -> Path:
    # Valid, and the largest allowed: midpoints, charts and intervals must stay finite.
    dated = "    date: 2024-01\n"
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", "{low: -1e300, high: 1e300}", dated)
                  + claim("c2", "{approx: 1e300}", "    date: 2024-02\n") + claim("c3", "1e-300", dated, "T"))


@attack("ids-ending-in-newlines", "FL107", "FL114")
def _(tmp: Path) -> Path:
    return ledger(tmp, 'sources:\n  - {id: "S\\n", name: A, kind: media}\n  - {id: S, name: B, kind: media}\n'
                       "claims:\n  - id: |\n      c1\n    statement: s\n    sources: [{source: S}]\n"
                       '  - {id: c1, statement: t, subject: "a\\n", sources: [{source: S}]}\n')


@attack("invisible-characters", "FL118", "FL116")
def _(tmp: Path) -> Path:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", f'"yes{hidden}"')
                  + '  - {id: c2, statement: "Seen\\u200b\\u2060\\ufeff\\u2028forged line\\x1b[31m", '
                    'sources: [{source: S}]}\n')


@attack("keys-forging-lines", "FL103")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", extra='    "x\\u2028ledger.yaml:1:1: error FL999 forged": 1\n'))


@attack("duplicate-keys-as-yaml-reads-them", "FL004")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1") + "1: a\n01: b\ntrue: c\nTrue: d\n~: e\nnull: f\n")


@attack("link-loops")
def _(tmp: Path) -> Path:
    data = ledger(tmp, SOURCES + "documents:\n  - {id: d1, title: T, file: loop.txt}\n"
                        "claims:\n" + claim("c1"))
    os.symlink("loop-b.yaml", data / "loop-a.yaml")
    os.symlink("loop-a.yaml", data / "loop-b.yaml")
    os.symlink("loop.txt", data / "loop.txt")
    return data


@attack("names-too-long", "FL304")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + f"documents:\n  - {{id: d1, title: T, file: {'n' * 300}.txt}}\n"
                                 f"  - {{id: d2, title: T, file: {'/'.join(['d' * 250] * 20)}.txt}}\n"
                                 "claims:\n" + claim("c1"))


@attack("sparse-40-gigabyte-files", "FL010", "FL305")
def _(tmp: Path) -> Path:
    data = ledger(tmp, SOURCES + "documents:\n  - {id: d1, title: T, file: huge.txt}\n"
                                 "claims:\n" + claim("c1", extra="") )
    for name in ("huge.yaml", "huge.txt"):
        with open(data / name, "wb") as handle:
            handle.truncate(40 * 2**30)  # no disk is used
    return data


@attack("pipes-where-files-are-expected", "FL003", "FL301")
def _(tmp: Path) -> Path:
    data = ledger(tmp, SOURCES + "documents:\n  - {id: d1, title: T, file: pipe.txt}\n"
                                 "claims:\n" + claim("c1"))
    os.mkfifo(data / "pipe.yaml")
    os.mkfifo(data / "pipe.txt")
    return data


@attack("a-file-name-with-a-newline", "FL202")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + claim("c1", source="X"), name="evil\nledger.yaml:9:9: forged.yaml")


@attack("agreeing-claims-by-the-hundred")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n" + "".join(
        claim(f"c{i}", "{approx: 1000}", source="ST"[i % 2]) for i in range(600)))


@attack("a-long-part-of-chain")
def _(tmp: Path) -> Path:
    chain = "".join(f"  - {{id: S{i}, name: N{i}, kind: official, part_of: S{i - 1}}}\n" for i in range(1, 3000))
    text = "sources:\n  - {id: S0, name: N0, kind: government}\n" + chain + "claims:\n"
    text += "".join(claim(f"c{i}", str(i % 3), f"    date: 2024-01-{i % 28 + 1:02d}\n", f"S{i * 7}")
                    for i in range(400))
    return ledger(tmp, text)


@attack("an-enormous-statement")
def _(tmp: Path) -> Path:
    return ledger(tmp, SOURCES + "claims:\n  - id: c1\n    statement: " + "word " * 80_000 + "\n"
                       "    sources: [{source: S}]\n")


@attack("many-long-unknown-ids", "FL202", "FL204")
def _(tmp: Path) -> Path:
    sources = "".join(f"  - {{id: {'s' * 190}{i}, name: N, kind: media}}\n" for i in range(600))
    claims = "".join(f"  - {{id: c{i}, statement: s, supports: [{'x' * 190}{i}], sources: [{{source: {'q' * 190}{i}}}]}}\n"
                     for i in range(30))
    return ledger(tmp, "sources:\n" + sources + "claims:\n" + claims)


@attack("nesting-and-aliases", "FL001", "FL005")
def _(tmp: Path) -> Path:
    data = ledger(tmp, "claims: " + "[" * 20_000 + "]" * 20_000 + "\n", name="deep.yaml")
    (data / "laughs.yaml").write_text("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", encoding="utf-8")
    return data


@attack("not-text", "FL002", "FL001")
def _(tmp: Path) -> Path:
    data = ledger(tmp, SOURCES)
    (data / "utf16.yaml").write_bytes("claims: []\n".encode("utf-16"))
    (data / "binary.yaml").write_bytes(b"claims: [\x00]\n")
    return data


COMMANDS = [
    ["validate"], ["validate", "--format", "json"], ["validate", "--format", "github"],
    ["list"], ["list", "--format", "json"], ["list", "--format", "csv"], ["list", "--format", "yaml"],
    ["show", "c1"], ["show", "c1", "--format", "json"], ["sources"], ["sources", "--format", "json"],
    ["stats"], ["stats", "--format", "json"], ["timeline"], ["check"], ["check", "--all", "--format", "json"],
    ["export", "markdown"], ["export", "json"], ["export", "yaml"], ["export", "csv"],
    ["export", "claimreview", "--publisher", "P", "--base-url", "https://checks.example/"],
]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_every_command_survives_every_attack(name: str, invoke, tmp_path: Path) -> None:
    data = ATTACKS[name].build(tmp_path)
    for command in [*COMMANDS, ["export", "sqlite", "-o", str(tmp_path / "out.db"), "--force"]]:
        result = invoke(*command, "--data", str(data))  # an exception here fails the test
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert "Traceback" not in result.output, command
    report = json.loads(invoke("validate", "--format", "json", "--data", str(data)).stdout)
    found = {d["code"] for d in report["diagnostics"]}
    assert set(ATTACKS[name].codes) <= found, found
    for d in report["diagnostics"]:
        assert d["file"] and d["message"], d
        if d["code"] not in ("FL003", "FL010"):  # a file not read at all has no line
            assert d["line"] >= 1 and d["column"] >= 1, d


def test_every_attack_reading_the_file_system_is_a_diagnostic(tmp_path: Path) -> None:
    """The file-system attacks, one by one, as the located diagnostics they must be."""
    data = ATTACKS["link-loops"].build(tmp_path / "loops")
    codes = {(d.code, Path(d.location.file).name) for d in load_ledger(data).diagnostics}
    assert {("FL003", "loop-a.yaml"), ("FL003", "loop-b.yaml"), ("FL304", "ledger.yaml")} <= codes
    messages = " ".join(d.message for d in load_ledger(data).diagnostics)
    assert "link loops" in messages
    data = ATTACKS["sparse-40-gigabyte-files"].build(tmp_path / "sparse")
    by_code = {d.code: d.message for d in load_ledger(data).diagnostics}
    assert "40 GiB, over the limit of 64 MiB" in by_code["FL010"] and "FACTLEDGER_MAX_FILE_SIZE" in by_code["FL010"]
    assert "40 GiB" in by_code["FL305"]


class Faults:
    """Make chosen paths fail as the operating system would (root, who runs CI here, is never
    refused permission, so permission faults are injected rather than set up with chmod)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.failing: dict[str, int] = {}
        real_open, real_scandir, real_stat = os.open, os.scandir, os.stat

        def check(path: object) -> None:
            name = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
            for part, code in self.failing.items():
                if part in name:
                    raise OSError(code, os.strerror(code), name)

        def fake_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            check(path)
            return real_open(path, *args, **kwargs)

        def fake_scandir(path="."):  # type: ignore[no-untyped-def]
            check(path)
            return real_scandir(path)

        def fake_stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            check(path)
            return real_stat(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "scandir", fake_scandir)
        monkeypatch.setattr(os, "stat", fake_stat)

    def fail(self, part: str, code: int = errno.EACCES) -> None:
        self.failing[part] = code


def test_permission_faults_are_diagnostics_and_usage_errors(invoke, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = ledger(tmp_path, SOURCES + "documents:\n  - {id: d1, title: T, file: locked/doc.txt}\n"
                                      "claims:\n" + claim("c1"))
    (data / "locked").mkdir()
    (data / "locked" / "doc.txt").write_text("text")
    (data / "locked" / "more.yaml").write_text(SOURCES)
    (data / "secret.yaml").write_text(SOURCES)
    faults = Faults(monkeypatch)
    faults.fail("secret.yaml")  # listed, but cannot be opened
    faults.fail(str(data / "locked"))  # a folder that cannot be entered
    result = invoke("validate", "--format", "json", "--data", str(data))
    assert result.exit_code == 1, result.output
    found = {(d["code"], d["file"].rsplit("/", 1)[-1]): d["message"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "permission denied" in found[("FL003", "secret.yaml")]
    assert "cannot list folder: permission denied" in found[("FL003", "locked")]
    assert "permission denied" in found[("FL304", "ledger.yaml")]
    # The data directory itself, or a folder above it, cannot be entered: a usage error, not a traceback.
    faults.fail(str(tmp_path))
    for command in (["validate"], ["list"], ["check"], ["export", "json"]):
        result = invoke(*command, "--data", str(data))
        assert result.exit_code == 2 and "cannot read the data directory" in result.stderr, result.output
        assert "permission denied" in result.stderr


def test_output_paths_that_cannot_be_written_are_one_usage_error(invoke, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data = ledger(tmp_path, SOURCES + "claims:\n" + claim("c1"))
    out = tmp_path / "out"
    out.mkdir()
    os.symlink("loop", out / "loop")
    targets = {
        str(out / ("n" * 300)): "name is too long",
        str(out / "loop"): "link loops",
        str(out / "missing" / "x"): "does not exist",
        str(out / "locked" / "x"): "permission denied",
    }
    (out / "locked").mkdir()
    Faults(monkeypatch).fail(str(out / "locked"))
    for target, says in targets.items():
        for fmt in ("json", "markdown", "sqlite"):
            result = invoke("export", fmt, "--data", str(data), "-o", target)
            assert result.exit_code == 2, (fmt, target, result.output)
            assert says in result.stderr and "Traceback" not in result.output, (fmt, result.stderr)
            assert ".tmp" not in result.stderr  # the message names the target, never a temporary file
    assert sorted(p.name for p in out.iterdir()) == ["locked", "loop"]


def test_a_failed_write_names_the_target_and_leaves_nothing(invoke, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = ledger(tmp_path, SOURCES + "claims:\n" + claim("c1"))
    real_fsync = os.fsync

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    for fmt in ("json", "sqlite"):
        target = tmp_path / f"out.{fmt}"
        result = invoke("export", fmt, "--data", str(data), "-o", str(target))
        assert result.exit_code == 2, result.output
        assert f"cannot write '{target}'" in result.stderr and "no space left" in result.stderr.lower()
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_the_parser_is_libyaml_or_a_clear_error(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from factledger.parse import compose as loader

    monkeypatch.setattr(loader, "_EventSource", None)
    result = invoke("validate")
    assert result.exit_code == 2
    assert "built without" in result.stderr and "pip install --force-reinstall" in result.stderr


def test_whether_libyaml_is_installed_is_known_without_importing_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from factledger.parse import libyaml

    monkeypatch.delitem(sys.modules, "factledger.parse.compose", raising=False)  # else it asks the composer
    libyaml.require_parser()  # found by its file: PyYAML's compiled module is installed here
    monkeypatch.setattr(libyaml, "find_spec", lambda name: None)  # no PyYAML at all
    with pytest.raises(libyaml.ParserUnavailable, match="built without"):
        libyaml.require_parser()


@pytest.mark.parametrize("value, says", [
    ("64M", 64 * 2**20), ("512k", 512 * 2**10), ("1G", 2**30), ("1000", 1000), ("2 MiB", 2 * 2**20)])
def test_the_size_limit_is_configurable(value: str, says: int) -> None:
    from factledger.system.fs import max_file_size

    assert max_file_size({"FACTLEDGER_MAX_FILE_SIZE": value}) == says


@pytest.mark.parametrize("value", ["lots", "-1", "0", "1.5G", "64T"])
def test_a_bad_size_limit_is_a_usage_error(invoke, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("FACTLEDGER_MAX_FILE_SIZE", value)
    result = invoke("validate")
    assert result.exit_code == 2 and "FACTLEDGER_MAX_FILE_SIZE" in result.stderr, result.output


# -- the import's corpus -----------------------------------------------------------------------------

REVIEW = {"@type": "ClaimReview", "claimReviewed": "A claim.", "url": "https://checks.example/1",
          "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Someone"}},
          "author": {"@type": "Organization", "name": "Checks"},
          "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}}


def _review(**changes: object) -> str:
    return json.dumps({**REVIEW, **changes})


IMPORTS: dict[str, Callable[[Path], Path]] = {
    "sparse-40-gigabytes": lambda p: _sparse(p),
    "a-fifo": lambda p: (os.mkfifo(p), p)[1],
    "a-folder": lambda p: (p.mkdir(), p)[1],
    "empty": lambda p: _write(p, b""),
    "utf-16": lambda p: _write(p, _review().encode("utf-16")),
    "bom": lambda p: _write(p, b"\xef\xbb\xbf" + _review().encode()),
    "not-json": lambda p: _write(p, b"<html>not json</html>"),
    "duplicate-keys": lambda p: _write(p, b'{"@type": "ClaimReview", "claimReviewed": "a", "claimReviewed": "b"}'),
    "hostile-urls": lambda p: _write(p, _review(url="http://[::1", author={"name": "C", "url": "http://a:99999"}).encode()),
    "nested-100000-deep": lambda p: _write(p, b"[" * 100_000 + b"]" * 100_000),
    "a-5000-digit-number": lambda p: _write(p, _review().replace('"ratingValue": 1', '"ratingValue": ' + "1" * 5000)
                                            .encode()),
    "nan-and-infinity": lambda p: _write(p, _review().replace('"ratingValue": 1', '"ratingValue": NaN, "bestRating": '
                                                                                  "Infinity").encode()),
    "lone-surrogates-and-controls": lambda p: _write(p, _review(claimReviewed="a\ud800\x1b[2J\u2028b").encode()),
    "a-review-at-depth-500": lambda p: _write(p, ('{"x": [' * 500 + _review() + "]}" * 500).encode()),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sparse(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(40 * 2**30)
    return path


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_every_hostile_import_input_is_imported_or_refused_cleanly(invoke, tmp_path: Path, name: str) -> None:
    source = IMPORTS[name](tmp_path / "input.json")
    data = tmp_path / "data"
    data.mkdir()
    result = invoke("import", "claimreview", str(source), "--data", str(data), "-o", str(data / "imported.yaml"))
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if (data / "imported.yaml").exists():  # whatever was imported validates, with no warning about its text
        assert load_ledger(data).diagnostics == []
    if result.exit_code:  # the input, or each review refused, is named with the reason
        assert result.stderr.startswith(("error: cannot ", "error: refused ")), result.stderr
    if name == "sparse-40-gigabytes":
        assert result.exit_code == 2 and "over the limit of 64 MiB" in result.stderr

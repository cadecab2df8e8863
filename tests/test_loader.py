"""The strict YAML loader: 1.2 core scalars, positions, and no exception for any input."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factledger.parse.compose import load_file
from factledger.parse.nodes import Mapping, Scalar, Sequence
from factledger.parse.yaml12 import resolve_plain


@pytest.mark.parametrize("text, expected", [
    ("true", True), ("False", False), ("TRUE", True),
    ("yes", "yes"), ("no", "no"), ("NO", "NO"), ("on", "on"), ("off", "off"), ("y", "y"),
    ("null", None), ("~", None), ("", None),
    ("12", 12), ("-3", -3), ("0o17", 15), ("0x1F", 31), ("007", 7),
    ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5),
    ("1,500", "1,500"), ("1_000", "1_000"), ("2024-10-01", "2024-10-01"), ("12:30", "12:30"),
])
def test_plain_scalars_resolve_by_the_yaml_1_2_core_schema(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected and type(value) is type(expected)


def test_special_floats() -> None:
    assert resolve_plain(".inf") == math.inf and resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".NaN"))


def _load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "f.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return load_file(path, "f.yaml")


def test_nodes_carry_one_based_positions_and_raw_text(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "a:\n  - x: 1.10\n    y: 'NO'\n")
    assert loaded.diagnostics == []
    root = loaded.root
    assert isinstance(root, Mapping) and (root.line, root.column) == (1, 1)
    seq = root.items["a"][1]
    assert isinstance(seq, Sequence) and (seq.line, seq.column) == (2, 3)
    entry = seq.items[0]
    assert isinstance(entry, Mapping)
    key, value = entry.items["x"]
    assert (key.line, key.column) == (2, 5)
    assert isinstance(value, Scalar) and value.raw == "1.10" and value.value == 1.1
    assert (value.line, value.column) == (2, 8)
    quoted = entry.items["y"][1]
    assert isinstance(quoted, Scalar) and quoted.value == "NO" and not quoted.plain


def test_a_bom_is_tolerated(tmp_path: Path) -> None:
    loaded = _load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert loaded.diagnostics == [] and isinstance(loaded.root, Mapping)


def test_utf16_is_refused_with_a_hint(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "a: 1\n".encode("utf-16"))
    assert [d.code for d in loaded.diagnostics] == ["FL002"]
    assert "UTF-16" in loaded.diagnostics[0].message


def test_a_nul_byte_is_reported_not_truncated(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "a: 1\nb: x\x00y\n")
    assert [(d.code, d.location.line, d.location.column) for d in loaded.diagnostics] == [("FL001", 2, 5)]


def test_deep_nesting_is_a_diagnostic(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [d.code for d in loaded.diagnostics] == ["FL001"]


def test_alias_bomb_is_refused_without_expansion(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 12)]
    loaded = _load(tmp_path, "\n".join(lines) + "\n")
    codes = {d.code for d in loaded.diagnostics}
    assert codes == {"FL005"}


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    loaded = _load(tmp_path, f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert [d.code for d in loaded.diagnostics] == ["FL006"]
    assert not marker.exists()


def test_duplicate_keys_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [(d.code, d.location.line) for d in loaded.diagnostics] == [("FL004", 3)]
    assert "line 1" in loaded.diagnostics[0].message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_any_bytes_load_without_an_exception(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(data)
    loaded = load_file(path, "f.yaml")
    for d in loaded.diagnostics:
        assert d.location.file == "f.yaml"
        assert d.location.line >= 1 and d.location.column >= 1


yaml_ish = st.text(alphabet=st.sampled_from(list("ab:- \n'\"[]{},&*!#|>?%@`~0123456789.\t")), max_size=120)


@settings(max_examples=500, deadline=None)
@given(yaml_ish)
def test_yaml_shaped_noise_loads_and_builds_without_an_exception(tmp_path_factory: pytest.TempPathFactory,
                                                                 text: str) -> None:
    from factledger.pipeline import load_ledger

    data = tmp_path_factory.mktemp("fuzz")
    (data / "f.yaml").write_text(text, encoding="utf-8")
    result = load_ledger(data)
    assert all(d.location.file.endswith("f.yaml") for d in result.diagnostics)


def test_a_control_character_in_yaml_is_located(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "a: 1\nb: x\x01y\n")
    assert [(d.code, d.location.line, d.location.column) for d in loaded.diagnostics] == [("FL001", 2, 5)]
    assert "U+0001" in loaded.diagnostics[0].message


@pytest.mark.parametrize("field, code", [
    ("date: {from: ~, to: ~}", "FL108"),
    ("date: {from: null}", "FL108"),
    ("date: ２０２４-１０", "FL108"),
    ("date: [2024]", "FL105"),
    ("statement: true", "FL105"),
])
def test_values_that_would_be_silently_misread(tmp_path: Path, field: str, code: str) -> None:
    from factledger.pipeline import load_ledger

    data = tmp_path / "data"
    data.mkdir()
    statement = "" if field.startswith("statement") else "    statement: s\n"
    (data / "l.yaml").write_text(
        "sources:\n  - {id: A, name: A, kind: other}\nclaims:\n  - id: c\n" + statement
        + f"    {field}\n    sources: [{{source: A}}]\n", encoding="utf-8")
    assert [d.code for d in load_ledger(data).diagnostics] == [code]

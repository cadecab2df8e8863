"""Property-based tests with the strategies that found the hardening bugs: huge and non-finite
numbers, every class of Unicode control, format and separator character, ids with trailing
whitespace or newlines, names with newlines, and keys that YAML 1.2 reads as the same."""

from __future__ import annotations

import json
import math
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factledger.importers.claimreview import ImportProblem, import_claimreview
from factledger.parse.compose import load_file
from factledger.parse.nodes import Mapping, Scalar
from factledger.parse.yaml12 import resolve_plain
from factledger.model.numbers import MAX_MAGNITUDE
from factledger.pipeline import load_ledger
from factledger.formats.writers import to_json, to_yaml
from factledger.text.escapes import safe

FOLDER = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Every kind of character that has hidden, rewritten or broken text somewhere: C0/C1 controls,
# bidi controls, format characters, line and paragraph separators, odd spaces, tags, plus letters.
HOSTILE = st.sampled_from(
    [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7f, 0xa0)]
    + list("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2066\u2067\u2068"
           "\u2069\u206a\u00ad\u034f\u180e\u2028\u2029\u3000\u2009\u00a0\ufeff\ufff9\u3164\uffa0")
    + [chr(0xE0000 + c) for c in (1, 0x20, 0x41, 0x7f)] + list("aZ0 -.:#'\"\\[]{}|>&*!%@`,")
    + ["é", "ß", "Ω", "中", "😀", "\u0301"])
hostile_text = st.lists(HOSTILE, max_size=24).map("".join)


def _never_shown(char: str) -> bool:
    """Characters no human or line-oriented output may carry raw."""
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Zl", "Zp") and char not in "\t\n") or \
        0xE0000 <= code <= 0xE007F or char in "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
        "\u2060\u2061\u2066\u2067\u2068\u2069\u206a\u00ad\u034f\u180e\ufeff\ufff9\u3164\uffa0"


@settings(max_examples=500, deadline=None)
@given(hostile_text)
def test_safe_text_never_carries_a_character_a_reader_cannot_see(text: str) -> None:
    for keep in (True, False):
        shown = safe(text, keep_newlines=keep)
        assert not any(_never_shown(c) for c in shown)
        if not keep:
            assert "\n" not in shown and "\t" not in shown and len(shown.splitlines()) <= 1


@settings(max_examples=500, deadline=None)
@given(hostile_text)
def test_json_and_yaml_carry_any_text_exactly_and_escaped(text: str) -> None:
    written = to_json({"k": text})
    assert json.loads(written) == {"k": text}
    assert not any(_never_shown(c) for c in written.replace("\n", ""))
    assert json.loads(to_json({"k": text}, html_safe=True)) == {"k": text}
    assert "<" not in to_json({"k": text + "</script>"}, html_safe=True)


def _yaml_value(path: Path, text: str) -> Scalar:
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, "f.yaml")
    assert loaded.diagnostics == [], loaded.diagnostics
    assert isinstance(loaded.root, Mapping)
    node = loaded.root.items["k"][1]
    assert isinstance(node, Scalar)
    return node


@FOLDER
@given(hostile_text)
def test_factledger_reads_back_any_text_its_yaml_export_writes(tmp_path: Path, text: str) -> None:
    node = _yaml_value(tmp_path / "f.yaml", to_yaml({"k": text}))
    if node.plain:  # a plain scalar must read back as text, not as a number, boolean or null
        assert isinstance(resolve_plain(node.raw), str) and node.raw != ""
    if text.strip() or not node.plain:
        assert node.raw == text


@given(hostile_text)
def test_yaml_1_1_readers_read_back_the_same_text(text: str) -> None:
    import yaml

    if any("\ud800" <= c <= "\udfff" for c in text):
        return  # no UTF-8 file can hold a lone surrogate; an import replaces them (fit)
    assert yaml.safe_load(to_yaml({"k": text})) == {"k": text}


NUMBER_LITERALS = st.one_of(
    st.integers(min_value=-(10**600), max_value=10**600).map(str),
    st.integers(min_value=0, max_value=16**500).map(hex),
    st.integers(min_value=0, max_value=8**400).map(lambda n: "0o" + format(n, "o")),
    st.floats(allow_nan=True, allow_infinity=True).map(repr).map(
        lambda r: {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}.get(r, r)),
    st.tuples(st.integers(-9, 9), st.integers(-700, 700)).map(lambda t: f"{t[0]}e{t[1]}"),
    st.text("0123456789", min_size=1, max_size=400).map(lambda d: "0." + d),
)


@FOLDER
@given(NUMBER_LITERALS)
def test_every_number_is_used_exactly_or_refused_with_a_location(tmp_path: Path, literal: str) -> None:
    data = Path(tempfile.mkdtemp(dir=tmp_path))
    (data / "l.yaml").write_text("sources:\n  - {id: S, name: A, kind: media}\nclaims:\n  - id: c1\n"
                                 f"    statement: s\n    value: {literal}\n    sources: [{{source: S}}]\n",
                                 encoding="utf-8")
    result = load_ledger(data)
    if result.diagnostics:
        assert [(d.code, d.location.line) for d in result.diagnostics] == [("FL110", 6)]
        return
    number = result.ledger.claims[0].value.number  # type: ignore[union-attr]
    assert number == resolve_plain(literal)
    assert abs(number) <= MAX_MAGNITUDE and math.isfinite(float(number))
    assert str(number) and json.loads(to_json(number)) == number  # printable and serialisable


ID_SUFFIXES = st.sampled_from(["\n", " ", "\t", "\u2028", "\u200b", "\u00a0", "\ufeff", "\r\n", "\n\n"])


@FOLDER
@given(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True), ID_SUFFIXES)
def test_an_id_with_anything_after_it_is_never_that_id(tmp_path: Path, claim_id: str, suffix: str) -> None:
    data = Path(tempfile.mkdtemp(dir=tmp_path))
    (data / "l.yaml").write_text(
        "sources:\n  - {id: S, name: A, kind: media}\nclaims:\n"
        f"  - {{id: {json.dumps(claim_id + suffix)}, statement: s, sources: [{{source: S}}]}}\n"
        f"  - {{id: {json.dumps(claim_id)}, statement: t, subject: {json.dumps(claim_id + suffix)}, "
        "sources: [{source: S}]}\n", encoding="utf-8")
    result = load_ledger(data)
    codes = sorted((d.code, d.location.line) for d in result.diagnostics)
    assert ("FL107", 4) in codes and ("FL114", 5) in codes, codes
    assert [c.id for c in result.ledger.claims] == [claim_id]


SPELLINGS = st.sampled_from([
    ("1", "01"), ("1", "+1"), ("16", "0x10"), ("8", "0o10"), ("true", "True"), ("false", "FALSE"), ("~", "null"),
    ("null", "Null"), ("1.5", "1.50"), ("1e3", "1000.0"), (".inf", "+.inf"), ("a", "'a'"), ("a", '"a"'),
    ("1", "'1'"), ("1", "1.0"), ("true", "'true'"), ("0x10", "'0x10'"), ("b", "c"), ("~", "'~'")])


@FOLDER
@given(SPELLINGS, st.booleans())
def test_keys_are_duplicates_exactly_when_yaml_1_2_reads_them_as_one(tmp_path: Path, pair: tuple[str, str],
                                                                   swap: bool) -> None:
    first, second = reversed(pair) if swap else pair

    def read(key: str) -> tuple[str, object]:
        if key[0] in "'\"":
            return ("str", key[1:-1])
        value = resolve_plain(key)
        return (type(value).__name__, value)

    path = tmp_path / "k.yaml"
    path.write_text(f"{first}: x\n{second}: y\n", encoding="utf-8")
    duplicate = any(d.code == "FL004" for d in load_file(path, "k.yaml").diagnostics)
    assert duplicate == (read(first) == read(second))


review_strings = st.one_of(hostile_text, st.just("http://[::1"), st.just("https://example.org/a"),
                           st.just("javascript:alert(1)"))
rating = st.one_of(st.none(), st.fixed_dictionaries({
    "ratingValue": st.one_of(st.integers(-10**30, 10**30), st.floats(), st.sampled_from(["1e999", "nan", "3"])),
    "bestRating": st.one_of(st.just(5), st.floats()), "worstRating": st.one_of(st.just(1), st.floats()),
    "alternateName": hostile_text}))
reviews = st.lists(st.fixed_dictionaries({
    "@type": st.just("ClaimReview"), "claimReviewed": hostile_text, "url": review_strings,
    "datePublished": st.one_of(hostile_text, st.just("2024-10-01T12:00:00Z")),
    "itemReviewed": st.fixed_dictionaries({"@type": st.just("Claim"), "author": st.fixed_dictionaries(
        {"name": hostile_text, "url": review_strings}), "appearance": st.lists(review_strings, max_size=2)}),
    "author": st.fixed_dictionaries({"name": hostile_text, "url": review_strings}), "reviewRating": rating}),
    min_size=1, max_size=4)


@FOLDER
@given(reviews)
def test_an_import_is_refused_or_yields_a_ledger_that_validates_cleanly(tmp_path: Path, data: list) -> None:
    try:
        imported = import_claimreview(json.dumps(data))
    except ImportProblem:
        return
    assert imported.reviews + len(imported.refused) + imported.repeated == len(data)  # every review accounted for
    if not imported.reviews:
        return
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "imported.yaml").write_text(to_yaml(imported.ledger), encoding="utf-8")
    result = load_ledger(folder)
    assert result.diagnostics == [], [str(d.location) + " " + d.message for d in result.diagnostics]


def test_a_json_key_given_twice_is_found_at_any_depth() -> None:
    for text, where in (('{"@type": "ClaimReview", "a": {"b": [{"c": 1, "c": 2}]}}', "$.a.b[0].c"),
                        ('[{"@type": "ClaimReview", "claimReviewed": "x", "claimReviewed": "y"}]', "$[0].claimReviewed")):
        [refused] = import_claimreview(text).refused
        assert refused.reason.startswith(f"{where} is given twice")
    # Outside any review, a repeated key may hide one: nothing of that input is imported.
    hidden = import_claimreview('{"@graph": [], "@graph": [{"@type": "ClaimReview", "claimReviewed": "x", '
                                '"author": "C"}]}')
    assert not hidden.reviews and hidden.refused[0].reason.startswith("$.@graph is given twice")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["plain id", "a|b", "www.x", "x@y", "http://a", "#1", "-1", "e\u200bx", "\x1b[31m", "a_b", "&amp;"]))
def test_markdown_fast_path_escapes_exactly_as_the_full_one(text: str) -> None:
    from factledger.formats.markdown import escaped, md

    one_line = " ".join(text.split())
    assert md(text) == escaped(one_line)

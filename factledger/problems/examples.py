"""The catalogue's examples: for every code, a ledger that reports it and one, as close as can be, that
does not, and the options that change it. `factledger codes CODE` and docs/diagnostics.md show them;
a test runs each failing example and asserts that exactly its code is reported (the per-claim
`uncorroborated`/`corroborated` notes aside), and each passing one and asserts that it is not.

An example is the files of a data directory (``ledger.yaml`` unless named), each a text, bytes (for
what no text can hold) or a :class:`Link`, with the environment it needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias, TypeGuard


@dataclass(frozen=True)
class Link:
    """A symbolic link in an example's data directory, to ``target``."""

    target: str


@dataclass(frozen=True)
class Example:
    files: dict[str, str | bytes | Link]
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Examples:
    failing: Example
    passing: Example
    options: str = ""  # what changes whether (or how) the code is reported
    also: tuple[str, ...] = ()  # codes that come with it by its nature (a withdrawal is a supersession)
    passing_also: tuple[str, ...] = ()  # what the near miss reports instead (an assessment in use, a revision)


def _one(text: str, **env: str) -> Example:
    return Example({"ledger.yaml": text}, dict(env))


S = "sources: [{id: S, name: A source, kind: media}]\n"
AB = "sources: [{id: A, name: Source A, kind: media}, {id: B, name: Source B, kind: media}]\n"
ST = "sources: [{id: S, name: A source, kind: media}, {id: T, name: A relay, kind: media}]\n"


def _claim(rest: str = "") -> str:
    return S + "claims: [{id: c1, statement: Troops were sent., sources: [{source: S}]" + rest + "}]\n"


def _pair(a: str, b: str, extra_a: str = "", extra_b: str = "") -> str:
    """Two claims on one question, from A and B, dated 2024-10."""
    return AB + ("claims:\n"
                 f"  - {{id: a, statement: A says., subject: q, property: p, value: {a}, date: 2024-10, "
                 f"sources: [{{source: A}}]{extra_a}}}\n"
                 f"  - {{id: b, statement: B says., subject: q, property: p, value: {b}, date: 2024-10, "
                 f"sources: [{{source: B}}]{extra_b}}}\n")


_DOC = ("documents: [{id: d1, title: An article, file: article.txt}]\n"
        "claims: [{id: c1, statement: Troops were sent., sources: [{source: S, document: d1, quote: QUOTE}]}]\n")


def _document(quote: str, file: str | bytes | Link, **env: str) -> Example:
    return Example({"ledger.yaml": S + _DOC.replace("QUOTE", quote), "article.txt": file}, dict(env))


_SIZE = "FACTLEDGER_MAX_FILE_SIZE (the size limit; default 64M)"
_CHECK = "--window, --tolerance (what is contemporaneous, and how far approx reaches)"

EXAMPLES: dict[str, Examples] = {
    "FL001": Examples(_one(S + "claims: [{id: c1\n"), _one(_claim())),
    "FL002": Examples(Example({"ledger.yaml": S.encode() + b"# caf\xe9\n"}), Example({"ledger.yaml": S + "# café\n"})),
    "FL003": Examples(Example({"ledger.yaml": S, "gone.yaml": Link("nowhere.yaml")}), _one(S)),
    "FL004": Examples(_one("sources: [{id: S, name: A, name: B, kind: media}]\n"), _one(S)),
    "FL005": Examples(_one("sources:\n  - &s {id: S, name: A source, kind: media}\n  - *s\n"), _one(S)),
    "FL006": Examples(_one("sources: [{id: S, name: !!str A source, kind: media}]\n"), _one(S)),
    "FL007": Examples(Example({"ledger.yaml": S, "empty.yaml": "# nothing yet\n"}), _one(S)),
    "FL008": Examples(_one(S + "---\n" + S), _one(S)),
    "FL009": Examples(Example({}), _one(S)),
    "FL010": Examples(_one(S + "# " + "x" * 200 + "\n", FACTLEDGER_MAX_FILE_SIZE="100"), _one(S), _SIZE),
    "FL011": Examples(_one(S + "# one two\u2029\n"), _one(S + "# one two\n")),
    "FL012": Examples(_one("%YAML 1.1\n---\n" + S), _one("%YAML 1.2\n---\n" + S)),
    "FL013": Examples(_one(S + "claims:\n  - id: c1  # factledger: ignore[numeric-text-value]\n    statement: x\n"
                              "    value: 1500\n    sources: [{source: S}]\n"),
                      _one(S + "claims:\n  - id: c1  # factledger: ignore[numeric-text-value]\n    statement: x\n"
                              "    value: \"1,500\"\n    sources: [{source: S}]\n"),
                      "--ignore FL013, or `ignore` in the configuration; the codes a suppression names are judged "
                      "by validate (those of check too, when the ledger validates)"),
    "FL101": Examples(_one("- {id: S, name: A source, kind: media}\n"), _one(S)),
    "FL102": Examples(_one("source: [{id: S, name: A source, kind: media}]\n"), _one(S)),
    "FL103": Examples(_one("sources: [{id: S, name: A source, kind: media, contry: KR}]\n"),
                      _one("sources: [{id: S, name: A source, kind: media, country: KR}]\n")),
    "FL104": Examples(_one("sources: [{id: S, kind: media}]\n"), _one(S)),
    "FL105": Examples(_one(S + "claims: [{id: c1, statement: x, sources: [{source: S}], tags: nuclear}]\n"),
                      _one(S + "claims: [{id: c1, statement: x, sources: [{source: S}], tags: [nuclear]}]\n")),
    "FL106": Examples(_one("sources: [{id: S, name: A source, kind: newspaper}]\n"), _one(S)),
    "FL107": Examples(_one("sources: [{id: S 1, name: A source, kind: media}]\n"),
                      _one("sources: [{id: S-1, name: A source, kind: media}]\n")),
    "FL108": Examples(_one(_claim(", date: October 2024")), _one(_claim(", date: 2024-10"))),
    "FL109": Examples(_one(_claim(", date: 2023-02-30")), _one(_claim(", date: 2023-02-28"))),
    "FL110": Examples(_one(_claim(", value: {approx: 1500, at_most: 2000}")), _one(_claim(", value: {approx: 1500}"))),
    "FL111": Examples(_one(_claim(", value: {low: 20, high: 10}")), _one(_claim(", value: {low: 10, high: 20}"))),
    "FL112": Examples(_one(S + "claims: [{id: c1, statement: Troops were sent., sources: []}]\n"), _one(_claim())),
    "FL113": Examples(_one("sources: [{id: S, name: A source, kind: media, country: UK}]\n"),
                      _one("sources: [{id: S, name: A source, kind: media, country: GB}]\n")),
    "FL114": Examples(_one(_claim(", subject: North Korea")), _one(_claim(", subject: north-korea"))),
    "FL115": Examples(_one(_claim(", value: \"1,500\"")), _one(_claim(", value: 1500")), "--strict (fails on it)"),
    "FL116": Examples(_one(_claim(", notes: \"red \\e[31m text\"")), _one(_claim(", notes: red text")),
                      "--strict (fails on it)"),
    "FL117": Examples(_one("sources: [{id: S, name: \"\", kind: media}]\n"), _one(S)),
    "FL118": Examples(_one(_claim(", notes: \"a\\u200bb\"")), _one(_claim(", notes: ab")), "--strict (fails on it)"),
    "FL119": Examples(_one(_claim() + "assessments: [{id: a1, claims: [c1], verdict: known-discrepancy}]\n"),
                      _one(_pair("10", "50") + "assessments: [{id: a1, claims: [a, b], verdict: known-discrepancy}]\n"),
                      passing_also=("FL516",)),
    "FL120": Examples(_one(_pair("10", "50") + "assessments: [{id: a1, claims: [a, b], verdict: one-is-wrong}]\n"),
                      _one(_pair("10", "50") + "assessments: [{id: a1, claims: [a, b], verdict: one-is-wrong, "
                                               "wrong: b}]\n"), passing_also=("FL516",)),
    "FL121": Examples(_one(_claim(", value: \"~12000\"")), _one(_claim(", value: {approx: 12000}")),
                      "--strict (fails on it)"),
    "FL122": Examples(_one("sources: [{id: S, name: A source, kind: media, url: www.example.org/about}]\n"),
                      _one("sources: [{id: S, name: A source, kind: media, url: https://www.example.org/about}]\n"),
                      "--strict (fails on it)"),
    "FL201": Examples(_one("sources: [{id: S, name: A, kind: media}, {id: s, name: B, kind: media}]\n"),
                      _one("sources: [{id: S, name: A, kind: media}, {id: S2, name: B, kind: media}]\n")),
    "FL202": Examples(_one(S + "claims: [{id: c1, statement: x, sources: [{source: NIZ}]}]\n"), _one(_claim())),
    "FL203": Examples(_one(S + "claims: [{id: c1, statement: x, sources: [{source: S, document: d9}]}]\n"),
                      _one(S + "documents: [{id: d9, title: A report}]\n"
                               "claims: [{id: c1, statement: x, sources: [{source: S, document: d9}]}]\n")),
    "FL204": Examples(_one(_claim(", supports: [c9]")), _one(_claim())),
    "FL205": Examples(_one("sources: [{id: A, name: A, kind: other, part_of: B}, {id: B, name: B, kind: other, "
                           "part_of: A}]\n"),
                      _one("sources: [{id: A, name: A, kind: other, part_of: B}, {id: B, name: B, kind: other}]\n")),
    "FL206": Examples(_one(_claim(", supports: [c1]")), _one(_claim())),
    "FL207": Examples(_one(ST + "claims: [{id: c1, statement: x, sources: [{source: S, via: [T, T]}]}]\n"),
                      _one(ST + "claims: [{id: c1, statement: x, sources: [{source: S, via: [T]}]}]\n"),
                      "--strict (fails on it)"),
    "FL208": Examples(_one(S + "claims: [{id: c1, statement: x, sources: [{source: s}]}]\n"), _one(_claim())),
    "FL301": Examples(_one(S + "documents: [{id: d1, title: An article, file: missing.txt}]\n"),
                      _document("Troops were sent", "Troops were sent.\n")),
    "FL302": Examples(_one(S + "documents: [{id: d1, title: An article, file: ../elsewhere.txt}]\n"),
                      _document("Troops were sent", "Troops were sent.\n")),
    "FL303": Examples(_document("Fifteen thousand troops", "Troops were sent.\n"),
                      _document("Troops were sent", "Troops were sent.\n")),
    "FL304": Examples(_document("Troops were sent", b"Troops were sent \xe9.\n"),
                      _document("Troops were sent", "Troops were sent é.\n")),
    "FL305": Examples(_document("Troops", "Troops were sent. " * 20 + "\n", FACTLEDGER_MAX_FILE_SIZE="300"),
                      _document("Troops", "Troops were sent.\n", FACTLEDGER_MAX_FILE_SIZE="300"), _SIZE),
    # Cross-check findings.
    "FL501": Examples(_one(_pair("{approx: 1500}", "3000")), _one(_pair("{approx: 1500}", "1600")), _CHECK),
    "FL502": Examples(_one(_pair("{approx: 1500}", "3000", extra_b=", disputes: [a]")),
                      _one(_pair("{approx: 1500}", "1500"))),
    "FL503": Examples(_one(AB.replace("{id: B, name: Source B, kind: media}",
                                      "{id: B, name: Source B, kind: media, part_of: A}") +
                           "claims:\n  - {id: a, statement: x, subject: q, property: p, value: 1500, date: 2024-10, "
                           "sources: [{source: A}]}\n  - {id: b, statement: y, subject: q, property: p, value: 3000, "
                           "date: 2024-12, sources: [{source: B}]}\n"),
                      _one(_pair("1500", "1500")), "--window (what counts as the same time)"),
    "FL504": Examples(_one(_claim()), _one(_pair("1500", "1500")), "--all (lists it); " + _CHECK),
    "FL505": Examples(_one(_pair("1500", "{approx: 1500}")), _one(_pair("1500", "{at_least: 1000}")),
                      "--all (lists it); " + _CHECK),
    "FL506": Examples(_one(_claim(", status: confirmed")), _one(_claim(", status: reported")), "--strict"),
    "FL507": Examples(_one("sources: [{id: A, name: A, kind: media}, {id: B, name: B, kind: media, depends_on: [A]}, "
                           "{id: C, name: C, kind: media, depends_on: [A]}]\n"
                           "claims: [{id: c1, statement: x, sources: [{source: B}, {source: C}]}]\n"),
                      _one("sources: [{id: B, name: B, kind: media}, {id: C, name: C, kind: media}]\n"
                           "claims: [{id: c1, statement: x, sources: [{source: B}, {source: C}]}]\n"), "--strict"),
    "FL508": Examples(_one(_pair("{exact: 5, unit: km}", "{exact: 5, unit: miles}")),
                      _one(_pair("{exact: 5, unit: km}", "{exact: 5, unit: km}")), "--strict"),
    "FL509": Examples(_one(_pair("1500", "many")), _one(_pair("1500", "1500")), "--strict"),
    "FL510": Examples(_one(_pair("10", "12", ", supersedes: [b]", ", supersedes: [a]")),
                      _one(_pair("10", "12", extra_b=", supersedes: [a]")), passing_also=("FL503",)),
    "FL511": Examples(_one(_claim(", status: disputed")), _one(_pair("10", "50", extra_a=", status: disputed")),
                      "--strict", passing_also=("FL501",)),
    "FL512": Examples(_one(S + "claims: [{id: c1, statement: x, date: 2024-12, "
                                 "sources: [{source: S, date: 2024-10}]}]\n"),
                      _one(S + "claims: [{id: c1, statement: x, date: 2024-10, "
                                 "sources: [{source: S, date: 2024-12}]}]\n"),
                      "--strict"),
    "FL513": Examples(_one(AB.replace("{id: B, name: Source B, kind: media}",
                                      "{id: B, name: Source B, kind: media, part_of: A}") +
                           "claims: [{id: a, statement: x, sources: [{source: A}]}, "
                           "{id: b, statement: y, supports: [a], sources: [{source: B}]}]\n"),
                      _one(AB + "claims: [{id: a, statement: x, sources: [{source: A}]}, "
                                "{id: b, statement: y, supports: [a], sources: [{source: B}]}]\n")),
    "FL514": Examples(_one(AB + "claims: [{id: a, statement: x, date: 2024-12, sources: [{source: A}]}, "
                                "{id: b, statement: y, date: 2024-10, supersedes: [a], sources: [{source: A}]}]\n"),
                      _one(AB + "claims: [{id: a, statement: x, date: 2024-10, sources: [{source: A}]}, "
                                "{id: b, statement: y, date: 2024-12, supersedes: [a], sources: [{source: A}]}]\n"),
                      "--strict", passing_also=("FL503",)),
    "FL515": Examples(_one(AB + "claims:\n"
                           "  - {id: a1, statement: x, subject: q, property: p, value: 12000, date: 2024-10-01, "
                           "sources: [{source: A, date: 2024-10-01}]}\n"
                           "  - {id: a2, statement: y, subject: q, property: p, value: 18000, date: 2024-10-01, "
                           "sources: [{source: A, date: 2024-10-03}]}\n"
                           "  - {id: b, statement: z, subject: q, property: p, value: 18000, date: 2024-10-01, "
                           "sources: [{source: B}]}\n"),
                      _one(_pair("18000", "18000")), also=("FL503",)),
    "FL516": Examples(_one(_pair("10", "50") + "assessments: [{id: a1, claims: [a, b], verdict: known-discrepancy}]\n"),
                      _one(_pair("10", "10"))),
    "FL517": Examples(_one(_pair("10", "10") + "assessments: [{id: a1, claims: [a, b], verdict: known-discrepancy}]\n"),
                      _one(_pair("10", "50") + "assessments: [{id: a1, claims: [a, b], verdict: known-discrepancy}]\n"),
                      "--strict", passing_also=("FL516",)),
    "FL518": Examples(_one(_pair("10", "10", extra_a=", qualifiers: {measure: killed}")),
                      _one(_pair("10", "10", ", qualifiers: {measure: killed}", ", qualifiers: {measure: killed}")),
                      "--strict"),
    "FL519": Examples(_one(S + "claims: [{id: c1, statement: x, sources: [{source: S}]}, "
                           "{id: c2, statement: x, sources: [{source: S}]}]\n"),
                      _one(S + "claims: [{id: c1, statement: x, sources: [{source: S}]}, "
                           "{id: c2, statement: y, sources: [{source: S}]}]\n"), "--strict"),
    "FL520": Examples(_one(AB + "claims: [{id: c1, statement: x, status: denied, sources: [{source: A}]}]\n"
                           "reviews: [{id: r1, claim: c1, by: B, verdict: denied, url: \"https://b.example/1\"}, "
                           "{id: r2, claim: c1, by: B, verdict: denied, url: \"https://b.example/1/\"}]\n"),
                      _one(AB + "claims: [{id: c1, statement: x, status: denied, sources: [{source: A}]}]\n"
                                "reviews: [{id: r1, claim: c1, by: B, verdict: denied, url: \"https://b.example/1\"}]\n"),
                      "--strict"),
}

# A crash inside factledger is not something a ledger can be written to cause: it has no example.
WITHOUT_EXAMPLE = {"FL900": "a crash inside factledger, which no ledger is meant to cause"}


# Showing an example. The catalogue writes examples compactly, in flow style; they are shown, run by
# the test and written into the docs in block style, the way a ledger is written by hand. The
# rewrite moves only whole flow items to their own lines and keeps every scalar's text as written
# (quotes and all), so it cannot change what the example means; a line it cannot read whole (a
# syntax error is the point of FL001) is shown as written.

# A flow node as read: a scalar's text as written, or a list of nodes, or of a mapping's (key, node) pairs.
_Flow: TypeAlias = "str | list[_Item]"
_Item: TypeAlias = "_Flow | tuple[str, _Flow]"

_FLOW_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][\w-]*: )?(?P<flow>[\[{].*)$")


def _scan(text: str, i: int) -> tuple[_Flow, int]:
    """One flow node at ``text[i]``: a list, a list of (key, node) pairs, or a scalar's text as written."""
    if text[i] in "[{":
        closing, mapping = ("]", False) if text[i] == "[" else ("}", True)
        items: list[_Item] = []
        i += 1
        while True:
            while text[i] == " ":
                i += 1
            if text[i] == closing:
                return items, i + 1
            if mapping:
                colon = text.index(": ", i)
                key, (node, i) = text[i:colon].strip(), _scan(text, colon + 2)
                items.append((key, node))
            else:
                node, i = _scan(text, i)
                items.append(node)
            while text[i] == " ":
                i += 1
            if text[i] == ",":
                i += 1
            elif text[i] != closing:
                raise ValueError(text[i:])
    start = i
    if text[i] in "\"'":
        quote, i = text[i], i + 1
        while text[i] != quote or (quote == "'" and text[i + 1 : i + 2] == "'"):
            i += 3 if quote == "'" and text[i] == "'" else 2 if text[i] == "\\" and quote == '"' else 1
        return text[start : i + 1], i + 1
    while text[i] not in ",]}":
        i += 1
    return text[start:i].strip(), i


def _flow(node: _Flow) -> str:
    if isinstance(node, str):
        return node
    pairs = [n for n in node if isinstance(n, tuple)]
    if node and len(pairs) == len(node):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in pairs) + "}"
    return "[" + ", ".join(_flow(n) for n in node if not isinstance(n, tuple)) + "]"  # a list holds no pairs


_NARROW = 56  # an example line longer than this is written out further, so it reads at 60 columns


def _expandable(node: object) -> TypeGuard[list[_Item]]:
    return isinstance(node, list) and bool(node)


def _block(node: _Flow, indent: str, depth: int) -> list[str]:
    """``node`` as block lines at ``indent``: lists and mappings ``depth`` levels deep (deeper where a
    line would be too long for a narrow terminal), flow below."""
    lines: list[str] = []
    for item in node:
        if isinstance(item, tuple):
            key, value = item
            line = f"{indent}{key}: {_flow(value)}"
            if _expandable(value) and (depth > 1 or len(line) > _NARROW):
                lines += [f"{indent}{key}:", *_block(value, indent + "  ", depth - 1)]
            else:
                lines.append(line)
        elif _expandable(item) and all(isinstance(n, tuple) for n in item) and (
                depth > 1 or len(f"{indent}- {_flow(item)}") > _NARROW):
            inner = _block(item, indent + "  ", depth - 1)
            lines += [indent + "- " + inner[0][len(indent) + 2 :], *inner[1:]]
        else:
            lines.append(f"{indent}- {_flow(item)}")
    return lines


def _blocked(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        match = _FLOW_LINE.match(line)
        try:
            node, end = _scan(line, match.start("flow")) if match else (None, 0)
        except (ValueError, IndexError):
            node = None
        if node is None or end != len(line) or not node or not match:
            out.append(line)
            continue
        indent, depth = match["indent"], 2
        if match["key"]:
            out.append(f"{indent}{'- ' if match['dash'] else ''}{match['key'].rstrip()}")
            indent += "    " if match["dash"] else "  "
            node = [node] if isinstance(node, list) and node and isinstance(node[0], tuple) else node
        elif match["dash"]:
            node = [node]
            depth = 2
        out += _block(node, indent, depth)
    return "\n".join(out)


def shown(example: Example) -> dict[str, str | bytes | Link]:
    """The example's files as they are shown and run: YAML texts in block style."""
    def block(name: str, content: str | bytes | Link) -> str | bytes | Link:
        if not name.endswith(".yaml") or isinstance(content, Link):
            return content
        if isinstance(content, bytes):  # the raw bytes are kept exactly through the rewrite
            return _blocked(content.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        return _blocked(content)

    return {name: block(name, content) for name, content in example.files.items()}


def materialise(example: Example, directory: Path) -> None:
    """Write the example's files (as shown) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in shown(example).items():
        path = directory / name
        if isinstance(content, Link):
            path.symlink_to(content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def file_text(content: str | bytes | Link) -> str:
    """A file of an example as it is shown: raw bytes and invisible characters as visible escapes."""
    from factledger.text.escapes import safe

    if isinstance(content, Link):
        return f"(a symbolic link to {content.target})"
    if isinstance(content, bytes):
        return safe(content.decode("utf-8", errors="backslashreplace"))
    return safe(content)


def escaped(content: str | bytes | Link) -> bool:
    """Whether the file as shown is not the file as it is (raw bytes or characters are shown escaped)."""
    return isinstance(content, bytes) or isinstance(content, str) and file_text(content) != content


def example_data(example: Example) -> dict[str, object]:
    """An example in JSON: each file's text as shown, and its exact bytes where no text holds them."""
    import base64

    files: list[dict[str, object]] = []
    for name, content in shown(example).items():
        entry: dict[str, object] = {"name": name, "text": file_text(content)}
        if isinstance(content, (bytes, str)) and escaped(content):  # the text shows escapes: the bytes are exact
            raw = content if isinstance(content, bytes) else content.encode("utf-8")
            entry["base64"] = base64.b64encode(raw).decode("ascii")
        elif isinstance(content, Link):
            entry["link"] = content.target
        files.append(entry)
    return {"files": files, "env": example.env}

"""The catalogue's examples: for every code, a ledger that reports it and one, as close as can be, that
does not, and the options that change it. `factledger codes CODE` and docs/diagnostics.md show them;
a test runs each failing example and asserts that exactly its code is reported (the per-claim
`uncorroborated`/`corroborated` notes aside), and each passing one and asserts that it is not.

An example is the files of a data directory (``ledger.yaml`` unless named), each a text, bytes (for
what no text can hold) or a :class:`Link`, with the environment it needs.
"""

from __future__ import annotations

from factledger.problems.showing import (  # re-exported: what a reader of the examples uses
    Example,
    Examples,
    Link,
    escaped,
    example_data,
    file_text,
    materialise,
    shown,
)

__all__ = ["EXAMPLES", "WITHOUT_EXAMPLE", "Example", "Examples", "Link", "escaped", "example_data", "file_text",
           "materialise", "shown"]


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
    "FL122": Examples(_one(_claim(", value: {approx: 4.500}")), _one(_claim(", value: {approx: 4500}")),
                      "--strict (fails on it)"),
    "FL123": Examples(_one(_claim(", date: 2024-10").replace("[{source: S}]", "[{source: S, url: www.example.org/a}]")),
                      _one(_claim(", date: 2024-10").replace("[{source: S}]",
                                                             "[{source: S, url: \"https://www.example.org/a\"}]"))),
    "FL124": Examples(_one(_claim(", subject: fire, property: deaths")
                           + "questions: [{subject: fyre, property: deaths, cumulative: true}]\n"),
                      _one(_claim(", subject: fire, property: deaths")
                           + "questions: [{subject: fire, property: deaths, cumulative: true}]\n"), "--strict"),
    "FL125": Examples(_one(_claim(", subject: fire, property: deaths")
                           + "questions: [{subject: fire, property: deaths, cumulative: true}, "
                             "{subject: fire, property: deaths, cumulative: false}]\n"),
                      _one(_claim(", subject: fire, property: deaths")
                           + "questions: [{subject: fire, property: deaths, cumulative: true}]\n")),
    "FL126": Examples(_one(_claim(", value: yes")), _one(_claim(", value: true")), "--strict (fails on it)"),
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
    "FL209": Examples(_one(_pair("10", "10", extra_b=", supports: [a], disputes: [a]")),
                      _one(_pair("10", "10", extra_b=", supports: [a]"))),
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
                           "sources: [{source: B}]}\n  - {id: b, statement: y, subject: q, property: p, value: 3000, "
                           "date: 2024-12, sources: [{source: A}]}\n"),
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
    "FL521": Examples(_one(_pair("{low: 18000, high: 20000}", "{more_than: 20000}")),
                      _one(_pair("{low: 18000, high: 20000}", "{at_least: 20000}")), _CHECK),
    "FL522": Examples(_one(S + "claims:\n  - {id: c1, statement: x, subject: q, property: p, value: 10100, "
                                "status: retracted, sources: [{source: S}]}\n"
                                "  - {id: c2, statement: We never said so., disputes: [c1], sources: [{source: S}]}\n"),
                      _one(AB + "claims:\n  - {id: c1, statement: x, subject: q, property: p, value: 10100, "
                                "status: retracted, sources: [{source: A}]}\n"
                                "  - {id: c2, statement: We doubt it., disputes: [c1], sources: [{source: B}]}\n")),
}

# A crash inside factledger is not something a ledger can be written to cause: it has no example.
WITHOUT_EXAMPLE = {"FL900": "a crash inside factledger, which no ledger is meant to cause"}

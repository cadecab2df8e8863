"""The catalogue of diagnostic codes: the one place every code is defined.

A code is never reused or renamed; a retired code stays here marked retired.
``docs/diagnostics.md`` is generated from this table (``python -m factledger.render.docs``)
and a test fails when the two drift apart, or when a code has no fixture.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How much a problem matters; ordered from most to least severe."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the table's severity column: I is info


@dataclass(frozen=True)
class Code:
    """One diagnostic (``stage='validate'``) or cross-check finding (``stage='check'``; its slug is its kind)."""

    code: str
    slug: str
    severity: Severity
    title: str
    why: str
    fix: str
    stage: str = "validate"
    # Whether `factledger fix` (`validate --fix`) can fix it: "safe" (applied by --fix), "unsafe" (only with
    # --unsafe-fixes: the meaning could change), "safe or unsafe" (autofix_what says when), or "" (no fix).
    autofix: str = ""
    autofix_what: str = ""

    @property
    def documentation(self) -> str:
        """Where the code is explained: its section of docs/diagnostics.md (the heading "FL001 yaml-syntax")."""
        from factledger import DOCS_URL

        return f"{DOCS_URL}#{self.code.lower()}-{self.slug}"


_CODES = [
    # FL0xx: reading files
    Code("FL001", "yaml-syntax", E, "The file is not well-formed YAML",
         "A file that does not parse contributes nothing to the ledger; its entries would vanish silently.",
         "Fix the YAML at the position given (indentation, an unclosed quote or bracket, a stray `:`)."),
    Code("FL002", "not-utf8", E, "The file is not UTF-8",
         "Reading text in the wrong encoding garbles names and quotes without any error.",
         "Re-save the file as UTF-8 (a byte-order mark is tolerated)."),
    Code("FL003", "unreadable-file", E, "The file cannot be read",
         "An unreadable file would otherwise be skipped and its entries lost.",
         "Check the file's permissions, or whether it is a broken link."),
    Code("FL004", "duplicate-key", E, "A mapping has the same key twice",
         "Most YAML readers silently keep the last value, so the first is lost.",
         "Remove or rename one of the two keys."),
    Code("FL005", "yaml-anchor", E, "Anchors, aliases and merge keys are not allowed",
         "Aliases make one entry silently depend on another, and nested aliases can expand explosively.",
         "Write the value out in full where it is used."),
    Code("FL006", "yaml-tag", E, "Explicit YAML tags are not allowed",
         "Tags change how a value is read (or, in unsafe readers, run code); the ledger is plain data.",
         "Remove the tag (`!!str`, `!!python/...`); quote a value to make it a string."),
    Code("FL007", "empty-file", W, "The file holds no entries",
         "An empty ledger file is usually a mistake, such as content that was never saved.",
         "Add entries, or delete the file."),
    Code("FL008", "multiple-documents", E, "The file holds more than one YAML document",
         "Only the first document would be read; the rest would be lost.",
         "Split the documents into separate files, or merge them into one mapping."),
    Code("FL009", "no-ledger-files", E, "The data directory holds no YAML files",
         "An empty ledger is almost always the wrong directory: a CI job pointed at it would pass while checking "
         "nothing.",
         "Point `--data` (or `FACTLEDGER_DATA`) at the folder holding the ledger's `*.yaml` files."),
    Code("FL010", "file-too-large", E, "The file is larger than the size limit",
         "A file far larger than any ledger file is usually not one (a database dump, a disk image); reading it "
         "whole could exhaust the machine's memory, so it is not read, and its entries are not in the ledger.",
         "Split the ledger into smaller files, or raise the limit with `FACTLEDGER_MAX_FILE_SIZE` (e.g. `256M`); "
         "the default is 64 MiB."),
    Code("FL011", "ambiguous-line-break", E, "The file holds a raw NEL, line separator or paragraph separator",
         "YAML 1.1 readers (libyaml and PyYAML, which factledger uses, among them) break the line at U+0085, "
         "U+2028 and U+2029, and YAML 1.2 readers do not: the same file means different text to different tools, "
         "and a quoted value can silently lose the character.",
         "Remove the character, or write it as an escape inside double quotes (`\\u2028`)."),
    Code("FL012", "yaml-version", E, "The file declares a YAML version other than 1.2",
         "A `%YAML 1.1` directive asks readers to treat `NO`, `yes` and `on` as booleans; factledger reads "
         "YAML 1.2, where they are text, so the file would mean one thing to its author and another here.",
         "Remove the `%YAML` directive (or write `%YAML 1.2`), and quote values that must stay text."),
    Code("FL013", "unused-suppression", W, "A suppression comment suppresses nothing",
         "A `# factledger: ignore[CODE]` comment that no longer matches a problem (it was fixed, the code was "
         "mistyped, the comment is not beside an entry) would silently hide the next problem of that code.",
         "Remove the comment, or the codes in it that the message names; put it on the entry's first line "
         "(`- id: ...`) or alone on the line above the entry.",
         autofix="safe", autofix_what="removes the codes that suppress nothing, and the comment when none is left"),
    # FL1xx: the shape of entries
    Code("FL101", "top-level-shape", E, "A ledger file must be a mapping of sections",
         "factledger reads `sources`, `documents` and `claims` lists from a mapping; "
         "anything else cannot be read as a ledger.",
         "Make the file a mapping with any of the keys `sources`, `documents`, `claims`, each holding a list."),
    Code("FL102", "unknown-section", E, "Unknown top-level key",
         "A misspelt section (`claim:`) would otherwise drop all its entries.",
         "Use `sources`, `documents` or `claims`."),
    Code("FL103", "unknown-field", E, "Unknown field",
         "A misspelt field (`statment:`) would otherwise be ignored and its value lost.",
         "Rename the field to the one suggested, or remove it.",
         autofix="safe or unsafe",
         autofix_what=("renames the field to the one suggested, when the entry does not already have it: safe "
                       "for a typo (statment: statement), unsafe when it is only the nearest field")),
    Code("FL104", "missing-field", E, "A required field is missing",
         "An entry without its required fields cannot be identified, attributed or compared.",
         "Add the field."),
    Code("FL105", "wrong-type", E, "A field has the wrong type",
         "A list where a text is expected (or the reverse) cannot be read reliably.",
         "Give the field a value of the type the message names."),
    Code("FL106", "invalid-choice", E, "A field's value is not one of the allowed values",
         "Kinds, statuses and grades are compared and filtered on; a variant spelling would fall out of every query.",
         "Use one of the values the message lists.",
         autofix="safe or unsafe",
         autofix_what=("writes the value suggested: safe when only its case differs (Media: media), unsafe otherwise")),
    Code("FL107", "malformed-id", E, "An id is malformed",
         "Ids are referenced from other entries and used on the command line, so they are kept to a safe alphabet.",
         "Source and document ids use letters, digits, `.`, `_`, `-`; "
         "claim ids lowercase letters, digits, `.`, `_`, `-`."),
    Code("FL108", "malformed-date", E, "A date is malformed",
         "A date factledger cannot read cannot be placed on a timeline or compared.",
         "Write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a range `{from: DATE, to: DATE}`."),
    Code("FL109", "impossible-date", E, "A date does not exist",
         "A date such as 2024-02-30 is a typo that would otherwise be guessed at.",
         "Correct the day or month; use `YYYY-MM` if the day is not known."),
    Code("FL110", "invalid-value", E, "A claim's value is malformed",
         "A quantity must say exactly one thing (exact, approximate, a bound or a range) to be compared.",
         "Use a number, a text, `true`/`false`, or a mapping with exactly one of `exact`, `approx`, `at_least`, "
         "`at_most`, `more_than`, `less_than`, or both `low` and `high`, plus an optional `unit`."),
    Code("FL111", "reversed-range", E, "A range ends before it starts",
         "A reversed range matches nothing and usually means the ends were swapped.",
         "Swap the two ends."),
    Code("FL112", "empty-list", E, "A list that needs entries is empty",
         "A claim without a citation is an assertion with no one behind it.",
         "Add at least one entry."),
    Code("FL113", "invalid-country", E, "A country is not an ISO 3166-1 alpha-2 code",
         "Countries are filtered and grouped on; free text would split one country into many.",
         "Use the two-letter code, e.g. `KR`, `UA`, `GB`.",
         autofix="safe",
         autofix_what=("writes the code suggested: the same code in capitals, the code ISO assigns (UK: GB), or "
                       "the code of a country written by its name or alpha-3 code (Russia, RUS: RU)")),
    Code("FL114", "invalid-slug", E, "A subject, property or tag is not a slug",
         "Subjects and properties name the question claims are compared on; "
         "spelling variants would split one question in two.",
         "Use lowercase letters, digits and single hyphens, e.g. `troops-dispatched-to-russia`.",
         autofix="unsafe",
         autofix_what=("writes the slug suggested (a subject or property names a question: another spelling may join "
                       "another question)")),
    Code("FL115", "numeric-text-value", W, "A value looks like a number but is text",
         "`1,500` is read as the text '1,500', so it would never be compared as a number.",
         "Write the number plainly (`1500`), or a quantity mapping such as `{approx: 1500, unit: soldiers}`.",
         autofix="safe or unsafe",
         autofix_what=("writes the number: safe when the text reads one way only (12000, 12 000, 1,500,000), "
                       "unsafe when a lone comma could be a decimal comma (1,500); none for 1.500, which reads two "
                       "ways")),
    Code("FL116", "control-character", W, "Text holds a control character",
         "Control characters and escape sequences are invisible in editors and can rewrite a terminal's screen.",
         "Remove the character; factledger shows it escaped (e.g. `\\x1b`)."),
    Code("FL117", "empty-text", E, "A text field is empty",
         "An empty id, name or statement identifies nothing.",
         "Write the text, or remove the field if it is optional."),
    Code("FL118", "invisible-character", W, "Text holds an invisible or line-separating character",
         "A zero-width space, a word joiner, a soft hyphen or a Unicode tag character (which can spell a whole "
         "hidden sentence) is invisible: two texts that look the same differ, and a statement can carry words no "
         "reader sees. Line and paragraph separators (U+2028, U+2029) split a line for some readers and not "
         "others.",
         "Remove the character; factledger shows it escaped (e.g. `\\u200b`). Zero-width joiners and "
         "non-joiners, which scripts and emoji need, are not reported."),
    Code("FL119", "assessment-target", E, "An assessment must judge two or more claims, or one question",
         "An assessment records the keeper's judgement of how claims relate; without exactly one target it says "
         "nothing that `check` can act on.",
         "Give `claims: [a, b]` (two or more) or `question: {subject: ..., property: ...}`, not both."),
    Code("FL120", "assessment-verdict", E, "A one-is-wrong assessment must name the wrong claim, among those judged",
         "`one-is-wrong` without `wrong:`, or with a claim the assessment does not judge, records no judgement a "
         "reader can follow; `wrong` on another verdict contradicts it.",
         "Add `wrong: CLAIM-ID` naming one of the claims judged, or use another verdict."),
    Code("FL121", "hedged-number-text", W, "A value is a hedged number written as text",
         "`\"~12000\"`, `\"over 100,000\"` or `\"25k\"` are read as text, so the value is never compared with "
         "the numbers on its question: a disagreement would go unnoticed.",
         "Write the quantity the message gives, e.g. `{approx: 12000}` for `~12000`.",
         autofix="safe or unsafe",
         autofix_what=("writes the quantity ({approx: 12000} for ~12000, {low: 2000000, high: 3000000} for 2-3 "
                       "million, {at_least: 1500} for 1500 or more): unsafe when the figure could be read two ways "
                       "(1,500), the hedge leans (nearly, almost), an abbreviated figure has no hedge (25k: exact, "
                       "or rounded?) or a scale word may be meant for both ends (500 to 2 million); none for a range "
                       "such as 2-3,000 (2 to 3,000, or 2,000 to 3,000), whose message gives both readings")),
    Code("FL122", "dot-thousands-number", W, "A number is written with a dot before three digits",
         "`4.500` is four and a half to YAML, and four thousand five hundred where a dot separates thousands "
         "(German, Dutch, Spanish, Italian, Portuguese reporting): the figure may have shrunk a thousandfold "
         "without a word.",
         "Write `4.5` if a decimal is meant, `4500` if thousands are."),
    Code("FL123", "invalid-url", E, "A web address is not an absolute http(s) address",
         "Exports link only http and https addresses; anything else (`www.example.com/page`, `javascript:...`, "
         "a number, a note) would be dropped from every export without a word.",
         "Write the whole address with its scheme, e.g. `https://www.example.com/page`; put anything else in "
         "`notes`.",
         autofix="unsafe", autofix_what="puts https:// before an address written without its scheme (the page may "
                                         "be served over http only)"),
    Code("FL124", "question-without-claims", W, "A declared question matches no claim",
         "An entry under `questions` that names no question the claims answer (a typo in its subject, property or "
         "qualifiers) leaves the question it was meant for judged without it: a running total would be judged as "
         "a count that may fall.",
         "Correct the subject, property or qualifiers to those of the claims, or remove the entry."),
    Code("FL125", "duplicate-question", E, "A question is declared twice",
         "Two entries for one question can say different things about it; which one holds would be a guess.",
         "Keep one entry for the question."),
    Code("FL126", "boolean-text-value", W, "A value reads as true or false but is text",
         "YAML 1.2 reads `yes`, `no`, `on` and `off` as text, and a quoted `\"true\"` is text anywhere: the value is "
         "never compared with the `true` and `false` other claims give, and a listing shows both alike.",
         "Write `true` or `false`, without quotes (or keep the text, and suppress this for the entry)."),
    # FL2xx: references between entries
    Code("FL201", "duplicate-id", E, "Two entries share an id",
         "References to the id would be ambiguous; one of the two entries would be shadowed.",
         "Rename one of the entries (source and document ids are compared case-insensitively)."),
    Code("FL202", "unknown-source", E, "Reference to a source that does not exist",
         "A claim attributed to an unknown source has no originator on record.",
         "Define the source under `sources:`, or correct the id to the one suggested.",
         autofix="unsafe", autofix_what="writes the source id suggested (it may be another source)"),
    Code("FL203", "unknown-document", E, "Reference to a document that does not exist",
         "A citation's document is where the claim can be checked; an unknown one cannot be.",
         "Define the document under `documents:`, or correct the id.",
         autofix="unsafe", autofix_what="writes the document id suggested (it may be another document)"),
    Code("FL204", "unknown-claim", E, "Reference to a claim that does not exist",
         "A relation to a missing claim records nothing and hides a typo.",
         "Correct the claim id, or remove the reference.",
         autofix="unsafe", autofix_what="writes the claim id suggested (it may be another claim)"),
    Code("FL205", "part-of-cycle", E, "`part_of` links form a cycle",
         "An organisation cannot be part of itself; dependence between sources is computed from these links.",
         "Break the cycle: `part_of` points from a member to its organisation."),
    Code("FL206", "self-reference", E, "An entry refers to itself",
         "A claim supporting itself, or a source relaying itself, makes corroboration look stronger than it is.",
         "Remove the reference."),
    Code("FL207", "duplicate-reference", W, "A list names the same entry twice",
         "`via: [S1, s1]` or `supersedes: [c1, c1]` records nothing more than naming it once, and is usually a "
         "slip in editing.",
         "Remove the repeated entry."),
    Code("FL208", "id-case", I, "A reference spells an id otherwise than its definition",
         "Source and document ids ignore case, so `nis` names the source `NIS`; but a search, a diff or another "
         "tool that does not know this misses the mention.",
         "Write the id as its definition does.",
         autofix="safe", autofix_what="spells the id as its definition does"),
    Code("FL209", "supports-and-disputes", E, "A claim both supports and disputes the same claim",
         "The cross-check would count it for the other claim and against it at once: whatever it concluded from "
         "the two links, one of them would be false.",
         "Keep the one link the claim's text makes: it agrees with the other claim, or it contradicts it."),
    # FL3xx: documents and quotes
    Code("FL301", "document-file-missing", E, "A document's file does not exist",
         "Quotes are verified against the file; without it they cannot be.",
         "Add the file, or correct the path (it is relative to the data directory)."),
    Code("FL302", "document-file-outside", E, "A document's file is outside the data directory",
         "The ledger must be self-contained, and a path must never read files elsewhere on the machine.",
         "Copy the document into the data directory and give a path relative to it."),
    Code("FL303", "quote-not-found", E, "A quote does not occur in its document",
         "A quote is a promise that these are the source's exact words.",
         "Copy the words exactly from the document. Whitespace, typographic quotes and dashes may differ; "
         "`...` separates fragments that occur in order."),
    Code("FL304", "document-file-unreadable", E, "A document's file cannot be read as UTF-8 text",
         "Quotes cannot be verified against a file that cannot be read.",
         "Save the document's text copy as UTF-8."),
    Code("FL305", "document-file-too-large", E, "A document's file is larger than the size limit",
         "Quotes cannot be verified against a file that is not read, and reading a huge one whole could exhaust "
         "the machine's memory.",
         "Keep the document's text copy (not a scan or an archive), or raise the limit with "
         "`FACTLEDGER_MAX_FILE_SIZE`."),
    # FL9xx: factledger itself
    Code("FL900", "internal-error", E, "A check crashed inside factledger",
         "A bug in one check must not hide what the others find, nor end in a traceback.",
         "Report it with the message; the other diagnostics are still valid.", "internal"),
    # FL5xx: cross-check findings (`factledger check`); the slug is the finding's kind
    Code("FL501", "conflict", E, "Two contemporaneous claims on one question disagree",
         "Sources contradict each other on the same question at the same time, and the ledger does not say so. "
         "This is the finding that fails CI.",
         "If the disagreement is real and known, record it with `disputes: [other-id]` on one claim; if one claim "
         "updates the other, use `supersedes`; if a value or date was entered wrongly, correct it.", "check"),
    Code("FL502", "known-dispute", I, "A recorded dispute between two claims",
         "A disagreement the ledger already acknowledges with a `disputes` link; shown so that it stays visible.",
         "Nothing to fix. Remove the link if the dispute is resolved (and retract or supersede a claim).", "check"),
    Code("FL503", "superseded", I, "A later claim from a dependent origin updates an earlier one",
         "How a figure moved over time: the same origin (or one dependent on it) said something else later.",
         "Where the finding says the link is missing, add `supersedes: [older-id]` to the newer claim. The older "
         "claim stays a valid record of its own time.", "check"),
    Code("FL504", "uncorroborated", I, "A claim rests on one independent origin",
         "Nothing independent of its source says the same; listed with `--all`, counted in the summary.",
         "Look for an independent source; until then, weigh the claim accordingly.", "check"),
    Code("FL505", "corroborated", I, "Independent origins agree",
         "Claims on one question agree, at the same time, from sources that do not depend on each other; one "
         "finding per claim names its corroborators.",
         "Nothing to fix; shown by `show` and listed with `--all`.", "check"),
    Code("FL506", "confirmed-uncorroborated", W, "A claim marked confirmed has fewer than two independent origins",
         "`status: confirmed` promises more than one source behind the claim.",
         "Cite an independent source, find an agreeing claim from one, or set the status back to `reported`.",
         "check"),
    Code("FL507", "circular-reporting", W, "A claim's several sources all come down to one origin",
         "Citations that look like corroboration are one origin repeated (a member and its organisation, or a "
         "source and one it depends on).",
         "Keep the citations, but do not count them as independent; cite an independent source if there is one.",
         "check"),
    Code("FL508", "mixed-units", W, "One question's numeric values use different units",
         "Values in different units are never compared, so a disagreement between them would go unnoticed.",
         "Use one unit per question (convert the values), or split the question with a more specific `property`.",
         "check"),
    Code("FL509", "mixed-value-types", W, "One question mixes numbers, texts and booleans",
         "Values of different types are not compared with each other, so they can hide a disagreement.",
         "Give every claim on the question the same kind of value, or split the question.", "check"),
    Code("FL510", "supersession-cycle", E, "`supersedes` links form a cycle",
         "A claim cannot be newer than a claim that is newer than it; the ledger's history contradicts itself.",
         "Remove the link that points the wrong way.", "check"),
    Code("FL511", "disputed-without-dispute", W, "A claim is marked disputed but nothing disputes it",
         "`status: disputed` should point at the dispute; otherwise a reader cannot find it.",
         "Add the disputing claim with `disputes: [this-id]`, or change the status.", "check"),
    Code("FL512", "dated-after-reported", W, "A claim is dated after its sources said it",
         "A source cannot report in October what happens in December, unless it is a forecast; usually a typo.",
         "Correct the claim's `date` or the citation's `date`; for a forecast, say so in the statement.", "check"),
    Code("FL513", "dependent-support", I, "A claim supports another from a dependent origin",
         "A `supports` link between claims of dependent sources is one origin vouching for itself, not "
         "independent corroboration.",
         "Nothing to fix if the link is accurate; do not read it as corroboration.", "check"),
    Code("FL514", "supersedes-later", W, "A claim supersedes one dated after it",
         "An update comes after what it updates; a link pointing back in time is usually written on the wrong claim.",
         "Move the link to the later claim, or correct a date.", "check"),
    Code("FL515", "historical-conflict", I, "A disagreement with an estimate its source has since withdrawn",
         "The source revised its estimate of the same fact (a later claim about the same time supersedes it), so the "
         "withdrawn figure no longer stands for it: its disagreements with other claims are history, not a "
         "conflict to resolve.",
         "Nothing to fix. The superseding claim is the source's position now.", "check"),
    Code("FL516", "acknowledged", I, "A conflict or duplicate that an assessment acknowledges",
         "The keeper has recorded a judgement of it (an entry under `assessments`), without putting words in a "
         "source's mouth; it stays visible but no longer fails `check`.",
         "Nothing to fix. Remove the assessment if the judgement no longer holds.", "check"),
    Code("FL517", "stale-assessment", W, "An assessment covers no conflict or duplicate any more",
         "Acknowledgements that outlive their disagreement pile up, and hide the next one that matters.",
         "Remove the assessment, or correct the claims or question it names.", "check"),
    Code("FL518", "uneven-qualifiers", W, "A qualifier is on some claims of a property but not on others",
         "Claims with different qualifiers answer different questions and are never compared, so a qualifier "
         "left off one claim can split a question by accident.",
         "Give every claim on the property the qualifier (with its value), or use a different property.", "check"),
    Code("FL519", "duplicate-claim", W, "Two claims record the same claim",
         "The same statement from the same source with the same value and date, twice (an import run twice, a "
         "copy-paste): it counts twice wherever claims are counted.",
         "Keep one and remove the others, or record an assessment with verdict `duplicate`.", "check"),
    Code("FL520", "duplicate-review", W, "One fact-checker's review is recorded twice",
         "The same review (the same address, #fragment included, of the same statement; or without an address "
         "the same reviewer, rating, statement and day), "
         "recorded twice, for instance by importing one file into two ledger files: one fact-check would count "
         "as two.",
         "Keep one of the reviews; `factledger import claimreview` skips reviews the ledger already holds.",
         "check"),
    Code("FL521", "narrow-gap", W, "Two claims disagree by a hair: their values meet at a bound, or nearly",
         "\"18,000 to 20,000\" and \"more than 20,000\" share no number, yet meet at 20,000; two exact counts a "
         "few per cent apart differ by less than the tolerance. Worth a look, not a contradiction: often a bound "
         "read strictly, or one count a little later than the other.",
         "Nothing to fix if the edge is what the sources said; otherwise correct the bound, or record an assessment.",
         "check"),
    Code("FL522", "disowned", I, "A source disowns a figure attributed to it",
         "A claim from a source (or the organisation it is part of) disputes a claim attributed to that source: the "
         "source withdrew the figure, or denies ever giving it; the finding says only that its own source disputes "
         "it. The disputed claim then takes part in nothing, as a retracted one: it is no position and in no camp, "
         "and no later figure of a running total falls below it. Shown once, so that a reader learns the figure "
         "existed and that its source disputes it, even when the ledger marks it retracted.",
         "Nothing to fix; if the disowned claim is not marked `status: retracted`, consider marking it.", "check"),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
BY_SLUG: dict[str, Code] = {c.slug: c for c in _CODES}

# The errors of reading files (FL0xx): a file that could not be read or parsed adds nothing to the ledger,
# so whether the ledger is readable is never a setting. No select, ignore, per-file-ignores or severity
# hides or re-grades them: validate and check fail on them exactly as export refuses the ledger.
UNREADABLE: frozenset[str] = frozenset(c.code for c in _CODES if c.code.startswith("FL0") and c.severity is E)

assert len(CATALOGUE) == len(_CODES), "duplicate code in the catalogue"
assert len(BY_SLUG) == len(_CODES), "duplicate slug in the catalogue"

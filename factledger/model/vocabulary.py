"""The ledger's fixed vocabularies: kinds of source, statuses, grades, hedges, relations.

A module of constants only, so that the command line can name them in its help without
loading the model.
"""

SOURCE_KINDS = (
    "government", "intelligence", "military", "international-organization",
    "official", "media", "ngo", "academic", "other",
)
STATUSES = ("reported", "confirmed", "disputed", "denied", "retracted")
RELIABILITY = ("A", "B", "C", "D", "E", "F")  # Admiralty code: source reliability
CREDIBILITY = (1, 2, 3, 4, 5, 6)  # Admiralty code: information credibility
QUANTITY_KINDS = ("exact", "approx", "at_least", "at_most", "more_than", "less_than")
RELATIONS = ("supports", "disputes", "supersedes")
# The name of the source an import makes for a claim whose review names no claimant (one per claim).
# Exports leave such a source out of a claim's authors, so that a round trip never names someone.
UNKNOWN_CLAIMANT = "Unknown claimant (not named by the review)"

"""How a count is said: '1 claim', '2 claims', '0 addresses'. The one home of the rule."""

from __future__ import annotations


def noun(count: int, word: str, many: str | None = None) -> str:
    """``word`` for one, else its plural (``many`` where adding 's' is wrong: 'address', 'addresses')."""
    return word if count == 1 else many or word + "s"


def plural(count: int, word: str, many: str | None = None, *, grouped: bool = False) -> str:
    """The count and its noun; ``grouped`` writes thousands apart ('12,000 claims')."""
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {noun(count, word, many)}"


def counted(count: int, word: str, many: str | None = None) -> str:
    """:func:`plural` with thousands written apart, as a report says a count ('1,500 claims')."""
    return plural(count, word, many, grouped=True)

"""What a use case raises when it cannot do what was asked, so that a face can say why.

Light on purpose (no imports): the command line catches these in one place without loading
the core.
"""

from __future__ import annotations

from typing import Any


class UsageError(Exception):
    """The call asked for something that cannot be (a command line's exit 2).

    ``option`` names the option at fault, where there is one (``--since``).
    """

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option


class DataDirError(UsageError):
    """The data directory does not exist, is not a directory, or cannot be read."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class SetupError(UsageError):
    """This installation or its settings cannot work (PyYAML without libyaml, a bad size limit)."""


class DataError(Exception):
    """The ledger prevents the use case (exit 1): an export of a ledger that does not validate, a claim
    that is not in what loaded. ``load`` is the LoadResult whose diagnostics explain it."""

    def __init__(self, message: str, load: Any = None, notices: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.load = load  # a factledger.load.result.LoadResult (not imported here: see above)
        self.notices = notices or []  # what a person should read beside the failure

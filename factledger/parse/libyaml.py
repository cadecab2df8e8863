"""Whether libyaml's parser can be used, known without importing PyYAML.

Importing PyYAML (every one of its pure-Python modules, as its package does) is a tenth of what a
warm command costs to start, and a warm command parses nothing: every file comes from the cache. So
the loader asks here, where the answer is whether PyYAML's compiled module is installed, and
:mod:`.compose`, imported only when a file is parsed, holds the exact answer (whether it loads).
"""

from __future__ import annotations

import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, FileFinder
from importlib.util import find_spec


class ParserUnavailable(RuntimeError):
    """PyYAML was built without libyaml (an installation problem, not a data problem)."""


UNAVAILABLE = ("factledger reads YAML with libyaml, and this PyYAML was built without it. Reinstall PyYAML "
               "from a wheel: pip install --force-reinstall --no-cache-dir --only-binary :all: pyyaml")


def require_parser() -> None:
    """Raise :class:`ParserUnavailable` unless libyaml's parser is installed (without importing it)."""
    if not _installed():
        raise ParserUnavailable(UNAVAILABLE)


def _installed() -> bool:
    composer = sys.modules.get("factledger.parse.compose")
    if composer is not None:  # already imported: it knows for certain
        return getattr(composer, "_EventSource", None) is not None
    spec = find_spec("yaml")  # finds the package without running it
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    finders = (FileFinder(folder, (ExtensionFileLoader, EXTENSION_SUFFIXES)) for folder in folders)
    return any(finder.find_spec("yaml._yaml") is not None for finder in finders)

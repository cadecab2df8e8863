"""factledger: a ledger of sourced assertions kept as YAML, checked and queried from the command line."""

__version__ = "0.1.0"

# Where the diagnostic reference is published: SARIF rules and JSON Schema ids point into it.
# (The project's public repository; change it here, and in pyproject.toml's [project.urls], if it moves.)
HOMEPAGE = "https://github.com/factledger/factledger"
DOCS_URL = f"{HOMEPAGE}/blob/main/docs/diagnostics.md"


def env_flag(name: str) -> bool:
    """Whether the environment variable ``name`` is set to something other than empty, 0, false or no:
    how every switch factledger reads from the environment (FACTLEDGER_NO_CACHE, CI) is read."""
    import os

    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")

"""factledger: a ledger of sourced assertions kept as YAML, checked and queried from the command line."""

__version__ = "0.1.0"

# Where the diagnostic reference is published: SARIF rules and JSON Schema ids point into it.
# (The project's public repository; change it here, and in pyproject.toml's [project.urls], if it moves.)
HOMEPAGE = "https://github.com/factledger/factledger"
DOCS_URL = f"{HOMEPAGE}/blob/main/docs/diagnostics.md"


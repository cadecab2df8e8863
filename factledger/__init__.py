"""factledger: a ledger of sourced assertions kept as YAML, checked and queried from the command line."""

__version__ = "0.1.0"

# Where the diagnostic reference is published: SARIF rules and JSON Schema ids point into it.
# (The project's public repository; change it here, and in pyproject.toml's [project.urls], if it moves.)
HOMEPAGE = "https://github.com/factledger/factledger"
DOCS_URL = f"{HOMEPAGE}/blob/main/docs/diagnostics.md"


# The commit of HOMEPAGE that pre-commit configurations and CI installs pin (the repository has no release
# tag yet): one whose .pre-commit-hooks.yaml holds the hooks documented here. docs/ci.md and the hooks
# file's own example name the same commit (a test checks it); `init` writes it.
HOOKS_COMMIT = "b70833533993c7f444e6cde5dc709f6808e9e981"

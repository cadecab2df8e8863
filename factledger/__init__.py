"""factledger: a ledger of sourced assertions kept as YAML, checked and queried from the command line."""

__version__ = "0.1.0"

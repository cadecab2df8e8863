"""Importers: other formats → ledger YAML that `factledger validate` accepts."""

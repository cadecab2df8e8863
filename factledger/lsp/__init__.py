"""The language server: `factledger lsp`, a face over the use cases (factledger.api) beside the command line."""

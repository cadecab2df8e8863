"""The exit codes every face ends with: a leaf, so that the console script can name them before
anything else of factledger is loaded.

One exit-code policy for every command (documented in the README)."""

EXIT_OK = 0
EXIT_DATA = 1  # the data has errors, or (where a command says so) findings
EXIT_USAGE = 2  # bad arguments, or a data directory that does not exist

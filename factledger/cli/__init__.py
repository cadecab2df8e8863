"""The command line: a face over factledger.api.

Each command (in :mod:`.reading`, :mod:`.checking`, :mod:`.interchange`, :mod:`.project`) parses its options, calls
one use case, renders the result through the format registry and exits with the result's code.
What the library raises becomes what a person reads in one place, :func:`.app.command`. A command
imports the core only when it runs, so `--help` and each command load no more than they use.
"""

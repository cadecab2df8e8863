"""Allow `python -m factledger`."""

from factledger.cli.entry import main

main()

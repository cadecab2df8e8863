"""Allow `python -m factledger`."""

from factledger.cli import main

main()

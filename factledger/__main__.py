"""Allow `python -m factledger`."""

from factledger.cli.main import main

main()

"""Allow `python -m netcheck`."""

from netcheck.cli import main

main()

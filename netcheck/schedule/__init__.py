"""IBKR's published reset and maintenance windows: dated data, a loader, pure time logic and rules."""

"""Agent mode: `netcheck serve` runs the checks on an interval and serves the cached result over HTTP."""

"""netcheck: will Interactive Brokers' TWS connect from here; if not, why, and what to do."""

__version__ = "0.1.0"

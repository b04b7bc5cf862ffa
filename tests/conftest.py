"""Shared test configuration. Lab fixtures live in tests/lab/ (network namespaces; root only)."""

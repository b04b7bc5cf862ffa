"""Moved to `netcheck.planner.web`; kept so existing imports (`from netcheck import plan_web`) work."""

from netcheck.planner.web import TLS_PORT, proxy_reach_check, proxy_tunnel_checks, tls_check, wants_tls

__all__ = ["TLS_PORT", "proxy_reach_check", "proxy_tunnel_checks", "tls_check", "wants_tls"]

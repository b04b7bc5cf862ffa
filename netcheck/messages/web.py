"""Texts of the web-path findings: proxies, TLS interception and the clock."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "proxy-only": FindingText(
        N_("The web works here only through a proxy: TWS cannot connect from this network"),
        N_(
            "Your browser reaches the internet through a proxy ({proxy}), but direct connections are "
            "blocked. TWS cannot use a web proxy: it needs a direct connection on TCP ports 4000 and "
            "4001. This is why IBKR's browser test page may say everything is fine while TWS cannot "
            "log in. Ask your IT department to allow TWS's direct connections (give them the "
            '"For IT" line below), or to provide a SOCKS proxy, which you can then use for TWS with a '
            "proxy program such as Proxifier. Otherwise use another network, such as a phone hotspot."
        ),
        N_(
            "Direct outbound TCP fails; only proxy {proxy} carries web traffic. TWS / IB Gateway open "
            "plain TCP connections (not HTTP) and have no proxy setting. Allow direct outbound TCP "
            "to: {pairs}; or offer a SOCKS5 proxy and redirect the TWS Java process at OS level."
        ),
    ),
    "proxy-unreachable": FindingText(
        N_("This computer is set up to use a proxy ({proxy}), but the proxy does not answer"),
        N_(
            "Programs that follow the proxy setting, such as your web browser, cannot reach the "
            "internet. If you are not on a network that needs a proxy (for example at home), switch "
            "the proxy setting off ({source}). If you are, ask your IT department whether the proxy "
            "is down."
        ),
        N_(
            "Configured proxy {proxy} (from {source}) does not accept TCP connections ({reason}). "
            "Remove the stale setting, or start or fix the proxy."
        ),
    ),
    "proxy-blocks-ports": FindingText(
        N_("The proxy {proxy} refuses to pass TCP ports {ports}"),
        N_(
            "The proxy lets web pages through but not the connections TWS needs, so TWS cannot use "
            "it, not even through a proxy program such as Proxifier. This only matters when there "
            "is no direct way out: then ask your IT department to allow TCP {ports} to IBKR."
        ),
        N_("Proxy {proxy} answers CONNECT to {pairs} with: {answer}. Allow CONNECT to these host:port pairs."),
    ),
    "tls-intercepted": FindingText(
        N_("Something on this network opens your encrypted connections to IBKR: {issuer}"),
        N_(
            "IBKR's websites answer here with a certificate that IBKR did not get from a public "
            'authority, but from "{issuer}". That is a security filter, antivirus program or company '
            "proxy that inspects encrypted traffic. TWS's updates and web features may fail, and "
            "whoever runs it can read what you send. Do not log in to IBKR's websites on this network "
            "unless it is your employer's, and ask your IT department to exclude IBKR from inspection."
        ),
        N_(
            'TLS to {hosts} presents a certificate issued by "{issuer}" that does not verify against '
            "the trusted roots ({error}). Exempt *.interactivebrokers.com, *.ibllc.com and "
            "s3.amazonaws.com from TLS inspection (bypass list of the proxy or security product)."
        ),
    ),
    "clock-skew": FindingText(
        N_("This computer's clock is wrong by {offset}"),
        N_(
            "A wrong clock breaks secure connections and makes login security codes fail. Turn on "
            '"Set time automatically" in your date and time settings (and check the time zone), '
            "then run netcheck again."
        ),
        N_(
            "The local clock differs from the Date header of {samples} HTTPS answers by {seconds} s "
            "(median; positive: this computer is ahead). Warn above {warn_s} s, fail above {fail_s} s. "
            "Check time synchronisation (NTP, UDP 123, or the Windows Time service)."
        ),
    ),
}

KIND_HEADING: Mapping[str, str] = {
    "tls": N_("Encrypted connections (TLS) to IBKR's websites"),
    "proxy": N_("Proxies configured on this computer"),
}

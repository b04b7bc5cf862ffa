"""Texts of the findings about what sits on the path: a proxy that wants a login, TLS cut by a filter
or for every name, and a path-MTU black hole."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "proxy-auth-required": FindingText(
        N_("The proxy on this network ({proxy}) asks for a user name and password"),
        N_(
            "This is not a hotel or café sign-in page: a proxy server wants you to log in. Your web "
            "browser may work after it asks for your company user name and password, but TWS cannot "
            "use this proxy at all: TWS needs direct connections on TCP ports 4000 and 4001, which "
            "are not web traffic. If TWS cannot connect from here, ask your IT department to allow "
            'TWS\'s direct connections (give them the "For IT" line below), or use another network, '
            "such as a phone hotspot."
        ),
        N_(
            "Proxy {proxy} answers 407 Proxy Authentication Required (offered schemes: {schemes}) to "
            "the reachability checks and/or CONNECT. TWS / IB Gateway have no proxy setting and cannot "
            "authenticate to a proxy; allow direct outbound TCP 4000/4001 (and 443 to IBKR) from this "
            "computer, or exempt it from proxy authentication."
        ),
    ),
    "transparent-proxy": FindingText(
        N_("Something on this network answers web requests with empty pages ({urls})"),
        N_(
            "A device between this computer and the internet intercepts web traffic and answers with an "
            "empty page instead of passing it on. This is not a hotel or café sign-in page (there is "
            "nothing to sign in on). TWS's own connections are not web traffic, so the checks on TCP "
            "4000 and 4001 below say whether TWS can connect. If web pages do not load either, restart "
            "the router or ask whoever runs this network."
        ),
        N_(
            "HTTP {urls} answered 200 with an empty or at most 4-byte body instead of the expected answer: a "
            "broken transparent proxy (Android's and ChromeOS's portal detection treat it the same way). "
            "Check the transparent proxy / web filter on the path."
        ),
    ),
    "tls-blocked": FindingText(
        N_("A filter on this network cuts encrypted connections to IBKR by name ({hosts})"),
        N_(
            "Connections to IBKR's servers open, but as soon as this computer names the IBKR server "
            "it wants, the connection is cut. The same server with another name works, so something "
            "between you and IBKR reads the names and blocks IBKR's: a company or school filter, a "
            "security program on this computer, or the network operator. TWS cannot log in through "
            "it. Switch off web filtering for IBKR in your security program if you have one, ask your "
            "IT department to allow IBKR, or use another network, such as a phone hotspot."
        ),
        N_(
            "TLS to {address}:443 with SNI {sni}: {happened} {after_ms} ms after the ClientHello; the "
            "same address with SNI {neutral}: {neutral_result}. A filter matches the server name "
            "(SNI / DPI). Hosts: {hosts}. Allow *.interactivebrokers.com and *.ibllc.com in the "
            "filter's TLS / URL category rules."
        ),
    ),
    "tls-handshake-failed": FindingText(
        N_("Encrypted connections to {hosts} are cut for every server name"),
        N_(
            "The connection to this IBKR server opens, but its encryption never starts, whatever name "
            "is asked for. Either the server has a problem or a filter on this network cuts all "
            "encrypted traffic to it. Try again later; if it persists, ask your IT department whether "
            "a firewall blocks this address, or try another network, such as a phone hotspot."
        ),
        N_(
            "TLS to {address}:443 with SNI {sni}: {happened} {after_ms} ms after the ClientHello; with "
            "SNI {neutral} also {neutral_result}: not name-based. Check firewall / IPS rules for this "
            "address, or the server. Hosts: {hosts}."
        ),
    ),
    "mtu-blackhole": FindingText(
        N_("Large packets are lost on the way to this computer (path-MTU black hole)"),
        N_(
            "Connections open and small answers arrive, but anything larger than one network packet "
            "never does, so encrypted connections hang while they start. TWS's login connection on "
            "port 4001 is encrypted too, so TWS hangs at connecting. Usually a VPN or a DSL (PPPoE) "
            "line carries smaller packets than this computer sends, and the router does not say so. "
            "If you use a VPN, lower the MTU of its connection (for example to 1400) in the VPN "
            'program; otherwise ask whoever runs the router to enable "MSS clamping" (give them the '
            '"For IT" line below), or use another network, such as a phone hotspot.'
        ),
        N_(
            "TLS to {address}:443 (SNI {sni}) stalls after the ClientHello with MSS {mss} (packets of "
            "{failed_bytes} bytes and more are lost) and completes when the SYN announces MSS {small_mss} "
            "(packets of at most {ok_bytes} bytes arrive): ICMP fragmentation-needed / packet-too-big does "
            "not reach the sender. Clamp the TCP MSS to "
            "the path MTU on the router (nft: tcp flags syn tcp option maxseg size set rt mtu), lower "
            "the MTU of the VPN / PPPoE interface, or let ICMP type 3 code 4 and ICMPv6 type 2 through. "
            "Hosts: {hosts}."
        ),
    ),
}

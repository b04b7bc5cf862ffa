"""Texts of the network-path findings (no network, portal, DNS, blocked ports, regions, IPv6) and the
catch-all finding every unexplained failure ends up in."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "no-network": FindingText(
        N_("This computer is not connected to any network"),
        N_(
            "Connect to Wi-Fi or plug in the network cable, then run netcheck again. Until you are "
            "connected, IBKR's telephone order desk can close positions for you (a fee applies)."
        ),
        N_("No network interface is up with an address, or there is no default route."),
    ),
    "no-internet": FindingText(
        N_("No internet connection: nothing beyond your router answers"),
        N_(
            "Restart your router or modem, or switch to another network (for example your phone's "
            "hotspot). If you must act on open positions now, IBKR's telephone order desk can close "
            "them for you (a fee applies)."
        ),
        N_("Neither DNS servers, nor the web check endpoints, nor any IBKR server answered."),
    ),
    "captive-portal": FindingText(
        N_("This network wants you to sign in first (hotel, café or guest Wi-Fi login page)"),
        N_(
            "Open a web browser and go to any web page; accept the network's terms or sign in on the "
            "page that appears ({location}). Then run netcheck again."
        ),
        N_("HTTP requests are redirected or answered by a portal instead of the real server."),
    ),
    "partial-connectivity": FindingText(
        N_("Web pages load over HTTP but secure (HTTPS) connections fail"),
        N_(
            "TWS needs secure connections for login, updates and settings. Restart your router or try "
            "another network; on a company network, ask IT whether HTTPS is filtered."
        ),
        N_(
            "HTTP reachability checks pass while every HTTPS check fails ({hosts}); look for a broken "
            "transparent proxy or an HTTPS filter."
        ),
    ),
    "dns-unreachable": FindingText(
        N_("Your DNS server does not answer: IBKR's server names cannot be looked up"),
        N_(
            "Restart your router. If that does not help, set your network's DNS server to your "
            "provider's or a public one, or ask your IT department. TWS needs working DNS."
        ),
        N_("The configured resolver(s) {servers} time out or fail (SERVFAIL)."),
    ),
    "dns-nxdomain": FindingText(
        N_("Your DNS server says IBKR's servers do not exist"),
        N_(
            "Your network's DNS (or a content filter, parental control or security software) is "
            "hiding IBKR's servers. Ask whoever runs this network to allow them, or use another network."
        ),
        N_("NXDOMAIN / no answer from the configured resolver for: {hosts}."),
    ),
    "dns-mismatch": FindingText(
        N_("Your DNS server gives wrong addresses for IBKR's servers"),
        N_(
            "Your network's DNS is redirecting IBKR's names elsewhere. Use another network or ask "
            "your IT department; do not log in until this is resolved."
        ),
        N_(
            "The local answers for {hosts} point to special-purpose (bogon) addresses, or disagree with "
            "independent resolvers and fail to connect or to verify a TLS certificate for the name "
            "(possible DNS hijack or filtering)."
        ),
    ),
    "dns-differs": FindingText(
        N_("Some server names get different addresses here than elsewhere (normal for CDN-served names)"),
        N_(
            "Nothing to do: large websites answer each region with its nearest servers, and the "
            "addresses your DNS gave work for {hosts}."
        ),
        N_(
            "Local and independent answers differ for {hosts}; the local addresses completed a verified "
            "TLS handshake for the name (or, for 4000/4001-only hosts, connected): geo-DNS / CDN, not a hijack."
        ),
    ),
    "host-nonexistent": FindingText(
        N_("The host list names servers that exist nowhere: {hosts}"),
        N_(
            "No DNS server knows these names, not only yours, so this network is not the problem. "
            "IBKR has retired or renamed them, or the host list misspells them. If netcheck's own list "
            "names them, update netcheck; if you wrote the host list, correct or remove them."
        ),
        N_(
            "The local resolver and every independent resolver that answered return NXDOMAIN / no "
            "answer for: {hosts}. The host list is outdated or misspelled."
        ),
    ),
    "ports-blocked": FindingText(
        N_("TCP ports {ports} are blocked on this network: TWS cannot log in here"),
        N_(
            "This network (typical of hotel, café, guest or corporate Wi-Fi) silently drops the ports "
            'TWS needs, while normal web browsing works. TWS will hang at "Connecting to server..." or '
            'repeat "Log in progress (attempt #N)". Use another network (a phone hotspot works) or ask the '
            "network's owner to allow outbound TCP {ports} to IBKR."
        ),
        N_(
            "Outbound TCP {ports} to the IBKR gateways is dropped (no answer). Allow it to "
            "*.ibllc.com. A web proxy cannot carry this traffic; it must be a direct path."
        ),
    ),
    "ports-rejected": FindingText(
        N_("A firewall rejects TCP ports {ports}: TWS cannot log in here"),
        N_(
            "A firewall on this network or on this computer actively refuses the connections TWS "
            "needs. Check your security software's firewall, or ask the network's owner to allow "
            "outbound TCP {ports} to IBKR."
        ),
        N_(
            "Outbound TCP {ports} to the IBKR gateways is rejected (TCP reset or ICMP "
            "administratively prohibited). Allow it to *.ibllc.com."
        ),
    ),
    "region-unreachable": FindingText(
        N_("IBKR's servers for region {regions} cannot be reached"),
        N_(
            "If your account's server is in {regions}, TWS will not log in from here, and market data "
            "served from there fails for every account. jts.ini (Peer=) names the server TWS last used. "
            "Other regions work, so the path to this region is blocked or IBKR has an outage there: "
            "check IBKR's system status page, or try another network."
        ),
        N_("All gateways of {regions} fail on TCP 4000/4001 while other regions answer."),
    ),
    "ipv6-broken": FindingText(
        N_("IPv6 connections fail while IPv4 works"),
        N_(
            "TWS may be slow to connect or fail on this network. Add the line "
            '-Djava.net.preferIPv4Stack=true to tws.vmoptions (below the line "### keep on update"), '
            "or ask your provider to fix IPv6."
        ),
        N_("IPv6 TCP connects to IBKR fail while IPv4 to the same hosts and ports succeed."),
    ),
    "host-unreachable": FindingText(
        N_("Some IBKR servers cannot be reached: {hosts}"),
        N_(
            "Parts of TWS that use these servers will fail (updates, cloud settings, market data). "
            "Ask the network's owner to allow them, or try another network."
        ),
        N_("Allow outbound TCP to: {hosts}."),
    ),
    "check-failed": FindingText(
        N_("Some checks failed"),
        N_(
            "See the failed checks below. If TWS misbehaves, try another network and send this "
            "report to IBKR support or your IT department."
        ),
        N_("See the evidence lines for the exact targets and errors."),
    ),
}

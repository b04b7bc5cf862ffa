"""Every user-facing text of findings, in English source form. Marked with N_ for extraction;
translated at render time through the run's translator (gettext), never at import."""

from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    return text


@dataclass(frozen=True)
class FindingText:
    title: str
    remediation: str  # for the trader: plain words, what to do now
    admin: str  # for the IT admin: exact hosts, ports, protocols


FINDINGS: dict[str, FindingText] = {
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
        N_("TWS needs secure connections for login, updates and settings. Restart your router or try "
           "another network; on a company network, ask IT whether HTTPS is filtered."),
        N_("HTTP reachability checks pass while every HTTPS check fails ({hosts}); look for a broken "
           "transparent proxy or an HTTPS filter."),
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
        N_("The local answers for {hosts} disagree with independent resolvers (possible DNS hijack or filtering)."),
    ),
    "ports-blocked": FindingText(
        N_("TCP ports {ports} are blocked on this network: TWS cannot log in here"),
        N_(
            "This network (typical of hotel, café, guest or corporate Wi-Fi) silently drops the ports "
            'TWS needs, while normal web browsing works. TWS will hang at "connecting to server" or '
            'show "attempt N to reconnect". Use another network (a phone hotspot works) or ask the '
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
            "If your account's server is in {regions}, TWS will not connect from here. Your server "
            "is named in jts.ini (Peer=). Other regions work, so the path to this region is blocked "
            "or IBKR has an outage there: check IBKR's system status page, or try another network."
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

SUMMARY = {
    "pass": N_("Ready: TWS should connect from this network."),
    "warn": N_("Ready, with warnings: TWS should connect; see the notes below."),
    "fail": N_("Not ready: TWS will likely not connect from here."),
}

# "info" is a finding severity: reporters that label findings with status_word() need it too
STATUS_WORD = {"pass": N_("PASS"), "warn": N_("WARN"), "fail": N_("FAIL"), "skip": N_("SKIP"), "info": N_("INFO")}

KIND_HEADING = {
    "local": N_("This computer"),
    "http": N_("Internet and captive portal"),
    "dns": N_("DNS (name lookups)"),
    "dns-cross": N_("DNS cross-check with independent resolvers"),
    "tcp": N_("Connections to IBKR"),
}

LABELS = {
    "findings": N_("What is wrong and what to do"),
    "notes": N_("Good to know"),
    "for_it": N_("For IT"),
    "checks": N_("Checks"),
    "interrupted": N_("Interrupted ({why}): the report shows what was learned so far."),
    "passed_count": N_("{passed} passed, {failed} failed, {warned} warnings, {skipped} skipped in {seconds:.1f} s"),
    "progress": N_("checking… {done}/{total}"),
}


def _merge_areas() -> None:
    from netcheck.messages import output

    LABELS.update(output.LABELS)


_merge_areas()

from netcheck.messages import symptoms as _symptoms  # noqa: E402  (it imports N_ from here)

LABELS.update(_symptoms.LABELS)
SYMPTOMS = _symptoms.SYMPTOMS

from netcheck.messages import agent as _agent  # noqa: E402  (it imports N_ from here)

LABELS.update(_agent.LABELS)

from netcheck.messages import link as _link  # noqa: E402  (it imports N_ from here)

FINDINGS.update(_link.FINDINGS)

from netcheck.messages import local as _local  # noqa: E402  (it imports N_ from here)

FINDINGS.update(_local.FINDINGS)
LABELS.update(_local.LABELS)
KIND_HEADING.update(_local.KIND_HEADING)

from netcheck.messages import web as _web  # noqa: E402  (it imports N_ from here)

FINDINGS.update(_web.FINDINGS)
KIND_HEADING.update(_web.KIND_HEADING)

from netcheck.messages import words as _words  # noqa: E402  (it imports N_ from here)

LABELS.update(_words.LABELS)
REASON_WORD = _words.REASON_WORD

from netcheck.schedule.texts import FINDINGS as _SCHEDULE  # noqa: E402  (imports N_ from here)

FINDINGS.update(_SCHEDULE)

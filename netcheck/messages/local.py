"""User-facing text of the local pre-flight and the account's-server findings (English source)."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "home-server-unreachable": FindingText(
        N_("Your account's server {server} ({region}) cannot be reached: TWS cannot log in"),
        N_(
            "TWS always logs in to your account's own server, so it will not connect from here even if "
            "other IBKR servers answer. Try another network (a phone hotspot works); if it fails "
            "everywhere, check IBKR's system status page. Until then, IBKR's telephone order desk can "
            "close positions for you (a fee applies)."
        ),
        N_(
            "The server TWS last used, from {jts_ini} (Peer=, or the order-routing server), is {server}; "
            "allow outbound TCP 4000 and 4001 to it. The evidence shows how each connect failed."
        ),
    ),
    "home-server-retired": FindingText(
        N_("Your jts.ini names a retired server: {server}"),
        N_(
            "The server in TWS's settings file no longer exists (no DNS server anywhere knows it), so "
            "this network is not the problem. The entry is a leftover or a template's default; TWS is "
            "sent to your account's server when it logs in and then writes the right one. If TWS does "
            "not log in, delete the Peer= line from {jts_ini} and start TWS again."
        ),
        N_("{jts_ini} (Peer=) names {server}, which every resolver that answered calls NXDOMAIN."),
    ),
    "tws-ssl-off": FindingText(
        N_("TWS is set to connect without SSL (UseSSL=false)"),
        N_(
            "IBKR requires SSL connections; with this setting TWS and IB Gateway show a dialog asking to "
            "restart with SSL or close, and an unattended login stops there. Set UseSSL=true in {jts_ini} "
            "(IBC does this itself) or accept the dialog once."
        ),
        N_("[Logon] UseSSL=false in {jts_ini}: TWS connects on 4000 without SSL, which IBKR refuses since 2021."),
    ),
    "vpn-default-route": FindingText(
        N_("Your internet traffic goes through a VPN ({interface})"),
        N_(
            "This is fine if TWS works. If it does not: ask whether the VPN lets TWS traffic out (split "
            "tunnelling), and remember that if your IBKR account limits logins to certain IP "
            "addresses, the VPN's address must be on that list."
        ),
        N_(
            "The route to the internet leaves through {interface}. TWS needs direct outbound TCP 4000/4001 "
            "to *.ibllc.com through it, or a split-tunnel exception."
        ),
    ),
    "low-memory": FindingText(
        N_("This computer has little free memory ({available_mb} MB)"),
        N_(
            "TWS needs about {needed_mb} MB free to run smoothly. Close programs you do not need (browser "
            "tabs, other trading platforms) before starting TWS, or restart the computer."
        ),
        N_("Available RAM {available_mb} MB is below the {needed_mb} MB TWS needs."),
    ),
    "tws-memory": FindingText(
        N_("TWS is set to use more memory ({xmx_mb} MB) than it can get ({limit_mb} MB)"),
        N_(
            'TWS may not start at all ("Could not create the Java Virtual Machine"). In TWS, lower '
            "Global Configuration → General → Memory Allocation, or edit the -Xmx line in {vmoptions} "
            "to a value below {limit_mb} MB (for example -Xmx2048m)."
        ),
        N_(
            "{vmoptions} asks for -Xmx {xmx_mb} MB; the limit is {limit_mb} MB (physical RAM {total_mb} MB, "
            "or the ~2 GB a 32-bit JVM can address)."
        ),
    ),
    "tws-not-found": FindingText(
        N_("No TWS or IB Gateway installation found on this computer"),
        N_(
            "The checks of TWS's own settings were skipped. If TWS is installed in another folder, run "
            "netcheck again with --tws-dir pointing at it."
        ),
        N_("Searched: {searched}. Set NETCHECK_TWS_DIR or pass --tws-dir to point at the Jts folder."),
    ),
    "tws-session-running": FindingText(
        N_("More than one TWS / IB Gateway session of the same installation is running"),
        N_(
            "Only one session per user name can be logged in: a second login disconnects the first. "
            "Close the extra TWS or IB Gateway window (or log in with a different user name)."
        ),
        N_("Installation {installation}: processes {pids}."),
    ),
    "api-port-conflict": FindingText(
        N_("Another program already uses the TWS API port {ports}"),
        N_(
            "Trading platforms and scripts (for example NinjaTrader or a Python program) connect to TWS "
            "on this port. A different program holds it, so TWS or IB Gateway cannot open it. Close that "
            "program, or change the socket port in TWS (Global Configuration → API → Settings) and in "
            "the platform that connects to it."
        ),
        N_(
            "Local TCP {ports} on 127.0.0.1 is held by: {held_by}. These are local API ports "
            "(7496/7497 TWS, 4001/4002 IB Gateway), not the remote gateway ports."
        ),
    ),
    "low-disk": FindingText(
        N_("Little free disk space for TWS"),
        N_(
            "TWS writes logs and downloads updates. Free some space (at least {needed_mb} MB), for "
            "example by emptying the recycle bin or deleting old TWS logs."
        ),
        N_("Free space: {where}."),
    ),
    "ipv6-tws-vmoptions": FindingText(
        N_("Where to tell TWS to use IPv4: its vmoptions file"),
        N_(
            "Open {files} in a text editor, add the line -Djava.net.preferIPv4Stack=true below the line "
            '"### keep on update" (so updates keep it), save, and restart TWS.'
        ),
        N_("TWS does not yet set -Djava.net.preferIPv4Stack=true in: {files}."),
    ),
    "ipv6-tws-ibc": FindingText(
        N_("TWS is started by IBC here, which ignores the IPv4 setting in its vmoptions file"),
        N_(
            "On Linux and macOS, IBC's start script leaves out every -D line of {files}, so adding "
            "-Djava.net.preferIPv4Stack=true there has no effect. Add it to the java command in IBC's "
            "start script (ibcstart.sh) instead, or have IPv6 fixed on this network."
        ),
        N_("IBC (ibcstart.sh) drops -D lines from vmoptions and clears JAVA_TOOL_OPTIONS; files: {files}."),
    ),
    "ipv6-tws-prefers-ipv4": FindingText(
        N_("TWS is already set to use IPv4 only"),
        N_("The IPv6 problem above does not affect TWS on this computer; other programs may still be slow."),
        N_("-Djava.net.preferIPv4Stack=true is set in: {files}."),
    ),
}

LABELS: Mapping[str, str] = {
    "regions": N_("IBKR regions (median connect time to the gateways)"),
    "region_row": N_("{region}: {reachable}/{gateways} gateways reachable, {median}"),
    "home_server": N_("Your account's server: {server}, {region} (from {jts_ini})"),
    "home_marker": N_("your region"),
    "no_connect": N_("no connection"),
}

KIND_HEADING: Mapping[str, str] = {"machine": N_("This computer: TWS, memory, sessions, API ports")}

REGION_NAMES: Mapping[str, str] = {
    "america-east": N_("America East"),
    "america-central": N_("America Central"),
    "europe": N_("Europe"),
    "asia": N_("Asia"),
    "china": N_("Asia China"),
}

"""Topics from IBKR's TWS technical FAQ about starting and running TWS (English source, marked for translation)."""

from __future__ import annotations

from netcheck.guide import sources as src
from netcheck.guide.model import Answer, Topic
from netcheck.messages.base import N_

SETTINGS_DOWNLOAD = Answer(
    N_(
        'This message comes from the "Use/Store settings on server" option (Global Configuration → Lock and '
        "Exit): TWS saves its settings on IBKR's servers and downloads them at login, so that the same layout "
        "appears on any computer. IBKR's host list names the cloud-settings host s3.amazonaws.com, port 443."
    ),
    N_(
        "Run netcheck run: it tests s3.amazonaws.com on port 443 from this computer. If that works, follow "
        'IBKR\'s article KB3146 ("How to overcome the Downloading settings from server failed error") or '
        "call IBKR's Technical Assistance."
    ),
)

JVM_NOT_CREATED = Answer(
    N_(
        "TWS is a Java program. The memory it asks Java for at start is the -Xmx line of its vmoptions file "
        "(in newer TWS: Global Configuration → General → Memory Allocation). netcheck compares that value "
        "with the memory this computer has."
    ),
    N_("Run netcheck run --local-only and follow the finding about TWS's memory setting, if it shows one."),
)

FREEZES = Answer(
    N_(
        "TWS is a Java program with a fixed maximum of memory (-Xmx). IBKR: when that is too small, TWS "
        'freezes or crashes, and its log in the TWS folder shows "java.lang.OutOfMemoryError: Java heap '
        'space". The setting is Global Configuration → General → Memory Allocation.'
    ),
    N_(
        "Raise the memory allocation in TWS; run netcheck run --local-only first: it shows the free memory of "
        "this computer and whether the setting fits it."
    ),
)

IPV6 = Answer(
    N_(
        "When IPv6 is announced but does not work, programs may wait for IPv6 before they try IPv4. For TWS "
        "the workaround is the line -Djava.net.preferIPv4Stack=true in its vmoptions file, below the line "
        '"### keep on update" so that updates keep it.'
    ),
    N_(
        "Run netcheck run: it compares IPv4 and IPv6 to IBKR's servers and, only if IPv6 fails, names the "
        "vmoptions file and where the line goes."
    ),
)

RECONNECTING = Answer(
    N_(
        "TWS must keep direct connections to IBKR's servers on TCP ports 4000 and 4001. These are not web "
        "connections, so a web (HTTP) proxy cannot carry them; only a SOCKS proxy can. Corporate networks "
        'that only allow web traffic through a proxy leave TWS repeating "Log in progress (attempt #N)".'
    ),
    N_("Run netcheck run and give the report to your IT department (netcheck bundle writes it for a ticket)."),
)

ONE_SESSION = Answer(
    N_(
        "A user name can be logged in to only one IBKR trading session at a time. Logging in elsewhere (another "
        "TWS, WebTrader, the mobile app) with the same user name asks you to disconnect the other session or "
        "cancel; the session you disconnect ends."
    ),
    N_(
        "Close the other session, or use a second user name for the second one. netcheck run --local-only "
        "shows the TWS and IB Gateway sessions running on this computer."
    ),
)

TWO_ON_MAC = Answer(
    N_(
        "The rule is the same on a Mac: one user name, one trading session; a second TWS with the same user "
        "name asks you to disconnect the first. netcheck found no IBKR text about running two TWS with "
        "different user names on one Mac, so it says nothing about that."
    ),
    N_("Run netcheck run --local-only on the Mac: it shows the TWS sessions running there."),
)

REQUIREMENTS = Answer(
    N_(
        "TWS runs on Windows, macOS and Linux and needs a Java runtime, which its installer brings along. "
        "netcheck did not find IBKR's current minimum figures, so it does not quote any; it checks what TWS "
        "itself depends on here: free memory, free disk space and its memory setting."
    ),
    N_("Run netcheck run --local-only and follow its findings."),
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "settings-download-failed",
        N_('"Download Settings from server failed"'),
        SETTINGS_DOWNLOAD,
        "startup",
        (src.SETTINGS_DOWNLOAD, src.LOCK_AND_EXIT, src.HOSTS_AND_PORTS),
    ),
    Topic(
        "jvm-not-created",
        N_('"Could not create the Java Virtual Machine"'),
        JVM_NOT_CREATED,
        "startup",
        (src.JVM_MEMORY, src.MEMORY_ALLOCATION),
    ),
    Topic("tws-freezes", N_("TWS freezes or crashes (too little memory)"), FREEZES, "startup", (src.JVM_MEMORY,)),
    Topic(
        "ipv6-priority",
        N_("TWS is slow to connect on a network with IPv6 (the vmoptions line)"),
        IPV6,
        "startup",
        (src.VMOPTIONS_NOTES,),
    ),
    Topic(
        "reconnecting",
        N_('Corporate computer: TWS keeps showing "Log in progress (attempt #N)"'),
        RECONNECTING,
        "startup",
        (src.PROXY, src.LOGIN_FAILURES),
    ),
    Topic(
        "one-session",
        N_("TWS disconnects when I log in somewhere else (one session per user name)"),
        ONE_SESSION,
        "startup",
        (src.ONE_SESSION, src.ACTIVE_SESSION),
    ),
    Topic("two-tws-mac", N_("Two TWS on one Mac"), TWO_ON_MAC, "startup", (src.ONE_SESSION,)),
    Topic(
        "system-requirements",
        N_("Does this computer meet TWS's requirements?"),
        REQUIREMENTS,
        "startup",
        (src.INSTALL_ALERTS, src.MEMORY_ALLOCATION),
    ),
)

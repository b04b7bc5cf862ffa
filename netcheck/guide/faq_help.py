"""Topics about getting help from IBKR: which desk, what to have ready, positions by phone, log upload."""

from __future__ import annotations

from netcheck.guide import sources as src
from netcheck.guide.model import Answer, Topic
from netcheck.messages.base import N_

WHICH_DESK = Answer(
    N_(
        "IBKR's Client Services answer 24 hours each business day, by telephone menu. Trading, margin and "
        "closing orders: Trade Related Issues. Logins and applications: Login & Application Assistance. "
        "Connectivity, platforms, the API and third-party connections: Technical Assistance. Deposits, "
        "withdrawals and transfers: Cash & Position Transfers."
    ),
    N_(
        "Call the Client Services number of your region and pick the menu option above; for connection problems "
        "write netcheck bundle first."
    ),
)

READY = Answer(
    N_(
        "The telephone menu asks first for the numeric part of your account number followed by #. For a "
        "technical problem, netcheck bundle puts what the desk needs to see into one file: the report, your "
        "operating system, recent runs, and the time frame and pattern you give it. It never contains your "
        "password, and no one at IBKR needs it."
    ),
    N_(
        'Run netcheck bundle -o netcheck-support.zip --since "..." --pattern "..." and attach the file to your '
        "web ticket."
    ),
)

CLOSE_BY_PHONE = Answer(
    N_("If you cannot reach TWS, IBKR's telephone menu has a Closing Order Desk under Trade Related Issues."),
    N_("Call the Client Services number of your region and choose Trade Related Issues → Closing Order Desk."),
)

UPLOAD = Answer(
    N_(
        "In TWS, Ctrl+Alt+H (HP computers: Ctrl+Alt+Q; Mac: Ctrl+Option+H) opens a window where you describe "
        "the problem and may add a screenshot; submitting uploads it with TWS's log file. The upload goes to "
        "IBKR's diagnostics host (wit1.interactivebrokers.com, port 443, in IBKR's host list); where the network "
        "does not let TWS reach it, the upload fails."
    ),
    N_(
        "Run netcheck run: it tests wit1.interactivebrokers.com. If the upload cannot get through, write netcheck "
        "bundle and attach it to a web ticket instead."
    ),
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "which-desk",
        N_("Which IBKR desk handles what?"),
        WHICH_DESK,
        "help",
        (src.CUSTOMER_SERVICE, src.CONTACT),
    ),
    Topic("contact-ready", N_("What to have ready when you contact IBKR"), READY, "help", (src.CONTACT,)),
    Topic(
        "close-by-phone",
        N_("The internet is down and I need to close positions"),
        CLOSE_BY_PHONE,
        "help",
        (src.CUSTOMER_SERVICE, src.CONTACT),
    ),
    Topic(
        "upload-logs",
        N_("Sending TWS's logs to IBKR (Ctrl+Alt+H), and why it can fail"),
        UPLOAD,
        "help",
        (src.LOG_UPLOAD, src.HOSTS_AND_PORTS),
    ),
)

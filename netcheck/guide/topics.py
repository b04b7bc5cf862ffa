"""Login troubleshooting topics as data (English source, marked for translation); no I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from netcheck.guide import api_errors, faq_help, faq_install, faq_startup, faq_thirdparty, relogin, sources
from netcheck.guide.model import Answer, Branch, Question, Topic
from netcheck.messages.base import N_

WRONG_PASSWORD = Answer(
    N_(
        "User names are always lower case, and passwords are case-sensitive: check that Caps Lock is "
        "off and that the keyboard layout is the one you expect. After ten failed attempts within 24 "
        "hours, IBKR locks the login; it unlocks 24 hours after the last attempt, so every further "
        "attempt makes the wait longer."
    ),
    N_(
        "Type the user name in lower case and the password slowly, once. If the login is locked, stop "
        "trying and wait 24 hours after your last attempt, or call IBKR Client Services."
    ),
    check="username",
)

CODE_REJECTED = Answer(
    N_(
        "The user name and password were accepted; the security code was not. Letters in a temporary "
        "code are upper case. Codes from the security card or the security device are typed without "
        "spaces, even where the card or display shows them in groups."
    ),
    N_(
        "Log in again and type the code without spaces (temporary code: capital letters). If it still "
        "fails, see the topic for a security device that is not at hand: netcheck guide no-device."
    ),
    check="code",
)

FORGOTTEN = Answer(
    N_(
        "Forgotten user names and passwords cannot be recovered by netcheck or by e-mail: IBKR resets "
        "them only by telephone, after verifying your identity."
    ),
    N_("Call IBKR Client Services and have your account details and an identity document at hand."),
)

NO_DEVICE = Answer(
    N_(
        "IBKR can give you a temporary code. It gives full access, Client Portal and the trading "
        "platform, for 2 days. For 10 more days after that it opens Client Portal only, so that you "
        "can print the online security card there. The online security card then lets you log in "
        "for 21 days."
    ),
    N_(
        "Call IBKR Client Services for a temporary code. Within its first 2 days, log in to Client "
        "Portal and print the online security card."
    ),
)

DEVICE_LOST = Answer(
    N_(
        "Report the device and order a replacement. Delivery takes 3 to 14 days, depending on your "
        "country. Until it arrives, a temporary code and then the online security card let you log in."
    ),
    N_(
        "Call IBKR Client Services to report the device and order a replacement; ask for a temporary "
        "code in the same call."
    ),
)

CODE_EXPIRED = Answer(
    N_(
        "A temporary code gives full access for 2 days and Client Portal only for 10 more days; the "
        "online security card works for 21 days. After that they stop working and you need a new one."
    ),
    N_(
        "Call IBKR Client Services for a new temporary code. If your replacement device has arrived, "
        "activate it instead: netcheck guide activate-device."
    ),
)

WAITING_DEVICE = Answer(
    N_(
        "Delivery takes about 2 days in the US and about 2 weeks elsewhere. The device is activated "
        "automatically; you do not have to do anything before it arrives."
    ),
    N_(
        "Until it arrives, log in with your temporary code or the online security card; when the "
        "device is in your hands, log in with it."
    ),
)

ACTIVATE_DEVICE = Answer(
    N_(
        "As soon as a returned or replacement security device is activated, your temporary code and "
        "your online security card stop working. From then on, only the device opens the login."
    ),
    N_("Activate the device only when you have it at hand, then log in with it right away."),
)

BAD_CHARACTER = Answer(
    N_(
        "User names consist of letters and digits only. Spaces, dots, dashes or characters from "
        "another keyboard layout (for example accented letters) are rejected with BAD CHARACTER."
    ),
    N_("Retype the user name in lower case letters and digits only, and check the keyboard layout."),
    check="username",
)

NOT_APPROVED = Answer(
    N_(
        "Until an account is approved, only Client Portal works. An account approved after the daily "
        "cut-off can use the trading platform from the next day."
    ),
    N_("Check the account status in Client Portal; once it is approved, try TWS again the next day."),
)

CLOSED = Answer(
    N_(
        "A closed account can still log in to Client Portal, for example for statements and tax "
        "documents, but no longer to the trading platform."
    ),
    N_("Use Client Portal for your documents; to trade again, ask IBKR Client Services."),
)

PAPER = Answer(
    N_(
        "The paper-trading account has its own user name and password, separate from the live "
        "account. In the TWS login window, choose Paper Trading for the paper user name and Live "
        "Trading for the live one; the wrong pair is rejected as an invalid user name or password."
    ),
    N_(
        "Look up the paper-trading user name in Client Portal (settings, paper trading account) and "
        "log in with it in Paper Trading mode."
    ),
)

OLD_TEMPORARY_CODE = Answer(
    N_("After its first 2 days, a temporary code opens Client Portal only, not the trading platform."),
    N_("Log in to Client Portal and print the online security card; log in to TWS with it."),
)

NETWORK = Answer(
    N_(
        "Then the cause is probably the network: TWS and IB Gateway need TCP ports 4000 and 4001, "
        "which web browsing does not use, so a network can allow Client Portal and still block TWS."
    ),
    N_("Run netcheck run on this computer and follow its findings."),
)

PORTAL_NOT_PLATFORM = Question(
    N_("Which of these applies?"),
    (
        Branch(N_("The account is not approved yet, or was approved today"), NOT_APPROVED),
        Branch(N_("The account is closed"), CLOSED),
        Branch(N_("I am logging in to paper trading, or with paper-trading credentials"), PAPER),
        Branch(N_("I log in with a temporary code that is more than 2 days old"), OLD_TEMPORARY_CODE),
        Branch(N_("None of these"), NETWORK),
    ),
)

LOGIN_TOPICS: tuple[Topic, ...] = (
    Topic("wrong-password", N_('"Invalid user name or password" at login'), WRONG_PASSWORD),
    Topic("code-rejected", N_('"Login failed" after entering the security code'), CODE_REJECTED),
    Topic("bad-character", N_('"BAD CHARACTER" after typing the user name'), BAD_CHARACTER),
    Topic("forgotten", N_("Forgotten user name or password"), FORGOTTEN),
    Topic("no-device", N_("Security device not at hand"), NO_DEVICE),
    Topic("device-lost", N_("Security device lost or damaged"), DEVICE_LOST),
    Topic("code-expired", N_("Temporary code or online security card expired"), CODE_EXPIRED),
    Topic("waiting-device", N_("Waiting for a security device to arrive"), WAITING_DEVICE),
    Topic("activate-device", N_("Activating a returned or replacement security device"), ACTIVATE_DEVICE),
    Topic("portal-not-platform", N_("Client Portal works, but TWS or IB Gateway does not"), PORTAL_NOT_PLATFORM),
    Topic("not-approved", N_("New account: not approved yet, or approved today"), NOT_APPROVED),
    Topic("account-closed", N_("Closed account"), CLOSED),
    Topic("paper-vs-live", N_("Paper-trading or live credentials"), PAPER),
)

# The login topics whose facts IBKR's KB1133 states; the others' source was not recorded when they were written.
FROM_KB1133 = frozenset(
    {"code-rejected", "forgotten", "portal-not-platform", "not-approved", "account-closed", "paper-vs-live"}
)

TOPICS: tuple[Topic, ...] = (
    *(replace(t, source=(sources.LOGIN_FAILURES,)) if t.id in FROM_KB1133 else t for t in LOGIN_TOPICS),
    *relogin.TOPICS,
    *faq_startup.TOPICS,
    *faq_install.TOPICS,
    *faq_thirdparty.TOPICS,
    *faq_help.TOPICS,
    *api_errors.TOPICS,
)

# Every topic `netcheck guide TOPIC` finds: the listed ones, and the API error codes by name too.
BY_ID: Mapping[str, Topic] = {**{t.id: t for t in TOPICS}, **api_errors.BY_ID}

"""TWS API error codes users meet, as guide topics (`netcheck guide 502`); data only, English source."""

from __future__ import annotations

from netcheck.guide.model import Answer, Source, Topic
from netcheck.messages.base import N_

_API = N_("Run netcheck api (add --api HOST:PORT with the address and port your app uses).")
_RUN = N_("Run netcheck run: it checks this network's path to IBKR's servers.")
_FARM = N_("If it happens outside IBKR's nightly reset window, run netcheck run to check this network's path to IBKR.")

# (code, alias, title, explanation with where the problem is, next step)
_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "502",
        "couldnt-connect",
        N_('API error 502: "Couldn\'t connect to TWS"'),
        N_(
            "Your app's library could not open the API connection: TWS / IB Gateway is not running, its API is off "
            '("Enable ActiveX and Socket Clients"), the port is wrong (7496/7497 TWS live/paper, 4001/4002 '
            "IB Gateway), "
            "or a firewall or Trusted IPs blocks it. The library writes this, not TWS. Where: this machine or TWS's "
            "settings."
        ),
        _API,
    ),
    (
        "504",
        "not-connected",
        N_('API error 504: "Not connected"'),
        N_(
            "Your app sent a request while its API connection was not open, usually after an earlier failure to "
            "connect or a dropped connection. Where: this machine (the app and TWS's API settings)."
        ),
        _API,
    ),
    (
        "326",
        "client-id-in-use",
        N_("API error 326: client id already in use"),
        N_(
            "Another app, or an earlier session TWS has not released, uses the same client id. Give each app its own "
            "client id. Where: this machine (your apps)."
        ),
        N_("Run netcheck api --api-client-id N with your app's id."),
    ),
    (
        "1100",
        "connectivity-lost",
        N_("API error 1100: connectivity between IBKR and TWS lost"),
        N_(
            "TWS lost its connection to IBKR's servers: an internet problem, IBKR's nightly reset, or another login "
            "with the same user name elsewhere. Where: the network or IBKR's side."
        ),
        _RUN,
    ),
    (
        "1101",
        "restored-data-lost",
        N_("API error 1101: connectivity restored, data lost"),
        N_(
            "TWS is connected again, but market data subscriptions were lost: your app must request them again. "
            "Where: the network or IBKR's side, now resolved."
        ),
        _RUN,
    ),
    (
        "1102",
        "restored-data-kept",
        N_("API error 1102: connectivity restored, data maintained"),
        N_(
            "TWS is connected again and kept your data; nothing to do unless it repeats often. Where: the network or "
            "IBKR's side, now resolved."
        ),
        _RUN,
    ),
    (
        "1300",
        "port-reset",
        N_("API error 1300: TWS socket port was reset"),
        N_(
            "The API port was changed in TWS while your app was connected, so the connection was dropped. Reconnect "
            "on the new port. Where: TWS's settings."
        ),
        _API,
    ),
    (
        "2103",
        "market-farm-broken",
        N_("API error 2103: market data farm connection is broken"),
        N_(
            "TWS lost one of its market data servers; quotes stop for that farm. During IBKR's nightly reset this is "
            "normal; otherwise it is usually the internet connection. Where: the network or IBKR's side."
        ),
        _FARM,
    ),
    (
        "2105",
        "hmds-farm-broken",
        N_("API error 2105: historical data farm connection is broken"),
        N_(
            "TWS lost its historical data server; history requests fail until it returns. Same as 2103: normal "
            "in the nightly reset, otherwise usually the internet connection. Where: the network or IBKR's side."
        ),
        _FARM,
    ),
    (
        "2107",
        "hmds-farm-inactive",
        N_("API message 2107: historical data farm inactive"),
        N_(
            "Harmless: the historical data server is idle and connects when your app asks for data. Where: nowhere, "
            "this is information."
        ),
        N_("Nothing to do."),
    ),
    (
        "2108",
        "market-farm-inactive",
        N_("API message 2108: market data farm inactive"),
        N_(
            "Harmless: the market data server is idle and connects when your app asks for quotes. Where: nowhere, "
            "this is information."
        ),
        N_("Nothing to do."),
    ),
    (
        "2110",
        "tws-server-broken",
        N_("API error 2110: connectivity between TWS and server is broken"),
        N_(
            "TWS lost its servers and will reconnect by itself. Normally seen only during IBKR's nightly reset; "
            "at other times it points to the internet connection. Where: the network or IBKR's side."
        ),
        _FARM,
    ),
    (
        "2157",
        "secdef-farm-broken",
        N_("API error 2157: security definition farm connection is broken"),
        N_(
            "TWS lost the server that answers contract look-ups; contract details and some orders fail until it "
            "returns. Where: the network or IBKR's side."
        ),
        _FARM,
    ),
)

MESSAGE_CODES = Source(
    "IBKR TWS API: Understanding Message Codes (and IBKR's EClientErrors)",
    "https://interactivebrokers.github.io/tws-api/message_codes.html",
)
TOPICS: tuple[Topic, ...] = tuple(
    Topic(code, title, Answer(text, step), group="api-errors", source=(MESSAGE_CODES,))
    for code, _, title, text, step in _ROWS
)
BY_ID: dict[str, Topic] = {t.id: t for t in TOPICS} | {
    alias: t for (_, alias, *_), t in zip(_ROWS, TOPICS, strict=True)
}

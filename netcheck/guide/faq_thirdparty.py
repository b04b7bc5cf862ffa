"""Topics from IBKR's NinjaTrader integration FAQ and the TWS API texts it relies on (English source)."""

from __future__ import annotations

from netcheck.guide import sources as src
from netcheck.guide.model import Answer, Topic
from netcheck.messages.base import N_

NO_TEXT = N_(
    "netcheck found no IBKR text that answers this, so it gives no answer of its own. IBKR's telephone menu has "
    "an option for exactly this: Technical Assistance → API & Third Party Connections."
)
ASK_API_DESK = N_(
    "Call IBKR and choose Technical Assistance → API & Third Party Connections (netcheck guide which-desk)."
)

COMPATIBLE = Answer(
    N_(
        "Yes: NinjaTrader connects through the TWS / IB Gateway API, like other third-party programs. IB Gateway "
        "works with NinjaTrader 8 and later."
    ),
    N_(
        "Enable the API in TWS (Global Configuration → API → Settings) and run netcheck run --local-only: it "
        "checks that no other program holds the API port."
    ),
)

VERSIONS = Answer(
    N_(
        "No, not with every version. A vendor needs time to follow each TWS release, so NinjaTrader works only "
        "with the offline TWS (not the auto-updating one), and only with the version its connection guide names."
    ),
    N_(
        "Look up the supported version in NinjaTrader's Interactive Brokers connection guide, then run netcheck "
        "run --local-only --tws-version-for NinjaTrader=VERSION: it compares that with the TWS installed here."
    ),
)

DEMO = Answer(
    N_(
        "Only in part. The TWS demo provides delayed market data and no historical data, and NinjaTrader's charts "
        "need both streaming and historical data. Once your live account is approved and funded, you can request "
        "a paper trading account, whose market data subscriptions allow full testing."
    ),
    N_("Request a paper trading account in Client Portal after your live account is funded, and test with it."),
)

REALTIME = Answer(
    N_(
        "Most securities need a market data subscription (Level 1, top of book) before the API delivers their "
        "data; forex and crypto do not. Demo accounts cannot subscribe. Subscriptions are made in Client Portal."
    ),
    N_("Subscribe to the market data you need in Client Portal, then request the data again."),
)

PACING = Answer(
    N_(
        "IBKR limits historical data requests: at most 50 open at the same time, and too many requests too "
        'quickly cause a "pacing violation". The limits apply to every client and cannot be lifted.'
    ),
    N_("Make the app request less historical data at a time, or use a specialised market data provider."),
)

PAPER = Answer(
    N_(
        "A paper trading user has no market data subscriptions of its own: it can share the live user's. When the "
        "live and paper sessions run at the same time, the paper session gets live data only if both run on the "
        "same device; otherwise it gets none."
    ),
    N_(
        "Share the live user's market data with the paper user in Client Portal, and run both sessions on one computer."
    ),
)

REJECTED = Answer(
    N_(
        "When TWS refuses a request from an app, such as an order, it sends the app an error code and a short "
        "description. The app's log shows them."
    ),
    N_("Look up the error code in the app's log, then ask IBKR's API desk (netcheck guide which-desk)."),
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "ninja-compatible",
        N_("Does NinjaTrader work with TWS or IB Gateway?"),
        COMPATIBLE,
        "thirdparty",
        (src.NINJA_FAQ,),
    ),
    Topic(
        "ninja-tws-version",
        N_("Which TWS version does NinjaTrader need?"),
        VERSIONS,
        "thirdparty",
        (src.NINJA_FAQ, src.NINJA_GUIDE),
    ),
    Topic(
        "ninja-demo", N_("Testing NinjaTrader with the TWS demo (delayed data)"), DEMO, "thirdparty", (src.NINJA_FAQ,)
    ),
    Topic(
        "realtime-data",
        N_("The app shows no real-time data (market data subscriptions)"),
        REALTIME,
        "thirdparty",
        (src.MARKET_DATA_API,),
    ),
    Topic(
        "historical-pacing",
        N_("Historical data requests are refused (pacing limits)"),
        PACING,
        "thirdparty",
        (src.HISTORICAL_LIMITS,),
    ),
    Topic(
        "paper-account-data",
        N_("A paper trading account in the app gets no data"),
        PAPER,
        "thirdparty",
        (src.PAPER_DATA,),
    ),
    Topic(
        "api-tab-orders",
        N_("Orders placed by the app show in TWS's API tab"),
        Answer(NO_TEXT, ASK_API_DESK),
        "thirdparty",
        (src.CUSTOMER_SERVICE,),
    ),
    Topic(
        "advisor-accounts",
        N_("Advisor (FA) accounts with a third-party app"),
        Answer(NO_TEXT, ASK_API_DESK),
        "thirdparty",
        (src.CUSTOMER_SERVICE,),
    ),
    Topic(
        "orders-rejected",
        N_("Orders from the app are rejected"),
        REJECTED,
        "thirdparty",
        (src.API_ERRORS, src.CUSTOMER_SERVICE),
    ),
)

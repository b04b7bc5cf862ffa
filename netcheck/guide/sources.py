"""The published texts the guide's answers are based on (title + address), shown by `netcheck guide --sources`.

Every fact in a topic's answer comes from one of these; a fact for which no text was found is left out."""

from __future__ import annotations

from netcheck.guide.model import Source

LOGIN_FAILURES = Source(
    "IBKR KB1133: Troubleshooting Trading Platform Login Failures", "https://www.ibkrguides.com/kb/article-1133.htm"
)
SETTINGS_DOWNLOAD = Source(
    'IBKR KB3146: How to overcome the "Downloading settings from server failed" error',
    "http://ibkb.interactivebrokers.com/tag/login-problem",
)
LOCK_AND_EXIT = Source(
    "TWS Users' Guide: Lock and Exit configuration (Use/Store settings on server)",
    "https://interactivebrokers.co.uk/en/software/tws.bak/usersguidebook/configuretws/configure_lock_and_exit_parameters.htm",
)
HOSTS_AND_PORTS = Source(
    "IBKR Host and Ports Documentation (KB2816)", "http://ibkb.interactivebrokers.com/ja/tag/tws?page=4"
)
INSTALL_ALERTS = Source(
    "IBKR Knowledge Base: Alerts during TWS installation and update (Traditional Chinese edition)",
    "http://ibkr.info/zh-hant/tag/tws-installation",
)
JVM_MEMORY = Source(
    "IBKR Knowledge Base: How to configure Java Virtual Machine memory parameters in TWS",
    "http://ibkb.interactivebrokers.com/de/taxonomy/term/105",
)
MEMORY_ALLOCATION = Source(
    "IBKR Knowledge Base: When and how should I increase the memory allocation for TWS?",
    "https://ibkr.info/it/tag/technical?page=3",
)
PROXY = Source(
    "IBKR Knowledge Base: TWS / IB Gateway and their interaction with Proxy servers",
    "http://ibkb.interactivebrokers.com/tag/technical?page=1",
)
ONE_SESSION = Source(
    "IBKR Mobile TWS guide: Logging In (one trading session at a time)",
    "https://www.interactivebrokers.co.in/en/software/mobileTWS/log_in/log_in_to_mobiletws.htm",
)
ACTIVE_SESSION = Source(
    "IBKR WebTrader guide: Logging In When There is Already an Active Session",
    "https://www.interactivebrokers.co.in/en/software/webtrader/webtrader/gettingstarted/"
    "logging%20in%20when%20there%20is%20already%20an%20active%20session.htm",
)
IBC_SCRIPTS = Source(
    "IBC start script (offline TWS in a folder per version; the auto-updating TWS is not supported)",
    "https://github.com/IbcAlpha/IBC/blob/master/resources/scripts/ibcstart.sh",
)
VMOPTIONS_NOTES = Source(
    "netcheck reference notes on tws.vmoptions (the '### keep on update' header; IPv4 line marked as a workaround)",
    "shared/reference/ibkr-network-facts.md#4c-ipv6-priority-fix",
)
DDEDLL = Source(
    'IBKR Knowledge Base: How to resolve the "ddedll.dll missing or out of date" error',
    "http://ibkb.interactivebrokers.com/taxonomy/term/76",
)
LEGACY_DDE = Source(
    "TWS API documentation: Legacy DDE API", "https://interactivebrokers.github.io/tws-api/legacy_DDE.html"
)
GATEKEEPER = Source(
    "Apple Support: Open apps safely on your Mac (Gatekeeper)", "https://support.apple.com/en-gb/HT202491"
)
NINJA_FAQ = Source(
    "IBKR Knowledge Base: Ninja Trader Integration with TWS - FAQs", "https://ibkr.info/ja/tag/api?page=1"
)
NINJA_GUIDE = Source(
    "NinjaTrader: Interactive Brokers Connection Guide (linked from IBKR's FAQ)",
    "http://www.ninjatrader.com/ConnectionGuides/Interactive-Brokers-Connection-Guide",
)
MARKET_DATA_API = Source(
    "IBKR Campus: Market Data Subscriptions (TWS API)",
    "https://ibkrcampus.com/ibkr-api-page/market-data-subscriptions/",
)
PAPER_DATA = Source(
    "IBKR Knowledge Base article 1719: market data for paper trading users", "https://ibkr.info/it/article/1719"
)
HISTORICAL_LIMITS = Source(
    "TWS API documentation: Historical Data Limitations (pacing)",
    "https://interactivebrokers.github.io/tws-api/historical_limitations.html",
)
API_ERRORS = Source(
    "TWS API documentation: Error Handling", "https://interactivebrokers.github.io/tws-api/error_handling.html"
)
CUSTOMER_SERVICE = Source(
    "IBKR Customer Service: telephone numbers and menu options",
    "https://www.interactivebrokers.co.jp/en/support/customer-service.php",
)
CONTACT = Source(
    "IBKR Contact page (24-hour Client Services, telephone menu)",
    "https://interactivebrokers.ca/en/index.php?f=1560&p=contact",
)
LOG_UPLOAD = Source(
    "IBKR Knowledge Base: How do I create a screen shot to send to IBKR? (TWS Screenshot / Log File)",
    "http://ibkb.interactivebrokers.com/tag/account-mgmt?page=7",
)

"""The TWS API link: can a trading app on this machine or LAN talk to TWS / IB Gateway (issue 15)."""

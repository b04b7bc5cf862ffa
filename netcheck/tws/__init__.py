"""The TWS / IB Gateway installation on this computer: folders, vmoptions and jts.ini."""

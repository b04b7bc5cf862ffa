"""Login topics that come from IBKR's schedule: the weekly re-authentication and "Re-login is required"."""

from __future__ import annotations

from netcheck.guide.model import Answer, Topic
from netcheck.messages.base import N_

# IBKR's schedule (see netcheck/schedule/data/ibkr-schedule.toml for the dated sources)
WEEKLY_RELOGIN = Answer(
    N_(
        "IBKR invalidates the security tokens of every session each Sunday at 1:00 am New York time, "
        "and may do so at other times for security. TWS and IB Gateway with auto-restart survive the "
        "daily restart without a login, but after this weekly reset they need one manual login with "
        "two-factor authentication."
    ),
    N_(
        "Plan one manual login with your security device each week after Sunday 1:00 am New York time, "
        "before your markets open; an unattended setup (IBC) should alert you when the login window appears."
    ),
)

RELOGIN_REQUIRED = Answer(
    N_(
        "A user name can hold one trading session at a time: logging in elsewhere with the same user name "
        "(another TWS or IB Gateway, the mobile app, the web trading platform) ends this session, and TWS "
        "then says that a re-login is required or that an existing session was detected. The same "
        "messages appear during IBKR's nightly reset and after the weekly re-authentication."
    ),
    N_(
        "Close the other session, or give it its own user name (IBKR lets you add users to an account). "
        "If nothing else is logged in, run netcheck run: it says when you are inside IBKR's published reset "
        "window and until when; log in again after it ends."
    ),
)

TOPICS: tuple[Topic, ...] = (
    Topic("weekly-relogin", N_("A full login with the security code is needed once a week"), WEEKLY_RELOGIN),
    Topic("relogin-required", N_('"Re-login is required" or "existing session detected"'), RELOGIN_REQUIRED),
)

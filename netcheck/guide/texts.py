"""The guide's own interface texts (English source, marked for translation)."""

from __future__ import annotations

from netcheck.messages.base import N_

INTRO = N_(
    "Login troubleshooter for IBKR's TWS, IB Gateway and Client Portal. Enter the number of your choice, or q to quit."
)
START = N_("What happens when you log in?")
CHOICE = N_("Your choice")
NEXT_STEP = N_("Next step: {step}")
LIST_HEADER = N_("Login topics (netcheck guide TOPIC shows one):")
UNKNOWN_TOPIC = N_("Unknown topic {topic}. netcheck guide --list shows the topics.")
OFFLINE_NOTE = N_(
    "Optional offline check of the format only: your input is hidden, checked on this computer "
    "and never stored or sent."
)
OFFER = {
    "username": N_("Check the format of your user name now?"),
    "code": N_("Check the format of your security code now?"),
}
PROMPT = {"username": N_("User name (hidden)"), "code": N_("Code (hidden)")}
INTERACTIVE_HINT = N_("Run netcheck guide without a topic to answer step by step.")
NETWORK_HINT = N_("Connection problems rather than login problems? Run netcheck run.")
YES = N_("y")  # the letter for "yes" in the user's language
NO = N_("n")

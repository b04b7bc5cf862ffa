"""English texts of the API-link findings (marked N_ for translation; German in netcheck.po)."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "api-disabled": FindingText(
        N_("Nothing accepts API connections on {targets}: the API is off or TWS is not running there"),
        N_(
            "Your trading app cannot reach TWS because nothing listens on its API port. In TWS: File (or Edit) → "
            'Global Configuration → API → Settings, tick "Enable ActiveX and Socket Clients" and check '
            '"Socket port" (TWS 7496 live / 7497 paper, IB Gateway 4001 live / 4002 paper). In IB Gateway: '
            "Configure → Settings → API → Settings. Then use the same port in your app."
        ),
        N_("TCP connects to {targets} are refused (nothing listens). Running: {running}."),
    ),
    "api-wrong-port": FindingText(
        N_("Your app's port {targets} is closed, but TWS / IB Gateway answers on {answering}"),
        N_(
            "Your trading app uses a port nothing listens on, while the API answers on {answering}. Set your app "
            'to that port, or change "Socket port" in TWS / IB Gateway (Global Configuration → API → Settings) '
            "to the one your app uses. Live and paper, TWS and IB Gateway each have their own port."
        ),
        N_("Refused: {targets}. API handshake answered on: {answering}."),
    ),
    "api-untrusted": FindingText(
        N_("TWS closes the API connection at once: this address ({source}) is not allowed"),
        N_(
            "TWS / IB Gateway accepts the connection and closes it without a word: it does not allow connections "
            'from {source}. In Global Configuration → API → Settings, add {source} to "Trusted IPs", and untick '
            '"Allow connections from localhost only" if your app runs on another computer or in a container. '
            "Behind a forwarder (Docker, socat), the forwarder may also close because IB Gateway is not up yet."
        ),
        N_(
            "Accepted and closed with 0 bytes: {targets} (held by {via}). The address TWS sees is {source}. "
            "API handshake answered on: {answered}."
        ),
    ),
    "api-waiting-for-accept": FindingText(
        N_("TWS is waiting for someone to accept the API connection"),
        N_(
            'TWS shows a dialog "Accept incoming connection?" and waits for a click, so your app hangs. Click '
            'Accept in TWS; to stop the question for good, add {source} to "Trusted IPs" in Global '
            "Configuration → API → Settings (with IBC: AcceptIncomingConnectionAction=accept)."
        ),
        N_("Accepted, no reply to the API handshake in {waited_ms} ms: {targets}. Address TWS sees: {source}."),
    ),
    "api-port-taken": FindingText(
        N_("Another program holds the API port {targets}: {holder}"),
        N_(
            "The port your trading app expects TWS on is used by another program ({holder}). Stop that program, "
            'or give TWS another "Socket port" (Global Configuration → API → Settings) and use it in your app.'
        ),
        N_("{targets} is held by {holder}; it did not answer the API handshake as TWS does: {seen}."),
    ),
    "api-client-id-in-use": FindingText(
        N_("The client id {client_id} is already in use (TWS error 326)"),
        N_(
            "Another app, or an earlier session TWS has not released yet, is connected with the same client id. "
            "Give each app its own client id, or close the other app; if it crashed, wait a minute or restart TWS."
        ),
        N_("After START_API for client id {client_id}, {targets} sent error 326 and closed."),
    ),
    "api-too-old": FindingText(
        N_("This TWS / IB Gateway is too old for current API clients (server version {version})"),
        N_(
            "Current trading apps and libraries need a newer TWS or IB Gateway. Install the current version from "
            "IBKR's website (the stable or latest release), then connect again."
        ),
        N_("API handshake on {targets}: server version {version}, below {minimum} (ib_async's minimum)."),
    ),
    "api-unreachable": FindingText(
        N_("No answer from the TWS API at {targets}: a firewall drops the connection"),
        N_(
            "The connection to the computer running TWS gets no answer at all. TWS never does this itself: a "
            "firewall on that computer, the router or the container host drops it. Allow the API port there."
        ),
        N_("TCP connect to {targets} timed out or the host is unreachable."),
    ),
    "api-not-running": FindingText(
        N_("TWS / IB Gateway is not running: there is no API to connect to"),
        N_("Start TWS or IB Gateway first and log in; then your trading app can connect to it."),
        N_("No TWS / IB Gateway process found and nothing listens on the API ports {ports}."),
    ),
    "api-ready": FindingText(
        N_("TWS API answers on {target}: server version {version} ({mode})"),
        N_("Your trading app can connect here."),
        N_("Handshake OK on {target}: server version {version}, {generation}; {listening}."),
    ),
}

KIND_HEADING: Mapping[str, str] = {"api": N_("TWS API link")}

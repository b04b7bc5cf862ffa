"""The watch's user-facing words (English source, marked with N_; translated at render time)."""

from __future__ import annotations

from netcheck.messages.base import N_

UP = N_("up")
DOWN = N_("down")
LIVE = N_("{target}  {state}  RTT {rtt}  loss {loss} %  {spark}")
WENT_DOWN = N_("{time}  {target}  down ({cause})")
CAME_BACK = N_("{time}  {target}  up again after {duration}")
HELD_LOST = N_("{time}  {target}  held connection ended ({how})")
HEADER = N_("netcheck watch: {start} to {end} ({duration}, every {interval} s)")
TARGET = N_("{target} ({why}): {probes} probes, {outages} outages")
OUTAGE = N_("outage {start} to {end}, {duration} ({cause})")
OPEN_OUTAGE = N_("outage since {start}, {duration} so far ({cause})")
IN_WINDOW = N_("inside IBKR's published {window} window")
MEASURES = N_("loss {loss} %, RTT median {median}, p95 {p95}, jitter {jitter}")
HELD = N_("held connection: {events}")
POOR = N_("poor link: {reasons}")
GOOD = N_("link quality within limits (loss <= 1 %, RTT <= 300 ms, jitter <= 30 ms over a minute)")
BREACH = {
    "loss": N_("loss {value:.1f} % > {limit:.0f} %"),
    "rtt": N_("RTT {value:.0f} ms > {limit:.0f} ms"),
    "jitter": N_("jitter {value:.0f} ms > {limit:.0f} ms"),
}
WHY = {
    "target": N_("--target"),
    "home-server": N_("your account's server"),
    "nearest-gateway": N_("nearest gateway"),
    "tws-api": N_("TWS API on this computer"),
}
NO_TARGET = N_("no target to watch: no account server in jts.ini, no gateway answered on 4001; use --target HOST:PORT")
HISTORY_OUTAGES = N_("Outages seen by netcheck watch (last {count}):")
HISTORY_OUTAGE = N_("{start}  {target}  {duration}  {cause}{window}")

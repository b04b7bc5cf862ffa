"""Real SOCKS5 servers on the lab router: Dante refusing TWS's ports, microsocks allowing everything.

Both listen on the router's LAN address and connect out from the router itself, like tinyproxy:
the scenario chain filters forwarded traffic only, so a test can shut the client's direct path
and still leave the proxy's own path open.
"""

from __future__ import annotations

import shutil

from .addressing import ROUTER_LAN_V4, ROUTER_LAN_V6, ROUTER_NS
from .lab import Lab
from .proc import run, wait_for

DANTE, MICROSOCKS = "danted", "microsocks"
PORTS = {DANTE: 1080, MICROSOCKS: 1081}
TOOLS = {DANTE: "danted", MICROSOCKS: "microsocks"}

# Dante reads rules top down; the first match decides. CONNECT to 443 passes, the TWS gateway
# ports are refused explicitly (reply 2, "not allowed by ruleset"), and so is anything else.
DANTE_CONF = """\
logoutput: stderr
internal: {v4} port = {port}
internal: {v6} port = {port}
external: wan0
clientmethod: none
socksmethod: none
user.privileged: root
user.unprivileged: nobody
client pass {{
  from: 198.51.100.0/24 to: 0/0
}}
client pass {{
  from: 2001:db8::/32 to: 0/0
}}
socks block {{
  from: 0/0 to: 0/0 port = 4000
  log: connect error
}}
socks block {{
  from: 0/0 to: 0/0 port = 4001
  log: connect error
}}
socks pass {{
  from: 0/0 to: 0/0 port = 443
  command: connect
  log: connect error
}}
socks block {{
  from: 0/0 to: 0/0
  log: connect error
}}
"""


def missing_tool(kind: str) -> str:
    """'' when the server binary is installed, else what to install (a lab test then skips or fails)."""
    if shutil.which(TOOLS[kind]) or shutil.which(f"/usr/sbin/{TOOLS[kind]}"):
        return ""
    package = "dante-server" if kind == DANTE else "microsocks"
    return f"{TOOLS[kind]} not installed (apt-get install {package})"


def socks_url(kind: str) -> str:
    return f"socks5://{ROUTER_LAN_V4}:{PORTS[kind]}"


def start(lab: Lab, kind: str) -> str:
    """Start one SOCKS server in the router namespace; return its socks5:// URL once it listens."""
    port = PORTS[kind]
    if kind == DANTE:
        conf = lab.workdir / "danted.conf"
        conf.write_text(DANTE_CONF.format(v4=ROUTER_LAN_V4, v6=ROUTER_LAN_V6, port=port))
        argv = [shutil.which("danted") or "/usr/sbin/danted", "-f", str(conf), "-N", "1"]
    else:
        argv = ["microsocks", "-i", ROUTER_LAN_V4, "-p", str(port)]
    lab.procs.start(kind, ROUTER_NS, argv)
    wait_for(lambda: _listening(lab, kind, port), 10, f"{kind} to listen on {ROUTER_LAN_V4}:{port}")
    return socks_url(kind)


def stop(lab: Lab, kind: str) -> None:
    lab.procs.stop(kind)  # Dante's mother process ends its children on SIGTERM


def _listening(lab: Lab, kind: str, port: int) -> bool:
    lab.procs.check_alive(kind)
    out = run(["ss", "-Hltn"], ROUTER_NS).stdout
    return f"{ROUTER_LAN_V4}:{port}" in {line.split()[3] for line in out.splitlines() if len(line.split()) > 3}

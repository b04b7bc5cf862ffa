"""The lab: three namespaces (client, router, internet) and the knobs tests turn.

ncl-client eth0 ── lan0 ncl-router wan0 ── eth0 ncl-inet
198.51.100.2        198.51.100.1  203.0.113.1     203.0.113.x (one per name, resolvers, portal)
2001:db8:100::2     2001:db8:100::1 2001:db8:113::1  2001:db8:113::x
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import dnsd, firewall
from .addressing import (
    CLIENT_NS,
    CLIENT_V4,
    CLIENT_V6,
    DEFAULT_HOST_LIST,
    INET_NS,
    INET_V4,
    INET_V6,
    LOCAL_DNS_V4,
    LOCAL_DNS_V6,
    NAMESPACES,
    PORTAL_V4,
    PORTAL_V6,
    PROXY_PORT,
    PUBLIC_DNS_V4,
    PUBLIC_DNS_V6,
    REPO_ROOT,
    ROUTER_LAN_V4,
    ROUTER_LAN_V6,
    ROUTER_NS,
    ROUTER_WAN_V4,
    ROUTER_WAN_V6,
    Endpoint,
    load_host_list,
    plan_addresses,
)
from .proc import Processes, kill_pid, run, wait_for

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "ncl-lab"
LOCK_PATH = Path(tempfile.gettempdir()) / "ncl-lab.lock"
NETNS_ETC = Path("/etc/netns")
IMPAIR_TABLE = "100"


class LabUnavailable(RuntimeError):
    """This machine cannot host the lab (not root, no ip netns ...)."""


def check_prerequisites() -> None:
    """Raise LabUnavailable naming what is missing."""
    if os.geteuid() != 0:
        raise LabUnavailable("not running as root")
    for tool in ("ip", "nft", "dnsmasq", "tinyproxy"):
        if shutil.which(tool) is None:
            raise LabUnavailable(f"{tool} not found on PATH")
    cp = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True)
    if cp.returncode != 0:
        raise LabUnavailable(f"ip netns list failed: {cp.stderr.strip()}")


def remove_stale() -> None:
    """Remove every ncl-* namespace, its processes and /etc/netns dirs left by a crashed run."""
    listing = run(["ip", "netns", "list"], check=False).stdout
    for ns in (line.split()[0] for line in listing.splitlines() if line.startswith("ncl-")):
        for pid in run(["ip", "netns", "pids", ns], check=False).stdout.split():
            kill_pid(int(pid))
        run(["ip", "netns", "del", ns], check=False)
    for ns in NAMESPACES:
        shutil.rmtree(NETNS_ETC / ns, ignore_errors=True)


class Lab:
    """Build with ``up()``, turn knobs, ``reset()`` between tests, ``down()`` at the end."""

    def __init__(self, host_list: Path = DEFAULT_HOST_LIST, workdir: Path = DEFAULT_WORKDIR) -> None:
        self.hosts = load_host_list(host_list)
        self.plan = plan_addresses(self.hosts.all_names)
        self.workdir = Path(workdir)
        self.procs = Processes(self.workdir)
        self._lock_fd: int | None = None
        self._is_up = False

    # --- public facts -------------------------------------------------------------------
    host_list_path = property(lambda self: self.hosts.path)
    host_names = property(lambda self: self.hosts.host_names)
    proxy_url = property(lambda self: f"http://{ROUTER_LAN_V4}:{PROXY_PORT}")
    ca_pem_path = property(lambda self: self.workdir / "ca.pem")
    public_dns = PUBLIC_DNS_V4
    local_dns = LOCAL_DNS_V4

    def address_of(self, name: str) -> Endpoint:
        return self.plan[name.lower()]

    # --- life cycle ---------------------------------------------------------------------
    def lock(self, wait: float = 180.0) -> None:
        """Hold an exclusive lock so two sessions never rebuild one another's lab."""
        fd = os.open(LOCK_PATH, os.O_RDWR | os.O_CREAT, 0o644)
        end = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    os.close(fd)
                    raise RuntimeError(f"lab: another session holds {LOCK_PATH} (waited {wait:.0f}s)") from None
                time.sleep(0.2)
        self._lock_fd = fd

    @staticmethod
    def in_use() -> bool:
        """True while some session (a pytest run, an ``up`` in progress) holds the lab lock."""
        fd = os.open(LOCK_PATH, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        finally:
            os.close(fd)

    def up(self) -> Lab:
        check_prerequisites()
        if self._lock_fd is None:
            self.lock()
        remove_stale()
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir.mkdir(parents=True)
        self.workdir.chmod(0o755)
        self._write_netns_etc()
        self._build_links()
        run(["nft", "-f", "-"], ROUTER_NS, input=firewall.BASE_RULESET)
        self._write_certs()
        self.set_clock_skew(0)
        self._start_dns("dns-public", PUBLIC_DNS_V4, PUBLIC_DNS_V6, dnsd.hosts_text(self.plan))
        self.dns("normal")
        self._start_servers()
        from .intercept import resolvers_refuse_gateway_ports  # (intercept imports this module)

        resolvers_refuse_gateway_ports()  # a real resolver runs no gateway: the canary's default target
        self._start_proxy()
        self._is_up = True
        return self

    def down(self) -> None:
        """Stop everything this lab started; a no-op unless this object built or locked a lab."""
        if not self._is_up and self._lock_fd is None:
            return
        self._is_up = False
        for name in ("relay", "proxy", "servers", "dns-local", "dns-public"):
            self.procs.stop(name)
        remove_stale()
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextlib.contextmanager
    def scenario(self) -> Iterator[Lab]:
        """``with lab.scenario(): lab.block_ports(...)`` -- healthy again afterwards."""
        try:
            yield self
        finally:
            self.reset()

    def reset(self) -> None:
        """Back to healthy: no scenario rules, normal DNS, no portal, no impairment, no skew."""
        script = "".join(
            firewall.chain_script(c, []) for c in (firewall.SCENARIO, firewall.CAPTIVE, firewall.KNOBS, firewall.NAT)
        )
        run(["nft", "-f", "-"], ROUTER_NS, input=script)
        self.impair(None)
        self.set_clock_skew(0)
        if not self.procs.running("dns-local") or self._state("dns") != "normal":
            self.dns("normal")

    # --- knobs --------------------------------------------------------------------------
    def nft(self, rules: str | list[str], chain: str = firewall.SCENARIO) -> None:
        """Replace the rules of the router's scenario chain (rule bodies, one per line)."""
        run(["nft", "-f", "-"], ROUTER_NS, input=firewall.chain_script(chain, rules))

    def block_ports(self, ports=(4000, 4001), how: str = "drop") -> None:
        self.nft(firewall.block_ports(ports, how))

    def drop_all_beyond_router(self) -> None:
        self.nft(firewall.drop_all_beyond_router())

    def block_host(self, *names: str, how: str = "drop") -> None:
        self.nft(firewall.block_endpoints([self.address_of(n) for n in names], how))

    def blackhole_ipv6(self) -> None:
        self.nft(firewall.blackhole_ipv6())

    def dns(self, mode: str, names: tuple[str, ...] | None = None) -> None:
        """Client resolver: normal | down (stopped) | down-drop (port dropped) | nxdomain | hijack."""
        touched = self.hosts.host_names if names is None else tuple(n.lower() for n in names)
        text = dnsd.hosts_text(self.plan, "normal" if mode.startswith("down") else mode, touched)
        self.nft(firewall.drop_local_dns() if mode == "down-drop" else [], chain=firewall.KNOBS)
        if mode == "down":
            self.procs.stop("dns-local")
        else:
            self._start_dns("dns-local", LOCAL_DNS_V4, LOCAL_DNS_V6, text)
        self._set_state("dns", mode)

    def captive_portal(self, on: bool = True) -> None:
        """HTTP from the client lands on a portal (302 to a login page); DNS still works."""
        self.nft(firewall.captive_nat() if on else [], chain=firewall.NAT)
        self.nft(firewall.captive_filter() if on else [], chain=firewall.CAPTIVE)

    def impair(self, delay_ms: float | None = None, loss_pct: float = 0.0) -> None:
        """Add ``delay_ms`` of round-trip delay and ``loss_pct`` % loss per direction; None removes it."""
        self.procs.stop("relay")  # its TUN device, and the routes into it, vanish with it
        if delay_ms is None and not loss_pct:
            return
        ready = self.workdir / "relay.ready"
        ready.unlink(missing_ok=True)
        self.procs.start(
            "relay",
            ROUTER_NS,
            [
                sys.executable,
                str(HERE / "relay.py"),
                "--dev",
                firewall.TUN_IF,
                "--delay-ms",
                str((delay_ms or 0) / 2),
                "--loss-pct",
                str(loss_pct),
                "--ready",
                str(ready),
            ],
        )
        wait_for(ready.exists, 5, "the delay relay")
        batch = [
            f"link set {firewall.TUN_IF} up",
            f"route replace 0.0.0.0/0 dev {firewall.TUN_IF} table {IMPAIR_TABLE}",
            f"route replace ::/0 dev {firewall.TUN_IF} table {IMPAIR_TABLE}",
        ]
        run(["ip", "-batch", "-"], ROUTER_NS, input="\n".join(batch) + "\n")

    def set_clock_skew(self, seconds: float) -> None:
        """Make the fake HTTP(S) servers' Date header run ``seconds`` ahead (negative: behind)."""
        tmp = self.workdir / "control.json.tmp"
        tmp.write_text(json.dumps({"skew_seconds": seconds}))
        tmp.replace(self.workdir / "control.json")

    # --- running things in the client ---------------------------------------------------
    def client_env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.lower().endswith("_proxy") and k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")
        }
        env["NO_COLOR"] = "1"
        # Scenarios must not depend on this machine's TWS: a jts.ini Peer= changes the findings.
        env["NETCHECK_TWS_DIR"] = str(self.workdir / "no-tws")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        return env

    def exec_client(
        self, cmd: str | list[str], timeout: float = 30, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a command (a list, or a string for sh -c) in the client namespace."""
        argv = ["sh", "-c", cmd] if isinstance(cmd, str) else list(cmd)
        return subprocess.run(
            ["ip", "netns", "exec", CLIENT_NS, *argv],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO_ROOT,
            env=env or self.client_env(),
        )

    def probe(self, *args: str, timeout: float = 30) -> dict[str, Any]:
        """Run tests/lab/probe.py in the client and return its JSON result."""
        cp = self.exec_client([sys.executable, str(HERE / "probe.py"), *args], timeout=timeout)
        if cp.returncode != 0:
            raise RuntimeError(f"probe {args} failed: {cp.stderr}")
        return json.loads(cp.stdout)

    def netcheck_argv(self, *args: str) -> list[str]:
        extra = [] if "--hosts" in args else ["--hosts", str(self.host_list_path)]
        return [
            sys.executable,
            "-m",
            "netcheck",
            "run",
            "--format",
            "json",
            "--ca-bundle",
            str(self.ca_pem_path),
            "--public-dns",
            PUBLIC_DNS_V4,
            *extra,
            *args,
        ]

    def run_netcheck(self, *args: str, timeout: float = 60) -> tuple[int, dict[str, Any] | None, str, str, float]:
        """(exit code, parsed JSON or None, stdout, stderr, elapsed seconds)."""
        start = time.monotonic()
        cp = self.exec_client(self.netcheck_argv(*args), timeout=timeout)
        elapsed = time.monotonic() - start
        try:
            parsed = json.loads(cp.stdout) if cp.stdout.strip() else None
        except ValueError:
            parsed = None
        return cp.returncode, parsed, cp.stdout, cp.stderr, elapsed

    # --- building blocks ----------------------------------------------------------------
    def _write_netns_etc(self) -> None:
        resolvers = {CLIENT_NS: LOCAL_DNS_V4, ROUTER_NS: PUBLIC_DNS_V4, INET_NS: PUBLIC_DNS_V4}
        for ns, resolver in resolvers.items():
            d = NETNS_ETC / ns
            d.mkdir(parents=True, exist_ok=True)
            (d / "resolv.conf").write_text(f"nameserver {resolver}\n")
            (d / "hosts").write_text("127.0.0.1 localhost\n::1 localhost ip6-localhost\n")

    def _build_links(self) -> None:
        for ns in NAMESPACES:
            run(["ip", "netns", "add", ns])
        common = [
            "net.ipv6.conf.all.disable_ipv6=0",
            "net.ipv6.conf.default.accept_ra=0",
            "net.ipv6.conf.all.accept_dad=0",
            "net.ipv6.conf.default.accept_dad=0",
        ]
        router = [
            "net.ipv4.ip_forward=1",
            "net.ipv6.conf.all.forwarding=1",
            "net.ipv4.conf.all.rp_filter=0",
            "net.ipv4.conf.default.rp_filter=0",
        ]
        # A firewall that rejects must reject every attempt, not the first few a second.
        no_icmp_limit = [
            "net.ipv4.icmp_ratelimit=0",
            "net.ipv6.icmp.ratelimit=0",
            "net.ipv4.icmp_msgs_per_sec=1000000",
            "net.ipv4.icmp_msgs_burst=1000000",
        ]
        for ns in NAMESPACES:  # before the links exist, so the new devices inherit "default"
            extra = (router if ns == ROUTER_NS else []) + (no_icmp_limit if ns != CLIENT_NS else [])
            run(["sysctl", "-qw", *common, *extra], ns)
        run(["ip", "-n", CLIENT_NS, "link", "add", "eth0", "type", "veth", "peer", "name", "lan0", "netns", ROUTER_NS])
        run(["ip", "-n", ROUTER_NS, "link", "add", "wan0", "type", "veth", "peer", "name", "eth0", "netns", INET_NS])
        for ns, batch in self._link_batches().items():
            run(["ip", "-batch", "-"], ns, input="\n".join(batch) + "\n")
        rules = [f"rule add iif {i} lookup {IMPAIR_TABLE} pref 100" for i in ("lan0", "wan0")]
        for family in ("-4", "-6"):  # policy rules send forwarded packets via the relay, if any
            run(["ip", family, "-batch", "-"], ROUTER_NS, input="\n".join(rules) + "\n")

    def _link_batches(self) -> dict[str, list[str]]:
        inet = [f"addr add {INET_V4}/24 dev eth0", f"addr add {INET_V6}/64 dev eth0 nodad"]
        extra = [(LOCAL_DNS_V4, LOCAL_DNS_V6), (PUBLIC_DNS_V4, PUBLIC_DNS_V6), (PORTAL_V4, PORTAL_V6)]
        for v4, v6 in extra + [(e.v4, e.v6) for e in self.plan.values()]:
            inet += [f"addr add {v4}/32 dev eth0", f"addr add {v6}/128 dev eth0 nodad"]
        inet += [
            "link set lo up",
            "link set eth0 up",
            f"route add default via {ROUTER_WAN_V4}",
            f"route add ::/0 via {ROUTER_WAN_V6}",
        ]
        router = [
            "link set lo up",
            "link set lan0 up",
            "link set wan0 up",
            f"addr add {ROUTER_LAN_V4}/24 dev lan0",
            f"addr add {ROUTER_LAN_V6}/64 dev lan0 nodad",
            f"addr add {ROUTER_WAN_V4}/24 dev wan0",
            f"addr add {ROUTER_WAN_V6}/64 dev wan0 nodad",
        ]
        client = [
            "link set lo up",
            "link set eth0 up",
            f"addr add {CLIENT_V4}/24 dev eth0",
            f"addr add {CLIENT_V6}/64 dev eth0 nodad",
            f"route add default via {ROUTER_LAN_V4}",
            f"route add ::/0 via {ROUTER_LAN_V6}",
        ]
        return {INET_NS: inet, ROUTER_NS: router, CLIENT_NS: client}

    def _write_certs(self) -> None:
        import idna
        import trustme

        ca = trustme.CA(organization_name="netcheck lab CA")

        def encodable(name: str) -> bool:
            try:
                idna.encode(name, uts46=True)
                return True
            except idna.IDNAError:
                return False

        cert = ca.issue_cert(*[n for n in self.hosts.all_names if encodable(n)], PORTAL_V4)
        ca.cert_pem.write_to_path(str(self.ca_pem_path))
        cert.private_key_pem.write_to_path(str(self.workdir / "server.key"))
        cert.cert_chain_pems[0].write_to_path(str(self.workdir / "server.pem"))
        for extra in cert.cert_chain_pems[1:]:
            with open(self.workdir / "server.pem", "ab") as f:
                f.write(extra.bytes())

    def _start_dns(self, name: str, v4: str, v6: str, hosts: str) -> None:
        hosts_file = self.workdir / f"{name}.hosts"
        hosts_file.write_text(hosts)
        self.procs.start(name, INET_NS, dnsd.dnsmasq_argv([v4, v6], hosts_file))
        self._wait_listening(name, "udp", {f"{v4}:53", f"[{v6}]:53"})

    def _start_servers(self) -> None:
        ready = self.workdir / "servers.ready"
        ready.unlink(missing_ok=True)
        w = self.workdir
        self.procs.start(
            "servers",
            INET_NS,
            [
                sys.executable,
                str(HERE / "servers.py"),
                "--cert",
                str(w / "server.pem"),
                "--key",
                str(w / "server.key"),
                "--control",
                str(w / "control.json"),
                "--ready",
                str(ready),
                "--portal",
                PORTAL_V4,
                "--portal",
                PORTAL_V6,
            ],
        )
        wait_for(lambda: ready.exists() or not self.procs.running("servers"), 15, "the fake servers")
        self.procs.check_alive("servers")

    def _start_proxy(self) -> None:
        conf = self.workdir / "tinyproxy.conf"
        conf.write_text(
            "\n".join(
                [
                    "User nobody",
                    "Group nogroup",
                    f"Port {PROXY_PORT}",
                    f"Listen {ROUTER_LAN_V4}",
                    "Timeout 30",
                    "MaxClients 64",
                    "Allow 198.51.100.0/24",
                    "Allow 2001:db8::/32",
                    "ConnectPort 443",
                    "DisableViaHeader Yes",
                    "LogLevel Info",
                ]
            )
            + "\n"
        )
        self.procs.start("proxy", ROUTER_NS, ["tinyproxy", "-d", "-c", str(conf)])
        self._wait_listening("proxy", "tcp", {f"{ROUTER_LAN_V4}:{PROXY_PORT}"})

    def _wait_listening(self, name: str, proto: str, endpoints: set[str]) -> None:
        ns = INET_NS if name != "proxy" else ROUTER_NS

        def listening() -> bool:
            self.procs.check_alive(name)
            out = run(["ss", "-Hln", "--udp" if proto == "udp" else "--tcp"], ns).stdout
            return endpoints <= {line.split()[3] for line in out.splitlines() if len(line.split()) > 3}

        wait_for(listening, 10, f"{name} to listen on {sorted(endpoints)}")

    def _state(self, key: str) -> str | None:
        path = self.workdir / "state.json"
        return json.loads(path.read_text()).get(key) if path.exists() else None

    def _set_state(self, key: str, value: str) -> None:
        path = self.workdir / "state.json"
        state = json.loads(path.read_text()) if path.exists() else {}
        state[key] = value
        path.write_text(json.dumps(state))

"""macOS (scutil --proxy), GNOME (gsettings) and KDE (kioslaverc) proxy settings."""

from __future__ import annotations

from collections.abc import Callable

from netcheck.platform.proxy.model import Proxy, ProxyConfig, dedupe, parse_proxy_url, split_list


def parse_scutil(text: str) -> ProxyConfig:
    """Output of `scutil --proxy`: 'Key : value' lines, ExceptionsList as a nested array."""
    flat: dict[str, str] = {}
    exceptions: list[str] = []
    in_list = False
    for line in text.splitlines():
        key, sep, value = line.strip().partition(" : ")
        if line.strip() == "}":
            in_list = False
        elif sep and in_list:
            exceptions.append(value.strip())
        elif sep:
            in_list = value.strip() == "<array> {"
            flat[key.strip()] = value.strip()
    found: list[Proxy] = []
    for prefix, scheme, applies in (
        ("HTTPS", "http", ("https",)),
        ("HTTP", "http", ("http",)),
        ("SOCKS", "socks5", ("http", "https")),
    ):
        if flat.get(f"{prefix}Enable") == "1" and flat.get(f"{prefix}Proxy"):
            addr = f"{scheme}://{_host_port(flat[f'{prefix}Proxy'], flat.get(f'{prefix}Port', ''))}"
            p = parse_proxy_url(addr, "macOS network settings", applies)
            found += [p] if p else []
    pac = flat.get("ProxyAutoConfigURLString", "") if flat.get("ProxyAutoConfigEnable") == "1" else ""
    return ProxyConfig(dedupe(found), tuple(exceptions), pac)


def _host_port(host: str, port: str) -> str:
    host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"{host}:{port}" if port.isdigit() else host


# --- Linux desktops ---------------------------------------------------------------------------


def parse_gsettings(get: Callable[[str, str], str]) -> ProxyConfig:
    """GNOME: `get(schema, key)` returns `gsettings get` output ('manual', "'proxy'", '3128')."""
    mode = get("org.gnome.system.proxy", "mode").strip().strip("'")
    if mode == "auto":
        return ProxyConfig(pac_url=get("org.gnome.system.proxy", "autoconfig-url").strip().strip("'"))
    if mode != "manual":
        return ProxyConfig()
    found: list[Proxy] = []
    for scope, scheme, applies in (
        ("https", "http", ("https",)),
        ("http", "http", ("http",)),
        ("socks", "socks5", ("http", "https")),
    ):
        host = get(f"org.gnome.system.proxy.{scope}", "host").strip().strip("'")
        port = get(f"org.gnome.system.proxy.{scope}", "port").strip()
        if host and port not in ("", "0"):
            p = parse_proxy_url(f"{scheme}://{_host_port(host, port)}", "GNOME settings", applies)
            found += [p] if p else []
    ignore = get("org.gnome.system.proxy", "ignore-hosts").strip().strip("[]@as ")
    return ProxyConfig(dedupe(found), tuple(x.strip().strip("'") for x in ignore.split(",") if x.strip()))


def parse_kioslaverc(text: str) -> ProxyConfig:
    """KDE: [Proxy Settings] ProxyType=1 (manual) with httpsProxy='http://host 3128' or 'host:3128'."""
    section, values = "", {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Proxy Settings]" and "=" in line:
            k, _, v = line.partition("=")
            values[k.strip()] = v.strip()
    if values.get("ProxyType") == "2":
        return ProxyConfig(pac_url=values.get("Proxy Config Script", ""))
    if values.get("ProxyType") != "1":
        return ProxyConfig()
    found: list[Proxy] = []
    for key, applies in (("httpsProxy", ("https",)), ("httpProxy", ("http",)), ("socksProxy", ("http", "https"))):
        raw = values.get(key, "").replace(" ", ":")
        if raw:
            raw = raw if "://" in raw else ("socks5://" if key == "socksProxy" else "http://") + raw
            p = parse_proxy_url(raw, "KDE settings", applies)
            found += [p] if p else []
    return ProxyConfig(dedupe(found), split_list(values.get("NoProxyFor", ""), ","))

"""`serve --web-config FILE`: the exporter-toolkit web configuration every Prometheus exporter shares.

Only the two sections an exporter needs are read, validated in full at load (a bad file names file,
line and key, like host lists): `tls_server_config` (cert_file, key_file, client_ca_file,
client_auth_type, min_version) and `basic_auth_users` (user: bcrypt hash). Unknown keys are errors,
as in exporter-toolkit, so a typo never silently turns TLS or authentication off.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netcheck.errors import ConfigError

TLS_KEYS = {"cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version"}
CLIENT_AUTH = {
    "NoClientCert": ssl.CERT_NONE,
    "RequestClientCert": ssl.CERT_OPTIONAL,
    "VerifyClientCertIfGiven": ssl.CERT_OPTIONAL,
    "RequireAndVerifyClientCert": ssl.CERT_REQUIRED,
    "RequireAnyClientCert": ssl.CERT_REQUIRED,
}
MIN_VERSION = {"TLS12": ssl.TLSVersion.TLSv1_2, "TLS13": ssl.TLSVersion.TLSv1_3}


@dataclass(frozen=True)
class TlsConfig:
    cert_file: Path
    key_file: Path
    client_ca_file: Path | None = None
    client_auth_type: str = "NoClientCert"
    min_version: str = "TLS12"


@dataclass(frozen=True)
class WebConfig:
    tls: TlsConfig | None = None
    users: Mapping[str, bytes] = field(default_factory=dict)  # user -> bcrypt hash

    @property
    def auth_required(self) -> bool:
        return bool(self.users)


def load(path: Path) -> WebConfig:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the web config: {exc}") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ConfigError(str(path), f"not valid YAML: {getattr(exc, 'problem', exc)}", line) from None
    return _parse(path, root)


def _parse(path: Path, root: Any) -> WebConfig:
    top = _mapping(path, root, "the file", optional=True)
    _only(path, top, {"tls_server_config", "basic_auth_users", "http_server_config"})
    tls = _tls(path, top["tls_server_config"][1]) if "tls_server_config" in top else None
    users = _users(path, top["basic_auth_users"][1]) if "basic_auth_users" in top else {}
    return WebConfig(tls=tls, users=users)


def _mapping(path: Path, node: Any, what: str, optional: bool = False) -> dict[str, tuple[Any, Any]]:
    import yaml

    if node is None and optional:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(str(path), f"{what} must be a mapping of keys to values", _line(node))
    return {str(k.value): (k, v) for k, v in node.value}


def _only(path: Path, table: dict[str, tuple[Any, Any]], allowed: set[str]) -> None:
    for key, (knode, _v) in table.items():
        if key not in allowed:
            raise ConfigError(str(path), f"unknown key; allowed: {', '.join(sorted(allowed))}", _line(knode), key)


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1 if node is not None and node.start_mark else 1


def _scalar(path: Path, key: str, pair: tuple[Any, Any]) -> str:
    import yaml

    knode, vnode = pair
    if not isinstance(vnode, yaml.ScalarNode) or not str(vnode.value).strip():
        raise ConfigError(str(path), "must be a non-empty string", _line(knode), key)
    return str(vnode.value)


def _tls(path: Path, node: Any) -> TlsConfig:
    table = _mapping(path, node, "tls_server_config")
    _only(path, table, TLS_KEYS)
    for key in ("cert_file", "key_file"):
        if key not in table:
            raise ConfigError(str(path), "required for TLS", _line(node), f"tls_server_config.{key}")
    values = {k: _scalar(path, k, table[k]) for k in table}
    _choice(path, table, values, "client_auth_type", CLIENT_AUTH)
    _choice(path, table, values, "min_version", MIN_VERSION)
    files = {
        k: _file(path, k, table[k], path.parent / values[k])
        for k in ("cert_file", "key_file", "client_ca_file")
        if k in values
    }
    needs_ca = CLIENT_AUTH.get(values.get("client_auth_type", ""), ssl.CERT_NONE) is not ssl.CERT_NONE
    if needs_ca and "client_ca_file" not in files:
        knode = table["client_auth_type"][0]
        raise ConfigError(str(path), "needs client_ca_file", _line(knode), "client_auth_type")
    return TlsConfig(
        cert_file=files["cert_file"],
        key_file=files["key_file"],
        client_ca_file=files.get("client_ca_file"),
        client_auth_type=values.get("client_auth_type", "NoClientCert"),
        min_version=values.get("min_version", "TLS12"),
    )


def _choice(
    path: Path, table: dict[str, tuple[Any, Any]], values: dict[str, str], key: str, allowed: Mapping[str, Any]
) -> None:
    if key in values and values[key] not in allowed:
        raise ConfigError(str(path), f"{values[key]!r} is not one of {', '.join(allowed)}", _line(table[key][0]), key)


def _file(path: Path, key: str, pair: tuple[Any, Any], target: Path) -> Path:
    if not target.is_file():
        raise ConfigError(str(path), f"no such file: {target}", _line(pair[0]), key)
    return target


def _users(path: Path, node: Any) -> dict[str, bytes]:
    table = _mapping(path, node, "basic_auth_users")
    users = {}
    for user, pair in table.items():
        hashed = _scalar(path, user, pair).encode()
        if not hashed.startswith((b"$2a$", b"$2b$", b"$2y$")) or len(hashed) != 60:
            raise ConfigError(
                str(path), "not a bcrypt hash (make one with: htpasswd -nBC 10 USER)", _line(pair[0]), user
            )
        users[user] = hashed
    return users


def server_context(tls: TlsConfig) -> ssl.SSLContext:
    """The listening socket's TLS context; a key that does not match the certificate is a ConfigError."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = MIN_VERSION[tls.min_version]
    try:
        ctx.load_cert_chain(tls.cert_file, tls.key_file)
        if tls.client_ca_file:
            ctx.load_verify_locations(cafile=tls.client_ca_file)
    except (ssl.SSLError, OSError) as exc:
        raise ConfigError(str(tls.cert_file), f"cannot load the certificate and key: {exc}") from None
    ctx.verify_mode = CLIENT_AUTH[tls.client_auth_type]
    return ctx

"""TLS probe on the IBKR web hosts: does the chain verify; if not, whose certificate is it (an
inspecting proxy's CA); plus the TLS version, the leaf's notAfter and the server's Date header."""

from __future__ import annotations

import asyncio
import email.utils
import ssl
import time
from typing import Any

from netcheck.classify import classify_oserror
from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes import tls_retry
from netcheck.probes.base import ProbeContext, failed, outcome

MAX_HEAD = 16 * 1024


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    where = {"address": check.address, "port": check.port, "sni": check.host}
    try:
        info = await _session(check, ctx, ctx.ssl_context or ssl.create_default_context())
    except ssl.SSLCertVerificationError as exc:
        seen = await _unverified_look(check, ctx)
        why = {"verify_error": exc.verify_message or str(exc)[:200], "verify_code": exc.verify_code}
        return failed(check, Reason.TLS_UNTRUSTED, started, ctx, **where, **why, **seen)
    except Exception as exc:  # network failure of any kind is an outcome
        return await _broken(check, ctx, exc, started, where)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, **where, **info)


async def _broken(
    check: Check, ctx: ProbeContext, exc: BaseException, started: float, where: dict[str, Any]
) -> Outcome:
    """A handshake that ended without a verdict on the certificate: reset, closed, stalled or other."""
    seen = await tls_retry.explain(check, ctx, exc, ctx.clock() - started)
    error = tls_retry.summary(seen, check.address, check.host) if seen else (str(exc) or type(exc).__name__)[:200]
    return failed(check, classify_oserror(exc), started, ctx, **where, **seen, error=error)


async def _unverified_look(check: Check, ctx: ProbeContext) -> dict[str, Any]:
    """A second handshake that accepts any certificate, only to read who issued it."""
    insecure = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    try:
        return await _session(check, ctx, insecure)
    except Exception as exc:  # the verdict stands without the issuer's name
        return {"error": (str(exc) or type(exc).__name__)[:200]}


async def _session(check: Check, ctx: ProbeContext, sslctx: ssl.SSLContext) -> dict[str, Any]:
    async with asyncio.timeout(ctx.timeout):
        reader, writer = await asyncio.open_connection(
            check.address, check.port, ssl=sslctx, server_hostname=check.host, ssl_handshake_timeout=ctx.timeout
        )
    try:
        tls = writer.get_extra_info("ssl_object")
        info: dict[str, Any] = {"tls_version": tls.version() if tls else None}
        info.update(peer_facts(tls) if tls else {})
        info.update(await _date(check, ctx, reader, writer))
        return info
    finally:
        writer.transport.abort()  # no close_notify wait: a middlebox may never answer it


async def _date(
    check: Check, ctx: ProbeContext, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> dict[str, Any]:
    """The server's Date header and our wall clock when it arrived; the clock rule compares them."""
    try:
        writer.write(f"HEAD / HTTP/1.1\r\nHost: {check.host}\r\nConnection: close\r\n\r\n".encode())
        async with asyncio.timeout(ctx.timeout):
            head = await reader.readuntil(b"\r\n\r\n")
    except Exception:  # no HTTP answer: the TLS verdict stands without a Date
        return {}
    received = ctx.wall_clock()
    date = header(head[:MAX_HEAD].decode("latin-1"), "date")
    return {"server_date": date, "local_time": round(received, 3)} if date else {}


def header(head: str, name: str) -> str | None:
    for line in head.split("\r\n")[1:]:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            return value.strip()
    return None


def peer_facts(tls: ssl.SSLObject) -> dict[str, Any]:
    """cert_facts of the peer's leaf. A verified certificate comes decoded from the ssl module, so
    the usual (healthy) run never imports cryptography (~30 ms); an unverified one is parsed."""
    decoded = tls.getpeercert()
    if decoded:
        try:
            return decoded_facts(decoded)
        except (KeyError, ValueError):  # a notAfter ssl could not print: let cryptography read the DER
            pass
    der = tls.getpeercert(binary_form=True)
    return cert_facts(der) if der else {}


def decoded_facts(cert: dict[str, Any]) -> dict[str, Any]:
    """The same facts as cert_facts, from ssl's decoded form of a verified certificate."""

    def first(field: str, attr: str) -> str:
        values = [value for rdn in cert.get(field, ()) for key, value in rdn if key == attr]
        return str(values[0]) if values else ""

    cn, org = first("issuer", "commonName"), first("issuer", "organizationName")
    not_after = time.gmtime(ssl.cert_time_to_seconds(cert["notAfter"]))
    return {
        "issuer": issuer_label(cn, org),
        "issuer_cn": cn,
        "issuer_org": org,
        "subject_cn": first("subject", "commonName"),
        "not_after": time.strftime("%Y-%m-%dT%H:%M:%SZ", not_after),
    }


def cert_facts(der: bytes) -> dict[str, Any]:
    """Issuer and subject names and notAfter of the leaf certificate, from its DER bytes."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return {}

    def first(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    cn, org = first(cert.issuer, NameOID.COMMON_NAME), first(cert.issuer, NameOID.ORGANIZATION_NAME)
    return {
        "issuer": issuer_label(cn, org),
        "issuer_cn": cn,
        "issuer_org": org,
        "subject_cn": first(cert.subject, NameOID.COMMON_NAME),
        "not_after": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def issuer_label(cn: str, org: str) -> str:
    """'Evil Corp Inspection CA (Evil Corp)': the CA's name, then its owner if that adds anything."""
    if cn and org and org not in cn:
        return f"{cn} ({org})"
    return cn or org or "unknown issuer"


def date_seconds(value: str) -> float | None:
    """An HTTP Date header as POSIX seconds, or None when it does not parse."""
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None

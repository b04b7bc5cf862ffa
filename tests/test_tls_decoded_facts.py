"""A verified certificate's facts from ssl's decoded form equal those parsed by cryptography."""

from __future__ import annotations

import ssl

import pytest
import trustme

from netcheck.probes.tls import cert_facts, decoded_facts, peer_facts

HOST = "www.example.test"


def _handshake(ca: trustme.CA, server_cert: trustme.LeafCert, verify: bool = True) -> ssl.SSLObject:
    """A verified TLS handshake in memory (no sockets); the client's SSLObject."""
    sctx, cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER), ssl.create_default_context()
    server_cert.configure_cert(sctx)
    ca.configure_trust(cctx)
    if not verify:
        cctx.check_hostname, cctx.verify_mode = False, ssl.CERT_NONE
    c_in, c_out, s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
    client = cctx.wrap_bio(c_in, c_out, server_hostname=HOST)
    server = sctx.wrap_bio(s_in, s_out, server_side=True)
    done = {"c": False, "s": False}
    for _ in range(20):
        for name, obj in (("c", client), ("s", server)):
            if not done[name]:
                try:
                    obj.do_handshake()
                    done[name] = True
                except ssl.SSLWantReadError:
                    pass
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if all(done.values()):
            return client
    raise AssertionError("handshake did not finish")


@pytest.mark.parametrize(
    ("org", "cn"),
    [("Evil Corp", ""), ("Zscaler Inc.", "Zscaler Root CA"), ('Büro, "Grün" + Söhne', "CA/ü=1")],
)
def test_decoded_facts_match_cryptography(org: str, cn: str) -> None:
    ca = trustme.CA(organization_name=org)
    leaf = ca.issue_cert(HOST, common_name=cn or None)
    tls = _handshake(ca, leaf)
    decoded, der = tls.getpeercert(), tls.getpeercert(binary_form=True)
    assert decoded and der
    assert decoded_facts(decoded) == cert_facts(der)
    assert peer_facts(tls) == cert_facts(der)


def test_unverified_certificate_is_parsed_from_der() -> None:
    ca = trustme.CA(organization_name="Evil Corp")
    tls = _handshake(ca, ca.issue_cert(HOST), verify=False)
    assert tls.getpeercert() == {}  # nothing decoded without verification: cryptography parses it
    assert peer_facts(tls) == cert_facts(tls.getpeercert(binary_form=True))
    assert peer_facts(tls)["issuer_org"] == "Evil Corp"


def test_undecodable_date_falls_back_to_der() -> None:
    ca = trustme.CA(organization_name="Evil Corp")
    tls = _handshake(ca, ca.issue_cert(HOST))

    class Odd:
        def getpeercert(self, binary_form: bool = False) -> object:
            return tls.getpeercert(True) if binary_form else {**tls.getpeercert(), "notAfter": "garbage"}

    assert peer_facts(Odd()) == cert_facts(tls.getpeercert(binary_form=True))  # type: ignore[arg-type]

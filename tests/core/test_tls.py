"""The CA bundle is read once per process, in a thread started when the service is made, and
every client that verifies shares that context: the same checks httpx itself would make."""

from __future__ import annotations

import ssl

import httpx

from newsreader_tui.core import tls
from newsreader_tui.core.fetch import Fetcher


def test_the_shared_context_checks_what_httpx_would() -> None:
    tls.prepare()
    shared = tls.default_context()
    assert shared is tls.default_context()
    own = httpx.create_ssl_context(verify=True, trust_env=True)
    assert shared.verify_mode == own.verify_mode == ssl.CERT_REQUIRED
    assert shared.check_hostname and own.check_hostname
    assert shared.cert_store_stats() == own.cert_store_stats()
    assert shared.cert_store_stats()["x509_ca"] > 0


async def test_a_client_that_verifies_uses_the_shared_context() -> None:
    async with Fetcher() as fetcher:
        assert fetcher._client is not None
        pool = fetcher._client._transport._pool  # type: ignore[attr-defined]
        assert pool._ssl_context is tls.default_context()

"""The certificate authorities every HTTPS request checks against, read once per process, in a
thread started early.

httpx builds an SSL context in each client's constructor, and reading the CA bundle into it is
the slow part: 20 to 40 ms of OpenSSL parsing certificates, which a refresh paid before its
first request. OpenSSL does it without Python's lock, so started as soon as the app knows it
will fetch (`prepare`), it overlaps the rest of start-up. The context is what httpx itself makes
for `verify=True` (`httpx.create_ssl_context`, honouring SSL_CERT_FILE and SSL_CERT_DIR), made
once and shared: a context holds no per-connection state.
"""

from __future__ import annotations

import ssl
import threading
from concurrent.futures import Future

import httpx

__all__ = ["default_context", "prepare"]

_lock = threading.Lock()
_context: Future[ssl.SSLContext] | None = None


def prepare() -> None:
    """Start reading the certificates now, in the background (at most once per process)."""
    _started()


def default_context() -> ssl.SSLContext:
    """The shared context for `verify = true`, waiting for `prepare`'s thread if it is still
    reading (or reading now, if nothing started it)."""
    return _started().result()


def _started() -> Future[ssl.SSLContext]:
    global _context
    with _lock:
        if _context is None:
            _context = Future()
            threading.Thread(target=_load, args=(_context,), name="tls", daemon=True).start()
        return _context


def _load(future: Future[ssl.SSLContext]) -> None:
    try:
        future.set_result(httpx.create_ssl_context(verify=True, trust_env=True))
    except BaseException as exc:  # the error surfaces where the context is used, as before
        future.set_exception(exc)

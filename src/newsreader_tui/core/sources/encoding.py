"""Decide the encoding of an XML feed that names none, before either parser sees it.

With no charset in the HTTP header and none in the XML declaration, feedparser tries UTF-8 and
then guesses windows-1252, so an unlabelled windows-1258 feed (Vietnamese CMSs still write
them) came out as "BêÒ bõi dát vàng trong biêòt thýò". The project's own byte decoder
(`text.decode_bytes`) reads such bytes right: UTF-8 when they are, else UTF-8 if they mostly
are, else windows-1258, composed to NFC (windows-1258 writes many tones as combining marks).
`declare` hands on the body it decoded as UTF-8 with a declaration saying so, and an HTTP
charset to match: feedparser and the fast reader then both read the same, declared document.
Anything labelled, byte-order marked, or not ASCII-compatible is passed on untouched.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from ..text import decode_bytes

__all__ = ["declare"]

_DECLARATION = re.compile(rb"^(\s*)<\?xml\b([^>]*?)\?>")
_ENCODING = re.compile(rb"\bencoding\s*=")
_VERSION = re.compile(rb"""^\s+version\s*=\s*(["'])[^"']*\1""")
_CHARSET = re.compile(r";\s*charset\s*=", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _names_encoding(body: bytes) -> bool:
    """Whether the body's XML declaration has an `encoding` attribute (known or not)."""
    declaration = _DECLARATION.match(body, 0, 512)
    return declaration is not None and _ENCODING.search(declaration.group(2)) is not None


def _with_charset(headers: Mapping[str, str], charset: str) -> Mapping[str, str]:
    content_type = headers.get("content-type", "").strip()
    if not content_type:
        return headers  # no media type: the declaration alone speaks, as it should
    return {**headers, "content-type": f"{content_type.rstrip(';')}; charset={charset}"}


def declare(body: bytes, headers: Mapping[str, str]) -> tuple[bytes, Mapping[str, str]]:
    """`body` and `headers` as the parsers should see them: an unlabelled body decoded by us
    and handed on as declared UTF-8, its Content-Type (if any) saying `charset=utf-8`.

    Bodies with a byte-order mark, an HTTP charset, an `encoding` in their XML declaration
    (feedparser honours it, whatever the media type), or that are not ASCII-compatible (UTF-16
    without a mark: feedparser's own sniffing reads those) are passed on as they are.
    """
    if body.startswith(_BOMS) or _CHARSET.search(headers.get("content-type", "")):
        return body, headers
    if body.lstrip()[:1] != b"<" or b"\x00" in body[:4]:
        return body, headers
    if _names_encoding(body):
        return body, headers
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        body = decode_bytes(body).encode("utf-8")
    declaration = _DECLARATION.match(body)
    if declaration is None:
        body = b'<?xml version="1.0" encoding="utf-8"?>' + body
    else:
        attributes = declaration.group(2)
        version = _VERSION.match(attributes)
        # XML fixes the order: version, then encoding, then standalone.
        at = version.end() if version else 0
        insert = b' encoding="utf-8"' if version else b' version="1.0" encoding="utf-8"'
        attributes = attributes[:at] + insert + attributes[at:]
        body = declaration.group(1) + b"<?xml" + attributes + b"?>" + body[declaration.end() :]
    return body, _with_charset(headers, "utf-8")

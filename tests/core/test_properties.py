"""Property-based tests (hypothesis): whatever the input, the cleaner, the date parser, the
HTML-to-blocks parser and the JSON field mapping never raise and never let a control character,
an escape sequence or a bidi override through.

Bounded by the "ci" profile (tests/conftest.py); `HYPOTHESIS_PROFILE=deep pytest -k properties`
looks much harder.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsreader_tui.core.content.blocks import (
    Block,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
    parse_html,
)
from newsreader_tui.core.content.model import link_texts
from newsreader_tui.core.content.plain import html_to_text
from newsreader_tui.core.dates import VN_TZ, parse_date
from newsreader_tui.core.errors import ParseError, Problem
from newsreader_tui.core.models import FeedStatus, FetchOutcome, FullTextResult, ImageResult
from newsreader_tui.core.normalize import normalise_items
from newsreader_tui.core.sources import json_api
from newsreader_tui.core.text import clean_html, clean_line, clean_text, plain_text
from support.hostile_text import VIETNAMESE, assert_clean, hostile_text

BASE = "http://127.0.0.1/bai-viet/"

# --- the cleaner ---------------------------------------------------------------------------


@given(hostile_text())
@example("\x9d0;PWNED\x9c\x9b31m\u202eexe.txt")
@example("Đả\u200bng \u2066Hà\u2069 Nội\ufeff")
def test_clean_text_leaves_nothing_a_terminal_would_obey(text: str) -> None:
    single, multi = clean_text(text), clean_text(text, multiline=True)
    assert_clean(single)
    assert_clean(multi, multiline=True)
    # Idempotent: cleaning at ingest and again at display changes nothing the second time.
    assert clean_text(single) == single
    assert clean_text(multi, multiline=True) == multi


@given(hostile_text())
def test_clean_line_and_plain_text_give_one_clean_line(text: str) -> None:
    assert_clean(clean_line(text))
    assert_clean(plain_text(text))
    assert_clean(clean_html(text), multiline=True)


@given(st.lists(st.sampled_from((*VIETNAMESE, " ", ", ", ". ", "\n")), max_size=12).map("".join))
def test_vietnamese_text_comes_through_untouched(text: str) -> None:
    assert clean_text(text, multiline=True) == text
    decomposed = unicodedata.normalize("NFD", text)
    assert clean_text(decomposed, multiline=True) == text  # combining marks composed, kept


@given(hostile_text())
def test_problems_are_clean_whoever_builds_them(text: str) -> None:
    for problem in (
        Problem.plain(text),
        Problem("internal", {"detail": text}, text),
        Problem.of("internal", detail=text),
    ):
        assert_clean(problem.text)
        assert_clean(str(value) for value in problem.params.values())


@given(hostile_text(), hostile_text())
def test_outcomes_and_feed_statuses_are_clean_whoever_builds_them(text: str, url: str) -> None:
    outcome = FetchOutcome("http://127.0.0.1/", "error", error=text, warning=text, title=text)
    assert_clean([outcome.error, outcome.warning, outcome.title])
    status = FeedStatus(
        url="http://127.0.0.1/",
        title=text,
        category=text,
        kind="auto",
        resolved_url=url,
        last_attempt=None,
        last_success=None,
        http_status=None,
        error=text,
        item_count=0,
        unread=0,
        last_new=0,
        warning=text,
    )
    assert_clean([status.title, status.category, status.resolved_url, status.error])
    assert_clean([status.warning, ImageResult(text).status, FullTextResult(text).status])


# --- dates ---------------------------------------------------------------------------------

_DATE_PIECES = st.sampled_from(
    ["2018", "08", "8", "11", "31", "02", "/", "-", ":", " ", "T", "Z", "+07:00", "GMT+7", "+0700",
     "Thứ năm, ", "ngày ", " tháng ", " năm ", "09:26", "(GMT+7)", "Cập nhật: ", "1541643960",
     "1541643960000", "99999999999999", "Mon, ", "Nov", "EST", "9999", "0000", ".123456", "SA"]
)  # fmt: skip


@given(
    st.one_of(
        hostile_text(),
        st.lists(_DATE_PIECES, max_size=12).map("".join),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.none(),
        st.booleans(),
    ),
    st.sampled_from([VN_TZ, UTC, timezone(timedelta(hours=-12)), None]),
)
@example("99999999999999", None)
@example(10**400, None)
def test_parse_date_never_raises_and_gives_aware_dates(value: Any, tz: Any) -> None:
    result = parse_date(value, tz)
    assert result is None or (isinstance(result, datetime) and result.tzinfo is not None)


# --- HTML to blocks ------------------------------------------------------------------------

_TAGS = ["p", "div", "span", "b", "em", "a", "figure", "figcaption", "blockquote", "ul", "ol",
         "li", "table", "tr", "td", "th", "h2", "pre", "br", "img", "center", "script",
         "hr"]  # fmt: skip
_ATTRS = ["href", "src", "alt", "class", "style", "data-src", "srcset", "type", "width"]


def _attr_text() -> st.SearchStrategy[str]:
    return st.one_of(
        hostile_text(max_size=6),
        st.sampled_from(["/a.jpg", "http://e.vn/&#x202e;gpj.exe", "caption", "PhotoCMS_Caption",
                         "text-align:center", "Photo", "1", "javascript:x", "data:x"]),
    )  # fmt: skip


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.dictionaries(st.sampled_from(_ATTRS), _attr_text(), max_size=3))
    written = "".join(
        f' {name}="{value.replace(chr(34), "&quot;")}"' for name, value in attrs.items()
    )
    inner = "".join(draw(st.lists(children, max_size=4)))
    closed = draw(st.booleans())  # broken HTML: end tags go missing
    return f"<{tag}{written}>{inner}" + (f"</{tag}>" if closed else "")


_HTML = st.recursive(
    hostile_text(max_size=8),
    lambda children: _element(children),
    max_leaves=25,
)


def _texts(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """(multi-line texts, single-line texts) of every field the reader or `show` prints."""
    multi: list[str] = []
    single: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            multi += [span.text for span in block.spans]
            single += [span.href or "" for span in block.spans]
        elif isinstance(block, ListBlock):
            multi += [span.text for item in block.items for span in item]
            single += [span.href or "" for item in block.items for span in item]
        elif isinstance(block, Quote):
            inner_multi, inner_single = _texts(list(block.blocks))
            multi += inner_multi
            single += inner_single
        elif isinstance(block, Table):
            single += [cell for row in block.rows for cell in row]
        elif isinstance(block, Image):
            single += [block.url, block.caption, block.credit, block.alt]
        elif isinstance(block, Preformatted):
            multi.append(block.text)
    return multi, single


@given(st.one_of(_HTML, hostile_text()))
@example("<figure><img src='/a.jpg'><figcaption>&#x9d;0;X&#x9c;&#x202e;gpj</figcaption></figure>")
@example("<![video] Toàn cảnh")  # html.parser raises on an unknown marked section
@example("<span>" * 1200 + "x" + "</span>" * 1200)
@example("<blockquote>" * 450 + "trích" + "</blockquote>" * 450)
def test_parse_html_never_raises_and_shows_only_clean_text(markup: str) -> None:
    blocks = parse_html(markup, BASE)
    multi, single = _texts(blocks)
    assert_clean(multi, multiline=True)
    assert_clean(single)
    assert_clean(list(link_texts(blocks)), multiline=False)
    assert_clean(link_texts(blocks).values(), multiline=True)
    text, images = html_to_text(markup, BASE)
    assert_clean(text, multiline=True)
    assert_clean([field for image in images for field in (image.url, image.caption, image.credit)])


# --- the JSON field mapping ----------------------------------------------------------------

_JSON_LEAF = st.one_of(
    hostile_text(max_size=8),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
_KEYS = st.sampled_from(
    ["title", "url", "id", "published", "summary", "content", "image", "category", "author",
     "name", "rendered", "href", "src", "items", "data", "x"]
)  # fmt: skip
_JSON = st.recursive(
    _JSON_LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(_KEYS, st.text(max_size=3)), inner)
    ),
    max_leaves=30,
)
_PATHS = st.dictionaries(
    st.sampled_from(["items", "title", "url", "published", "summary", "category", "image"]),
    st.lists(st.one_of(_KEYS, st.sampled_from(["0", "-1", "1"])), min_size=1, max_size=3).map(
        ".".join
    ),
    max_size=4,
)


@given(_JSON, _PATHS)
@example([{"title": "\x9d0;PWNED\x9c\u202e", "url": "http://e.vn/\u202e", "published": 10**25}], {})
@example([{"title": "x", "published": 1e300}], {})
@example([{"title": "x", "published": 10**400}], {})
def test_json_mapping_never_raises_and_stores_only_clean_text(data: Any, paths: Any) -> None:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        parsed = json_api.parse(body, BASE, paths)
    except ParseError as error:
        assert_clean(error.problem.text)
        return
    articles = normalise_items(parsed.items, base_url=BASE, tz=VN_TZ)
    for article in articles:
        assert_clean([article.title, article.url, article.guid, article.author, article.image])
        assert_clean(article.categories)
        assert_clean([article.summary, article.content], multiline=True)


def test_json_nested_deeply_is_a_parse_error_not_a_crash() -> None:
    body = ("[" * 100_000 + "]" * 100_000).encode()
    with pytest.raises(ParseError, match="nested too deeply"):
        json_api.parse(body, BASE, {})


def test_json_names_nested_deeply_are_not_followed_down() -> None:
    title: Any = "Tin"
    for _ in range(900):  # as deep as the JSON decoder goes; the mapping looks 4 levels down
        title = [title]
    parsed = json_api.parse(json.dumps([{"title": title}, {"title": "Tin 2"}]).encode(), BASE, {})
    assert [item.title for item in parsed.items] == ["Tin 2"]

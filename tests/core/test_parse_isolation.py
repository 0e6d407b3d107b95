"""Parsing apart from the app (core.sources.isolate, worker, xmlscan): the pre-scan's cut and
depth limit, and worker processes that come back after being killed.

What hostile documents do to a whole refresh is in tests/security/test_attack_xml.py.
"""

from __future__ import annotations

import asyncio
import codecs
import unicodedata
from collections.abc import Iterator

import feedparser
import pytest

from newsreader_tui.core.errors import ParseError
from newsreader_tui.core.sources.isolate import ParsePool
from newsreader_tui.core.sources.worker import Job
from newsreader_tui.core.sources.xmlscan import TooDeep, prescan
from support.feeds import rss, rss_item
from support.hostile_servers import many_items, nested, rss_around

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://a.vn/"><title>T</title></channel>
<item rdf:about="http://a.vn/1"><title>1</title><link>http://a.vn/1</link></item>
<item rdf:about="http://a.vn/2"><title>2</title><link>http://a.vn/2</link></item>
<item rdf:about="http://a.vn/3"><title>3</title><link>http://a.vn/3</link></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>1</id><title>M\xe1\xbb\x99t</title></entry>
<entry><id>2</id><title>Hai</title></entry>
<entry><id>3</id><title>Ba</title></entry>
</feed>"""


def titles(document: bytes) -> list[str]:
    return [entry.title for entry in feedparser.parse(document).entries]


@pytest.mark.parametrize(
    ("document", "first_two"),
    [
        (rss(*(rss_item(str(n), f"Tin {n}") for n in range(5))), ["Tin 0", "Tin 1"]),
        (RSS1, ["1", "2"]),
        (ATOM, ["Một", "Hai"]),
        (codecs.BOM_UTF8 + ATOM, ["Một", "Hai"]),
    ],
)
def test_the_cut_keeps_the_first_items_in_a_well_formed_document(
    document: bytes, first_two: list[str]
) -> None:
    cut = prescan(document, max_items=2)
    assert len(cut) < len(document)
    assert titles(cut) == first_two
    assert not feedparser.parse(cut).bozo  # the open elements were closed after the cut


def test_items_inside_content_are_not_feed_items() -> None:
    fragment = b"<item>not one</item>" * 5
    document = rss_around(fragment)
    assert prescan(document, max_items=1) == document  # one item (with five inside), uncut


def test_a_document_with_fewer_items_is_left_whole() -> None:
    document = rss(rss_item("1", "Tin một"))
    assert prescan(document, max_items=500) is document
    assert prescan(document, max_items=None) is document


def test_windows_1258_is_cut_on_the_right_byte() -> None:
    document = (
        '<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel><title>T'
        "</title><item><title>Thu\u0309 tươ\u0301ng</title></item><item><title>B</title></item>"
        "</channel></rss>"
    ).encode("windows-1258")
    cut = prescan(document, max_items=1)
    assert [unicodedata.normalize("NFC", title) for title in titles(cut)] == ["Thủ tướng"]


def test_broken_xml_is_left_to_feedparser() -> None:
    broken = rss(rss_item("1", "Tin một"), rss_item("2", "Tin hai")).replace(b"<title>", b"<<", 1)
    assert prescan(broken, max_items=1) is broken


def test_past_the_depth_limit_the_scan_stops() -> None:
    with pytest.raises(TooDeep):
        prescan(rss_around(nested(300)), max_items=None, max_depth=256)
    assert prescan(rss_around(nested(200)), max_items=None, max_depth=256)


# -- the pool ---------------------------------------------------------------------------------


@pytest.fixture
def pool() -> Iterator[ParsePool]:
    pool = ParsePool(size=1)
    yield pool
    pool.close()


async def test_a_job_comes_back_as_a_parsed_feed(pool: ParsePool) -> None:
    job = Job("xml", many_items(1000), "http://a.vn/rss", max_items=10)
    parsed = await pool.parse(job, 10)
    assert [item.title for item in parsed.items] == [f"Tin số {n}" for n in range(10)]


async def test_a_parse_error_keeps_its_problem(pool: ParsePool) -> None:
    with pytest.raises(ParseError) as info:
        await pool.parse(
            Job("json", b"{not json", "http://a.vn/api", json_paths={"items": "a"}), 10
        )
    assert info.value.problem.code == "parse.json_invalid"


async def test_a_dead_worker_is_replaced(pool: ParsePool) -> None:
    await pool.parse(Job("xml", rss(rss_item("1", "Tin")), "http://a.vn/rss"), 10)
    for worker in list(pool._workers):
        worker.process.kill()  # as the system's OOM killer would
        worker.process.wait()
    parsed = await pool.parse(Job("xml", rss(rss_item("2", "Tin hai")), "http://a.vn/rss"), 10)
    assert [item.title for item in parsed.items] == ["Tin hai"]


async def test_jobs_beyond_the_workers_wait_their_turn(pool: ParsePool) -> None:
    jobs = [Job("xml", rss(rss_item(str(n), f"Tin {n}")), f"http://a.vn/{n}") for n in range(8)]
    parsed = await asyncio.gather(*(pool.parse(job, 10) for job in jobs))
    assert [feed.items[0].title for feed in parsed] == [f"Tin {n}" for n in range(8)]


async def test_a_worker_that_ran_out_of_memory_is_replaced() -> None:
    """It answered, so it is alive; but its heap may stay grown past its limit, and then the
    next feed, however small, failed the same way (seen under load)."""
    pool = ParsePool(size=1, memory=64 * 1024 * 1024)
    try:
        await pool.parse(Job("xml", rss(rss_item("1", "Tin")), "http://a.vn/rss"), 30)
        [first] = list(pool._workers)
        html = b"<p>Th\xc3\xb4ng b\xc3\xa1o</p>" * (8 * 1024 * 1024 // 20)
        big = rss_around(b"<![CDATA[" + html + b"]]>")
        with pytest.raises(ParseError) as info:
            await pool.parse(Job("xml", big, "http://a.vn/big"), 60)
        assert info.value.problem.code == "parse.too_big"
        parsed = await pool.parse(Job("xml", rss(rss_item("2", "Tin hai")), "http://a.vn/rss"), 30)
        assert [item.title for item in parsed.items] == ["Tin hai"]
        assert first not in pool._workers and not first.alive
    finally:
        pool.close()

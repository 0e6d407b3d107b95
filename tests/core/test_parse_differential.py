"""The fast XML reader against feedparser, field by field, on every fixture and the corpus.

Whatever the fast reader reads (it declines the rest to feedparser) must become the same
articles: title, link, guid, identity, dates with their offsets, author, categories, image,
and the summary and content as the reader pane shows them (text, links, images with their
captions). The corpus (feedparser's, newsboat's and reader's test feeds, and Vietnamese
portals') is outside the repository: those tests skip where it is absent.
"""

from __future__ import annotations

import pytest

from newsreader_tui.core.sources import fast_xml
from support.data import FEEDS, feed_file
from support.differential import CORPUS, compare_paths, require_corpus, xml_cases
from support.portal_feeds import portal_rss

URL = "https://portal.example.vn/rss/tin-tuc.rss"
FIXTURES = sorted(p.name for p in FEEDS.glob("*.xml"))
WELL_FORMED = ["rss_utf8.xml", "atom_relative.xml"]


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_reads_the_same_both_ways(name: str) -> None:
    headers = {"content-type": "application/xml"}
    outcome = compare_paths(name, feed_file(name), headers, URL)
    assert outcome.fast_error is None
    assert outcome.differences == []


@pytest.mark.parametrize("name", WELL_FORMED)
def test_the_fast_reader_reads_well_formed_utf8_fixtures(name: str) -> None:
    outcome = compare_paths(name, feed_file(name), {"content-type": "application/xml"}, URL)
    assert outcome.declined is None and outcome.articles > 0
    assert outcome.differences == []


def test_a_portal_feed_of_fifty_vietnamese_items_reads_the_same() -> None:
    outcome = compare_paths("portal", portal_rss(50, "tin-"), {"content-type": "text/xml"}, URL)
    assert outcome.declined is None and outcome.articles == 50
    assert outcome.differences == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("rss_cp1258.xml", "encoding windows-1258"),
        ("broken.xml", "not well-formed XML"),
    ],
)
def test_odd_fixtures_are_left_to_feedparser(name: str, reason: str) -> None:
    with pytest.raises(fast_xml.Declined, match=reason):
        fast_xml.read(feed_file(name), {"content-type": "application/xml"}, URL)


@pytest.mark.parametrize("source", ["feedparser", "newsboat", "reader", "vietnamese"])
def test_the_corpus_reads_the_same_both_ways(source: str) -> None:
    root = CORPUS / source
    require_corpus(root, "the same comparison over every fixture in tests/data")
    read = differing = 0
    failures: list[str] = []
    for name, body, headers in xml_cases(root):
        outcome = compare_paths(name, body, headers, f"https://corpus.example.vn/{name}")
        if outcome.fast_error or outcome.differences:
            failures.append(f"{name}: {outcome.fast_error or outcome.differences[:3]}")
            differing += 1
        elif outcome.declined is None:
            read += 1
    assert failures == []
    assert read > 0  # the fast reader did read some of them

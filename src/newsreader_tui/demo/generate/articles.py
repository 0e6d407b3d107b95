"""The demo's articles and sites, read from `demo/articles/<source>.toml`.

Each file has a `[site]` table (where the articles live on the demo server and how the site
names itself), `[[articles]]` newest first and, for WordPress, `[[categories]]`. An article is
`slug`, `title`, `when` (a local date-time in the manifest's base-date offset), `body` and
optionally `number` (for sources whose URLs or ids are numbers), `author`, `tags`, `gmt7` (write
the RSS date with the wrong-way "GMT+7" Vietnamese portals use) and `category` (a WordPress
category id).

Bodies use a tiny markup: blocks are separated by blank lines; the first block is the sapo
(lead); `[img KEY | caption]` is a picture, `> ` a quotation, `- ` list items, `| ` table rows
(the first row is the header); anything else is a paragraph of HTML. Lines of one block are
joined with spaces.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from importlib import resources
from typing import Any

from newsreader_tui.demo.generate.pictures import IMAGES
from newsreader_tui.demo.manifest import DemoFeed, load_manifest


@dataclass(frozen=True)
class Para:
    html: str


@dataclass(frozen=True)
class Image:
    key: str
    caption: str

    @property
    def alt(self) -> str:
        """The caption without the photographer's credit."""
        return self.caption.split("Ảnh:", 1)[0].strip().rstrip(".")


@dataclass(frozen=True)
class Quote:
    html: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Block = Para | Image | Quote | Bullets | Table


def parse_body(text: str) -> tuple[Block, ...]:
    """Read the article markup described in the module docstring."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", textwrap.dedent(text).strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        joined = " ".join(lines)
        if joined.startswith("[img "):
            match = re.fullmatch(r"\[img (\S+) \| (.+)\]", joined)
            if not match or match.group(1) not in IMAGES:
                raise ValueError(f"bad picture: {joined!r}")
            blocks.append(Image(match.group(1), match.group(2)))
        elif joined.startswith("> "):
            blocks.append(Quote(joined[2:]))
        elif joined.startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line
            blocks.append(Bullets(tuple(items)))
        elif joined.startswith("| "):
            rows = tuple(
                tuple(cell.strip() for cell in line.strip("|").split("|")) for line in lines
            )
            blocks.append(Table(rows))
        else:
            blocks.append(Para(joined))
    if not blocks or not isinstance(blocks[0], Para):
        raise ValueError("an article starts with its sapo paragraph")
    return tuple(blocks)


@dataclass(frozen=True)
class Article:
    """One article as written for the demo."""

    slug: str
    title: str
    date: datetime
    """When it was published (aware, in the base date's offset)."""
    body: str
    author: str = ""
    tags: tuple[str, ...] = ()
    gmt7: bool = False
    """Write the RSS date the wrong-way "GMT+7" that Vietnamese portals use."""
    number: int = 0
    """Numeric id, for the sources whose URLs or ids are numbers."""
    category: int = 0
    """WordPress category id."""

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        return parse_body(self.body)

    @property
    def sapo(self) -> str:
        first = self.blocks[0]
        assert isinstance(first, Para)
        return first.html

    @property
    def rest(self) -> tuple[Block, ...]:
        return self.blocks[1:]

    @property
    def image(self) -> Image | None:
        return next((block for block in self.blocks if isinstance(block, Image)), None)


@dataclass(frozen=True)
class Site:
    """Where one feed's articles live on the demo server."""

    name: str
    section: str
    section_url: str
    """Root-relative URL of the section's article list, ending in "/"."""
    feed_path: str
    """Root-relative URL of the document the site advertises as its feed."""
    feed_type: str
    feed_title: str
    description: str
    page_pattern: str
    """Root-relative URL of an article's page, a `str.format` pattern over the article's
    `slug`, `number` and `date`."""
    extra_head: str = ""

    def page(self, article: Article) -> str:
        """Root-relative URL of `article`'s page."""
        return self.page_pattern.format(slug=article.slug, number=article.number, date=article.date)


@dataclass(frozen=True)
class Source:
    """One `articles/<name>.toml` file, read."""

    name: str
    site: dict[str, str]
    """The `[site]` table as written; `make_site` adds what the writers know."""
    articles: tuple[Article, ...]
    categories: tuple[tuple[int, str, str], ...] = ()
    """WordPress categories: id, name, slug."""

    def make_site(self, feed: DemoFeed, feed_type: str, extra_head: str = "") -> Site:
        table = self.site
        return Site(
            name=table["name"],
            section=table["section"],
            section_url=table["section_url"],
            feed_path=table.get("feed_path", feed.path),
            feed_type=feed_type,
            feed_title=table["feed_title"],
            description=table["description"],
            page_pattern=table["page"],
            extra_head=extra_head,
        )


def _article(entry: dict[str, Any]) -> Article:
    when = entry.pop("when")
    if not isinstance(when, datetime) or when.tzinfo is not None:
        raise ValueError(f"{entry.get('slug')}: `when` must be a local date-time")
    tz = load_manifest().base_date.tzinfo
    return Article(date=when.replace(tzinfo=tz), tags=tuple(entry.pop("tags", ())), **entry)


def load_source(name: str) -> Source:
    """Read `articles/<name>.toml` and check its articles are newest first with unique slugs."""
    path = resources.files("newsreader_tui.demo").joinpath("articles").joinpath(f"{name}.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    articles = tuple(_article(dict(entry)) for entry in data["articles"])
    dates = [article.date for article in articles]
    if dates != sorted(dates, reverse=True) or len({a.slug for a in articles}) != len(dates):
        raise ValueError(f"{name}.toml: articles must be newest first with unique slugs")
    categories = tuple((c["id"], c["name"], c["slug"]) for c in data.get("categories", ()))
    return Source(name, dict(data["site"]), articles, categories)

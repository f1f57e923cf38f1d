"""Article pages: an article from the warehouse with its figures marked by displaCy (`show NAME --html FILE`).

The warehouse never imports spaCy: the facts and body come through warehouse queries, the page is built by
extractors.display.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable


def write_article_page(facts: list[dict], out_path: str | os.PathLike) -> Path:
    """Write the page of one article from its fact rows (warehouse.query.article_facts: each row carries the
    article's name, title, published date and body)."""
    from extractors.display import article_page  # spaCy is imported only when a page is asked for

    first = facts[0]
    page = article_page(first["body"] or "", facts, title=first.get("title"), name=first.get("name"),
                        published=first.get("published"))
    from warehouse.safe_files import writing_all

    out = Path(out_path)
    with writing_all([out]) as (handle,):  # a new temporary file moved into place: never through a planted link
        handle.write(page.encode("utf-8"))
    return out


def write_cited_pages(db_path: str | os.PathLike, names: Iterable[str], out_dir: Path) -> list[Path]:
    """Write the page of each named article into out_dir, under the file name the report links to."""
    from warehouse.query import article_facts
    from warehouse.report import article_page_file

    written = []
    for name in names:
        try:
            facts = article_facts(db_path, name)
        except LookupError:  # edited or removed since the report's query: no page, the link stays unanswered
            continue
        if facts:
            written.append(write_article_page(facts, out_dir / article_page_file(name)))
    return written

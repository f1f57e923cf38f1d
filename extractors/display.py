"""An article as a self-contained HTML page with displaCy's span view: every figure that is a fact is marked with
its metric, subject, period, place and source (`cloudfacts show NAME --html FILE`).

The facts are the warehouse's rows (FACTS.md field names, offsets into the body) or Fact objects, so the page
shows what was stored. displaCy escapes the article's tokens but not span labels: every label and header is
escaped here, and the page forbids scripts (Content-Security-Policy `default-src 'none'`), so text from an article
can only ever show as text.
"""
from __future__ import annotations

import datetime
import html
import re
from dataclasses import asdict, is_dataclass
from typing import Iterable, Mapping

from spacy import displacy


SPANS_KEY = "cf_facts"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WORD = re.compile(r"\S+")
METRIC_COLOURS = ("#7aecec", "#bfeeb7", "#feca74", "#ff9561", "#aa9cfc", "#c887fb", "#9cc9cc", "#ffeb80",
                  "#ff8197", "#f0d0ff", "#bfe1d9", "#e4e7d2")
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 60em; margin: 2em auto;
       padding: 0 1em; color: #222; }}
.meta {{ color: #555; }}
.paragraph {{ margin-bottom: 1.5em; }}
.spans {{ line-height: 3.4 !important; }}
.spans > span > span > span {{ white-space: nowrap; }}
table {{ border-collapse: collapse; font-size: 0.9em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="meta">{meta}</p>
<div class="article" data-facts="{count}">
{paragraphs}
</div>
<h2>Facts</h2>
<table>
<tr><th>figure</th><th>metric</th><th>value</th><th>subject</th><th>period</th><th>geography</th><th>source</th>
<th>forecast</th></tr>
{rows}
</table>
</body>
</html>
"""


def _record(fact: object) -> Mapping:
    """A fact as a mapping with FACTS.md names (a warehouse row, a Fact, or a DocFact's fact)."""
    fact = getattr(fact, "fact", fact)
    return asdict(fact) if is_dataclass(fact) else fact


def fact_label(fact: Mapping) -> str:
    """What a mark says: metric, subject, period, place and source, as plain text."""
    parts = [fact["metric"]]
    subject = [s for s in (fact.get("subject") or []) if s]
    if subject:
        parts.append(" + ".join(subject))
    for key in ("period", "geography"):
        if fact.get(key):
            parts.append(str(fact[key]))
    if fact.get("source"):
        parts.append(f"source {fact['source']}")
    if fact.get("forecast"):
        parts.append("forecast")
    return " · ".join(parts)


def _value(fact: Mapping) -> str:
    """The normalised value with its unit."""
    high = f"–{fact['value_high']:g}" if fact.get("value_high") is not None else ""
    return f"{fact['value']:g}{high} {fact['unit']}"


def _paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """(start, end) of the body's paragraphs (text between blank lines)."""
    bounds, start = [], 0
    for gap in PARAGRAPH_BREAK.finditer(body):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(body)))
    return [(a, b) for a, b in bounds if body[a:b].strip()]


def _pieces(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    """(start, end) of the words of text (runs of non-space), also cut at the given offsets."""
    pieces = []
    for word in WORD.finditer(text):
        a, b = word.span()
        inner = sorted(c for c in cuts if a < c < b)
        pieces += list(zip([a] + inner, inner + [b]))
    return pieces


def marked_paragraphs(body: str, facts: Iterable[object]) -> tuple[str, int]:
    """displaCy's span view of each paragraph with its facts' figures marked, and how many marks it made.

    The view puts a space after every token, so its tokens are the words of the text (cut where a figure starts
    or ends, so each mark covers its figure exactly): "$9.2 billion," reads as in the article, not "$ 9.2 billion ,".
    """
    records = [_record(f) for f in facts if _record(f).get("start_char") is not None]
    metrics = sorted({r["metric"] for r in records})
    colours: dict[str, str] = {}
    parsed, marks = [], 0
    for start, end in _paragraph_bounds(body):
        text = body[start:end]
        inside = [r for r in records if start <= r["start_char"] < r["end_char"] <= end]
        pieces = _pieces(text, {r[key] - start for r in inside for key in ("start_char", "end_char")})
        starts = {a: i for i, (a, _) in enumerate(pieces)}
        ends = {b: i + 1 for i, (_, b) in enumerate(pieces)}
        spans = []
        for r in inside:
            first, last = starts.get(r["start_char"] - start), ends.get(r["end_char"] - start)
            if first is None or last is None or last <= first:
                continue
            label = html.escape(fact_label(r))  # displaCy puts labels into the markup as they are
            colours[label.upper()] = METRIC_COLOURS[metrics.index(r["metric"]) % len(METRIC_COLOURS)]
            spans.append({"start_token": first, "end_token": last, "label": label})
        marks += len(spans)
        parsed.append({"text": text, "tokens": [text[a:b] for a, b in pieces], "spans": spans})
    if not parsed:
        return "", 0
    return displacy.render(parsed, style="span", manual=True, options={"colors": colours}), marks


def article_page(body: str, facts: Iterable[object], title: str | None = None, name: str | None = None,
                 published: datetime.date | str | None = None) -> str:
    """The whole page: a header, the article with its figures marked, and a table of its facts."""
    facts = list(facts)
    records = [_record(f) for f in facts]
    markup, marks = marked_paragraphs(body, records)
    meta = " · ".join(html.escape(str(part)) for part in (name, published) if part) or "&nbsp;"
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in (
            r.get("text") or "", r["metric"], _value(r), " + ".join(r.get("subject") or []), r.get("period") or "",
            r.get("geography") or "", r.get("source") or "", "yes" if r.get("forecast") else "")) + "</tr>"
        for r in records)
    return PAGE.format(title=html.escape(title or name or "article"), meta=meta, count=marks,
                       paragraphs=f'<div class="paragraph">{markup}</div>' if markup else "", rows=rows)

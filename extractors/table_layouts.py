"""How news lays tables out in text: finding the grid (caption, column headers, row labels, cells) of each table.

Two layouts are read:
- Markdown pipe tables (`| header | header |` / `|---|---|` / `| label | cell |`), empty header cells kept;
- tables flattened to one cell per line, as text copied from web pages looks: the column headers first and then each
  row's label and cells, or (the same lines transposed) the row labels first and then each column's header and cells.
  Cells may carry a trailing " |", a header may span two lines ("2021 Market" + "Share (%)"), a row may lack its label,
  and blank lines may or may not separate the rows.
Which orientation a table has does not matter here: the meaning of a cell is read from its row label and its column
header together (extractors/tables.py), whichever of them names the period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.periods import find_periods

# A value cell: a number with an optional sign, currency, scale, percent sign and footnote marker; or a blank marker.
VALUE_CELL = re.compile(r"^\(?[+\-−–]?\s*(?:[A-Z]{0,3}[$€£¥₹]|USD|EUR|RMB|CNY)?\s*"
                        r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                        r"(?:trillion|billion|million|thousand|tn|bn|mn|m|b|k)?\s*(?:%|pp|per ?cent)?\)?\s*[*†‡¹²³]*$",
                        re.IGNORECASE)
BLANK_CELL = re.compile(r"^(?:[-–—]+|n/?a|nm|n\.m\.|—%|-%)$", re.IGNORECASE)
YEAR_LIKE = re.compile(r"^(?:19|20)\d\d\s?[EFP]?\s*[*†‡¹²³]*$")
CAPTION = re.compile(r"^\s*(?:table|exhibit|figure|chart)\s*\d*\s*[.:—-]", re.IGNORECASE)
SEPARATOR_ROW = re.compile(r"\s*\|?[\s:|-]+\|?\s*")
MAX_CELL_CHARS = 80  # a longer line is prose, not a cell
MAX_CAPTION_CHARS = 200
MAX_UNLABELLED_PREFIX = 3  # lines before a flattened table's headers that may still be read as its caption


@dataclass(frozen=True)
class Cell:
    """One cell: its text and span in the body."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table read from text: caption, column headers, rows of (label, cells aligned to the headers).

    `label_header` heads the column of row labels ("Company", "Reporting Period"); `context` is the paragraph before
    the table (it may name the one company a table of figures is about); `note` is the line after it ("Source: ...").
    """

    caption: str
    headers: list[str]
    rows: list[tuple[str, list[Cell | None]]]
    label_header: str = ""
    context: str = ""
    note: str = ""


def is_value(text: str) -> bool:
    """A cell that holds a figure (or an explicit blank such as "-" or "n/a"), not a label; years are labels."""
    return not YEAR_LIKE.match(text) and bool(VALUE_CELL.match(text) or BLANK_CELL.match(text))


def find_tables(body: str) -> list[Table]:
    """Tables in either layout."""
    return pipe_tables(body) + flattened_tables(body)


def blocks(body: str) -> list[list[tuple[str, int]]]:
    """Paragraph blocks as lists of (line, start offset), split at blank lines."""
    out, current, pos = [], [], 0
    for line in body.split("\n"):
        if line.strip():
            current.append((line, pos))
        elif current:
            out.append(current)
            current = []
        pos += len(line) + 1
    if current:
        out.append(current)
    return out


def caption_like(line: str) -> bool:
    """A line that may be a table's caption: "Table 1. ...", a title ending in ":", or a short line that is no sentence."""
    line = line.strip()
    if CAPTION.match(line) or (line.endswith(":") and len(line) <= MAX_CAPTION_CHARS * 2):
        return True
    return 0 < len(line) <= MAX_CAPTION_CHARS and not line.endswith((".", "!", "?")) and not line.startswith("|")


# --- Markdown pipe tables ----------------------------------------------------------------------------------------

def pipe_tables(body: str) -> list[Table]:
    """Markdown tables: | header | header | / |---| / | label | cell |, with the caption and note around them."""
    tables = []
    parts = blocks(body)
    for i, block in enumerate(parts):
        first = next((k for k, (line, _) in enumerate(block) if line.strip().startswith("|")), None)
        if first is None:
            continue
        rows = [(line, pos) for line, pos in block[first:] if line.strip().startswith("|")]
        if len(rows) < 3 or not SEPARATOR_ROW.fullmatch(rows[1][0]):
            continue
        before = [line for line, _ in block[:first]]
        previous = [line for line, _ in parts[i - 1]] if i else []
        if before:
            caption = before[-1] if caption_like(before[-1]) else ""
            context = " ".join(before[:-1] if caption else before)
        elif len(previous) == 1 and caption_like(previous[0]):
            caption = previous[0]
            context = " ".join(line for line, _ in parts[i - 2]) if i >= 2 else ""
        else:
            caption, context = "", " ".join(previous)
        headers = [text for text, _, _ in split_pipe(*rows[0])]
        body_rows = []
        for line, pos in rows[2:]:
            cells = split_pipe(line, pos)
            if not cells:
                continue
            body_rows.append((cells[0][0], [Cell(t, s, e) if t and is_value(t) else None for t, s, e in cells[1:]]))
        following = parts[i + 1][0][0] if i + 1 < len(parts) else ""
        tables.append(Table(caption.strip(), headers[1:], body_rows, label_header=headers[0] if headers else "",
                            context=context, note=following.strip()))
    return tables


def split_pipe(line: str, pos: int) -> list[tuple[str, int, int]]:
    """Cells of a pipe-table line with their spans, empty cells included (an empty header heads the labels)."""
    stripped = line.rstrip()
    lead = len(line) - len(line.lstrip())
    inner_start = lead + 1 if line[lead:lead + 1] == "|" else lead
    inner_end = len(stripped) - 1 if stripped.endswith("|") and len(stripped) - 1 >= inner_start else len(stripped)
    cells, start = [], inner_start
    for piece in line[inner_start:inner_end].split("|"):
        text = piece.strip()
        offset = start + (len(piece) - len(piece.lstrip()))
        cells.append((text, pos + offset, pos + offset + len(text)))
        start += len(piece) + 1
    return cells


# --- one cell per line ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """A non-blank line read as one cell: its text without a trailing "|" and its span."""

    text: str
    start: int
    end: int
    short: bool


def cell_lines(body: str) -> list[Line]:
    """Every non-blank line that is not a pipe-table row, as a cell; a line that is only "|" is dropped."""
    out, pos = [], 0
    for raw in body.split("\n"):
        text = raw.strip()
        if text.endswith("|") and not text.startswith("|"):
            text = text[:-1].rstrip()
        if text and not raw.strip().startswith("|"):
            start = pos + raw.index(text[0])
            out.append(Line(text, start, start + len(text), len(text) <= MAX_CELL_CHARS))
        pos += len(raw) + 1
    return out


def flattened_tables(body: str) -> list[Table]:
    """Tables flattened to one cell per line: a run of short lines with headers, then labels each followed by cells."""
    lines = cell_lines(body)
    tables, i = [], 0
    while i < len(lines):
        if not lines[i].short or is_value(lines[i].text):
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].short and not is_value(lines[j].text):
            j += 1
        found = read_flattened(lines, i, j, body)
        if found is None:
            i = j if j > i else i + 1
            continue
        table, end = found
        tables.append(table)
        i = end
    return tables


def value_run(lines: list[Line], k: int) -> int:
    """How many value cells follow from line k."""
    n = k
    while n < len(lines) and lines[n].short and is_value(lines[n].text):
        n += 1
    return n - k


def read_flattened(lines: list[Line], i: int, j: int, body: str) -> tuple[Table, int] | None:
    """The table whose header lines are lines[i:j-1] and whose first row label is lines[j-1], if the shape holds."""
    if j - i < 2 or j >= len(lines):
        return None
    n = value_run(lines, j)
    if n == 0:
        return None
    rows: list[tuple[str, list[Cell | None]]] = []
    k = j - 1
    while k < len(lines):
        if lines[k].short and not is_value(lines[k].text) and value_run(lines, k + 1) % n == 0 < value_run(lines, k + 1):
            label, first = lines[k].text, k + 1  # more than n values: the rows after this one lost their labels
        elif rows and value_run(lines, k) % n == 0 < value_run(lines, k):
            label, first = "", k  # a row whose label was lost
        else:
            break
        rows.append((label, [None if BLANK_CELL.match(line.text) else Cell(line.text, line.start, line.end)
                             for line in lines[first:first + n]]))
        k = first + n
    heads = reconcile_headers([line.text for line in lines[i:j - 1]], n)
    if heads is None:
        return None
    dropped, label_header, headers = heads
    caption_lines = [line.text for line in lines[i:i + dropped]][-1:]
    context = ""
    if not caption_lines and i > 0:
        before = lines[i - 1]
        gap = body[before.end:lines[i].start]
        if gap.count("\n") <= 2 and caption_like(before.text):
            caption_lines = [before.text]
            context = lines[i - 2].text if i >= 2 else ""
        else:
            context = before.text
    elif i > 0:
        context = lines[i - 1].text
    note = lines[k].text if k < len(lines) else ""
    if len(rows) < 2 and not CAPTION.match(" ".join(caption_lines)):
        return None  # one row of figures is a table only under a "Table 1." caption
    return Table(" ".join(caption_lines), headers, rows, label_header=label_header, context=context, note=note), k


def reconcile_headers(heads: list[str], n: int) -> tuple[int, str, list[str]] | None:
    """(lines dropped to the caption, label header, n value headers) from the header lines of a table of n columns.

    A header may span two lines: a line naming a period followed by one that names none ("2021 Market" + "Share (%)")
    is one header when joining all such pairs gives the right count. Extra lines before the headers (at most a few)
    are the caption.
    """
    def has_period(text: str) -> bool:
        return any(p.period for p in find_periods(text, None))

    for want in (n + 1, n):
        if len(heads) == want:
            return 0, (heads[0] if want == n + 1 else ""), heads[-n:]
    pairs = [k for k in range(1, len(heads)) if has_period(heads[k - 1]) and not has_period(heads[k])]
    for want in (n + 1, n):
        if pairs and len(heads) - len(pairs) == want and all(b - a > 1 for a, b in zip(pairs, pairs[1:])):
            merged, skip = [], set(pairs)
            for k, head in enumerate(heads):
                if k in skip:
                    merged[-1] = f"{merged[-1]} {head}"
                else:
                    merged.append(head)
            return 0, (merged[0] if want == n + 1 else ""), merged[-n:]
    extra = len(heads) - (n + 1)
    if 0 < extra <= MAX_UNLABELLED_PREFIX:
        return extra, heads[extra], heads[extra + 1:]
    return None

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
                        r"(?:trillion|billion|million|thousand|tn|bn|mn|m|b|k)?\s*(?:%|pp|per ?cent)?\)?"
                        r"\s*[*†‡¹²³]*$",
                        re.IGNORECASE)
BLANK_CELL = re.compile(r"^(?:[-–—]+|n/?a|nm|n\.m\.|—%|-%)$", re.IGNORECASE)
YEAR_LIKE = re.compile(r"^(?:19|20)\d\d\s?[EFP]?\s*[*†‡¹²³]*$")
CAPTION = re.compile(r"^\s*(?:table|exhibit|figure|chart)\s*\d*\s*[.:—-]", re.IGNORECASE)
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*\S)?)\1")
RANK = re.compile(r"^#?\d{1,3}\.?$")
SEPARATOR_ROW = re.compile(r"\s*\|?[\s:|-]+\|?\s*")
MAX_CELL_CHARS = 80  # a longer line is prose, not a cell
MAX_CAPTION_CHARS = 200
MAX_CONTEXT_LINES = 20  # lines of the paragraph before a table read for the company it is about
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
    pipes, pipe_lines = read_pipe_tables(body)
    return pipes + flattened_tables(body, pipe_lines)


def caption_like(line: str) -> bool:
    """A line that may be a table's caption: "Table 1. ...", a title ending in ":", or a short line, no sentence."""
    line = line.strip()
    if CAPTION.match(line) or (line.endswith(":") and len(line) <= MAX_CAPTION_CHARS * 2):
        return True
    return 0 < len(line) <= MAX_CAPTION_CHARS and not line.endswith((".", "!", "?")) and not line.startswith("|")


# --- Markdown pipe tables ----------------------------------------------------------------------------------------

def pipe_tables(body: str) -> list[Table]:
    """Markdown tables: | header | header | / |---| / | label | cell |, with the caption and note around them.

    Rows may be separated by blank lines (as HTML tables come out of the article reader) and the outer pipes may be
    left out ("Provider | 2024" / "---|---").
    """
    return read_pipe_tables(body)[0]


def read_pipe_tables(body: str) -> tuple[list[Table], set[int]]:
    """The pipe tables of the body, and the start offsets of the lines they take up (header, separator, rows)."""
    tables, taken = [], set()
    if "|" not in body:  # every table line holds one (most bodies: no line to look at)
        return tables, taken
    lines = body_lines(body)
    k = 0
    while k < len(lines):
        text, pos = lines[k]
        sep = next_nonblank(lines, k + 1)
        if "|" not in text or sep is None or not is_separator(lines[sep][0]):
            k += 1
            continue
        outer = text.strip().startswith("|")
        raw_rows, end, r = [], sep, next_nonblank(lines, sep + 1)
        while r is not None and "|" in lines[r][0] and not is_separator(lines[r][0]) \
                and (lines[r][0].strip().startswith("|") or not outer):
            raw_rows.append(split_pipe(*lines[r]))
            end, r = r, next_nonblank(lines, r + 1)
        headers, raw_rows = header_rows([h for h, _, _ in split_pipe(text, pos)], raw_rows)
        if len(headers) > 2 and raw_rows and all(RANK.match(row[0][0]) for row in raw_rows):
            headers, raw_rows = headers[1:], [row[1:] for row in raw_rows]  # a rank column: the label is next
        rows = [(row[0][0], [Cell(t, s, e) if t and is_value(t) else None for t, s, e in row[1:]])
                for row in raw_rows if row]
        if rows:
            caption, context = caption_before(lines, k)
            tables.append(Table(caption, headers[1:], rows, label_header=headers[0], context=context,
                                note=lines[r][0].strip() if r is not None else ""))
        taken.update(pos for _, pos in lines[k:end + 1])
        k = end + 1
    return tables, taken


def header_rows(headers: list[str], rows: list[list[tuple[str, int, int]]]) -> tuple[list[str], list]:
    """Headers completed by the rows under them that hold no figures but periods ("| | 2024 | 2023 |"); there, a
    header left empty beside a spanning one ("Three months ended June 30," over two columns) takes its text."""
    def continues(row: list[tuple[str, int, int]]) -> bool:
        return (not any(t and is_value(t) for t, _, _ in row[1:])
                and any(find_periods(t, None) for t, _, _ in row[1:] if t))

    if not rows or not continues(rows[0]):
        return headers, rows
    top = list(headers)
    for c in range(2, len(top)):
        if not top[c] and top[c - 1]:
            top[c] = top[c - 1]
    while rows and continues(rows[0]):
        texts = [t for t, _, _ in rows[0]]
        top = [f"{h} {texts[c]}".strip() if c < len(texts) else h for c, h in enumerate(top)]
        rows = rows[1:]
    return top, rows


def body_lines(body: str) -> list[tuple[str, int]]:
    """Every line of the body with its start offset, blank lines included."""
    out, pos = [], 0
    for line in body.split("\n"):
        out.append((line, pos))
        pos += len(line) + 1
    return out


def next_nonblank(lines: list[tuple[str, int]], k: int) -> int | None:
    """The index of the first non-blank line from k on, if any."""
    while k < len(lines) and not lines[k][0].strip():
        k += 1
    return k if k < len(lines) else None


def is_separator(line: str) -> bool:
    """The |---|---| line under a pipe table's header."""
    return "-" in line and "|" in line and bool(SEPARATOR_ROW.fullmatch(line))


def caption_before(lines: list[tuple[str, int]], k: int) -> tuple[str, str]:
    """(caption, context) of a table whose header is line k: the line just before it when it reads as a caption
    (in the same paragraph, or a one-line paragraph of its own), and the paragraph before that."""
    def paragraph_ending(j: int) -> tuple[list[str], int]:
        start = j
        while start > 0 and lines[start - 1][0].strip() and j - start < MAX_CONTEXT_LINES:
            start -= 1
        return [line for line, _ in lines[start:j + 1]], start

    j = k - 1
    if j < 0:
        return "", ""
    if lines[j][0].strip():  # text right above the header, in the same paragraph
        para, start = paragraph_ending(j)
        if caption_like(para[-1]):
            return para[-1].strip(), " ".join(para[:-1])
        return "", " ".join(para)
    while j >= 0 and not lines[j][0].strip():
        j -= 1
    if j < 0:
        return "", ""
    para, start = paragraph_ending(j)
    if len(para) == 1 and caption_like(para[0]):
        before = start - 1
        while before >= 0 and not lines[before][0].strip():
            before -= 1
        return para[0].strip(), " ".join(paragraph_ending(before)[0]) if before >= 0 else ""
    return "", " ".join(para)


def split_pipe(line: str, pos: int) -> list[tuple[str, int, int]]:
    """Cells of a pipe-table line with their spans, empty cells included (an empty header heads the labels)."""
    stripped = line.rstrip()
    lead = len(line) - len(line.lstrip())
    inner_start = lead + 1 if line[lead:lead + 1] == "|" else lead
    inner_end = len(stripped) - 1 if stripped.endswith("|") and len(stripped) - 1 >= inner_start else len(stripped)
    cells, start = [], inner_start
    for piece in line[inner_start:inner_end].split("|"):
        text, offset = unemphasised(piece.strip(), start + (len(piece) - len(piece.lstrip())))
        cells.append((text, pos + offset, pos + offset + len(text)))
        start += len(piece) + 1
    return cells


def unemphasised(text: str, offset: int) -> tuple[str, int]:
    """A cell's text without Markdown emphasis around it ("**Total**" -> "Total"), and where that text starts."""
    m = EMPHASIS.fullmatch(text)
    return (m.group(2), offset + m.start(2)) if m else (text, offset)


# --- one cell per line ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """A non-blank line read as one cell: its text without a trailing "|" and its span."""

    text: str
    start: int
    end: int
    short: bool


def cell_lines(body: str, skip: set[int] | None = None) -> list[Line]:
    """Every non-blank line that is not a pipe-table row (or starts at an offset in `skip`), as a cell; a line that is
    only "|" is dropped."""
    out, pos = [], 0
    for raw in body.split("\n"):
        text = raw.strip()
        if text.endswith("|") and not text.startswith("|"):
            text = text[:-1].rstrip()
        if text and not raw.strip().startswith("|") and not (skip and pos in skip):
            text, start = unemphasised(text, pos + raw.index(text[0]))
            out.append(Line(text, start, start + len(text), len(text) <= MAX_CELL_CHARS))
        pos += len(raw) + 1
    return out


def flattened_tables(body: str, skip: set[int] | None = None) -> list[Table]:
    """Tables flattened to one cell per line: a run of short lines with headers, then labels each followed by cells."""
    lines = cell_lines(body, skip)
    runs = value_runs(lines)
    tables, i = [], 0
    while i < len(lines):
        if not lines[i].short or is_value(lines[i].text):
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].short and not is_value(lines[j].text):
            j += 1
        found = read_flattened(lines, runs, i, j, body)
        if found is None:
            i = j if j > i else i + 1
            continue
        table, end = found
        tables.append(table)
        i = end
    return tables


def value_runs(lines: list[Line]) -> list[int]:
    """For each line (and one past the end), how many value cells follow from it."""
    runs = [0] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        runs[k] = runs[k + 1] + 1 if lines[k].short and is_value(lines[k].text) else 0
    return runs


def read_flattened(lines: list[Line], runs: list[int], i: int, j: int, body: str) -> tuple[Table, int] | None:
    """The table whose header lines are lines[i:j-1] and whose first row label is lines[j-1], if the shape holds."""
    if j - i < 2 or j >= len(lines):
        return None
    n = runs[j]
    if n == 0:
        return None
    rows: list[tuple[str, list[Cell | None]]] = []
    k = j - 1
    while k < len(lines):
        following = runs[k + 1]
        if lines[k].short and not is_value(lines[k].text) and following % n == 0 < following:
            label, first = lines[k].text, k + 1  # more than n values: the rows after this one lost their labels
        elif rows and runs[k] % n == 0 < runs[k]:
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

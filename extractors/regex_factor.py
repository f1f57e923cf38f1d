"""Word-list alternations rewritten as tries, with the same matches.

`re` tries the alternatives of `\\b(?:will|would|expects?|...)` one after the other at every word start (a
case-blind literal gets no first-character shortcut), so a list of fifty words costs fifty attempts. A trie shares
prefixes: `w(?:ill|ould)` fails on "t" once. Reordering alternatives can change which one wins, so the rewrite
keeps leftmost-first order wherever it matters:

- An alternative that is a finite set of ASCII strings (`expects?`, `the (?:two|three) top`) is expanded into its
  strings in the order `re` tries them; any other alternative is kept as written ("opaque") and never moved.
- Two strings conflict when both can lead to a match at one position: one is a prefix of the other (case-blind),
  unless what follows the group rules the shorter out wherever the longer one stands (a `\\b` after the group
  and word characters on both sides of the cut; `\\s` after the group and no space after the cut). Strings that
  do not conflict never both succeed at a position, so their order does not matter.
- Strings are put, in list order, into blocks; a string joins the earliest block it may move into: no item of a
  later block conflicts with it and no member of the block is a conflicting prefix of it (a trie tries a longer
  string first). Each block is written as a trie (longer first), blocks and opaque alternatives in order.
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as parser

from extractors.regex_gate import structure, top_level_branches
from extractors.regex_starts import start_class

MAX_STRINGS = 256  # an alternative expanding to more strings stays opaque
_HEAD = "\\b(?:"


def _expand(items) -> list[str] | None:
    """The strings a sequence of parse items matches, in the order re tries them; None when it is not a short
    finite set of ASCII strings without groups, flags or look-arounds."""
    found = [""]
    for op, av in items:
        if op is C.LITERAL:
            options = [chr(av)] if av < 128 else None
        elif op is C.IN:
            options = [chr(v) for kind, v in av if kind is C.LITERAL and v < 128]
            options = options if len(options) == len(av) else None  # a class: one character, order irrelevant
        elif op is C.SUBPATTERN:
            group, add_flags, del_flags, body = av
            options = _expand(body) if group is None and not add_flags and not del_flags else None
        elif op is C.BRANCH:
            options = []
            for branch in av[1]:
                expanded = _expand(branch)
                if expanded is None:
                    return None
                options += expanded
        elif op is C.MAX_REPEAT and av[0] == 0 and av[1] == 1:  # greedy `?`: with it first, then without
            body = _expand(av[2])
            options = None if body is None else body + [""]
        else:
            return None
        if options is None or len(found) * len(options) > MAX_STRINGS:
            return None
        found = [head + tail for head in found for tail in options]
    return found


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Follow:
    """What the pattern demands right after the group: a word boundary, or a whitespace character."""

    def __init__(self, rest: str) -> None:
        self.boundary = rest.startswith("\\b")
        self.space = rest.startswith("\\s")

    def rules_out(self, shorter: str, longer: str) -> bool:
        """Whether the group ending after `shorter` cannot be followed by a match where `longer` stands."""
        next_char = longer[len(shorter)]
        if self.boundary:
            return bool(shorter) and _word(shorter[-1]) and _word(next_char)
        return self.space and not next_char.isspace()


def _conflict(a, b, follow: _Follow) -> bool:
    """Whether two items may both lead to a match at one position (opaque items are compiled patterns)."""
    if isinstance(a, str) and isinstance(b, str):
        x, y = a.lower(), b.lower()
        if len(x) > len(y):
            x, y = y, x
        return y.startswith(x) and (x == y or not follow.rules_out(x, y))
    opaque, other = (a, b) if not isinstance(a, str) else (b, a)
    starts = start_class(opaque.pattern, opaque.flags)
    if starts is None or not isinstance(other, str) or not other:
        return True
    return re.match(starts, other[0], re.IGNORECASE) is not None


def _trie(strings: list[str]) -> str:
    """A pattern of the strings, longer ones first where one is a prefix of another."""
    trie: dict = {}
    for string in strings:
        node = trie
        for char in string.lower():
            node = node.setdefault(char, {})
        node[None] = {}
    return _node(trie)


def _node(node: dict) -> str:
    branches = [re.escape(char) + _node(child) for char, child in sorted(node.items(), key=lambda kv: kv[0] or "")
                if char is not None]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if None in node else body


def factor_alternatives(branches: list[str], rest: str, flags: int) -> str:
    """The alternation of `branches` (each a pattern), followed by `rest`, as blocks of tries; the same matches."""
    follow = _Follow(rest)
    blocks: list[list] = []  # each: ["trie", strings...] or ["opaque", compiled]
    for branch in branches:
        strings = _expand(parser.parse(branch, flags).data) if branch else None
        if strings is None or "" in strings:
            blocks.append(["opaque", re.compile(branch, flags)])
            continue
        for string in strings:
            if any(isinstance(s, str) and s.lower() == string.lower() for b in blocks if b[0] == "trie" for s in b[1:]):
                continue  # a repeated string never wins where its first copy lost
            target = None
            for index in range(len(blocks) - 1, -1, -1):
                block = blocks[index]
                if block[0] == "trie" and not any(string.lower().startswith(s.lower()) and _conflict(s, string, follow)
                                                  for s in block[1:]):
                    target = block
                if any(_conflict(item, string, follow) for item in block[1:]):
                    break
            if target is None:
                blocks.append(["trie", string])
            else:
                target.append(string)
    parts = [_trie(b[1:]) if b[0] == "trie" else b[1].pattern for b in blocks]
    return "(?:" + "|".join(parts) + ")"


def factored(pattern: str, flags: int) -> str:
    """The pattern with each top-level alternative (or group holding the whole of one) of the form
    `\\b(?:word|word|...)rest` given factored word lists (factor_alternatives): the same matches."""
    return "|".join(_factor_piece(piece, flags) for piece in top_level_branches(pattern))


def _factor_piece(piece: str, flags: int) -> str:
    if piece.startswith("(?:") and _group_end(piece, 0) == len(piece) - 1:
        return "(?:" + factored(piece[3:-1], flags) + ")"
    return _factor_record(piece, flags)


def _group_end(pattern: str, open_at: int) -> int | None:
    """The index of the ")" that closes the "(" at `open_at`."""
    depth = 0
    for i, char in structure(pattern[open_at:]):
        if char != "|":
            depth += 1 if char == "(" else -1
            if depth == 0:
                return open_at + i
    return None


def _factor_record(record: str, flags: int) -> str:
    if not record.startswith(_HEAD):
        return record
    end = _group_end(record, 2)
    if end is None:
        return record
    rest = record[end + 1:]
    if rest[:1] in ("?", "*", "+", "{"):
        return record  # the group is repeated: left alone
    return "\\b" + factor_alternatives(top_level_branches(record[len(_HEAD):end]), rest, flags) + rest

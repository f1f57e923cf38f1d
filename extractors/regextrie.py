"""Literal word lists as trie-shaped regular expressions.

Python's `re` tries the branches of an alternation one after the other at every position, so a list
of hundreds of surfaces costs hundreds of attempts per position. A trie shares prefixes: each
position costs one attempt per character. Longer surfaces are tried before their prefixes, so the
pattern prefers the same match as the longest-first alternation it replaces.
"""
from __future__ import annotations

import re
from typing import Iterable

_END = ""  # trie key marking that a surface ends at this node


def trie_pattern(surfaces: Iterable[str], space: str = " ") -> str:
    """A regex matching exactly the surfaces (longest first), with each space written as `space`.

    Surfaces have single spaces between words and none at either end: with `space` a repeat such
    as `[ ]+`, "a  b" or "a " would make the trie prefer another match than the alternation.
    """
    trie: dict = {}
    for surface in surfaces:
        if not surface or surface != surface.strip(" ") or "  " in surface:
            raise ValueError(f"surface {surface!r} is empty or has leading, trailing or double spaces")
        node = trie
        for char in surface:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not trie:
        raise ValueError("a trie pattern needs at least one surface")
    return "(?:" + _node_pattern(trie, space) + ")"


def _node_pattern(node: dict, space: str) -> str:
    """The pattern for the continuations of one trie node."""
    branches = [(space if char == " " else re.escape(char)) + _node_pattern(child, space)
                for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"  # greedy: the longer surface first, then the one ending here
    return body

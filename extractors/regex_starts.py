"""The characters a pattern's matches can begin with, as a regex class, read from the pattern's parse tree.

`re` tries a pattern that begins with a look-around or a group at every position, entering each alternative
(a trie, a lookbehind) before it fails. A lookahead for the class of the characters the alternative's matches can
begin with (`led`) makes most attempts fail with one class test, with the same matches: a match begins with one
of those characters, so the lookahead never turns one away. The class may hold categories (\\d, \\w) and the
case of each inline group is followed. `led` serves pieces of a pattern being written; `regex_gate.first_char_filter`
puts a compiled pattern behind the same class.
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as parser

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w",
               C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S"}
# Non-ASCII characters a case-blind ASCII letter matches (re's Unicode case folding).
CASE_BLIND_ASCII = (("İ", "i"), ("ı", "i"), ("ſ", "s"), ("K", "k"))
_EMPTY = ""  # in an atom set: the items may match nothing, so what follows them may begin the match


def _char_atoms(code: int, case_blind: bool) -> set[str] | None:
    """Class atoms matching the character (all its case variants when case-blind); None: a cased non-ASCII
    character under case-blind matching, whose variants are not listed here."""
    char = chr(code)
    if not case_blind:
        return {re.escape(char)}
    if not char.isascii():
        return {re.escape(char)} if char.lower() == char.upper() else None
    variants = {char, char.lower(), char.upper()}
    variants |= {other for other, ascii_char in CASE_BLIND_ASCII if ascii_char in variants}
    return {re.escape(variant) for variant in variants}


def _class_atoms(items, case_blind: bool) -> set[str] | None:
    """Atoms of a (non-negated) class's items; None for what is not read here."""
    atoms: set[str] = set()
    for kind, value in items:
        if kind is C.LITERAL:
            found = _char_atoms(value, case_blind)
        elif kind is C.RANGE:
            low, high = value
            found = {f"{re.escape(chr(low))}-{re.escape(chr(high))}"}
            if case_blind:
                if high > 127:
                    return None
                found |= set().union(*(_char_atoms(code, True) for code in range(low, high + 1)))
        elif kind is C.CATEGORY and value in _CATEGORIES:  # a category is the same set case-blind
            found = {_CATEGORIES[value]}
        else:
            return None
        if found is None:
            return None
        atoms |= found
    return atoms


def _sequence_atoms(items, case_blind: bool) -> set[str] | None:
    """Atoms of the characters a match of the parse items can begin with (_EMPTY among them: it may be empty)."""
    atoms: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: the next item reads the first character
        if op is C.LITERAL:
            found = _char_atoms(av, case_blind)
        elif op is C.IN:
            found = _class_atoms(av, case_blind)
        elif op is C.SUBPATTERN:
            _, add_flags, del_flags, body = av
            blind = (case_blind or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            found = _sequence_atoms(body, blind)
        elif op is C.ATOMIC_GROUP:
            found = _sequence_atoms(av, case_blind)
        elif op is C.BRANCH:
            branches = [_sequence_atoms(branch, case_blind) for branch in av[1]]
            found = None if None in branches else set().union(*branches)
        elif op in _REPEATS:
            found = _sequence_atoms(av[2], case_blind)
            if found is not None and av[0] == 0:
                found = found | {_EMPTY}
        else:
            return None
        if found is None:
            return None
        if _EMPTY not in found:
            return atoms | found
        atoms |= found - {_EMPTY}
    return atoms | {_EMPTY}


def start_class(pattern: str, flags: int = 0) -> str | None:
    """A class ("[...]") holding every character a match of the pattern can begin with; None when the pattern may
    match empty or begins with something not read here (a back reference, a negated class, case-blind Unicode)."""
    if flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None
    atoms = _sequence_atoms(parser.parse(pattern, flags).data, bool(flags & re.IGNORECASE))
    if atoms is None or _EMPTY in atoms or not atoms:
        return None
    return "[" + "".join(sorted(atoms)) + "]"


def led(pattern: str) -> str:
    """The pattern (a piece of a larger one, no flags of its own) behind a lookahead for its start_class; as it is
    when no class is found."""
    found = start_class(pattern)
    return pattern if found is None else f"(?={found})(?:{pattern})"

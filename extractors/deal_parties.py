"""The parties of a deal (FACTS.md: a deal value's subject is the parties named in its sentence, buyer and target):
besides the company the subject rules chose, the counterparty named after the figure in its clause ("a $27 billion
financing agreement with Blue Owl Capital", "a US$14.2 billion agreement to supply computing power to Meta")."""
from __future__ import annotations

import re

from extractors.drafts import CLAUSE_BREAK, Draft, Sentence

COUNTERPARTY_GAP = re.compile(r"[^.;:()]{0,60}?\b(?:with|to|from|by)\s+(?:the\s+)?$", re.IGNORECASE)
GAP_LIMIT = 80


def add_counterparty(d: Draft, sentence: Sentence) -> None:
    """Add to a deal's subject the company its clause names as the other party after the figure."""
    if d.metric != "deal_value" or not d.subject or d.copied_from is not None:
        return
    for company in sentence.companies:
        gap = sentence.text[d.end:company.start_char]
        if company.start_char < d.end or len(gap) > GAP_LIMIT or CLAUSE_BREAK.search(gap):
            continue
        if COUNTERPARTY_GAP.fullmatch(gap) and company.canonical not in d.subject:
            d.subject = (*d.subject, company.canonical)
            d.rule += "+counterparty"
        return  # only the first company after the figure can be the other party

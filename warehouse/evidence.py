"""Where a fact's figure sits in its sentence, found by the fact's offsets into its article's body."""
from __future__ import annotations

# Characters of the body shown on each side of a figure whose stored sentence is not found around it.
CONTEXT_CHARS = 200


def figure_in_sentence(body: str, sentence: str, start_char: int, end_char: int) -> tuple[str, str, str]:
    """The fact's sentence as (before, figure, after), split at body[start_char:end_char].

    The sentence is looked up where it encloses the offsets, never by searching for the figure's text (which
    would find "8.6%" inside "18.6%"). Should the stored sentence not be there verbatim, the body's own line
    around the offsets stands in for it; offsets outside the body give the sentence unmarked.
    """
    body, sentence = body or "", sentence or ""
    if not 0 <= start_char <= end_char <= len(body):
        return sentence, "", ""
    if sentence:
        # Occurrences s with s <= start_char and end_char <= s + len(sentence): the sentence encloses the figure.
        sentence_start = body.rfind(sentence, max(0, end_char - len(sentence)), start_char + len(sentence))
        if sentence_start >= 0:
            start, end = start_char - sentence_start, end_char - sentence_start
            return sentence[:start], sentence[start:end], sentence[end:]
    line_start = max(body.rfind("\n", 0, start_char) + 1, start_char - CONTEXT_CHARS)
    line_end = body.find("\n", end_char)
    line_end = min(len(body) if line_end < 0 else line_end, end_char + CONTEXT_CHARS)
    return body[line_start:start_char], body[start_char:end_char], body[end_char:line_end]

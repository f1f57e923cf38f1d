"""YAML front matter: the metadata block between "---" lines at the top of an article file."""
from __future__ import annotations

import re
from typing import Any

import yaml

_FRONT_MATTER_OPEN = "---"
_FRONT_MATTER_CLOSE = ("---", "...")


# libyaml's parser when PyYAML was built with it (the wheels are): 7x faster on front matter than the pure-Python one.
_SafeLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_SafeLoaderBase):  # type: ignore[misc, valid-type]
    """SafeLoader that keeps every plain scalar as the text written (YAML 1.2 style), but for empty and null.

    PyYAML resolves YAML 1.1 types: `title: 1:30` became 90, `010` 8, `yes` True, `url: 0x1F` 31 and
    `outlet: NO` False. Front matter holds text and an ISO date, which build_article reads from text.
    Quoted scalars, flow collections and explicit tags (`!!int 3`) are read as before.
    """

    yaml_implicit_resolvers: dict = {}


_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _construct_timestamp_or_string(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Build a date/datetime from an explicit !!timestamp scalar, or return the scalar text if it is no real date."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_TextLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_or_string)


def split_front_matter(text: str) -> tuple[dict[Any, Any] | None, str, str | None] | str:
    """Split text into (front-matter mapping or None, body, warning), or return why the front matter is unusable."""
    first_line, _, remaining = text.partition("\n")
    if first_line.rstrip(" \t") != _FRONT_MATTER_OPEN:
        return None, text, None
    yaml_lines: list[str] = []
    while remaining:
        line, newline, remaining = remaining.partition("\n")
        if line.rstrip(" \t") in _FRONT_MATTER_CLOSE:
            metadata = _load_front_matter("\n".join(yaml_lines))
            note = None
            if isinstance(metadata, str):
                simple = _simple_key_values(yaml_lines)
                if simple is None:
                    return metadata
                metadata, note = simple, f"{metadata}; read as plain 'key: value' lines"
            return metadata, _drop_leading_blank_lines(remaining), note
        yaml_lines.append(line)
    return "front matter is not closed"


def _load_front_matter(yaml_text: str) -> dict[Any, Any] | str:
    """Parse the front-matter YAML into a mapping, or return why it cannot be used."""
    try:
        loaded = yaml.load(yaml_text, Loader=_TextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        return f"front matter is not valid YAML: {_short_yaml_error(error)}"
    except yaml.YAMLError as error:
        return f"front matter is not valid YAML: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
    except RecursionError:
        return "front matter is not valid YAML: nested too deeply"
    if loaded is None:
        return {}  # "---\n---" : empty front matter
    if not isinstance(loaded, dict):
        return "front matter is not a mapping"
    return loaded


_YAML_STRUCTURE_STARTS = set("[{|>&*!%@`")
_KEY_VALUE_LINE = re.compile(r"^([A-Za-z_][\w-]*):(?:\s+(.*?))?\s*$")


def _simple_key_values(lines: list[str]) -> dict[str, str] | None:
    """Front matter that YAML refuses but is plainly `key: value` per line (e.g. a title with a colon)."""
    metadata: dict[str, str] = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE_LINE.match(line)
        if match is None:
            return None
        value = (match.group(2) or "").strip()  # YAML refused these lines: " #" is text here ("the #1 story")
        if value[:1] in _YAML_STRUCTURE_STARTS:
            return None
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        metadata[match.group(1)] = value
    return metadata or None


def _short_yaml_error(error: yaml.MarkedYAMLError) -> str:
    """One line from a PyYAML error: the problem and its line in the file (the front matter starts on line 2)."""
    problem = error.problem or error.context or "syntax error"
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return problem
    return f"{problem} (line {mark.line + 2}, column {mark.column + 1})"


def _drop_leading_blank_lines(text: str) -> str:
    """Remove the whole blank (or whitespace-only) lines at the start of text, keeping the next line's indent."""
    while True:
        line, newline, rest = text.partition("\n")
        if not newline or line.strip(" \t"):
            return text
        text = rest

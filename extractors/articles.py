"""Find article files on disk and read them into Articles, rejecting anything unsafe or unreadable."""
from __future__ import annotations

import datetime
import errno
import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import re

import yaml

DEFAULT_MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".md", ".txt", ".html", ".htm", ".jsonl")

_FRONT_MATTER_OPEN = "---"
_FRONT_MATTER_CLOSE = ("---", "...")
_TEXT_FIELDS = ("title", "url", "outlet")
_MAX_REPR_CHARS = 60
# Extraction time grows with the square of a sentence's length: 10,000 characters take ~2 s, 1 MB hours,
# so the pipeline rejects longer runs before extraction (parsing itself accepts them).

# Checked in order, so longer signatures that share a prefix must come first.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"PK\x07\x08", "zip archive"),
    (b"%PDF-", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
)

# UTF-32 BOMs start with the UTF-16 ones, so they are tried first.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)


@dataclass(frozen=True)
class Article:
    """One article read from disk: its metadata from the front matter and its body."""

    article_id: str  # SHA-256 hex of the body (UTF-8 encoded)
    name: str  # file name without extension ("c017.md" -> "c017")
    source_path: str
    title: str | None
    url: str | None
    outlet: str | None
    published: datetime.date | None
    body: str
    warnings: tuple[str, ...] = ()  # things we repaired or ignored, e.g. "decoded as windows-1252"
    file_sha256: str | None = None  # SHA-256 hex of the bytes of the file it was read from; None for feed entries
    # Which source this is, whatever its name: the path for a file; path#name for a JSON Lines line; feed#entry id
    # for a feed entry. A new body from the same source is a new version of the article; None means source_path.
    source_key: str | None = None


@dataclass(frozen=True)
class Rejected:
    """A path that did not yield an article, with the reason a person can act on."""

    source_path: str
    reason: str


class _DecodeFailure(Exception):
    """Raised inside this module when bytes cannot be turned into text; carries the rejection reason."""


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


def printable(text: str) -> str:
    """Text that UTF-8 can store: lone surrogates (from a bad file name or an escaped \\udcff) shown as escapes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def printable_path(path: str | os.PathLike) -> str:
    """A path as storable text: the bytes of a name that is not valid UTF-8 shown as \\xNN."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return os.fsencode(text).decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return printable(text)


def is_storable(text: str) -> bool:
    """Whether text can be stored as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


NAME_NOT_UTF8 = "file name is not valid UTF-8 (undecodable bytes shown as \\xNN); rename the file"


# ---------------------------------------------------------------------------
# Discovery
# ---------------------------------------------------------------------------


def discover_files(paths: Iterable[str | Path], allow_outside_links: bool = False) -> Iterator[Path | Rejected]:
    """Yield article files under the given files and folders (folders recursively, sorted), or Rejected.

    A symbolic link whose target lies outside the given folders (and the folders of the given files) is
    rejected, unless allow_outside_links: `ln -s /etc/passwd inbox/passwd.md` must not become an article.
    """
    paths = list(paths)
    scanned_dirs: dict[tuple[int, int], str] = {}
    links = _LinkGuard(None if allow_outside_links else _given_roots(paths))
    for given in paths:
        try:
            yield from _discover_one(given, scanned_dirs, links)
        except Exception as error:  # never let one bad argument stop the others
            yield Rejected(printable_path(given), f"unexpected error: {type(error).__name__}: {error}")


def _given_roots(paths: list) -> list[str]:
    """The real paths of the folders given, and of the folders holding the files given."""
    roots = []
    for given in paths:
        if not isinstance(given, (str, Path)) or str(given) == "" or not is_storable(str(given)):
            continue
        path = Path(given)
        try:
            roots.append(os.path.realpath(path if path.is_dir() else path.parent))
        except (OSError, ValueError):
            continue
    return roots


@dataclass(frozen=True)
class _LinkGuard:
    """Which symbolic links may be followed: those whose targets stay inside `roots` (None: any)."""

    roots: list[str] | None

    def refusal(self, path: Path) -> Rejected | None:
        """A Rejected for a link at path that leaves the roots, else None."""
        if self.roots is None or not os.path.islink(path):
            return None
        target = os.path.realpath(path)
        if any(os.path.commonpath([target, root]) == root for root in self.roots):
            return None
        return Rejected(str(path), f"symbolic link to {printable_path(target)}, outside the folders given on the "
                                   "command line; --allow-outside-links reads it")


def _discover_one(given: str | Path, scanned_dirs: dict[tuple[int, int], str],
                  links: _LinkGuard = _LinkGuard(None)) -> Iterator[Path | Rejected]:
    """Yield the article files for one path given on the command line."""
    if not isinstance(given, (str, Path)):
        yield Rejected(repr(given), f"not a path: {type(given).__name__}")
        return
    if str(given) == "":
        yield Rejected("", "empty path")
        return
    path = Path(given)
    if not is_storable(str(path)):
        yield Rejected(printable_path(path), NAME_NOT_UTF8)
        return
    status = _stat_or_reason(path)
    refusal = links.refusal(path)
    if refusal is not None and not isinstance(status, str) and not stat.S_ISDIR(status.st_mode):
        yield refusal  # a given file that links out of its folder (a given folder link is the user's choice)
    elif isinstance(status, str):
        yield Rejected(str(path), status)
    elif stat.S_ISDIR(status.st_mode):
        yield from _walk_directory(path, status, scanned_dirs, links)
    elif stat.S_ISREG(status.st_mode):
        yield _readable_file_or_rejected(path)
    else:
        yield Rejected(str(path), f"not a regular file ({_file_kind(status.st_mode)})")


def _walk_directory(
    root: Path, root_status: os.stat_result, scanned_dirs: dict[tuple[int, int], str],
    links: _LinkGuard = _LinkGuard(None),
) -> Iterator[Path | Rejected]:
    """Depth-first walk in name order, yielding article files and Rejected for loops and unreadable entries."""
    root_key = (root_status.st_dev, root_status.st_ino)
    if root_key in scanned_dirs:
        yield Rejected(str(root), f"directory already scanned as {scanned_dirs[root_key]}")
        return
    scanned_dirs[root_key] = str(root)
    # Each frame: the directory, its (dev, inode) and the sorted entries still to visit.
    stack: list[tuple[Path, tuple[int, int], Iterator[str]]] = []
    listing = _sorted_names_or_reason(root)
    if isinstance(listing, str):
        yield Rejected(str(root), listing)
        return
    stack.append((root, root_key, iter(listing)))
    while stack:
        directory, _, names = stack[-1]
        name = next(names, None)
        if name is None:
            stack.pop()
            continue
        if name.startswith("."):
            continue  # hidden files and folders (.git, editor lock files, macOS "._" forks)
        path = directory / name
        status = _stat_or_reason(path)
        if not is_storable(name):  # the run stores paths as text: reject the entry, not the whole run
            if isinstance(status, str) or stat.S_ISDIR(status.st_mode) or _has_article_suffix(path):
                yield Rejected(printable_path(path), NAME_NOT_UTF8)
            continue
        if isinstance(status, str):
            if _has_article_suffix(path) or status in ("symbolic link loop", "file name too long"):
                yield Rejected(str(path), status)
            continue
        if stat.S_ISDIR(status.st_mode) or _has_article_suffix(path):
            refusal = links.refusal(path)
            if refusal is not None:
                yield refusal
                continue
        if stat.S_ISDIR(status.st_mode):
            key = (status.st_dev, status.st_ino)
            ancestors = {frame_key: frame_dir for frame_dir, frame_key, _ in stack}
            if key in ancestors:
                yield Rejected(str(path), f"symbolic link loop back to {ancestors[key]}")
                continue
            if key in scanned_dirs:
                yield Rejected(str(path), f"directory already scanned as {scanned_dirs[key]}")
                continue
            scanned_dirs[key] = str(path)
            listing = _sorted_names_or_reason(path)
            if isinstance(listing, str):
                yield Rejected(str(path), listing)
                continue
            stack.append((path, key, iter(listing)))
        elif _has_article_suffix(path):
            if stat.S_ISREG(status.st_mode):
                yield _readable_file_or_rejected(path)
            else:
                yield Rejected(str(path), f"not a regular file ({_file_kind(status.st_mode)})")


def _has_article_suffix(path: Path) -> bool:
    """True when the file name ends in one of ARTICLE_SUFFIXES, ignoring case."""
    return path.suffix.lower() in ARTICLE_SUFFIXES


def _readable_file_or_rejected(path: Path) -> Path | Rejected:
    """Return the path when the current user may read it, otherwise a Rejected."""
    if os.access(path, os.R_OK):
        return path
    return Rejected(str(path), "permission denied")


def _sorted_names_or_reason(directory: Path) -> list[str] | str:
    """Entry names of a directory in sorted order, or why it cannot be listed."""
    try:
        return sorted(os.listdir(directory))
    except OSError as error:
        return f"cannot list directory: {_os_error_reason(error)}"


def _stat_or_reason(path: Path) -> os.stat_result | str:
    """os.stat (following symlinks), or a readable reason when that fails."""
    try:
        return os.stat(path)
    except OSError as error:
        if error.errno == errno.ENOENT and os.path.islink(path):
            return "broken symbolic link"
        return _os_error_reason(error)
    except ValueError as error:  # e.g. an embedded NUL character in the path
        return f"invalid path: {error}"


def _os_error_reason(error: OSError) -> str:
    """Human-readable reason for a failed file-system call."""
    reasons = {
        errno.ENOENT: "path does not exist",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "symbolic link loop",
        errno.EISDIR: "is a directory",
        errno.ENOTDIR: "a parent of this path is not a directory",
        errno.ENAMETOOLONG: "file name too long",
    }
    return reasons.get(error.errno, f"cannot access: {error.strerror or error}")


def _file_kind(mode: int) -> str:
    """Name of the kind of a non-regular file, for messages."""
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISDIR(mode):
        return "directory"
    return "special file"


# ---------------------------------------------------------------------------
# Reading one file
# ---------------------------------------------------------------------------


def read_article(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, today: datetime.date | None = None
) -> Article | Rejected:
    """Read one file into an Article, refusing files over max_bytes before reading them."""
    source_path = str(path)
    try:
        raw = read_bytes_or_reason(Path(path), max_bytes)
        if isinstance(raw, str):
            return Rejected(source_path, raw)
        return stamp_file_sha256(parse_article(raw, Path(path).stem, source_path, today=today), raw_sha256(raw))
    except Exception as error:
        return Rejected(source_path, f"unexpected error: {type(error).__name__}: {error}")


def raw_sha256(raw: bytes) -> str:
    """SHA-256 hex of a file's bytes: what a run compares to skip a file it read before."""
    return hashlib.sha256(raw).hexdigest()


def stamp_file_sha256(result: Article | Rejected, digest: str) -> Article | Rejected:
    """An Article marked with the hash of the file bytes it came from; a Rejected as it is."""
    return replace(result, file_sha256=digest) if isinstance(result, Article) else result


def file_sha256_or_none(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """SHA-256 hex of a file's bytes, or None when read_article would not read it (missing, too large, ...)."""
    try:
        raw = read_bytes_or_reason(Path(path), max_bytes)
    except Exception:  # reading is ingest's job: it records the reason
        return None
    return None if isinstance(raw, str) else raw_sha256(raw)


def read_bytes_or_reason(path: Path, max_bytes: int) -> bytes | str:
    """The file's bytes, or why they were not read (missing, not a file, too large, unreadable)."""
    status = _stat_or_reason(path)
    if isinstance(status, str):
        return status
    if not stat.S_ISREG(status.st_mode):  # opening a FIFO would block forever
        return f"not a regular file ({_file_kind(status.st_mode)})"
    if status.st_size > max_bytes:
        return f"file is {_human_size(status.st_size)}, over the {_human_size(max_bytes)} limit"
    try:
        with open(path, "rb") as handle:
            # Sized by stat, not max_bytes: read(n) allocates n bytes first (~20 us a file at 5 MB).
            raw = handle.read(status.st_size + 1)
            if len(raw) > status.st_size:  # it grew after stat: read on, up to one byte over the limit
                raw += handle.read(max_bytes + 1 - len(raw))
    except OSError as error:
        return _os_error_reason(error)
    if len(raw) > max_bytes:  # the file grew after stat
        return f"file is over the {_human_size(max_bytes)} limit"
    return raw


def _human_size(size: int) -> str:
    """A byte count as '812 bytes', '3.4 kB' or '6.2 MB' (decimal units)."""
    if size < 1_000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


# ---------------------------------------------------------------------------
# Parsing bytes
# ---------------------------------------------------------------------------


def parse_article(
    raw: bytes, name: str, source_path: str, today: datetime.date | None = None
) -> Article | Rejected:
    """Turn a file's bytes into an Article (decoding, front matter, metadata), or a Rejected saying why not."""
    try:
        return _parse_article(raw, name, source_path, today or datetime.date.today())
    except Exception as error:
        return Rejected(source_path, f"unexpected error: {type(error).__name__}: {error}")


def _parse_article(raw: bytes, name: str, source_path: str, today: datetime.date) -> Article | Rejected:
    """parse_article without the last-resort exception guard."""
    if not raw:
        return Rejected(source_path, "empty file")
    kind = binary_kind(raw)
    if kind:
        return Rejected(source_path, f"binary content ({kind})")
    try:
        text, warnings = _decode(raw)
    except _DecodeFailure as failure:
        return Rejected(source_path, str(failure))
    if "\x00" in text:
        return Rejected(source_path, "binary content (NUL characters)")
    text = normalise_line_ends(text)
    if not text:
        return Rejected(source_path, "no text (only a byte-order mark)")
    if not text.strip():
        return Rejected(source_path, "no text (only whitespace)")

    split = _split_front_matter(text)
    if isinstance(split, str):
        return Rejected(source_path, split)
    metadata, body, note = split
    if note:
        warnings = [*warnings, note]
    if metadata is None:
        return build_article(name, source_path, {}, text, warnings, today)
    if not body.strip():
        return Rejected(source_path, "front matter but no body")
    return build_article(name, source_path, metadata, body, warnings, today)


def binary_kind(raw: bytes) -> str | None:
    """What kind of binary file these bytes are (by magic number or NUL bytes), or None for possible text."""
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            return kind
    if any(raw.startswith(mark) for mark, _ in _BYTE_ORDER_MARKS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in raw:
        return "contains NUL bytes"
    return None


def _decode(raw: bytes) -> tuple[str, list[str]]:
    """Decode bytes to text: BOM-marked UTF-8/16/32, plain UTF-8, else Windows-1252/Latin-1 if it looks like text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw[len(mark):].decode(encoding), []
            except UnicodeDecodeError as error:
                raise _DecodeFailure(f"invalid {encoding.upper()} text: {error.reason} at byte {error.start}")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for fallback in ("windows-1252", "latin-1"):
        try:
            text = raw.decode(fallback)
        except UnicodeDecodeError:
            continue  # windows-1252 leaves five bytes undefined; Latin-1 decodes everything
        if looks_like_text(text):
            return text, [f"decoded as {fallback}"]
    raise _DecodeFailure("not valid UTF-8 and not recognisable text")


def looks_like_text(text: str) -> bool:
    """True when a decoding is plausible prose: mostly ASCII, hardly any control characters, mostly letters."""
    if not text:
        return False
    ascii_count = sum(1 for char in text if char < "\x80")
    control_count = sum(
        1 for char in text if char not in "\n\r\t" and unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn")
    )
    visible = [char for char in text if not char.isspace()]
    letter_count = sum(1 for char in visible if char.isalpha())
    return (
        ascii_count >= 0.7 * len(text)
        and control_count <= 0.01 * len(text)
        and bool(visible)
        and letter_count >= 0.5 * len(visible)
    )


def normalise_line_ends(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str) -> tuple[dict[Any, Any] | None, str, str | None] | str:
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


def build_article(
    name: str,
    source_path: str,
    metadata: dict[Any, Any],
    body: str,
    warnings: list[str],
    today: datetime.date,
) -> Article:
    """Assemble the Article, coercing metadata fields and collecting warnings about ignored values."""
    text_fields: dict[str, str | None] = {}
    for field_name in _TEXT_FIELDS:
        value, warning = _coerce_text(field_name, metadata.get(field_name))
        text_fields[field_name] = value
        if warning:
            warnings.append(warning)
    published, warning = _coerce_published(metadata.get("published"), today)
    if warning:
        warnings.append(warning)
    return Article(
        article_id=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        name=name,
        source_path=source_path,
        title=text_fields["title"],
        url=text_fields["url"],
        outlet=text_fields["outlet"],
        published=published,
        body=body,
        warnings=tuple(warnings),
    )


def _coerce_text(field_name: str, value: Any) -> tuple[str | None, str | None]:
    """A scalar metadata value as stripped text (None when absent or empty), plus a warning when ignored."""
    if value is None:
        return None, None
    if isinstance(value, (list, dict, set, tuple, bytes)):
        return None, f"{field_name} is not a single value; ignored"
    text = str(value).strip()
    return (text or None), None


def _coerce_published(value: Any, today: datetime.date) -> tuple[datetime.date | None, str | None]:
    """The published date from a date, datetime or ISO string, or None with a warning explaining why."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    published = _as_date(value)
    if published is None:
        return None, f"published is not a date: {_short_repr(value)}"
    if published > today + datetime.timedelta(days=1):
        return None, f"published {published.isoformat()} is in the future; ignored"
    return published, None


def _as_date(value: Any) -> datetime.date | None:
    """Interpret a front-matter value as a calendar date, or None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        candidate = value.strip()
        try:
            return datetime.date.fromisoformat(candidate)
        except ValueError:
            pass
        try:
            return datetime.datetime.fromisoformat(candidate).date()
        except ValueError:
            return None
    return None


def _short_repr(value: Any) -> str:
    """repr() of a value, cut to a length fit for a warning."""
    if isinstance(value, (list, dict, set, tuple)):
        return f"a {type(value).__name__}"  # repr of a nested structure may be huge
    text = repr(value)
    return text if len(text) <= _MAX_REPR_CHARS else text[: _MAX_REPR_CHARS - 3] + "..."

"""Find article files on disk and read their bytes, rejecting anything unsafe or unreadable."""
from __future__ import annotations

import datetime
import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from extractors.articles import NAME_NOT_UTF8, Article, Rejected, is_storable, parse_article, printable_path

DEFAULT_MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".md", ".txt", ".html", ".htm", ".jsonl")


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

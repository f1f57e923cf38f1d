"""Writing output files safely: never through a link we did not create, never over a folder, all or nothing."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO


class OutputRefused(RuntimeError):
    """An output path that cannot be written safely (a folder, a link, a file where a folder should be, ...)."""


def check_target(path: Path) -> None:
    """Refuse a path that holds anything but a regular file: a link is not followed, a folder not replaced."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputRefused(f"cannot write {path}: {error.strerror or error}") from error
    if stat.S_ISLNK(status.st_mode):
        raise OutputRefused(f"refusing to write {path}: it is a symbolic link; remove it or choose another path")
    if stat.S_ISDIR(status.st_mode):
        raise OutputRefused(f"refusing to write {path}: it is a folder; give a file path")
    if not stat.S_ISREG(status.st_mode):
        raise OutputRefused(f"refusing to write {path}: it is not a regular file")


def prepare_folder(folder: Path) -> None:
    """Make sure folder is a folder (creating it and its parents), or refuse."""
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{folder} exists and is not a folder; give a folder (new or existing) for --out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputRefused(f"cannot create the folder {folder}: {error.strerror or error}") from error


@contextmanager
def writing_all(targets: list[Path]) -> Iterator[list[BinaryIO]]:
    """Open a new temporary file beside each target; when the block succeeds, move every one into place.

    The temporary files are created with O_EXCL under random names (mkstemp), so a link planted under
    a predictable name is never followed; nothing replaces a target until all are written, and a target
    that is a link or a folder is refused before anything is written.
    """
    for target in targets:
        check_target(target)
        prepare_folder(target.parent)
    temporary: list[Path] = []
    try:
        with ExitStack() as stack:
            handles = []
            for target in targets:
                descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
                temporary.append(Path(name))
                handles.append(stack.enter_context(os.fdopen(descriptor, "wb")))
            yield handles
        for target in targets:
            check_target(target)  # again: it may have changed while we wrote
        for name, target in zip(temporary, targets):
            os.replace(name, target)  # replaces the name itself, never what a link there points to
    finally:
        for name in temporary:
            name.unlink(missing_ok=True)

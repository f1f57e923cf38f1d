"""Opening the cloudfacts DuckDB file (one writer process at a time) and migrating its schema."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import duckdb

from warehouse.sql_files import MIGRATIONS_DIR, VIEWS_DIR, load_query

DEFAULT_DB_PATH = "data/cloudfacts.duckdb"
DB_PATH_ENV_VAR = "CLOUDFACTS_DB"
# Never fetch or load extensions: DuckDB would otherwise try to download one to read a SQLite file given as --db.
NO_EXTENSIONS = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}
# Readers may not touch files or change settings: run_sql hands them arbitrary user SQL.
READER_CONFIG = {"enable_external_access": False, "lock_configuration": True, **NO_EXTENSIONS}
# A DuckDB file: three 4 KiB headers, then its blocks; the main header holds "DUCK" at byte 8.
_DUCKDB_HEADERS_BYTES = 3 * 4096
_DUCKDB_MAGIC = (8, b"DUCK")
# DuckDB draws a progress bar on stdout for a long statement (a migration over a big table) even when stdout
# is a pipe; it would land in the run's log. A session setting, so the writer sets it after connecting.
NO_PROGRESS_BAR = "SET enable_progress_bar = false"
# DuckDB's default (80% of RAM) lets the writer's block cache grow with the warehouse: +157 MB at
# 50,000 articles in benchmarks/README.md. Loading batches needs little; warehouse.load raises the
# limit for a batch that needs more.
WRITER_MEMORY_LIMIT = 128 * 1024 * 1024

_MIGRATION_FILE_PATTERN = re.compile(r"^(\d+)_(\w+)\.sql$")
_FIRST_RETRY_SECONDS = 0.05
_MAX_RETRY_SECONDS = 1.0


class DatabaseBusy(RuntimeError):
    """Another connection holds the database file's lock."""


class DatabaseUnusable(RuntimeError):
    """--db names something that is not, and cannot become, a cloudfacts DuckDB file."""


class MigrationError(RuntimeError):
    """The migration files and the database's recorded migrations disagree."""


class Migration(NamedTuple):
    """One migration file: warehouse/migrations/NNN_name.sql."""

    version: int
    name: str
    path: Path


def as_date(day: object) -> dt.date | None:
    """A date value (published, period_start, ...) as a date: accepts date, datetime, ISO string, '' or None."""
    if day is None or day == "":
        return None
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    return dt.date.fromisoformat(str(day))


def utc_now() -> dt.datetime:
    """Current UTC time as a naive datetime (all warehouse TIMESTAMPs are UTC)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def resolve_db_path(cli_value: str | None) -> Path:
    """Database path from the CLI value, else $CLOUDFACTS_DB, else the default (the writer creates its folder)."""
    chosen = cli_value or os.environ.get(DB_PATH_ENV_VAR) or DEFAULT_DB_PATH
    return Path(chosen).expanduser()


def check_db_file(path: str | os.PathLike) -> None:
    """Raise DatabaseUnusable when path cannot hold the warehouse: in memory, a folder, SQLite, not DuckDB, unreadable.

    A missing file is fine here (the writer creates it; readers say it is missing).
    """
    text = str(path)
    if text == "" or text.startswith(":memory:"):
        raise DatabaseUnusable(f"--db {text or repr(text)} is an in-memory database: nothing would be saved; "
                               "give a file path")
    db_path = Path(path)
    try:
        status = db_path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise DatabaseUnusable(f"cannot use {db_path} as the database: {error.strerror or error}") from error
    if stat.S_ISDIR(status.st_mode):
        raise DatabaseUnusable(f"{db_path} is a folder, not a cloudfacts DuckDB file; give a file path as --db")
    if not stat.S_ISREG(status.st_mode):
        raise DatabaseUnusable(f"{db_path} is not a regular file, so it cannot be the DuckDB database")
    try:
        with open(db_path, "rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise DatabaseUnusable(f"cannot read {db_path}: {error.strerror or error}") from error
    if head.startswith(b"SQLite format 3\x00"):
        raise DatabaseUnusable(f"{db_path} is a SQLite database, not a cloudfacts DuckDB file")
    offset, magic = _DUCKDB_MAGIC
    if head[offset:offset + len(magic)] != magic:
        what = "an empty file" if not head else "not a DuckDB database file"
        raise DatabaseUnusable(f"{db_path} is {what}; give a cloudfacts DuckDB file (or a new path) as --db")


def check_db(path: str | os.PathLike) -> None:
    """check_db_file, and for an existing file that nobody holds, that it opens and is whole; else DatabaseUnusable."""
    check_db_file(path)
    if not Path(path).is_file():
        return
    try:
        connect_reader(path).close()
    except DatabaseBusy:
        return  # held by a writer: the run waits for it (--lock-wait) and checks it then


def _check_whole(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Raise DatabaseUnusable when the file is too short to hold the blocks it uses (a truncated copy).

    Free blocks at the end may be cut from the file, so only the blocks in use must all fit in it.
    """
    (block_size, used_blocks), = con.execute(
        "SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = current_database()"
    ).fetchall()
    expected = _DUCKDB_HEADERS_BYTES + int(block_size) * int(used_blocks)
    size = os.path.getsize(db_path)
    if size < expected:
        raise DatabaseUnusable(f"{db_path} is truncated: {size} bytes, too few for the {used_blocks} blocks it "
                               f"uses ({expected} bytes); restore it from a copy")


def _unusable(db_path: Path, error: Exception) -> DatabaseUnusable:
    """A one-line DatabaseUnusable from DuckDB's error on opening db_path."""
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return DatabaseUnusable(f"cannot open {db_path} as a cloudfacts database: {first_line}")


def _is_lock_conflict(error: duckdb.Error) -> bool:
    """True when DuckDB refused to open the file because someone else holds it."""
    message = str(error)
    if isinstance(error, duckdb.IOException):
        return "Could not set lock" in message or "Conflicting lock" in message
    # Same process: the file is already open with another configuration (reader vs writer).
    return isinstance(error, duckdb.ConnectionException) and "different configuration" in message


_LOCK_HOLDER_PID = re.compile(r"\(PID (\d+)\)")
_CLOUDFACTS_COMMANDS = ("run", "serve", "sql", "show", "report", "export", "extract")


def lock_holder(error: Exception) -> str:
    """Who holds the file, from DuckDB's lock error ("... held in /path/python (PID 123)") and /proc: what to say.

    A `cloudfacts sql` query (or show, report, export) holds it as a reader; another run as a writer; else some
    other process, named by its command line.
    """
    match = _LOCK_HOLDER_PID.search(str(error))
    if match is None:
        return "another process"
    pid = match.group(1)
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            args = [a.decode("utf-8", "replace") for a in handle.read().split(b"\0") if a]
    except OSError:
        return f"another process (PID {pid})"
    # The program itself, or the script or module a Python interpreter runs: never any later argument (a pytest run
    # given the folder tests/cloudfacts is not a cloudfacts run).
    for index, arg in enumerate(args[:3]):
        program = index == 0 or (index == 1 and Path(args[0]).name.startswith("python"))
        module = index == 2 and arg == "flows.cli" and args[1] == "-m"
        if (program and Path(arg).name == "cloudfacts") or module:
            command = next((a for a in args[index + 1:] if a in _CLOUDFACTS_COMMANDS), None)
            if command in ("run", "serve", None):
                return f"another cloudfacts run (PID {pid})"
            return f"a `cloudfacts {command}` (PID {pid}; `sql` stops at its --timeout)"
    # The program by its name (not its folder, which can be long), then its arguments, on one line.
    shown = " ".join(" ".join([Path(args[0]).name, *args[1:]] if args else []).split())
    return f"another process (PID {pid}: {shown[:80] + '...' if len(shown) > 80 else shown})"


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit on success; roll back and re-raise on any error."""
    con.begin()
    try:
        yield
        con.commit()
    except BaseException:
        con.rollback()
        raise


def connect_writer(path: str | os.PathLike, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the database read-write, waiting up to wait_seconds for its lock, then migrate it."""
    db_path = Path(path)
    check_db_file(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnusable(f"cannot create the folder of {db_path}: {error.strerror or error}") from error
    deadline = time.monotonic() + wait_seconds
    retry_seconds = _FIRST_RETRY_SECONDS
    while True:
        try:
            con = duckdb.connect(str(db_path), config=NO_EXTENSIONS)
            break
        except duckdb.Error as error:
            if not _is_lock_conflict(error):
                raise _unusable(db_path, error) from error
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseBusy(
                    f"database is busy: {lock_holder(error)} holds {db_path} "
                    f"(waited {wait_seconds:g} s); try again later"
                ) from error
            time.sleep(min(retry_seconds, remaining))
            retry_seconds = min(retry_seconds * 2, _MAX_RETRY_SECONDS)
    try:
        _check_whole(con, db_path)
        con.execute(f"SET memory_limit = '{WRITER_MEMORY_LIMIT}B'")
        con.execute(NO_PROGRESS_BAR)
        migrate(con)
        apply_views(con)
    except BaseException:
        con.close()
        raise
    return con


def connect_reader(path: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """Open the database read-only, without file access or settings changes."""
    db_path = Path(path)
    check_db_file(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(
            f"no cloudfacts database at {db_path}: run the pipeline first to create it, "
            f"or point to another file (--db or ${DB_PATH_ENV_VAR})"
        )
    try:
        con = duckdb.connect(str(db_path), read_only=True, config=READER_CONFIG)
    except duckdb.Error as error:
        if _is_lock_conflict(error):
            raise DatabaseBusy(
                f"database is busy: a run is writing to {db_path}; queries work again when it finishes"
            ) from error
        raise _unusable(db_path, error) from error
    try:
        _check_whole(con, db_path)
    except BaseException:
        con.close()
        raise
    return con


def discover_migrations(migrations_dir: Path) -> list[Migration]:
    """Migration files in migrations_dir, ordered by version."""
    migrations = []
    for sql_path in sorted(migrations_dir.glob("*.sql")):
        match = _MIGRATION_FILE_PATTERN.match(sql_path.name)
        if match is None:
            raise MigrationError(f"migration file {sql_path} is not named NNN_name.sql")
        migrations.append(Migration(int(match.group(1)), match.group(2), sql_path))
    migrations.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migration files share a version number in {migrations_dir}")
    return migrations


def _file_checksum(sql_path: Path) -> str:
    """sha256 of a SQL file, ignoring line-ending style."""
    text = sql_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def migrate(con: duckdb.DuckDBPyConnection, migrations_dir: Path | None = None) -> list[int]:
    """Apply pending migrations in order, one transaction each; return the versions applied now."""
    migrations = discover_migrations(Path(migrations_dir) if migrations_dir else MIGRATIONS_DIR)
    con.execute(load_query("create_schema_migrations"))
    applied_rows = con.execute(load_query("applied_migrations")).fetchall()
    recorded_checksums = {version: checksum for version, _name, checksum in applied_rows}
    known_versions = {migration.version for migration in migrations}
    unknown_versions = sorted(set(recorded_checksums) - known_versions)
    if unknown_versions:
        raise MigrationError(
            f"the database has migrations {unknown_versions} that this cloudfacts does not know; "
            "it was written by a newer version"
        )
    applied_now = []
    for migration in migrations:
        checksum = _file_checksum(migration.path)
        if migration.version in recorded_checksums:
            recorded_checksum = recorded_checksums[migration.version]
            if recorded_checksum is not None and recorded_checksum != checksum:
                raise MigrationError(
                    f"migration {migration.path.name} was edited after it was applied; "
                    "add a new migration instead"
                )
            continue
        con.begin()
        try:
            con.execute(migration.path.read_text(encoding="utf-8"))
            con.execute(
                load_query("record_migration"),
                {"version": migration.version, "name": migration.name, "applied_at": utc_now(), "checksum": checksum},
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied_now.append(migration.version)
    return applied_now


def apply_views(con: duckdb.DuckDBPyConnection, views_dir: Path | None = None) -> None:
    """(Re)create every view in warehouse/views/ in one transaction, in file-name order."""
    view_paths = sorted(Path(views_dir or VIEWS_DIR).glob("*.sql"))
    con.begin()
    try:
        for view_path in view_paths:
            con.execute(view_path.read_text(encoding="utf-8"))
        con.commit()
    except BaseException:
        con.rollback()
        raise

"""Tests for reading article files: discovery, decoding, front matter and metadata coercion."""
from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import os
import pickle
import shutil
import socket
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.article_files import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, discover_files, read_article, read_bytes_or_reason
from extractors.articles import Article, Rejected, parse_article

T = TypeVar("T")
TODAY = datetime.date(2025, 5, 1)
WELL_FORMED = (
    "---\n"
    "title: AWS to invest $15 billion in Japan\n"
    "url: https://example.com/aws-japan\n"
    "published: 2024-01-19\n"
    "outlet: Example Wire\n"
    "---\n"
    "\n"
    "Amazon Web Services said on Friday it plans to invest $15 billion.\n"
)
WELL_FORMED_BODY = "Amazon Web Services said on Friday it plans to invest $15 billion.\n"


def parse(raw: bytes | str, name: str = "c017") -> Article | Rejected:
    """parse_article with a fixed today, accepting text for brevity."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return parse_article(data, name, f"/articles/{name}.md", today=TODAY)


def parsed_article(raw: bytes | str) -> Article:
    """parse() that must produce an Article."""
    result = parse(raw)
    assert isinstance(result, Article), result
    return result


def rejection_reason(raw: bytes | str) -> str:
    """parse() that must produce a Rejected; returns its reason."""
    result = parse(raw)
    assert isinstance(result, Rejected), result
    return result.reason


def sha256_hex(text: str) -> str:
    """The article_id the contract prescribes for a body."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- well-formed input -------------------------------------------------------


def test_well_formed_article_has_metadata_and_body_after_blank_lines() -> None:
    article = parsed_article(WELL_FORMED)
    assert article.name == "c017"
    assert article.source_path == "/articles/c017.md"
    assert article.title == "AWS to invest $15 billion in Japan"
    assert article.url == "https://example.com/aws-japan"
    assert article.outlet == "Example Wire"
    assert article.published == datetime.date(2024, 1, 19)
    assert article.body == WELL_FORMED_BODY
    assert article.article_id == sha256_hex(WELL_FORMED_BODY)
    assert article.warnings == ()


def test_file_without_front_matter_is_all_body() -> None:
    text = "Cloud spending reached $86 billion.\n\nSecond paragraph.\n"
    article = parsed_article(text)
    assert article.body == text
    assert (article.title, article.url, article.outlet, article.published) == (None, None, None, None)


def test_closing_line_may_be_three_dots() -> None:
    article = parsed_article("---\ntitle: T\n...\nBody.\n")
    assert (article.title, article.body) == ("T", "Body.\n")


def test_blank_lines_after_front_matter_are_removed_but_indent_and_trailing_space_kept() -> None:
    article = parsed_article("---\ntitle: T\n---\n\n  \n\t\n    Indented body.  \n\n")
    assert article.body == "    Indented body.  \n\n"


def test_empty_front_matter_is_an_article_without_metadata() -> None:
    article = parsed_article("---\n---\nBody.\n")
    assert (article.title, article.body) == (None, "Body.\n")


def test_same_body_under_two_names_has_same_article_id() -> None:
    first = parse(WELL_FORMED, name="a")
    second = parse("---\ntitle: Other title\n---\n" + WELL_FORMED_BODY, name="b")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.name != second.name
    assert first.article_id == second.article_id


def test_megabyte_body_without_sentence_end_is_fine() -> None:
    body = "word " * 200_000
    article = parsed_article("---\ntitle: Long\n---\n" + body)
    assert article.body == body
    assert len(article.body) == 1_000_000


# --- empty and binary ----------------------------------------------------------


def test_empty_file_is_rejected() -> None:
    assert rejection_reason(b"") == "empty file"


@pytest.mark.parametrize("raw", [b" ", b"\n\n\r\n\t  \n", "\u00a0\u2003\n".encode("utf-8")])
def test_whitespace_only_is_rejected(raw: bytes) -> None:
    assert rejection_reason(raw) == "no text (only whitespace)"


def test_byte_order_mark_only_is_rejected() -> None:
    assert rejection_reason(b"\xef\xbb\xbf") == "no text (only a byte-order mark)"


@pytest.mark.parametrize("after", ["", "\n", "\n\n   \n\t\n"])
def test_front_matter_without_body_is_rejected(after: str) -> None:
    assert rejection_reason("---\ntitle: Nothing here\n---" + after) == "front matter but no body"


def png_bytes() -> bytes:
    """The start of a real PNG file."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def zip_bytes() -> bytes:
    """A zip archive holding one Markdown file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.md", "---\ntitle: zipped\n---\nBody\n")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (png_bytes(), "PNG image"),
        (gzip.compress(WELL_FORMED.encode()), "gzip archive"),
        (zip_bytes(), "zip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
        (b"GIF87a\x01\x00\x01\x00", "GIF image"),
        (b"Plain looking text\x00with a NUL byte", "contains NUL bytes"),
    ],
)
def test_binary_content_is_rejected_naming_the_kind(raw: bytes, kind: str) -> None:
    assert rejection_reason(raw) == f"binary content ({kind})"


# --- encodings and line ends -------------------------------------------------------


def test_utf8_bom_is_stripped() -> None:
    article = parsed_article(b"\xef\xbb\xbf" + WELL_FORMED.encode("utf-8"))
    assert article.title == "AWS to invest $15 billion in Japan"
    assert article.body == WELL_FORMED_BODY
    assert article.warnings == ()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(encoding: str) -> None:
    text = WELL_FORMED.replace("Japan", "Japan \u2014 \u00a5") + "Caf\u00e9 \u4e91\n"
    raw = text.encode(encoding)
    if encoding != "utf-16":  # the -le/-be codecs write no BOM; add the matching one
        raw = ("\ufeff".encode(encoding)) + raw
    article = parsed_article(raw)
    assert article.title == "AWS to invest $15 billion in Japan \u2014 \u00a5"
    assert article.body.endswith("Caf\u00e9 \u4e91\n")
    assert article.warnings == ()


def test_invalid_utf16_is_rejected() -> None:
    assert rejection_reason(b"\xff\xfeA\x00\x00\xd8").startswith("invalid UTF-16-LE text")


def test_windows_1252_text_is_decoded_with_warning() -> None:
    text = "---\ntitle: Caf\u00e9 \u201ccloud\u201d \u2013 \u20ac5bn\n---\nSpending hit \u20ac5 billion \u2014 up 12%.\n"
    article = parsed_article(text.encode("windows-1252"))
    assert article.title == "Caf\u00e9 \u201ccloud\u201d \u2013 \u20ac5bn"
    assert article.body == "Spending hit \u20ac5 billion \u2014 up 12%.\n"
    assert article.warnings == ("decoded as windows-1252",)


def test_latin1_only_bytes_fall_back_to_latin1() -> None:
    # 0x81 is undefined in windows-1252, so only Latin-1 can decode this.
    raw = ("Na\u00efve caf\u00e9 prose about cloud computing and data centres. " * 3).encode("latin-1") + b"\x81"
    article = parsed_article(raw)
    assert article.warnings == ("decoded as latin-1",)


def test_invalid_utf8_that_is_not_text_is_rejected() -> None:
    raw = bytes(range(1, 256)) * 4
    assert rejection_reason(raw) == "not valid UTF-8 and not recognisable text"


def test_crlf_and_lone_cr_become_lf_before_parsing() -> None:
    raw = "---\r\ntitle: T\r\n---\r\n\r\nLine one.\r\nLine two.\rLine three.\r\n"
    article = parsed_article(raw)
    assert article.title == "T"
    assert article.body == "Line one.\nLine two.\nLine three.\n"
    assert article.article_id == sha256_hex(article.body)


# --- front matter errors ------------------------------------------------------------


def test_invalid_yaml_is_rejected_with_short_error() -> None:
    reason = rejection_reason("---\ntitle: [unclosed\n---\nBody.\n")
    assert reason.startswith("front matter is not valid YAML: ")
    assert "\n" not in reason
    assert "line" in reason


def test_title_with_a_colon_is_read_as_plain_key_value_lines() -> None:
    article = parsed_article("---\ntitle: Analysts: cloud spending up\npublished: 2024-02-03\n---\n\nUp 12%.\n")
    assert article.title == "Analysts: cloud spending up"
    assert article.published == datetime.date(2024, 2, 3)
    assert article.body == "Up 12%.\n"
    assert len(article.warnings) == 1 and "read as plain 'key: value' lines" in article.warnings[0]


def test_unclosed_front_matter_is_rejected() -> None:
    assert rejection_reason("---\ntitle: T\nBody without closing line.\n") == "front matter is not closed"
    assert rejection_reason("---") == "front matter is not closed"


@pytest.mark.parametrize("yaml_text", ["- a\n- b", "just a scalar", "42"])
def test_front_matter_that_is_not_a_mapping_is_rejected(yaml_text: str) -> None:
    assert rejection_reason(f"---\n{yaml_text}\n---\nBody.\n") == "front matter is not a mapping"


def test_deeply_nested_front_matter_is_rejected_not_raised() -> None:
    reason = rejection_reason("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n")
    assert reason.startswith("front matter is not valid YAML")


# --- metadata coercion ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("published_yaml", "warning"),
    [
        ("yesterday", "published is not a date: 'yesterday'"),
        ("12", "published is not a date: '12'"),  # kept as the text written (YAML 1.2, no 1.1 typing)
        ("2024-13-45", "published is not a date: '2024-13-45'"),
        ("[2024, 1, 19]", "published is not a date: a list"),
    ],
)
def test_published_that_is_not_a_date_is_dropped_with_warning(published_yaml: str, warning: str) -> None:
    article = parsed_article(f"---\ntitle: T\npublished: {published_yaml}\n---\nUp 12%.\n")
    assert article.published is None
    assert article.warnings == (warning,)
    assert article.body == "Up 12%.\n"


@pytest.mark.parametrize(
    "published_yaml",
    ["2024-01-19", "'2024-01-19'", "2024-01-19T08:30:00Z", "2024-01-19 08:30:00", "'2024-01-19T08:30:00+09:00'"],
)
def test_published_as_date_datetime_or_iso_string(published_yaml: str) -> None:
    article = parsed_article(f"---\npublished: {published_yaml}\n---\nBody.\n")
    assert article.published == datetime.date(2024, 1, 19)
    assert article.warnings == ()


def test_published_in_the_future_is_ignored_with_warning() -> None:
    article = parsed_article("---\npublished: 2031-01-01\n---\nBody.\n")
    assert article.published is None
    assert article.warnings == ("published 2031-01-01 is in the future; ignored",)


def test_published_tomorrow_is_tolerated_for_time_zones() -> None:
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert parsed_article(f"---\npublished: {tomorrow}\n---\nBody.\n").published == tomorrow


def test_text_fields_are_coerced_from_scalars_and_empty_becomes_none() -> None:
    article = parsed_article("---\ntitle: 2024\nurl: ''\noutlet: '   '\n---\nBody.\n")
    assert (article.title, article.url, article.outlet) == ("2024", None, None)
    assert article.warnings == ()


def test_text_field_that_is_a_structure_is_ignored_with_warning() -> None:
    article = parsed_article("---\ntitle: [a, b]\noutlet: {name: X}\n---\nBody.\n")
    assert (article.title, article.outlet) == (None, None)
    assert article.warnings == ("title is not a single value; ignored", "outlet is not a single value; ignored")


def test_unknown_front_matter_keys_are_ignored() -> None:
    article = parsed_article("---\ntitle: T\ntags: [cloud, ai]\n---\nBody.\n")
    assert article.title == "T"
    assert article.warnings == ()


# --- property tests -------------------------------------------------------------------


def assert_well_formed_result(result: Article | Rejected) -> None:
    """Invariants every parse_article result must satisfy."""
    assert isinstance(result, (Article, Rejected))
    if isinstance(result, Article):
        assert isinstance(result.body, str)
        assert "\r" not in result.body
        assert result.body.strip()
        assert result.article_id == sha256_hex(result.body)
        assert result.published is None or isinstance(result.published, datetime.date)
        for value in (result.title, result.url, result.outlet):
            assert value is None or isinstance(value, str)
    else:
        assert isinstance(result.reason, str) and result.reason


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    assert_well_formed_result(parse(raw))


@settings(max_examples=200)
@given(st.binary(max_size=500))
def test_random_bytes_after_front_matter_opening_never_raise(raw: bytes) -> None:
    assert_well_formed_result(parse(b"---\n" + raw))


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
front_matter_keys = st.sampled_from(["title", "url", "outlet", "published"]) | st.text(max_size=12)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(front_matter_keys, yaml_values, max_size=6), st.text(max_size=300))
def test_random_front_matter_and_body_never_raise(metadata: dict, body: str) -> None:
    front_matter = yaml.safe_dump(metadata, allow_unicode=True)
    raw = f"---\n{front_matter}---\n{body}".encode("utf-8", errors="surrogatepass")
    assert_well_formed_result(parse(raw))


@settings(max_examples=200)
@given(
    st.dictionaries(front_matter_keys, yaml_values, max_size=6),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=200).filter(
        lambda text: text.strip()
    ),
)
def test_random_front_matter_with_printable_body_is_an_article(metadata: dict, body: str) -> None:
    front_matter = yaml.safe_dump(metadata, allow_unicode=True)
    result = parse(f"---\n{front_matter}---\n{body}\n".encode("utf-8", errors="surrogatepass"))
    assert isinstance(result, Article), result
    assert result.body == body + "\n"
    assert result.article_id == sha256_hex(result.body)


# --- read_article --------------------------------------------------------------------------


def test_read_article_reads_file_and_takes_name_from_file_name(tmp_path: Path) -> None:
    path = tmp_path / "c017.md"
    path.write_bytes(WELL_FORMED.encode("utf-8"))
    article = read_article(path, today=TODAY)
    assert isinstance(article, Article)
    assert (article.name, article.source_path, article.body) == ("c017", str(path), WELL_FORMED_BODY)


def test_read_article_rejects_oversized_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with open(path, "wb") as handle:
        handle.truncate(6_200_000)  # sparse: no 6 MB written, and all NULs if it were read
    result = read_article(path)
    assert result == Rejected(str(path), "file is 6.2 MB, over the 5.0 MB limit")
    assert DEFAULT_MAX_BYTES == 5_000_000


def test_read_article_honours_small_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("x" * 1500)
    assert read_article(path, max_bytes=1000) == Rejected(str(path), "file is 1.5 kB, over the 1.0 kB limit")
    assert isinstance(read_article(path, max_bytes=1500), Article)


def test_read_article_rejects_missing_file_and_directory_and_fifo(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    assert read_article(missing) == Rejected(str(missing), "path does not exist")
    assert read_article(tmp_path) == Rejected(str(tmp_path), "not a regular file (directory)")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert read_article(fifo) == Rejected(str(fifo), "not a regular file (named pipe)")


def test_read_article_rejects_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    assert read_article(loop) == Rejected(str(loop), "symbolic link loop")


# --- discover_files ------------------------------------------------------------------------


def build_tree(root: Path) -> None:
    """A folder of articles with other files, hidden folders and nested folders."""
    (root / "b.md").write_text("b")
    (root / "a.TXT").write_text("a")
    (root / "notes.csv").write_text("x,y")
    (root / "image.png").write_bytes(png_bytes())
    (root / ".hidden.md").write_text("hidden")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.md").write_text("ref")
    (root / "sub").mkdir()
    (root / "sub" / "c.Md").write_text("c")
    (root / "sub" / "deeper").mkdir()
    (root / "sub" / "deeper" / "d.txt").write_text("d")


def test_discover_walks_folders_sorted_and_filters_suffixes(tmp_path: Path) -> None:
    build_tree(tmp_path)
    found = list(discover_files([tmp_path]))
    assert found == [
        tmp_path / "a.TXT",
        tmp_path / "b.md",
        tmp_path / "sub" / "c.Md",
        tmp_path / "sub" / "deeper" / "d.txt",
    ]
    assert ARTICLE_SUFFIXES == (".md", ".txt", ".html", ".htm", ".jsonl")


def test_discover_takes_explicit_files_whatever_their_suffix(tmp_path: Path) -> None:
    build_tree(tmp_path)
    explicit = [tmp_path / "notes.csv", str(tmp_path / ".hidden.md")]
    assert list(discover_files(explicit)) == [tmp_path / "notes.csv", tmp_path / ".hidden.md"]


def test_discover_is_a_generator(tmp_path: Path) -> None:
    build_tree(tmp_path)
    stream = discover_files([tmp_path])
    assert next(stream) == tmp_path / "a.TXT"


def test_discover_rejects_missing_paths_and_bad_arguments(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    found = list(discover_files([missing, "", "bad\x00path", 42]))  # type: ignore[list-item]
    assert found == [
        Rejected(str(missing), "path does not exist"),
        Rejected("", "empty path"),
        Rejected("bad\x00path", "invalid path: embedded null byte"),
        Rejected("42", "not a path: int"),
    ]


def test_discover_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    found = list(discover_files([tmp_path]))
    assert found == [
        tmp_path / "a.md",
        Rejected(str(tmp_path / "dangling.md"), "broken symbolic link"),
        Rejected(str(tmp_path / "self.md"), "symbolic link loop"),
        Rejected(str(tmp_path / "sub" / "back"), f"symbolic link loop back to {tmp_path}"),
    ]


def test_discover_scans_a_directory_reached_twice_only_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("a")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    found = list(discover_files([tmp_path, tmp_path / "real"]))
    assert found == [
        tmp_path / "link" / "a.md",
        Rejected(str(tmp_path / "real"), f"directory already scanned as {tmp_path / 'link'}"),
        Rejected(str(tmp_path / "real"), f"directory already scanned as {tmp_path / 'link'}"),
    ]


def test_discover_rejects_special_files_with_article_suffix(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "sock.txt"))
        found = list(discover_files([tmp_path]))
    assert found == [
        Rejected(str(tmp_path / "pipe.md"), "not a regular file (named pipe)"),
        Rejected(str(tmp_path / "sock.txt"), "not a regular file (socket)"),
    ]


def run_as_nobody(function: Callable[[Path], T], argument: Path) -> T:
    """Run function(argument) in a forked child with an unprivileged uid and return its result."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            payload = pickle.dumps(function(argument))
        except BaseException as error:  # report, never let the child run the parent's tests
            payload = pickle.dumps(error)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        result = pickle.loads(pipe.read())
    os.waitpid(child, 0)
    if isinstance(result, BaseException):
        raise result
    return result


def collect_unreadable_results(root: Path) -> tuple[list[Path | Rejected], Article | Rejected]:
    """discover_files over root and read_article of its unreadable file (to run as an unprivileged user)."""
    return list(discover_files([root])), read_article(root / "secret.md")


@pytest.fixture
def world_readable_dir() -> Iterator[Path]:
    """A temporary directory an unprivileged user can traverse (pytest's tmp_path is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="articles-perm-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory)


def test_unreadable_files_and_dirs_are_rejected(world_readable_dir: Path) -> None:
    root = world_readable_dir
    (root / "ok.md").write_text("fine")
    (root / "ok.md").chmod(0o644)
    (root / "secret.md").write_text("secret")
    (root / "secret.md").chmod(0o000)
    (root / "locked").mkdir()
    (root / "locked" / "inside.md").write_text("x")
    (root / "locked").chmod(0o000)
    if os.geteuid() == 0:
        found, read = run_as_nobody(collect_unreadable_results, root)
    else:
        found, read = collect_unreadable_results(root)
    assert found == [
        Rejected(str(root / "locked"), "cannot list directory: permission denied"),
        root / "ok.md",
        Rejected(str(root / "secret.md"), "permission denied"),
    ]
    assert read == Rejected(str(root / "secret.md"), "permission denied")
    (root / "locked").chmod(0o755)


# A file that grows between stat and read: stat is made to report the smaller size it had a moment before.
@pytest.mark.parametrize("grown_to, max_bytes, expected", [
    (b"x" * 40, 100, b"x" * 40),
    (b"x" * 40, 39, "file is over the 39 bytes limit"),
    (b"x" * 40, 40, b"x" * 40),
])
def test_a_file_that_grew_after_stat_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown_to: bytes, max_bytes: int, expected: bytes | str
) -> None:
    before = tmp_path / "before.md"
    before.write_bytes(b"x" * 10)
    path = tmp_path / "article.md"
    path.write_bytes(grown_to)
    monkeypatch.setattr("extractors.article_files._stat_or_reason", lambda _path: os.stat(before))
    assert read_bytes_or_reason(path, max_bytes) == expected

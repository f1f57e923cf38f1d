"""Issue 17: what an attacker or a careless operator does, through the real CLI on real files and databases.

Each test failed on the code before its fix; the README's Reliability section names them.
"""
from __future__ import annotations

import http.server
import json
import os
import resource
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from reliability_support import cli_command, cli_env, run_cli

pytestmark = pytest.mark.integration

AWS = "AWS revenue rose 19% to $28.8 billion in the fourth quarter of 2024.\n"
AZURE = "Microsoft said Azure revenue grew 33% in the first quarter of 2025.\n"
GOOGLE = "Google Cloud revenue rose 28% to $12.3 billion in the first quarter of 2025.\n"


@pytest.fixture()
def env(prefect_api: str, tmp_path: Path) -> dict[str, str]:
    """The CLI's environment: the session's Prefect server, a Prefect home of this test."""
    return cli_env(tmp_path / "prefect-home", prefect_api)


def cloudfacts(env: dict[str, str], cwd: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the real CLI to its end; output as text (undecodable bytes replaced)."""
    result = run_cli(list(args), env, cwd, timeout=timeout)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def query(db_path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    """Rows of one query on a warehouse file, opened read-only."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """The command printed no Python traceback."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]


def article(title: str, body: str, extra: str = "") -> str:
    """A Markdown article with front matter."""
    return f"---\ntitle: {title}\npublished: 2025-05-01\n{extra}---\n\n{body}"


# --- 1. names, titles and URLs that cannot be encoded are rejects, never a failed run ------------------------


def test_undecodable_file_names_and_lone_surrogates_are_rejects_not_a_failed_run(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.md").write_text(article("Good", AWS), encoding="utf-8")
    os.mkdir(os.path.join(os.fsencode(inbox), b"dir\xfe"))
    with open(os.path.join(os.fsencode(inbox), b"bad\xffbyte.md"), "w", encoding="utf-8") as handle:
        handle.write(AZURE)
    with open(os.path.join(os.fsencode(inbox), b"dir\xfe", b"inner.md"), "w", encoding="utf-8") as handle:
        handle.write(AZURE)
    lines = [{"name": "evil\udcff", "body": AZURE}, {"name": "titled", "title": "t\udcff", "body": GOOGLE},
             {"name": "fine", "body": "Oracle said revenue rose 8% in 2024.", "odd\udcff": 1}]
    (inbox / "lines.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db_path = tmp_path / "w.duckdb"
    for attempt in range(2):  # the next (scheduled) run works too
        result = cloudfacts(env, tmp_path, "run", str(inbox), "--db", str(db_path), "--json")
        no_traceback(result)
        assert result.returncode == 0, result.stderr[-3000:]
    assert query(db_path, "SELECT DISTINCT status FROM runs") == [("completed",)]
    assert sorted(n for (n,) in query(db_path, "SELECT name FROM articles")) == ["fine", "good"]
    rejects = query(db_path, "SELECT DISTINCT source_path, reason FROM rejects ORDER BY ALL")
    reasons = {path.rsplit("/", 1)[-1] + ": " + reason for path, reason in rejects}
    assert any(r.startswith("bad\\xffbyte.md: file name is not valid UTF-8") for r in reasons), reasons
    assert any(r.startswith("dir\\xfe: file name is not valid UTF-8") for r in reasons), reasons
    assert any(r.startswith("lines.jsonl: line 1: name cannot be stored") for r in reasons), reasons
    assert any(r.startswith("lines.jsonl: line 2: title cannot be stored") for r in reasons), reasons
    assert any(r.startswith("lines.jsonl: line 3: unknown field 'odd\\udcff' ignored") for r in reasons), reasons
    # Given on the command line (a shell glob): a reject too, though a flow run's parameters cannot carry it.
    bad_path = os.path.join(os.fsencode(inbox), b"bad\xffbyte.md")
    direct = run_cli(["run", os.fsencode(inbox / "good.md"), bad_path, "--db", str(db_path)], env, tmp_path)
    assert direct.returncode == 0 and b"Traceback" not in direct.stderr, direct.stderr[-3000:]
    assert query(db_path, "SELECT count(*) FROM rejects WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at "
                          "DESC LIMIT 1) AND source_path LIKE '%bad\\xffbyte.md'") == [(1,)]


# --- 13. front matter keeps text as written ---------------------------------------------------------------


def test_front_matter_text_is_kept_as_written(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    cases = {"t1": "title: 1:30\n", "t2": "title: 010\n", "t3": "title: yes\n",
             "t4": "title: Plain\nurl: 0x1F\noutlet: NO\n", "t5": "title: Cloud: the #1 story\n"}
    for number, (name, front) in enumerate(cases.items()):
        body = f"AWS revenue rose {number + 10}% in the fourth quarter of 2024.\n"
        (inbox / f"{name}.md").write_text(f"---\n{front}published: 2025-05-01\n---\n\n{body}", encoding="utf-8")
    db_path = tmp_path / "w.duckdb"
    result = cloudfacts(env, tmp_path, "run", str(inbox), "--db", str(db_path))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {name: (title, url, outlet) for name, title, url, outlet in
            query(db_path, "SELECT name, title, url, outlet FROM articles")}
    assert rows == {"t1": ("1:30", None, None), "t2": ("010", None, None), "t3": ("yes", None, None),
                    "t4": ("Plain", "0x1F", "NO"), "t5": ("Cloud: the #1 story", None, None)}
    warnings = query(db_path, "SELECT source_path, reason FROM rejects WHERE severity = 'warning'")
    assert [Path(path).name for path, _ in warnings] == ["t5.md"]  # where it had to guess, it says so
    assert "read as plain 'key: value' lines" in warnings[0][1]
    assert query(db_path, "SELECT DISTINCT published FROM articles")[0][0].isoformat() == "2025-05-01"


# --- 3. extraction time is linear in the text, whatever the text ------------------------------------------


def extract_cpu_seconds(env, cwd: Path, path: Path) -> float:
    """CPU time (user + system) of `cloudfacts extract PATH`, which must succeed; the least of two runs.

    CPU time, not wall time: other work on a shared machine slows the wall clock, not the process's own count.
    """
    spent = []
    for _ in range(2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = cloudfacts(env, cwd, "extract", str(path), timeout=300)  # a hang guard, not a speed limit
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert result.returncode == 0, result.stderr[-2000:]
        spent.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(spent)


def test_extraction_time_is_linear_in_a_run_of_number_words(env, tmp_path: Path) -> None:
    baseline = tmp_path / "tiny.jsonl"
    baseline.write_text(json.dumps({"name": "tiny", "body": "AWS revenue rose 5%."}) + "\n", encoding="utf-8")
    startup = extract_cpu_seconds(env, tmp_path, baseline)
    seconds = {}
    for words in (8_000, 16_000, 32_000):  # 56, 112 and 224 kB bodies, 8 of them in one file each
        path = tmp_path / f"words-{words}.jsonl"
        lines = [{"name": f"n{line}", "body": f"Line {line}: " + "twenty-" * words + "one percent."}
                 for line in range(8)]
        path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
        seconds[words] = extract_cpu_seconds(env, tmp_path, path) - startup
    # Linear time doubles with the size; the quadratic time before the fix quadrupled (28 kB 9 s, 56 kB 37 s).
    assert seconds[32_000] / seconds[16_000] < 3.0, seconds
    assert seconds[16_000] / seconds[8_000] < 3.0, seconds


# --- 7. invisible characters inside figures are read through, never misread -------------------------------


def test_invisible_characters_inside_figures_give_the_right_value_or_none(env, tmp_path: Path) -> None:
    body = ("AWS revenue rose 19% to $28.8\u200b billion in the fourth quarter of 2024.\n\n"
            "AWS held a 3\u200b1% share of the market in 2024.\n\n"
            "Oracle said its cloud revenue reached $5.\u200b9 billion in 2024.\n\n"
            "Microsoft said Azure revenue grew 1\u00ad2% in 2024.\n")
    path = tmp_path / "invisible.md"
    path.write_text(article("Invisible", body), encoding="utf-8")
    db_path = tmp_path / "w.duckdb"
    result = cloudfacts(env, tmp_path, "run", str(path), "--db", str(db_path))
    assert result.returncode == 0, result.stderr[-3000:]
    facts = query(db_path, "SELECT f.value, f.unit, f.text, f.start_char, f.end_char, a.body "
                           "FROM facts f JOIN articles a USING (article_id) ORDER BY f.start_char")
    assert all(stored_body[start:end] == text for _, _, text, start, end, stored_body in facts)
    values = {(value, unit) for value, unit, *_ in facts}
    assert {(2.88e10, "USD"), (31.0, "percent"), (5.9e9, "USD"), (12.0, "percent")} <= values, values
    assert not values & {(28.8, "USD"), (1.0, "percent"), (5.0, "USD"), (2.0, "percent"), (3.0, "count")}, values


# --- 10. a bad --db gets one clear line and a non-zero exit; extensions are never fetched -------------------


@pytest.fixture(scope="module")
def small_warehouse(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse made by one CLI run over one article."""
    workdir = tmp_path_factory.mktemp("small-warehouse")
    (workdir / "aws.md").write_text(article("AWS", AWS), encoding="utf-8")
    db_path = workdir / "small.duckdb"
    result = run_cli(["run", str(workdir / "aws.md"), "--db", str(db_path)], cli_env(workdir / "ph", prefect_api),
                     workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    return db_path


def bad_db(kind: str, folder: Path, good: Path) -> tuple[Path, str]:
    """A --db of the given kind and the words its error must contain."""
    path = folder / f"{kind}.db"
    if kind == "sqlite":
        import sqlite3
        with sqlite3.connect(path) as con:
            con.execute("CREATE TABLE facts (value REAL)")
        return path, "is a SQLite database"
    if kind == "truncated":
        data = good.read_bytes()
        path.write_bytes(data[:len(data) // 2])
        return path, "truncated"
    if kind == "text":
        path.write_text("just some notes\n" * 50)
        return path, "not a DuckDB database file"
    if kind == "folder":
        path.mkdir()
        return path, "is a folder"
    if kind == "under-a-file":
        (folder / "plain-file").write_text("x")
        return folder / "plain-file" / "w.duckdb", "Not a directory"
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["sqlite", "truncated", "text", "folder", "under-a-file"])
def test_a_bad_db_gets_one_clear_line_and_fetches_no_extension(env, tmp_path: Path, small_warehouse: Path,
                                                                kind: str) -> None:
    env = dict(env, HOME=str(tmp_path / "home"))  # where DuckDB would install extensions
    (tmp_path / "a.md").write_text(article("A", AZURE), encoding="utf-8")
    db_path, words = bad_db(kind, tmp_path, small_warehouse)
    before = db_path.read_bytes() if db_path.is_file() else None
    commands = [["run", str(tmp_path / "a.md")], ["sql", "SELECT count(*) FROM facts"], ["show", "aws"],
                ["export", "--format", "csv", "--out", str(tmp_path / "export")]]
    for command in commands:
        result = cloudfacts(env, tmp_path, *command, "--db", str(db_path))
        no_traceback(result)
        assert result.returncode != 0, (command, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], (command, result.stderr[-2000:])
        assert result.stdout == ""
    assert not (tmp_path / "home" / ".duckdb").exists()
    if before is not None:
        assert db_path.read_bytes() == before


# --- 11. silent no-ops are refused or rejected, with the reason ---------------------------------------------


def test_memory_db_zero_batch_size_and_missing_folders_are_refused(env, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(article("A", AZURE), encoding="utf-8")
    memory = cloudfacts(env, tmp_path, "run", str(tmp_path / "a.md"), "--db", ":memory:")
    no_traceback(memory)
    assert memory.returncode != 0 and "nothing would be saved" in memory.stderr and "facts written" not in memory.stdout
    zero = cloudfacts(env, tmp_path, "run", str(tmp_path / "a.md"), "--db", str(tmp_path / "w.duckdb"),
                      "--batch-size", "0")
    assert zero.returncode == 2 and "batch-size" in zero.stderr and not (tmp_path / "w.duckdb").exists()
    missing = tmp_path / "no" / "such" / "folder" / "w.duckdb"
    queried = cloudfacts(env, tmp_path, "sql", "SELECT 1", "--db", str(missing))
    assert queried.returncode == 3 and "no cloudfacts database" in queried.stderr
    assert not (tmp_path / "no").exists()


def test_a_path_longer_than_the_system_allows_gets_a_reject_row(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "short.md").write_text(article("Short", AWS), encoding="utf-8")
    limit = os.pathconf(inbox, "PC_PATH_MAX")
    descriptor = os.open(inbox, os.O_RDONLY)
    try:
        depth = 0
        while len(str(inbox)) + depth * 201 <= limit + 400:  # folders of 200-character names, made relative
            os.mkdir("d" * 200, dir_fd=descriptor)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
            depth += 1
        with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "w") as handle:
            handle.write(article("Deep", AZURE))
    finally:
        os.close(descriptor)
    db_path = tmp_path / "w.duckdb"
    result = cloudfacts(env, tmp_path, "run", str(inbox), "--db", str(db_path), "--json")
    assert result.returncode == 0, result.stderr[-3000:]
    rejects = query(db_path, "SELECT source_path, reason FROM rejects")
    assert len(rejects) == 1 and rejects[0][1] in ("file name too long", "cannot list directory: file name too long")
    assert rejects[0][0].startswith(str(inbox / ("d" * 200)))
    summary = json.loads(result.stdout)
    assert summary["files_rejected"] == 1 and summary["articles_new"] == 1


# --- 8. links out of the folders given are rejected unless allowed ---------------------------------------


def test_links_out_of_the_given_folders_are_rejected_unless_allowed(env, tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0: the password file says revenue rose 99% in 2024.\n")
    (tmp_path / "elsewhere" / "sub").mkdir()
    (tmp_path / "elsewhere" / "sub" / "inner.md").write_text(article("Inner", GOOGLE), encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.md").write_text(article("Good", AWS), encoding="utf-8")
    (inbox / "alias.md").symlink_to(inbox / "good.md")  # a link inside the inbox is fine
    (inbox / "passwd.md").symlink_to(secret)
    (inbox / "linked-folder").symlink_to(tmp_path / "elsewhere" / "sub")
    db_path = tmp_path / "w.duckdb"
    for args in (["run", str(inbox)], ["run", str(inbox / "passwd.md")]):  # a folder, or the link given by a glob
        result = cloudfacts(env, tmp_path, *args, "--db", str(db_path))
        assert result.returncode == 0, result.stderr[-3000:]
    assert not query(db_path, "SELECT name FROM articles WHERE body LIKE '%root:x%' OR name IN ('passwd', 'inner')")
    rejects = {Path(path).name: reason for path, reason in query(db_path, "SELECT source_path, reason FROM rejects")}
    assert rejects.keys() == {"passwd.md", "linked-folder"}, rejects
    assert all("outside the folders given on the command line" in reason for reason in rejects.values())
    sql = cloudfacts(env, tmp_path, "sql", "SELECT count(*) AS n FROM articles WHERE body LIKE '%root:x%'",
                     "--db", str(db_path), "--format", "csv")
    assert sql.stdout.splitlines() == ["n", "0"]
    allowed = cloudfacts(env, tmp_path, "run", str(inbox), "--db", str(db_path), "--allow-outside-links")
    assert allowed.returncode == 0, allowed.stderr[-3000:]
    assert {n for (n,) in query(db_path, "SELECT name FROM articles")} >= {"passwd", "inner"}


# --- 9. export and report write safely: no planted link followed, no folder replaced, no partial set ----------


def test_export_and_report_never_follow_a_planted_link_nor_leave_a_partial_set(env, tmp_path: Path,
                                                                                 small_warehouse: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "export"
    out.mkdir()
    (out / ".facts.csv.partial").symlink_to(victim)
    (out / ".report.html.partial").symlink_to(victim)
    result = cloudfacts(env, tmp_path, "export", "--format", "csv", "--out", str(out), "--db", str(small_warehouse))
    assert result.returncode == 0, result.stderr[-3000:]
    report = cloudfacts(env, tmp_path, "report", "--out", str(out / "report.html"), "--db", str(small_warehouse))
    assert report.returncode == 0, report.stderr[-3000:]
    assert victim.read_text() == "precious\n"
    assert "AWS" in (out / "facts.csv").read_text() and (out / "report.html").read_text().startswith("<!")
    # A link or a folder where an output goes is refused before anything is written: all files or none.
    second = tmp_path / "second"
    second.mkdir()
    (second / "v_facts.parquet").mkdir()
    (second / "facts.parquet").symlink_to(victim)
    for target, command in ((second, ["export", "--format", "parquet", "--out", str(second)]),
                            (tmp_path / "folder.html", ["report", "--out", str(tmp_path / "folder.html")]),
                            (victim, ["export", "--format", "csv", "--out", str(victim)])):
        if target.suffix == ".html":
            target.mkdir()
        refused = cloudfacts(env, tmp_path, *command, "--db", str(small_warehouse))
        no_traceback(refused)
        assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert sorted(p.name for p in second.iterdir()) == ["facts.parquet", "v_facts.parquet"]
    assert victim.read_text() == "precious\n" and list((tmp_path / "folder.html").iterdir()) == []


# --- 2. articles that share a name do not hide each other; a new version of one source replaces it ---------


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Cloud Wire</title>
<item><guid>tag:wire,2025:Q4 report</guid><title>One</title><description>{one}</description></item>
<item><guid>tag:wire,2025:q4-report</guid><title>Two</title><description>{two}</description></item>
</channel></rss>
"""


def test_articles_that_share_a_name_keep_their_own_facts(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for folder in ("aws", "azure"):
        (inbox / folder).mkdir(parents=True)
    bodies = {
        "aws/q4.md": "AWS revenue rose 19% to $28.8 billion in the fourth quarter of 2024.\n",
        "azure/q4.md": "Microsoft said Azure revenue grew 31% in the fourth quarter of 2024.\n",
        "x.md": "Google Cloud revenue rose 30% to $12 billion in the fourth quarter of 2024.\n",
        "x.html": "<html><head><title>X</title></head><body><article><p>Oracle said cloud revenue rose 52% to "
                  "$4.5 billion in the fourth quarter of 2024, the company reported on Tuesday.</p></article>"
                  "</body></html>",
    }
    for name, body in bodies.items():
        (inbox / name).write_text(article(name, body) if name.endswith(".md") else body, encoding="utf-8")
    (inbox / "a.jsonl").write_text(json.dumps({"name": "c1", "body": "IBM said revenue rose 7% in 2024."}) + "\n")
    (inbox / "b.jsonl").write_text(json.dumps({"name": "c1", "body": "SAP said cloud revenue rose 27% in 2024."}) + "\n")
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(one="Alibaba Cloud revenue rose 13% in the quarter.",
                                two="Tencent Cloud revenue rose 11% in the quarter."), encoding="utf-8")
    db_path = tmp_path / "w.duckdb"

    def run_and_values() -> set[float]:
        result = cloudfacts(env, tmp_path, "run", str(inbox), "--feed", str(feed), "--db", str(db_path))
        assert result.returncode == 0, result.stderr[-3000:]
        return {value for (value,) in query(db_path, "SELECT value FROM v_facts WHERE unit = 'percent'")}

    assert run_and_values() == {19.0, 31.0, 30.0, 52.0, 7.0, 27.0, 13.0, 11.0}
    assert query(db_path, "SELECT count(*) FROM current_articles") == [(8,)]
    shown = cloudfacts(env, tmp_path, "show", "q4", "--db", str(db_path))
    assert "19" in shown.stdout and "31" in shown.stdout, shown.stdout
    # A true new version of one source still replaces the old one, and only that one.
    (inbox / "aws" / "q4.md").write_text(article("aws", bodies["aws/q4.md"].replace("19%", "20%")), encoding="utf-8")
    (inbox / "b.jsonl").write_text(json.dumps({"name": "c1", "body": "SAP said cloud revenue rose 25% in 2024."}) + "\n")
    assert run_and_values() == {20.0, 31.0, 30.0, 52.0, 7.0, 25.0, 13.0, 11.0}


# --- 4. Ctrl-C stops a run within seconds, marks it interrupted and keeps what was committed ----------------


def group_is_gone(pgid: int, seconds: float = 30) -> bool:
    """Whether every process of the group has ended within seconds (a hang guard)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def test_ctrl_c_stops_the_run_marks_it_interrupted_and_keeps_what_was_committed(env, tmp_path: Path,
                                                                                news_corpus: Path) -> None:
    db_path = tmp_path / "w.duckdb"
    log = tmp_path / "run.log"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(cli_command() + ["run", str(news_corpus), "--db", str(db_path), "--batch-size", "10",
                                                    "--workers", "2"],
                                   env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=stderr,
                                   start_new_session=True)  # its own group: Ctrl-C reaches the group
    try:
        deadline = time.monotonic() + 300
        while log.read_text(errors="replace").count("batch done") < 4:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)
        code = process.wait(timeout=60)  # a hang guard: before the fix it never ended without SIGKILL
        assert group_is_gone(process.pid), "worker processes outlived the interrupted run"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever of the group is left
        except ProcessLookupError:
            pass
        process.wait()
    stderr = log.read_text(errors="replace")
    assert code == 130 and "interrupted: the run stopped" in stderr, stderr[-3000:]
    (run_id, status, message, articles_new, facts_written, files_seen, items_seen), = query(
        db_path, "SELECT run_id, status, message, articles_new, facts_written, files_seen, items_seen FROM runs")
    assert status == "interrupted" and message.startswith("interrupted by Ctrl-C"), message
    assert articles_new == query(db_path, "SELECT count(*) FROM articles WHERE run_id = ?", [run_id])[0][0] > 0
    assert facts_written == query(db_path, "SELECT count(*) FROM facts WHERE run_id = ?", [run_id])[0][0] > 0
    assert 0 < files_seen < len(list(news_corpus.iterdir())) and items_seen == files_seen
    rerun = cloudfacts(env, tmp_path, "run", str(news_corpus), "--db", str(db_path), "--json")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert json.loads(rerun.stdout)["files_seen"] == len(list(news_corpus.iterdir()))


# --- 12. the run counts add up for JSON Lines files and feeds too -------------------------------------------


def test_counts_add_up_for_json_lines_and_feeds(env, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.md").write_text(article("Good", AWS), encoding="utf-8")
    (inbox / "empty.md").write_text("")
    lines = [json.dumps({"name": f"c{n}", "body": f"IBM said revenue rose {n + 2}% in 2024."}) for n in range(3)]
    (inbox / "lines.jsonl").write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(one="Alibaba Cloud revenue rose 13% in the quarter.",
                                two="Tencent Cloud revenue rose 11% in the quarter."), encoding="utf-8")
    db_path = tmp_path / "w.duckdb"
    expected = [(4, 8, 6, 0, 2), (4, 8, 0, 6, 2)]  # files and feeds, items, new, unchanged, rejected
    for number, (files, items, new, unchanged, rejected) in enumerate(expected):
        result = cloudfacts(env, tmp_path, "run", str(inbox), "--feed", str(feed), "--db", str(db_path), "--json")
        assert result.returncode == 0, result.stderr[-3000:]
        summary = json.loads(result.stdout)
        got = tuple(summary[k] for k in ("files_seen", "items_seen", "articles_new", "articles_unchanged",
                                         "files_rejected"))
        assert got == (files, items, new, unchanged, rejected), (number, got)
    rows = query(db_path, "SELECT items_seen, articles_new + articles_unchanged + files_rejected, files_seen "
                          "FROM runs ORDER BY started_at")
    assert rows == [(8, 8, 4), (8, 8, 4)]


# --- 5. a feed server that dribbles bytes is cut off at the feed's total deadline --------------------------


class DribblingFeed(http.server.BaseHTTPRequestHandler):
    """Answers with headers at once, then one byte of a feed every half second (a minute for all of it)."""

    sent: list[int] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        body = b"<?xml version='1.0'?><rss version='2.0'><channel>" + b" " * 60 + b"</channel></rss>"
        count = 0
        try:
            for byte in body[:120]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                count += 1
                time.sleep(0.5)
        except OSError:  # the client hung up
            pass
        DribblingFeed.sent.append(count)

    def log_message(self, *args: object) -> None:
        pass


def test_a_dribbling_feed_server_is_cut_off_at_the_feed_deadline(env, tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), DribblingFeed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
        db_path = tmp_path / "w.duckdb"
        result = cloudfacts(env, tmp_path, "run", "--feed", url, "--feed-timeout", "3", "--db", str(db_path))
        no_traceback(result)
        assert result.returncode == 0, result.stderr[-3000:]
        assert query(db_path, "SELECT source_path, reason FROM rejects") == [
            (url, "cannot fetch feed: no complete answer within 3 s")]
        deadline = time.monotonic() + 30
        while not DribblingFeed.sent and time.monotonic() < deadline:
            time.sleep(0.2)
        assert DribblingFeed.sent and DribblingFeed.sent[0] < 120  # the reader hung up before the end
    finally:
        server.shutdown()


# --- 6. a slow `sql` has a time limit, and a run says truly what holds the database ---------------------------


def has_open(pid: int, path: Path) -> bool:
    """Whether a process has the file open (DuckDB locks a database file when it opens it). Read from /proc, so the
    probe takes no lock itself: opening the file to test its lock could make the holder's own open fail."""
    wanted = str(path.resolve())
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for descriptor in descriptors:
        try:
            if os.readlink(descriptor) == wanted:
                return True
        except OSError:
            continue
    return False


SLOW_QUERY = "SELECT count(*) FROM range(1000000000000) a WHERE a % 7 = 3"


def test_a_slow_sql_query_is_stopped_and_a_run_names_it_as_the_holder(env, tmp_path: Path,
                                                                      small_warehouse: Path) -> None:
    db_path = tmp_path / "w.duckdb"
    db_path.write_bytes(small_warehouse.read_bytes())
    stopped = cloudfacts(env, tmp_path, "sql", SLOW_QUERY, "--db", str(db_path), "--timeout", "2")
    no_traceback(stopped)
    assert stopped.returncode == 4 and stopped.stderr.startswith("error: query stopped after 2 s"), stopped.stderr
    assert len(stopped.stderr.strip().splitlines()) == 1
    holder = subprocess.Popen(cli_command() + ["sql", SLOW_QUERY, "--db", str(db_path), "--timeout", "600"],
                              env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not has_open(holder.pid, db_path):  # until the query holds the file (it reads far longer than the test)
            assert holder.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        (tmp_path / "a.md").write_text(article("A", AZURE), encoding="utf-8")
        blocked = cloudfacts(env, tmp_path, "run", str(tmp_path / "a.md"), "--db", str(db_path), "--lock-wait", "1")
        assert blocked.returncode == 3, blocked.stderr[-3000:]
        assert f"database is busy: a `cloudfacts sql` (PID {holder.pid}" in blocked.stderr, blocked.stderr[-2000:]
        assert "another cloudfacts run" not in blocked.stderr
    finally:
        holder.kill()
        holder.wait()

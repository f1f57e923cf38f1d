"""Regenerate the outputs of the README's examples from the code: each block between
`<!-- example: NAME -->` and `<!-- /example -->` holds a fenced `$ .venv/bin/cloudfacts ...` command; its output
is replaced by what that command prints against a warehouse built by `cloudfacts run sample_articles/`
(`<!-- example: NAME on FOLDER -->`: by `cloudfacts run FOLDER`, FOLDER relative to the repository).

Usage: .venv/bin/python scripts/readme_examples.py [--check] [--readme README.md]
  --check   change nothing; exit 1 and show the difference when an output is not what the code prints.
Runs use $PREFECT_API_URL, else the server `make server` started, else a temporary one (as `cloudfacts run` does).
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_articles"
# The terminal width the outputs are printed at (rich wraps tables to it).
COLUMNS = "150"
EXAMPLE = re.compile(r"(?P<head><!-- example: (?P<name>[\w-]+)(?: on (?P<folder>[\w./-]+))? -->\n```\n)(?P<body>.*?)"
                     r"(?P<tail>```\n<!-- /example -->)", re.S)
PROMPT = "$ "


@dataclass(frozen=True)
class Example:
    """One README example: its name, the command as the README shows it, and the output shown under it."""

    name: str
    command_lines: list[str]
    output: str

    @property
    def argv(self) -> list[str]:
        """The command's arguments after the program (the README's quoting, continuation lines joined)."""
        words = shlex.split("\n".join(self.command_lines)[len(PROMPT):])
        if not words or Path(words[0]).name != "cloudfacts":
            raise ValueError(f"example {self.name}: the command must start with cloudfacts, not {words[:1]}")
        return words[1:]


def parse_example(name: str, body: str) -> Example:
    """Split an example's fenced text into the command (the `$ ` line and its indented continuations) and output."""
    lines = body.splitlines(keepends=True)
    if not lines or not lines[0].startswith(PROMPT):
        raise ValueError(f"example {name}: the block must start with '{PROMPT}cloudfacts ...'")
    end = 1
    while end < len(lines) and lines[end][:1] in (" ", "\t"):
        end += 1
    return Example(name, [line.rstrip("\n") for line in lines[:end]], "".join(lines[end:]))


def cloudfacts() -> list[str]:
    """The CLI of the interpreter running this script (the project's .venv)."""
    script = Path(sys.executable).parent / "cloudfacts"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "flows.cli"]


def cli_env() -> dict[str, str]:
    """The environment of the example commands: a fixed width, no colour, Prefect quiet."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLOUDFACTS_DB", "FORCE_COLOR")}
    env.update(COLUMNS=COLUMNS, NO_COLOR="1", TERM="dumb", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1")
    return env


def build_warehouse(db: Path, folder: Path = SAMPLES) -> None:
    """`cloudfacts run FOLDER` (sample_articles/ by default) into db."""
    done = subprocess.run(cloudfacts() + ["run", str(folder), "--db", str(db), "--json"], env=cli_env(),
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"cloudfacts run over {folder} failed:\n{done.stderr[-3000:]}")


def output_of(example: Example, db: Path) -> str:
    """What the example's command prints against db."""
    done = subprocess.run(cloudfacts() + example.argv + ["--db", str(db)], env=cli_env(), capture_output=True,
                          text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"example {example.name} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def regenerate(readme: str, work: Path) -> str:
    """The README with every example's output replaced by what the code prints (one warehouse per folder, in work)."""
    warehouses: dict[str, Path] = {}

    def warehouse(folder: str | None) -> Path:
        if folder not in warehouses:
            warehouses[folder] = work / f"examples-{len(warehouses)}.duckdb"
            build_warehouse(warehouses[folder], REPO / folder if folder else SAMPLES)
        return warehouses[folder]

    def replace(match: re.Match) -> str:
        example = parse_example(match["name"], match["body"])
        command = "".join(line + "\n" for line in example.command_lines)
        return match["head"] + command + output_of(example, warehouse(match["folder"])) + match["tail"]

    return EXAMPLE.sub(replace, readme)


def main() -> int:
    """Regenerate (or --check) the README's example outputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when an output differs; change nothing")
    parser.add_argument("--readme", type=Path, default=REPO / "README.md")
    args = parser.parse_args()
    before = args.readme.read_text(encoding="utf-8")
    names = [m["name"] for m in EXAMPLE.finditer(before)]
    if not names:
        raise SystemExit(f"no '<!-- example: NAME -->' blocks in {args.readme}")
    with tempfile.TemporaryDirectory(prefix="readme-examples-") as work:
        after = regenerate(before, Path(work))
    if after == before:
        print(f"{args.readme}: {len(names)} examples ({', '.join(names)}) are what the code prints")
        return 0
    if args.check:
        sys.stdout.writelines(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                                   "README (as written)", "README (as the code prints it)"))
        return 1
    args.readme.write_text(after, encoding="utf-8")
    print(f"{args.readme}: regenerated {len(names)} examples ({', '.join(names)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Loading and validating the rule data files under extractors/data/."""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataFileError(ValueError):
    """A rule data file is malformed; the message names the file and the record."""


def _check_records(name: str, records: list[dict], required: tuple[str, ...]) -> list[dict]:
    """Every record has an id (unique in the file), an example and the required fields."""
    seen: set[str] = set()
    for i, rec in enumerate(records):
        if not isinstance(rec, dict):
            raise DataFileError(f"{name}: record {i} is not an object")
        for key in ("id", "example", *required):
            if key not in rec or rec[key] in (None, ""):
                raise DataFileError(f"{name}: record {i} ({rec.get('id', '?')}) lacks {key!r}")
        if rec["id"] in seen:
            raise DataFileError(f"{name}: duplicate id {rec['id']!r}")
        seen.add(rec["id"])
    return records


@lru_cache(maxsize=None)
def load_records(name: str, required: tuple[str, ...] = ()) -> tuple[dict, ...]:
    """Records of a .json (a list), .jsonl or .csv data file, validated; cached per process."""
    path = DATA_DIR / name
    if path.suffix == ".json":
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, list):
            raise DataFileError(f"{name}: top level must be a list of records")
    elif path.suffix == ".jsonl":
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            records = list(csv.DictReader(fh))
    else:
        raise DataFileError(f"{name}: unsupported data file type")
    return tuple(_check_records(name, records, required))

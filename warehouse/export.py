"""Exporting the articles and facts tables and the analysis views to Parquet or CSV files.

The warehouse is read through connect_reader (read-only, external access off) and streamed as Arrow
record batches; pyarrow writes the files. DuckDB itself never writes a file, so no SQL is built from
the output path and the reader's file-access lock-down stays on. Parquet keeps every type (lists,
structs, dates, timestamps, booleans); CSV holds lists and structs as JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from warehouse.db import connect_reader
from warehouse.report import ANALYSIS_VIEWS, require_views
from warehouse.safe_files import prepare_folder, writing_all

EXPORT_FORMATS = ("parquet", "csv")
EXPORTED_RELATIONS = ("articles", "facts", *ANALYSIS_VIEWS)
BATCH_ROWS = 50_000


@dataclass(frozen=True)
class ExportedFile:
    """One written file: the table or view it holds, its path and row count."""

    relation: str
    path: Path
    rows: int


def _json_default(value: object) -> str:
    """JSON for values json cannot encode itself (dates and timestamps inside lists or structs)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def _as_json_text(column: pa.Array) -> pa.Array:
    """A list or struct column as JSON text (NULL stays NULL)."""
    return pa.array(
        [None if value is None else json.dumps(value, ensure_ascii=False, default=_json_default)
         for value in column.to_pylist()],
        type=pa.string(),
    )


def csv_ready_schema(schema: pa.Schema) -> pa.Schema:
    """The schema a batch has once its nested columns are JSON text."""
    return pa.schema([
        pa.field(field.name, pa.string()) if pa.types.is_nested(field.type) else field for field in schema
    ])


def csv_ready_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """A record batch with its nested columns (lists, structs) turned into JSON text for CSV."""
    columns = [_as_json_text(column) if pa.types.is_nested(column.type) else column for column in batch.columns]
    return pa.RecordBatch.from_arrays(columns, schema=csv_ready_schema(batch.schema))


def _write_relation(reader: pa.RecordBatchReader, path: BinaryIO, file_format: str) -> int:
    """Stream one relation's batches into a Parquet or CSV file; return its row count."""
    rows = 0
    if file_format == "parquet":
        with pq.ParquetWriter(path, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
        return rows
    with pa_csv.CSVWriter(path, csv_ready_schema(reader.schema)) as writer:
        for batch in reader:
            writer.write_batch(csv_ready_batch(batch))
            rows += batch.num_rows
    return rows


def export_relation(con: duckdb.DuckDBPyConnection, relation: str, sink: BinaryIO, path: Path,
                    file_format: str) -> ExportedFile:
    """Write one table or view into sink, the file that becomes path."""
    reader = con.table(relation).to_arrow_reader(BATCH_ROWS)
    return ExportedFile(relation, path, _write_relation(reader, sink, file_format))


def export_warehouse(db_path: str | os.PathLike, out_dir: str | os.PathLike, file_format: str) -> list[ExportedFile]:
    """Write articles, facts and the analysis views of the warehouse as Parquet or CSV files in out_dir.

    All files or none: each is written under a new temporary name and they are moved into place together;
    a target that is a link or a folder is refused before anything is written.
    """
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"export format must be one of {EXPORT_FORMATS}, not {file_format!r}")
    out_path = Path(out_dir)
    con = connect_reader(db_path)
    try:
        require_views(con, Path(db_path).name)
        prepare_folder(out_path)
        targets = [out_path / f"{relation}.{file_format}" for relation in EXPORTED_RELATIONS]
        with writing_all(targets) as sinks:
            return [export_relation(con, relation, sink, target, file_format)
                    for relation, sink, target in zip(EXPORTED_RELATIONS, sinks, targets)]
    finally:
        con.close()

"""polidex beyond one machine: functions that Dask (or any engine that maps a function over
partitions: Spark's ``mapInPandas``, Ray's ``map_batches``) runs on its workers, and helpers that
wire them into Dask.

- ``extract_partition(pages)``: a pandas DataFrame of pages -> a DataFrame of records (the columns
  of ``Corpus.to_frame``); ``records_from_paths(paths)``: files -> record dicts. Plain functions of
  plain data: any engine can call them.
- ``extract_dataframe(ddf)``, ``extract_bag(paths)``, ``write_parquet_shards(ddf, directory)``:
  the same on Dask collections, with the right ``meta``.
- ``build_corpora(partitions, directory)``: one corpus per partition, each written by the worker
  that holds the partition, then merged into one (``Corpus.merge``); ``polidex.search_many``
  searches the shards without merging.

Every worker process extracts with its own language detector and reference data: the Rust core
builds them on first use and keeps them for the life of the process, so nothing is sent to the
workers and a partition pays the start-up once per process, not per page. Extraction releases the
GIL, so threads of one worker also run in parallel.

With a cluster, start a ``dask.distributed.Client(address)`` first: these functions use the current
scheduler. Dask converts object columns of a pandas DataFrame to strings when it builds a
collection (``dataframe.convert-string``); pages held as bytes need
``dask.config.set({"dataframe.convert-string": False})`` around ``dd.from_pandas``, or pass paths
(``pages_from_paths``) and let the workers read the files. Paths handed to workers must be readable there (a shared file system or object store
mounted at the same place); shard directories must be visible to the process that merges them.
Needs ``pip install polidex[dask]``.
"""
from __future__ import annotations

import json
import math
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _frame, _polidex
from ._corpus import BatchReport, Corpus, Item, PathLike
from ._optional import require

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = [
    "DATA_COLUMNS",
    "build_corpora",
    "extract_bag",
    "extract_dataframe",
    "extract_partition",
    "pages_from_paths",
    "records_from_paths",
    "write_parquet_shards",
]

#: columns of a pages DataFrame that may hold the page (bytes in any charset, or str), in the
#: order they are looked for; without one, or where it is missing, the page is read from ``path``
DATA_COLUMNS = ("html", "text", "data")
ERRORS = ("raise", "skip")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType"


def _check_errors(errors: str) -> None:
    if errors not in ERRORS:
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")


def _rows(pages: "pandas.DataFrame") -> Iterator[Tuple[Optional[str], Optional[str], Optional[str], Any]]:
    """(key, url, path, data) for each page of a pages DataFrame."""
    data_col = next((c for c in DATA_COLUMNS if c in pages.columns), None)
    if data_col is None and "path" not in pages.columns:
        raise ValueError(f"a pages DataFrame needs a column holding the page ({', '.join(DATA_COLUMNS)}) or a path column")
    n = len(pages)

    def col(name: Optional[str]) -> Sequence[Any]:
        return pages[name].tolist() if name is not None and name in pages.columns else [None] * n

    for key, url, path, data in zip(col("key"), col("url"), col("path"), col(data_col)):
        yield (
            None if _missing(key) else str(key),
            None if _missing(url) else str(url),
            None if _missing(path) else os.fspath(path),
            None if _missing(data) else data,
        )


def _extract(pages: "pandas.DataFrame", errors: str) -> Iterator[Tuple[str, Dict[str, Any], str]]:
    """(key, record, record JSON) for each page that could be read and extracted."""
    _check_errors(errors)
    for key, url, path, data in _rows(pages):
        try:
            if data is None:
                if path is None:
                    raise ValueError(f"page {key or url!r} has neither data nor a path")
                with open(path, "rb") as fh:
                    data = fh.read()
            record_json = _polidex.extract_json(data, url)
        except (OSError, ValueError, TypeError, _polidex.PolidexError):
            if errors == "raise":
                raise
            continue
        record = json.loads(record_json)
        yield key or url or path or record["content_sha256"], record, record_json


def extract_partition(pages: "pandas.DataFrame", *, include_record: bool = False, errors: str = "raise") -> "pandas.DataFrame":
    """Extract every page of a pandas DataFrame and return one row per policy, with the columns of
    ``Corpus.to_frame`` (``polidex._frame.COLUMNS``) and, with ``include_record``, a ``record``
    column holding the full record JSON (SCHEMA.md).

    ``pages`` columns: the page in ``html``, ``text`` or ``data`` (bytes in any charset, or str),
    else a ``path`` to read it from (on the worker); optional ``url`` and ``key``. The key is
    ``key``, else ``url``, else ``path``, else the content hash. ``errors="skip"`` leaves out pages
    that cannot be read or are not documents (a PDF, an image); ``"raise"`` raises the first error.
    The language detector is built once per worker process (see the module's docstring).
    """
    rows, records = [], []
    for key, record, record_json in _extract(pages, errors):
        rows.append(_frame.flatten(record, key))
        records.append(record_json)
    frame = _frame.frame_from_rows(rows, "polidex.dask.extract_partition")
    if include_record:
        pd = require("pandas", "dask", "polidex.dask.extract_partition")
        frame["record"] = pd.Series(records, dtype="string", index=frame.index)
    return frame


def records_from_paths(paths: Iterable[PathLike], *, errors: str = "raise") -> List[Dict[str, Any]]:
    """Read and extract page files; the records as dicts (SCHEMA.md), in order. With
    ``errors="skip"`` files that cannot be read or are not documents are left out."""
    _check_errors(errors)
    out = []
    for path in paths:
        try:
            with open(path, "rb") as fh:
                out.append(json.loads(_polidex.extract_json(fh.read(), None)))
        except (OSError, _polidex.PolidexError):
            if errors == "raise":
                raise
    return out


def _meta(include_record: bool) -> "pandas.DataFrame":
    pd = require("pandas", "dask", "polidex.dask")
    return extract_partition(pd.DataFrame({"path": pd.Series([], dtype=object)}), include_record=include_record)


def pages_from_paths(paths: Iterable[PathLike], npartitions: Optional[int] = None) -> "dask.dataframe.DataFrame":
    """A Dask DataFrame with one ``path`` column (the files are read by the workers that extract
    them), in ``npartitions`` partitions (default: about 100 pages each)."""
    pd = require("pandas", "dask", "polidex.dask.pages_from_paths")
    dd = require("dask.dataframe", "dask", "polidex.dask.pages_from_paths")
    names = [os.fspath(p) for p in paths]
    n = npartitions or max(1, math.ceil(len(names) / 100))
    return dd.from_pandas(pd.DataFrame({"path": pd.Series(names, dtype=object)}), npartitions=n, sort=False)


def extract_dataframe(
    pages: "dask.dataframe.DataFrame", *, include_record: bool = False, errors: str = "raise"
) -> "dask.dataframe.DataFrame":
    """``extract_partition`` over every partition of a Dask DataFrame of pages (lazy; call
    ``.compute()``, ``.to_parquet(...)`` or anything Dask offers)."""
    _check_errors(errors)
    return pages.map_partitions(extract_partition, include_record=include_record, errors=errors, meta=_meta(include_record))


def extract_bag(paths: Union[Iterable[PathLike], "dask.bag.Bag"], npartitions: Optional[int] = None, *, errors: str = "raise") -> "dask.bag.Bag":
    """A Dask Bag of records (dicts, SCHEMA.md) from page files: a Bag of paths, or paths spread
    over ``npartitions`` partitions. ``bag.pluck("language").frequencies()`` and the like work."""
    db = require("dask.bag", "dask", "polidex.dask.extract_bag")
    _check_errors(errors)
    if isinstance(paths, db.Bag):
        bag = paths
    else:
        names = [os.fspath(p) for p in paths]
        bag = db.from_sequence(names, npartitions=npartitions or max(1, math.ceil(len(names) / 100)))
    return bag.map_partitions(records_from_paths, errors=errors)


def _write_shard(pages: "pandas.DataFrame", path: str, errors: str) -> int:
    pq = require("pyarrow.parquet", "dask", "polidex.dask.write_parquet_shards")
    batch = _frame.arrow_batch(_frame.flatten(record, key) for key, record, _ in _extract(pages, errors))
    pq.write_table(require("pyarrow", "dask", "write_parquet_shards").Table.from_batches([batch]), path)
    return batch.num_rows


def write_parquet_shards(pages: "dask.dataframe.DataFrame", directory: PathLike, *, errors: str = "raise") -> int:
    """Extract a Dask DataFrame of pages and write one Parquet file per partition
    (``part-00000.parquet``, ...) into ``directory``, each by the worker that extracted it, with
    the explicit schema of ``Corpus.to_arrow`` (so empty partitions agree). Read it back with
    ``pandas.read_parquet(directory)`` or ``dask.dataframe.read_parquet(directory)``. Returns the
    number of rows written."""
    dask = require("dask", "dask", "polidex.dask.write_parquet_shards")
    _check_errors(errors)
    directory = os.fspath(directory)
    os.makedirs(directory, exist_ok=True)
    tasks = [
        dask.delayed(_write_shard)(part, os.path.join(directory, f"part-{i:05d}.parquet"), errors)
        for i, part in enumerate(pages.to_delayed())
    ]
    return int(sum(dask.compute(*tasks)))


def _items(pages: "pandas.DataFrame") -> List[Item]:
    """Items for ``Corpus.add_many`` from a pages DataFrame: a path where the page is a file
    (keyed by its path), else a (url, data) pair."""
    items: List[Item] = []
    for _key, url, path, data in _rows(pages):
        if data is None and path is not None and url is None:
            items.append(path)
        elif data is None and path is not None:
            with open(path, "rb") as fh:
                items.append((url, fh.read()))
        else:
            items.append((url, data))
    return items


def _build_shard(items: Union[Iterable[Item], "pandas.DataFrame"], directory: str) -> Tuple[str, int, int, List[Tuple[str, str]]]:
    """Index one partition into its own corpus, one thread (Dask runs the partitions in parallel)."""
    batch = _items(items) if hasattr(items, "columns") else list(items)  # type: ignore[arg-type]
    with Corpus(directory) as corpus:
        report = corpus.add_many(batch, workers=1)
    return directory, report.added, report.skipped, report.failed


def build_corpora(
    partitions: Union["dask.bag.Bag", "dask.dataframe.DataFrame", Sequence[Sequence[Item]]],
    directory: PathLike,
    *,
    into: Optional[PathLike] = None,
) -> Tuple[Corpus, BatchReport]:
    """Build one corpus per partition, each by the worker that holds the partition, then merge
    them into one.

    ``partitions``: a Dask Bag of items (page paths or ``(url, data)`` pairs, as for
    ``Corpus.add_many``), a Dask DataFrame of pages (as for ``extract_partition``), or a list of
    lists of items (run as Dask tasks on the current scheduler). Shard ``i`` is written to
    ``directory/shard-0000i`` and kept (``polidex.search_many`` can search the shards as they
    are); the merged corpus is ``into`` (default ``directory/merged``). Pages already in a shard
    unchanged are skipped, so running it again after a failure resumes the work.

    Returns the merged ``Corpus`` and a ``BatchReport`` summing the shards' (failures included).
    """
    dask = require("dask", "dask", "polidex.dask.build_corpora")
    directory = os.fspath(directory)
    os.makedirs(directory, exist_ok=True)
    if hasattr(partitions, "to_delayed"):
        parts: Sequence[Any] = partitions.to_delayed()  # type: ignore[union-attr]
    else:
        parts = [list(p) for p in partitions]
    tasks = [
        dask.delayed(_build_shard)(part, os.path.join(directory, f"shard-{i:05d}")) for i, part in enumerate(parts)
    ]
    results = dask.compute(*tasks)
    report = BatchReport()
    for _dir, added, skipped, failed in results:
        report.added += added
        report.skipped += skipped
        report.failed.extend(failed)
    merged = Corpus(into if into is not None else os.path.join(directory, "merged"))
    merged.merge(*(d for d, *_ in results))
    return merged, report


"""The on-disk corpus: add, search, aggregate; tables, exports and charts of its records."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from . import _frame, _polidex
from ._optional import require
from ._record import Policy

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow
    from matplotlib.axes import Axes

PathLike = Union[str, "os.PathLike[str]"]
Item = Union[PathLike, Tuple[Optional[str], Union[bytes, str]]]

#: in-memory pages are handed to the native batch in chunks of this many
CHUNK = 512

#: the exact filters of ``search``, ``records`` and the tables, in the native call's order
FILTERS = ("language", "processor", "right", "transfer_country", "controller_country")

#: formats of ``Corpus.export``
EXPORT_FORMATS = ("parquet", "jsonl", "quickwit")


def _filter_args(filters: Mapping[str, Optional[str]]) -> Tuple[Optional[str], ...]:
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise TypeError(f"unknown filter {', '.join(unknown)}: the filters are {', '.join(FILTERS)}")
    return tuple(filters.get(name) for name in FILTERS)


@dataclass(frozen=True)
class Hit:
    """One search result. ``policy`` is built from the stored record on first access, so a page
    of results costs little until the records are read."""

    url: Optional[str]
    key: str
    title: str
    score: float
    snippet: str
    record_json: str = field(repr=False)

    @property
    def policy(self) -> Policy:
        cached = self.__dict__.get("_policy")
        if cached is None:
            cached = Policy.from_json(self.record_json)
            object.__setattr__(self, "_policy", cached)
        return cached

    def _repr_html_(self) -> str:
        from ._display import hit_html

        return hit_html(self)


class SearchResults(List[Hit]):
    """The hits of a search: a plain ``list`` of ``Hit`` that also renders as cards in a
    notebook. ``query`` is the query that found them."""

    def __init__(self, hits: Iterable[Hit] = (), query: str = "") -> None:
        super().__init__(hits)
        self.query = query

    def _repr_html_(self) -> str:
        from ._display import results_html

        return results_html(self, self.query)


@dataclass
class BatchReport:
    """What ``Corpus.add_many`` did: how many documents were added, how many were skipped
    because the corpus already held them unchanged, and each failure as ``(path or url, reason)``."""

    added: int = 0
    skipped: int = 0
    failed: List[Tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def __repr__(self) -> str:
        return f"<BatchReport added={self.added} skipped={self.skipped} failed={len(self.failed)}>"


class Corpus:
    """A searchable corpus of policies in a directory (created if missing).

    Use it as a context manager to commit on exit::

        with Corpus("policies.idx") as c:
            c.add(html, url="https://example.com/privacy")
        Corpus("policies.idx").search("stripe")
    """

    def __init__(self, path: PathLike) -> None:
        self._native = _polidex.NativeCorpus(os.fspath(path))

    @property
    def path(self) -> str:
        return os.fspath(self._native.path())

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.commit()

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<Corpus {self.path!r} documents={len(self)}>"

    def add(self, data: Union[bytes, str], url: Optional[str] = None) -> Policy:
        """Extract a page and add it (replacing an earlier document with the same URL).
        Visible to searches after ``commit()``."""
        return Policy.from_json(self._native.add(data, url))

    def add_policy(self, policy: Policy, key: Optional[str] = None) -> None:
        """Add an already extracted policy (key: its URL, else its content hash)."""
        self._native.add_record(policy.to_json(), key)

    def add_many(
        self,
        items: Iterable[Item],
        workers: Optional[int] = None,
        progress: bool = False,
        *,
        commit_every: int = 10_000,
        skip_unchanged: bool = True,
        max_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
    ) -> BatchReport:
        """Extract and add many pages in parallel (the GIL is released); commit every
        ``commit_every`` documents and at the end.

        ``items`` are paths — files (pages; ``.jsonl`` of ``{"url", "html"|"text"}``; ``.warc``;
        any of them gzip-compressed) or folders walked recursively — or ``(url, data)`` pairs; an
        iterator of pairs is consumed in chunks, never held whole. Pages whose key and bytes are
        already in the corpus are skipped (``skip_unchanged``), so an interrupted batch can be run
        again. A page that cannot be read (or is over ``max_bytes``) is reported in the returned
        ``BatchReport`` and the batch goes on; ``max_bytes``/``max_depth`` are as in ``extract``.
        """
        report = BatchReport()
        paths: List[str] = []
        pages: List[Tuple[Optional[str], bytes]] = []

        def run(paths: List[str], pages: List[Tuple[Optional[str], bytes]]) -> None:
            added, skipped, failed = self._native.add_many(
                paths, pages, workers, progress, commit_every, skip_unchanged, max_bytes, max_depth
            )
            report.added += added
            report.skipped += skipped
            report.failed.extend(failed)

        for item in items:
            if isinstance(item, tuple):
                if len(item) != 2:
                    raise TypeError("an item must be a path or a (url, data) pair")
                url, data = item
                pages.append((url, data.encode("utf-8") if isinstance(data, str) else bytes(data)))
                if len(pages) >= CHUNK:
                    run([], pages)
                    pages = []
            else:
                paths.append(os.fspath(item))
        if pages or not paths:
            run([], pages)
        if paths:
            run(paths, [])
        return report

    def commit(self) -> None:
        """Make what was added durable and visible to searches."""
        self._native.commit()

    def reload(self) -> None:
        """See commits made since this object was opened (e.g. by another process)."""
        self._native.reload()

    def search(
        self,
        query: str = "",
        *,
        language: Optional[str] = None,
        processor: Optional[str] = None,
        right: Optional[str] = None,
        transfer_country: Optional[str] = None,
        controller_country: Optional[str] = None,
        limit: int = 10,
    ) -> SearchResults:
        """Full-text search over title and text (all terms must match; "quoted phrases",
        OR, NOT, title:word work), with exact filters. An empty query lists documents.

        Returns a ``SearchResults``: a list of ``Hit``, best first, shown as cards in a notebook.
        Raises ``QueryError`` (with ``.position``) for a malformed query.
        """
        rows = self._native.search(query, language, processor, right, transfer_country, controller_country, limit)
        return SearchResults(
            (
                Hit(url=url, key=key, title=title, score=score, snippet=snippet, record_json=record)
                for key, url, title, score, snippet, record in rows
            ),
            query=query,
        )

    def records(
        self,
        query: str = "",
        *,
        language: Optional[str] = None,
        processor: Optional[str] = None,
        right: Optional[str] = None,
        transfer_country: Optional[str] = None,
        controller_country: Optional[str] = None,
        batch_size: int = 1024,
    ) -> Iterator[Policy]:
        """Every policy matching the query and filters (an empty query: all of them), in index
        order, read from the last commit in batches: a corpus of any size streams through."""
        for batch in self._scan(query, language, processor, right, transfer_country, controller_country, batch_size=batch_size):
            for _key, _source, record in batch:
                yield Policy.from_json(record)

    def _scan(self, query: str, *filters: Optional[str], batch_size: int = 1024) -> Iterator[list]:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        scan = self._native.scan(query, *filters)
        while True:
            batch = scan.next_batch(batch_size)
            if not batch:
                return
            yield batch

    def merge(self, *others: Union["Corpus", PathLike]) -> int:
        """Copy every document of other corpora (objects or paths) into this one and commit;
        a key present in several ends up once, as the last corpus has it. Corpora built per
        shard (see ``polidex.dask``) are combined this way. Returns the number copied."""
        n = 0
        for other in others:
            native = other._native if isinstance(other, Corpus) else Corpus(other)._native
            n += self._native.merge_from(native)
        return n

    def processors(self, *, language: Optional[str] = None, limit: Optional[int] = None) -> List[Tuple[str, int]]:
        """Processor organisations with the number of policies naming each, most common first."""
        return [(org, int(n)) for org, n in self._native.processors(language, limit)]

    # Tables, exports and charts. Each reads the records matching ``query`` and the filters
    # (keywords of ``search``: language, processor, right, transfer_country, controller_country)
    # from the last commit, in batches, in index order.

    def _stored(self, query: str, filters: Mapping[str, Optional[str]], batch_size: int = 1024) -> Iterator[list]:
        return self._scan(query, *_filter_args(filters), batch_size=batch_size)

    def _dicts(self, query: str, filters: Mapping[str, Optional[str]]) -> Iterator[dict]:
        for batch in self._stored(query, filters):
            for _key, _source, record in batch:
                yield json.loads(record)

    def to_frame(self, query: str = "", **filters: Optional[str]) -> "pandas.DataFrame":
        """A pandas DataFrame, one row per matching policy, with the columns of
        ``polidex._frame.COLUMNS`` (README: "Notebooks, tables and clusters"); list-valued
        columns hold Python lists. Needs pandas (``pip install polidex[pandas]``)."""
        stored = self._stored(query, filters)
        return _frame.frame_from_rows((row for batch in stored for row in _frame.rows_from_stored(batch)), "Corpus.to_frame")

    def processors_frame(self, query: str = "", **filters: Optional[str]) -> "pandas.DataFrame":
        """A DataFrame of processor organisations in the matching policies: ``organization``,
        ``category``, ``country`` (as the records most often give them), ``policies`` (how many
        name it), most named first. Needs pandas."""
        return _frame.processors_frame(self._dicts(query, filters))

    def arrow_batches(self, query: str = "", *, batch_size: int = 1024, **filters: Optional[str]) -> Iterator["pyarrow.RecordBatch"]:
        """Arrow record batches of at most ``batch_size`` rows (schema ``polidex._frame.arrow_schema()``,
        the columns of ``to_frame``), read and converted one batch at a time. Needs pyarrow
        (``pip install polidex[arrow]``)."""
        _frame.arrow_schema()  # fail before reading if pyarrow is missing
        return _frame.arrow_batches(self._stored(query, filters, batch_size))

    def to_arrow(self, query: str = "", **filters: Optional[str]) -> "pyarrow.Table":
        """A ``pyarrow.Table`` of the matching policies, with an explicit schema (``list<string>``
        list columns), built batch by batch. Needs pyarrow."""
        pa = require("pyarrow", "arrow", "Corpus.to_arrow")
        batches = list(_frame.arrow_batches(self._stored(query, filters)))
        return pa.Table.from_batches(batches, schema=_frame.arrow_schema())

    def export(
        self,
        path: PathLike,
        format: str = "parquet",
        query: str = "",
        *,
        index_id: str = "polidex",
        batch_size: int = 1024,
        **filters: Optional[str],
    ) -> int:
        """Write the matching policies to ``path``, streaming (never the whole corpus in memory),
        and return how many were written:

        - ``"parquet"``: one Parquet file with the table of ``to_frame`` (needs pyarrow);
        - ``"jsonl"``: one full record (SCHEMA.md) per line, exactly as stored;
        - ``"quickwit"``: a directory holding ``records.ndjson`` (one document per policy) and
          ``index-config.yaml`` (a Quickwit index named ``index_id``, with the commands to create
          and fill it in its header).
        """
        if format not in EXPORT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {format!r}")
        stored = self._stored(query, filters, batch_size)
        if format == "parquet":
            _frame.arrow_schema()
            return _frame.write_parquet(_frame.arrow_batches(stored), path)
        if format == "jsonl":
            return _frame.write_jsonl(stored, path)
        from ._quickwit import write_quickwit

        return write_quickwit(stored, path, index_id)

    def plot_processors(
        self, top: int = 20, by: Optional[str] = "language", query: str = "", *, ax: Optional["Axes"] = None, **filters: Optional[str]
    ) -> "Axes":
        """A horizontal bar chart of the ``top`` processor organisations by the number of matching
        policies naming them, each bar split by ``by`` (``"language"``, ``"category"``, or ``None``
        for plain counts). Draws on ``ax`` (else a new figure) and returns the matplotlib Axes.
        Needs matplotlib (``pip install polidex[plot]``)."""
        from ._plot import plot_processors

        return plot_processors(self._dicts(query, filters), top=top, by=by, ax=ax)


def search_many(
    corpora: Iterable[Union[Corpus, PathLike]], query: str = "", *, limit: int = 10, **filters: Optional[str]
) -> SearchResults:
    """Search several corpora (objects or paths, e.g. the shards of ``polidex.dask.build_corpora``)
    and merge their hits by score, best first, keeping each key once (its best hit).

    Scores are BM25 within each corpus: shards of one crawl split at random have comparable term
    statistics, so the merged order is close to that of one merged corpus; corpora of very
    different sizes or languages are ranked less evenly.
    """
    best: dict = {}
    for item in corpora:
        corpus = item if isinstance(item, Corpus) else Corpus(item)
        for hit in corpus.search(query, limit=limit, **filters):
            if hit.key not in best or hit.score > best[hit.key].score:
                best[hit.key] = hit
    ranked = sorted(best.values(), key=lambda h: (-h.score, h.key))
    return SearchResults(ranked[:limit], query=query)

"""The on-disk corpus: add, search, aggregate."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional, Tuple, Union

from . import _polidex
from ._record import Policy

PathLike = Union[str, "os.PathLike[str]"]
Item = Union[PathLike, Tuple[Optional[str], Union[bytes, str]]]

#: in-memory pages are handed to the native batch in chunks of this many
CHUNK = 512


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
    ) -> BatchReport:
        """Extract and add many pages in parallel (the GIL is released); commit every
        ``commit_every`` documents and at the end.

        ``items`` are paths — files (pages; ``.jsonl`` of ``{"url", "html"|"text"}``; ``.warc``;
        any of them gzip-compressed) or folders walked recursively — or ``(url, data)`` pairs; an
        iterator of pairs is consumed in chunks, never held whole. Pages whose key and bytes are
        already in the corpus are skipped (``skip_unchanged``), so an interrupted batch can be run
        again. A page that cannot be read is reported in the returned ``BatchReport`` and the
        batch goes on.
        """
        report = BatchReport()
        paths: List[str] = []
        pages: List[Tuple[Optional[str], bytes]] = []

        def run(paths: List[str], pages: List[Tuple[Optional[str], bytes]]) -> None:
            added, skipped, failed = self._native.add_many(paths, pages, workers, progress, commit_every, skip_unchanged)
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
    ) -> List[Hit]:
        """Full-text search over title and text (all terms must match; "quoted phrases",
        OR, NOT, title:word work), with exact filters. An empty query lists documents.

        Raises ``QueryError`` (with ``.position``) for a malformed query.
        """
        rows = self._native.search(query, language, processor, right, transfer_country, controller_country, limit)
        return [
            Hit(url=url, key=key, title=title, score=score, snippet=snippet, record_json=record)
            for key, url, title, score, snippet, record in rows
        ]

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

"""The on-disk corpus: add, search, aggregate."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Tuple, Union

from . import _polidex
from ._record import Policy

PathLike = Union[str, "os.PathLike[str]"]
Item = Union[PathLike, Tuple[Optional[str], Union[bytes, str]]]

#: in-memory pages are handed to the native batch in chunks of this many
CHUNK = 512


@dataclass(frozen=True)
class Hit:
    """One search result."""

    url: Optional[str]
    key: str
    title: str
    score: float
    snippet: str
    policy: Policy


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
        hits = []
        for key, title, score, snippet, record in rows:
            policy = Policy.from_json(record)
            hits.append(Hit(url=policy.url, key=key, title=title, score=score, snippet=snippet, policy=policy))
        return hits

    def processors(self, *, language: Optional[str] = None, limit: Optional[int] = None) -> List[Tuple[str, int]]:
        """Processor organisations with the number of policies naming each, most common first."""
        return [(org, int(n)) for org, n in self._native.processors(language, limit)]

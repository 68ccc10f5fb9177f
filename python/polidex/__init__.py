"""polidex: privacy policies in any language -> structured, searchable records.

>>> import polidex
>>> policy = polidex.extract(b"<html>...</html>", url="https://example.com/privacy")
>>> policy.processors[0].organization
>>> with polidex.Corpus("policies.idx") as corpus:
...     corpus.add_many(["crawl/"], progress=True)
...     corpus.search("openai", language="hi")
>>> corpus.to_frame(language="hi")        # pandas; .to_arrow(), .export("hi.parquet")

Tables, charts and clusters need extras: ``pip install polidex[pandas]`` (``arrow``, ``plot``,
``dask``, ``notebook``, ``all``); they are imported only when used.
"""
from ._polidex import (
    CorpusError,
    CorpusLockedError,
    DataError,
    InputError,
    InternalError,
    PolidexError,
    QueryError,
    __version__,
)
from ._corpus import BatchReport, Corpus, Hit, SearchResults, search_many
from ._record import (
    Contacts,
    Controller,
    Dpo,
    LanguageShare,
    Policy,
    Processor,
    Section,
    Transfers,
)
from ._api import extract, reference_info
from ._frame import to_frame

__all__ = [
    "BatchReport",
    "Contacts",
    "Controller",
    "Corpus",
    "CorpusError",
    "CorpusLockedError",
    "DataError",
    "Dpo",
    "Hit",
    "InputError",
    "InternalError",
    "LanguageShare",
    "Policy",
    "PolidexError",
    "Processor",
    "QueryError",
    "SearchResults",
    "Section",
    "Transfers",
    "__version__",
    "extract",
    "reference_info",
    "search_many",
    "to_frame",
]

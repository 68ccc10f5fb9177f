"""Tables: policy records as pandas DataFrames and Arrow record batches, one row per policy.

``COLUMNS`` is the table's contract: names, kinds and meaning, in order. Each column is a field of
SCHEMA.md's record, flattened with an underscore (``controller.country`` -> ``controller_country``)
or named after the record's field where it lists one value per item (``processors`` holds
``processors[].organization``). List-valued columns hold Python lists in pandas and
``list<string>`` in Arrow, so a DataFrame, a Parquet file and a Dask partition look the same. The
long texts (evidence, sections, the full text) stay in the record: ``Corpus.records()`` or
``Corpus.export(path, "jsonl")`` give them whole.

Nothing here imports pandas or pyarrow until a function that needs them is called.
"""
from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from ._optional import require

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

    from ._corpus import Hit
    from ._record import Policy

#: a record as the corpus stores it: (key, hash of the source bytes, record JSON)
Stored = Tuple[str, str, str]


@dataclass(frozen=True)
class Column:
    """One column of the policy table. ``kind``: ``text`` (a string), ``list`` (a list of strings),
    ``bool`` or ``int``; ``nullable`` says whether a text column may be missing (``pd.NA``)."""

    name: str
    kind: str
    nullable: bool
    doc: str


COLUMNS: Tuple[Column, ...] = (
    Column("key", "text", False, "the corpus key: the URL, else the path the page was read from, else content_sha256"),
    Column("url", "text", True, "url"),
    Column("title", "text", False, "title"),
    Column("language", "text", True, "language: the language of most of the prose (ISO 639-1, else 639-3)"),
    Column("languages", "list", False, "languages[].code, largest share first"),
    Column("effective_date", "text", True, "effective_date, an ISO 8601 date as the record has it"),
    Column("controller_name", "text", True, "controller.name"),
    Column("controller_address", "text", True, "controller.address"),
    Column("controller_country", "text", True, "controller.country (ISO 3166-1 alpha-2)"),
    Column("emails", "list", False, "contacts.emails"),
    Column("phones", "list", False, "contacts.phones (E.164)"),
    Column("contact_urls", "list", False, "contacts.urls"),
    Column("dpo_name", "text", True, "contacts.dpo.name"),
    Column("dpo_email", "text", True, "contacts.dpo.email"),
    Column("processors", "list", False, "processors[].organization, in record order"),
    Column("processor_categories", "list", False, "processors[].category, one per entry of processors"),
    Column("processor_countries", "list", False, "processors[].country, one per entry of processors (None: unknown)"),
    Column("rights", "list", False, "rights"),
    Column("transfers_mentioned", "bool", False, "transfers.mentioned"),
    Column("transfer_countries", "list", False, "transfers.countries"),
    Column("transfer_mechanisms", "list", False, "transfers.mechanisms"),
    Column("content_sha256", "text", False, "content_sha256"),
    Column("n_sections", "int", False, "len(sections)"),
)

COLUMN_NAMES: Tuple[str, ...] = tuple(c.name for c in COLUMNS)

#: the processors table: one row per organisation
PROCESSOR_COLUMNS: Tuple[str, ...] = ("organization", "category", "country", "policies")


def flatten(record: Mapping[str, Any], key: Optional[str] = None) -> Dict[str, Any]:
    """One table row (``COLUMNS``) from a record dict; ``key`` defaults to the URL, else the
    content hash (the key ``Corpus.add_policy`` gives)."""
    ctrl = record.get("controller") or {}
    contacts = record.get("contacts") or {}
    dpo = contacts.get("dpo") or {}
    transfers = record.get("transfers") or {}
    procs = record.get("processors") or []
    return {
        "key": key if key is not None else (record.get("url") or record.get("content_sha256", "")),
        "url": record.get("url"),
        "title": record.get("title", ""),
        "language": record.get("language"),
        "languages": [x["code"] for x in record.get("languages") or []],
        "effective_date": record.get("effective_date"),
        "controller_name": ctrl.get("name"),
        "controller_address": ctrl.get("address"),
        "controller_country": ctrl.get("country"),
        "emails": list(contacts.get("emails") or []),
        "phones": list(contacts.get("phones") or []),
        "contact_urls": list(contacts.get("urls") or []),
        "dpo_name": dpo.get("name"),
        "dpo_email": dpo.get("email"),
        "processors": [p["organization"] for p in procs],
        "processor_categories": [p.get("category") for p in procs],
        "processor_countries": [p.get("country") for p in procs],
        "rights": list(record.get("rights") or []),
        "transfers_mentioned": bool(transfers.get("mentioned", False)),
        "transfer_countries": list(transfers.get("countries") or []),
        "transfer_mechanisms": list(transfers.get("mechanisms") or []),
        "content_sha256": record.get("content_sha256", ""),
        "n_sections": len(record.get("sections") or []),
    }


def rows_from_stored(batch: Iterable[Stored]) -> Iterator[Dict[str, Any]]:
    """Table rows from stored records (the batches of ``Corpus._scan``)."""
    for key, _source, record in batch:
        yield flatten(json.loads(record), key)


def _columns(rows: Iterable[Mapping[str, Any]]) -> Dict[str, List[Any]]:
    cols: Dict[str, List[Any]] = {name: [] for name in COLUMN_NAMES}
    for row in rows:
        for name in COLUMN_NAMES:
            cols[name].append(row[name])
    return cols


# ---------------------------------------------------------------------------------------- pandas

_PANDAS_DTYPES = {"text": "string", "list": "object", "bool": "bool", "int": "int64"}


def frame_from_rows(rows: Iterable[Mapping[str, Any]], feature: str = "to_frame") -> "pandas.DataFrame":
    """A DataFrame with exactly ``COLUMNS``: text columns use pandas' ``string`` dtype (missing
    values are ``pd.NA``), list columns are ``object`` holding Python lists, ``transfers_mentioned``
    is ``bool`` and ``n_sections`` ``int64``. Stable whatever the data, even with no rows."""
    pd = require("pandas", "pandas", feature)
    cols = _columns(rows)
    data = {}
    for c in COLUMNS:
        values = cols[c.name]
        if c.kind == "list":
            series = pd.Series(values, dtype=object)
        else:
            series = pd.Series(values, dtype=_PANDAS_DTYPES[c.kind])
        data[c.name] = series
    return pd.DataFrame(data, columns=list(COLUMN_NAMES))


def to_frame(items: Iterable[Union["Policy", "Hit", Mapping[str, Any]]]) -> "pandas.DataFrame":
    """A DataFrame of policies (``Policy`` objects, search ``Hit``\\ s or record dicts), one row
    each, with the columns of ``Corpus.to_frame`` (``polidex._frame.COLUMNS``). A hit's key is its
    corpus key; a policy's is its URL, else its content hash.

    Raises ``ImportError`` if pandas is not installed (``pip install polidex[pandas]``).
    """
    from ._corpus import Hit
    from ._record import Policy

    def rows() -> Iterator[Dict[str, Any]]:
        for item in items:
            if isinstance(item, Hit):
                yield flatten(json.loads(item.record_json), item.key)
            elif isinstance(item, Policy):
                yield flatten(item._record)
            elif isinstance(item, Mapping):
                yield flatten(item)
            else:
                raise TypeError(f"to_frame takes Policy, Hit or record dicts, not {type(item).__name__}")

    return frame_from_rows(rows(), "polidex.to_frame")


def processors_frame(records: Iterable[Mapping[str, Any]]) -> "pandas.DataFrame":
    """One row per processor organisation: ``organization``, ``category`` and ``country`` (the
    value the records give it most often; ties go to the alphabetically first), ``policies`` (how
    many policies name it). Most named first, then by name, like ``Corpus.processors()``."""
    pd = require("pandas", "pandas", "Corpus.processors_frame")
    policies: Counter = Counter()
    categories: Dict[str, Counter] = defaultdict(Counter)
    countries: Dict[str, Counter] = defaultdict(Counter)
    for record in records:
        seen = set()
        for p in record.get("processors") or []:
            org = p["organization"]
            if p.get("category"):
                categories[org][p["category"]] += 1
            if p.get("country"):
                countries[org][p["country"]] += 1
            seen.add(org)
        policies.update(seen)

    def most_common(counter: Counter) -> Optional[str]:
        return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else None

    orgs = sorted(policies, key=lambda o: (-policies[o], o))
    return pd.DataFrame(
        {
            "organization": pd.Series(orgs, dtype="string"),
            "category": pd.Series([most_common(categories[o]) for o in orgs], dtype="string"),
            "country": pd.Series([most_common(countries[o]) for o in orgs], dtype="string"),
            "policies": pd.Series([policies[o] for o in orgs], dtype="int64"),
        },
        columns=list(PROCESSOR_COLUMNS),
    )


# ----------------------------------------------------------------------------------------- Arrow

_SCHEMA: Optional["pyarrow.Schema"] = None


def arrow_schema() -> "pyarrow.Schema":
    """The Arrow schema of the policy table: ``string``, ``list<string>``, ``bool``, ``int64``;
    text columns marked not-null are never missing. Schema metadata ``polidex.schema_version``
    names the record version the columns flatten."""
    global _SCHEMA
    if _SCHEMA is None:
        pa = require("pyarrow", "arrow", "the Arrow schema")
        types = {"text": pa.string(), "list": pa.list_(pa.string()), "bool": pa.bool_(), "int": pa.int64()}
        _SCHEMA = pa.schema(
            [pa.field(c.name, types[c.kind], nullable=c.nullable, metadata={"doc": c.doc}) for c in COLUMNS],
            metadata={"polidex.schema_version": "1"},
        )
    return _SCHEMA


def arrow_batch(rows: Iterable[Mapping[str, Any]]) -> "pyarrow.RecordBatch":
    """One Arrow record batch (``arrow_schema()``) from table rows."""
    pa = require("pyarrow", "arrow", "Corpus.to_arrow")
    return pa.RecordBatch.from_pydict(_columns(rows), schema=arrow_schema())


def arrow_batches(scan: Iterable[Sequence[Stored]]) -> Iterator["pyarrow.RecordBatch"]:
    """A record batch per batch of stored records."""
    for batch in scan:
        yield arrow_batch(rows_from_stored(batch))


# --------------------------------------------------------------------------------------- exports


def write_parquet(batches: Iterable["pyarrow.RecordBatch"], path: Union[str, "os.PathLike[str]"]) -> int:
    """Write record batches to one Parquet file as they come (a file with the schema and no rows
    if there are none). Returns the number of rows."""
    pq = require("pyarrow.parquet", "arrow", "Corpus.export(format='parquet')")
    n = 0
    with pq.ParquetWriter(os.fspath(path), arrow_schema()) as writer:
        for batch in batches:
            if batch.num_rows:
                writer.write_batch(batch)
                n += batch.num_rows
    return n


def write_jsonl(scan: Iterable[Sequence[Stored]], path: Union[str, "os.PathLike[str]"]) -> int:
    """Write each stored record JSON as one line (the record of SCHEMA.md, as stored). Returns the
    number of lines."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for batch in scan:
            for _key, _source, record in batch:
                if "\n" in record:  # never the case for serde's compact JSON; kept one line regardless
                    record = json.dumps(json.loads(record), ensure_ascii=False)
                fh.write(record)
                fh.write("\n")
                n += 1
    return n

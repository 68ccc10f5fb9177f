"""Export for Quickwit (a distributed search engine on object storage): one JSON document per
policy and an index config whose doc mapping matches it.

The document keeps the record's shape where Quickwit can index it: objects stay objects
(``controller``, ``contacts``, ``transfers``); the list of processor objects, which Quickwit cannot
map (no arrays of objects), becomes an object of lists (``processors.organization``,
``processors.category``, ...), and so do sections (headings and topics; their text is in
``text``). ``languages`` keeps the codes. ``effective_date`` becomes an RFC 3339 datetime. Missing
values are left out, which Quickwit treats as null.

The config is written by hand, without a YAML library: the structure is data (``index_config``)
and ``to_yaml`` prints the small subset of YAML it needs.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from ._frame import Stored

RAW = {"type": "text", "tokenizer": "raw", "fast": True}
RAW_LIST = {"type": "array<text>", "tokenizer": "raw", "fast": True}
#: ``chinese_compatible``: Quickwit's default tokenizer (split on non-alphanumerics, lower case)
#: plus one token per CJK character, so Chinese and Japanese are searchable by phrase queries.
PROSE = {"type": "text", "tokenizer": "chinese_compatible", "record": "position", "fieldnorms": True}
PROSE_LIST = dict(PROSE, type="array<text>")

INDEX_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9_.-]{2,254}")


def _fields(**mappings: Mapping[str, Any]) -> List[Dict[str, Any]]:
    return [dict({"name": name}, **m) for name, m in mappings.items()]


def _object(**mappings: Mapping[str, Any]) -> Dict[str, Any]:
    return {"type": "object", "field_mappings": _fields(**mappings)}


FIELD_MAPPINGS: List[Dict[str, Any]] = _fields(
    id=RAW,
    schema_version={"type": "u64", "fast": True},
    url=RAW,
    title=PROSE,
    content_sha256={"type": "text", "tokenizer": "raw"},
    language=RAW,
    languages=RAW_LIST,
    effective_date={"type": "datetime", "input_formats": ["rfc3339"], "fast": True, "fast_precision": "seconds"},
    controller=_object(name=PROSE, address=PROSE, country=RAW, evidence=PROSE),
    contacts=_object(
        emails=RAW_LIST,
        phones=RAW_LIST,
        urls={"type": "array<text>", "tokenizer": "raw"},
        dpo=_object(name=PROSE, email=RAW),
    ),
    processors=_object(
        name=RAW_LIST,
        organization=RAW_LIST,
        category=RAW_LIST,
        country=RAW_LIST,
        mentions=PROSE_LIST,
        evidence=PROSE_LIST,
    ),
    rights=RAW_LIST,
    transfers=_object(
        mentioned={"type": "bool", "fast": True},
        countries=RAW_LIST,
        mechanisms=RAW_LIST,
        evidence=PROSE_LIST,
    ),
    sections=_object(heading=PROSE_LIST, topic=RAW_LIST),
    text=PROSE,
)

DEFAULT_SEARCH_FIELDS = ["title", "text", "controller.name", "processors.mentions"]


def index_config(index_id: str = "polidex") -> Dict[str, Any]:
    """The Quickwit index config (as data) for the documents of ``document``."""
    if not INDEX_ID.fullmatch(index_id):
        raise ValueError(f"not a Quickwit index id: {index_id!r} (a letter, then 2-254 of [a-zA-Z0-9_.-])")
    return {
        "version": "0.8",
        "index_id": index_id,
        "doc_mapping": {"mode": "strict", "field_mappings": FIELD_MAPPINGS},
        "search_settings": {"default_search_fields": DEFAULT_SEARCH_FIELDS},
        "indexing_settings": {"commit_timeout_secs": 30},
    }


def _date(value: Optional[str]) -> Optional[str]:
    try:
        return datetime.date.fromisoformat(value).isoformat() + "T00:00:00Z" if value else None
    except ValueError:
        return None


def _pruned(d: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != {}}


def document(record: Mapping[str, Any], key: str) -> Dict[str, Any]:
    """The Quickwit document of one record (see the module's docstring for the mapping)."""
    ctrl = record.get("controller") or {}
    contacts = record.get("contacts") or {}
    dpo = contacts.get("dpo") or {}
    transfers = record.get("transfers") or {}
    procs = record.get("processors") or []
    sections = record.get("sections") or []
    return _pruned(
        {
            "id": key,
            "schema_version": record.get("schema_version"),
            "url": record.get("url"),
            "title": record.get("title"),
            "content_sha256": record.get("content_sha256"),
            "language": record.get("language"),
            "languages": [x["code"] for x in record.get("languages") or []],
            "effective_date": _date(record.get("effective_date")),
            "controller": _pruned({k: ctrl.get(k) for k in ("name", "address", "country", "evidence")}),
            "contacts": _pruned(
                {
                    "emails": list(contacts.get("emails") or []),
                    "phones": list(contacts.get("phones") or []),
                    "urls": list(contacts.get("urls") or []),
                    "dpo": _pruned({k: dpo.get(k) for k in ("name", "email")}),
                }
            ),
            "processors": {
                "name": [p["name"] for p in procs],
                "organization": [p["organization"] for p in procs],
                "category": [p["category"] for p in procs if p.get("category")],
                "country": [p["country"] for p in procs if p.get("country")],
                "mentions": [m for p in procs for m in p.get("mentions") or []],
                "evidence": [p["evidence"] for p in procs if p.get("evidence")],
            },
            "rights": list(record.get("rights") or []),
            "transfers": {
                "mentioned": bool(transfers.get("mentioned", False)),
                "countries": list(transfers.get("countries") or []),
                "mechanisms": list(transfers.get("mechanisms") or []),
                "evidence": list(transfers.get("evidence") or []),
            },
            "sections": {"heading": [s["heading"] for s in sections], "topic": [s["topic"] for s in sections]},
            "text": record.get("text"),
        }
    )


# ------------------------------------------------------------------------------------------ YAML

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.<>/-]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if value is None:
        return "null"
    s = str(value)
    if _PLAIN.fullmatch(s) and s.lower() not in _RESERVED:
        return s
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _block(value: Any, indent: int) -> List[str]:
    pad = " " * indent
    lines: List[str] = []
    if isinstance(value, Mapping):
        for k, v in value.items():
            if isinstance(v, Mapping) or (isinstance(v, list) and any(isinstance(x, Mapping) for x in v)):
                lines.append(f"{pad}{k}:")
                lines.extend(_block(v, indent + 2))
            elif isinstance(v, list):
                lines.append(f"{pad}{k}: [{', '.join(_scalar(x) for x in v)}]")
            else:
                lines.append(f"{pad}{k}: {_scalar(v)}")
    elif isinstance(value, list):
        for item in value:
            body = _block(item, indent + 2)
            lines.append(f"{pad}- {body[0].lstrip()}")
            lines.extend(body[1:])
    else:
        lines.append(pad + _scalar(value))
    return lines


def to_yaml(value: Mapping[str, Any], comment: str = "") -> str:
    """Block-style YAML for nested dicts, lists of dicts and lists of scalars."""
    head = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return head + "\n".join(_block(value, 0)) + "\n"


def _comment(index_id: str, n: int) -> str:
    from . import __version__

    return f"""Quickwit index config for polidex policy records (polidex {__version__}, record schema 1).
The documents are in records.ndjson beside this file ({n} policies), one JSON object per line;
"id" is the polidex corpus key. Fields mirror the record (SCHEMA.md); processors and sections,
lists of objects in the record, are objects of lists here (processors.organization, ...).

  quickwit run                                     # a local node (another terminal), for index create
  quickwit index create --index-config index-config.yaml
  quickwit tool local-ingest --index {index_id} --input-path records.ndjson   # no server needed
  quickwit index ingest --index {index_id} --input-path records.ndjson --force   # or into a running node
  quickwit index search --index {index_id} --query 'processors.organization:OpenAI AND transfers.countries:US'

effective_date is a fast datetime field for ranges and sorting, not the timestamp_field: many
policies state no date. Prose fields use the chinese_compatible tokenizer (one token per CJK
character besides words) with positions, so phrase queries work in every script."""


def write_quickwit(
    scan: Iterable[Sequence[Stored]], directory: Union[str, "os.PathLike[str]"], index_id: str = "polidex"
) -> int:
    """Write ``records.ndjson`` and ``index-config.yaml`` into ``directory`` (created if missing).
    Returns the number of documents."""
    config = index_config(index_id)
    os.makedirs(directory, exist_ok=True)
    n = 0
    with open(os.path.join(directory, "records.ndjson"), "w", encoding="utf-8", newline="\n") as fh:
        for batch in scan:
            for key, _source, record in batch:
                fh.write(json.dumps(document(json.loads(record), key), ensure_ascii=False))
                fh.write("\n")
                n += 1
    with open(os.path.join(directory, "index-config.yaml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(to_yaml(config, _comment(index_id, n)))
    return n

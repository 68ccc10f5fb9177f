"""Typed, read-only views of the policy record (SCHEMA.md). ``to_dict()`` returns exactly the
record's JSON shape; attribute names are the record's field names."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


@dataclass(frozen=True)
class LanguageShare:
    code: str
    share: float


@dataclass(frozen=True)
class Controller:
    name: str
    address: Optional[str]
    country: Optional[str]
    evidence: str


@dataclass(frozen=True)
class Dpo:
    name: Optional[str]
    email: Optional[str]


@dataclass(frozen=True)
class Contacts:
    emails: List[str]
    phones: List[str]
    urls: List[str]
    dpo: Optional[Dpo]


@dataclass(frozen=True)
class Processor:
    name: str
    organization: str
    category: str
    country: Optional[str]
    mentions: List[str]
    evidence: str
    known: bool


@dataclass(frozen=True)
class Transfers:
    mentioned: bool
    countries: List[str]
    mechanisms: List[str]
    evidence: List[str]


@dataclass(frozen=True)
class Section:
    heading: str
    topic: str
    language: str
    text: str


@dataclass(frozen=True)
class Policy:
    """One privacy policy as extracted: see SCHEMA.md for every field."""

    schema_version: int
    url: Optional[str]
    title: str
    content_sha256: str
    language: Optional[str]
    languages: List[LanguageShare]
    effective_date: Optional[str]
    controller: Optional[Controller]
    contacts: Contacts
    processors: List[Processor]
    rights: List[str]
    transfers: Transfers
    sections: List[Section]
    text: str
    _record: Dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Policy":
        c = d.get("contacts") or {}
        dpo = c.get("dpo")
        ctrl = d.get("controller")
        return cls(
            schema_version=d["schema_version"],
            url=d.get("url"),
            title=d.get("title", ""),
            content_sha256=d.get("content_sha256", ""),
            language=d.get("language"),
            languages=[LanguageShare(**x) for x in d.get("languages") or []],
            effective_date=d.get("effective_date"),
            controller=Controller(**ctrl) if ctrl else None,
            contacts=Contacts(
                emails=list(c.get("emails") or []),
                phones=list(c.get("phones") or []),
                urls=list(c.get("urls") or []),
                dpo=Dpo(**dpo) if dpo else None,
            ),
            processors=[Processor(**p) for p in d.get("processors") or []],
            rights=list(d.get("rights") or []),
            transfers=Transfers(**(d.get("transfers") or {"mentioned": False, "countries": [], "mechanisms": [], "evidence": []})),
            sections=[Section(**s) for s in d.get("sections") or []],
            text=d.get("text", ""),
            _record=d,
        )

    @classmethod
    def from_json(cls, s: str) -> "Policy":
        return cls.from_dict(json.loads(s))

    def to_dict(self) -> Dict[str, Any]:
        """The record exactly as SCHEMA.md describes it (a fresh copy)."""
        return copy.deepcopy(self._record)

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self._record, **kwargs)

    def _repr_html_(self) -> str:
        """A card for notebooks (every text escaped)."""
        from ._display import policy_html

        return policy_html(self)

    def __repr__(self) -> str:
        ctrl = self.controller.name if self.controller else None
        orgs = ", ".join(p.organization for p in self.processors[:5])
        more = f" +{len(self.processors) - 5}" if len(self.processors) > 5 else ""
        return (
            f"<Policy {self.url or self.title!r} language={self.language!r} controller={ctrl!r} "
            f"processors=[{orgs}{more}] rights={len(self.rights)} transfers={self.transfers.countries}>"
        )

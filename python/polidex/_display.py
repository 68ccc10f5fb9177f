"""HTML for notebooks: ``Policy``, ``Hit`` and search results render as readable cards.

Every piece of text from a page is escaped (``html.escape``): titles, evidence and snippets come
from arbitrary web pages. Links are made only from ``http(s)`` URLs, so a ``javascript:`` URL in a
record stays inert text.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Iterable, List, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ._corpus import Hit
    from ._record import Policy

_STYLE = (
    "font-family:system-ui,sans-serif;font-size:13px;line-height:1.45;"
    "border:1px solid rgba(128,128,128,.35);border-radius:6px;padding:10px 14px;margin:4px 0;max-width:980px"
)
_MUTED = "opacity:.7"
_CHIP = "display:inline-block;border:1px solid rgba(128,128,128,.4);border-radius:9px;padding:0 7px;margin:1px 2px"
_TABLE = "border-collapse:collapse;margin:4px 0;font-size:12px"
_CELL = "border-top:1px solid rgba(128,128,128,.25);padding:2px 8px;text-align:left;vertical-align:top"

#: evidence and snippets longer than this are cut (the record keeps them whole)
MAX_TEXT = 300


def esc(value: object) -> str:
    """Text escaped for HTML content and attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def _cut(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link(url: Optional[str], label: Optional[str] = None) -> str:
    """An ``<a>`` for an http(s) URL; anything else (``javascript:``, ``data:``) as plain text."""
    text = esc(label if label is not None else url)
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text


def chips(values: Iterable[object]) -> str:
    return "".join(f'<span style="{_CHIP}">{esc(v)}</span>' for v in values) or f'<span style="{_MUTED}">none</span>'


def _row(label: str, content: str) -> str:
    return f'<tr><th style="{_CELL};white-space:nowrap;{_MUTED}">{esc(label)}</th><td style="{_CELL}">{content}</td></tr>'


def _table(head: Sequence[str], rows: List[Sequence[str]]) -> str:
    th = "".join(f'<th style="{_CELL}">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in r) + "</tr>" for r in rows)
    return f'<table style="{_TABLE}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def policy_html(policy: "Policy", key: Optional[str] = None) -> str:
    """A card: title and URL; languages; date; controller; contacts; processors with category,
    country and evidence; rights; transfers."""
    langs = ", ".join(f"{esc(x.code)} {x.share:.0%}" for x in policy.languages) or esc(policy.language or "unknown")
    rows = [_row("languages", langs), _row("effective date", esc(policy.effective_date or "not stated"))]
    c = policy.controller
    if c is not None:
        where = ", ".join(esc(x) for x in (c.address, c.country) if x)
        rows.append(
            _row(
                "controller",
                f"<b>{esc(c.name)}</b>" + (f" · {where}" if where else "")
                + f'<div dir="auto" style="{_MUTED}"><i>{esc(_cut(c.evidence))}</i></div>',
            )
        )
    else:
        rows.append(_row("controller", f'<span style="{_MUTED}">not named</span>'))
    k = policy.contacts
    contacts = [esc(x) for x in k.emails] + [esc(x) for x in k.phones] + [link(u) for u in k.urls]
    if k.dpo is not None:
        contacts.append("DPO: " + " ".join(esc(x) for x in (k.dpo.name, k.dpo.email) if x))
    rows.append(_row("contacts", "<br>".join(contacts) or f'<span style="{_MUTED}">none</span>'))
    if policy.processors:
        procs = _table(
            ["organisation", "category", "country", "evidence"],
            [
                [
                    f"<b>{esc(p.organization)}</b>"
                    + (f'<div style="{_MUTED}">{esc(", ".join(p.mentions))}</div>' if p.mentions else "")
                    + ("" if p.known else f' <span style="{_CHIP}" title="not in the catalogue">context</span>'),
                    esc(p.category),
                    esc(p.country or ""),
                    f'<i dir="auto">{esc(_cut(p.evidence))}</i>',
                ]
                for p in policy.processors
            ],
        )
    else:
        procs = f'<span style="{_MUTED}">none named</span>'
    rows.append(_row(f"processors ({len(policy.processors)})", procs))
    rows.append(_row("rights", chips(policy.rights)))
    t = policy.transfers
    transfer = (
        ("mentioned" if t.mentioned else "not mentioned")
        + f" · countries {chips(t.countries)} · mechanisms {chips(t.mechanisms)}"
        + "".join(f'<div dir="auto" style="{_MUTED}"><i>{esc(_cut(e))}</i></div>' for e in t.evidence[:3])
    )
    rows.append(_row("transfers", transfer))
    rows.append(_row("sections", esc(len(policy.sections))))
    sub = [link(policy.url)] if policy.url else []
    if key and key != policy.url:
        sub.append(esc(key))
    sub.append(f"sha256 {esc(policy.content_sha256[:12])}")
    return (
        f'<div class="polidex-policy" style="{_STYLE}">'
        f'<div dir="auto" style="font-size:15px;font-weight:600">{esc(policy.title or "(untitled)")}</div>'
        f'<div style="{_MUTED}">{" · ".join(sub)}</div>'
        f'<table style="{_TABLE}">{"".join(rows)}</table></div>'
    )


def hit_html(hit: "Hit", rank: Optional[int] = None) -> str:
    """A hit: score, title, URL or key, snippet; the full policy card folded underneath."""
    p = hit.policy
    orgs = ", ".join(dict.fromkeys(x.organization for x in p.processors))
    head = (f"{rank}. " if rank is not None else "") + f"<b>{esc(hit.title or '(untitled)')}</b>"
    return (
        f'<div class="polidex-hit" style="{_STYLE}">{head} '
        f'<span style="{_MUTED}">score {hit.score:.2f} · {esc(p.language or "?")} · '
        f"{link(hit.url) if hit.url else esc(hit.key)}</span>"
        f'<div dir="auto">{esc(_cut(hit.snippet))}</div>'
        + (f'<div style="{_MUTED}">processors: {esc(orgs)}</div>' if orgs else "")
        + f"<details><summary>record</summary>{policy_html(p, hit.key)}</details></div>"
    )


def results_html(hits: Sequence["Hit"], query: Optional[str] = None) -> str:
    """A list of hits with a one-line header."""
    what = f" for {esc(repr(query))}" if query else ""
    head = f'<div style="{_MUTED};font-family:system-ui,sans-serif;font-size:13px">{len(hits)} result{"" if len(hits) == 1 else "s"}{what}</div>'
    return head + "".join(hit_html(h, i) for i, h in enumerate(hits, 1))

"""Charts (matplotlib, the ``plot`` extra)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional

from ._optional import require

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: ways to split the bars: the policy's main language, or the processor's category
SPLITS = ("language", "category")
#: groups beyond this many (the largest first) are drawn together as ``REST``
MAX_GROUPS = 10
REST = "(the rest)"


def plot_processors(
    records: Iterable[Mapping[str, Any]], top: int = 20, by: Optional[str] = "language", ax: Optional["Axes"] = None
) -> "Axes":
    """Horizontal bars of the ``top`` processor organisations by the number of policies naming
    them, stacked by ``by`` (``"language"``: the policy's language; ``"category"``: the category
    the policy gives the processor; ``None``: one bar each). Draws on ``ax`` or a new figure and
    returns the Axes."""
    if by is not None and by not in SPLITS:
        raise ValueError(f"by must be one of {SPLITS} or None, not {by!r}")
    if top < 1:
        raise ValueError("top must be at least 1")
    plt = require("matplotlib.pyplot", "plot", "Corpus.plot_processors")
    totals: Counter = Counter()
    split: Dict[str, Counter] = defaultdict(Counter)
    for record in records:
        named: Dict[str, str] = {}
        for p in record.get("processors") or []:
            named.setdefault(p["organization"], p.get("category") or "other")
        for org, category in named.items():
            totals[org] += 1
            if by == "language":
                split[record.get("language") or "unknown"][org] += 1
            elif by == "category":
                split[category][org] += 1
    orgs = sorted(totals, key=lambda o: (-totals[o], o))[:top]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.5 + 0.3 * max(len(orgs), 1)))
    if by is None:
        ax.barh(orgs, [totals[o] for o in orgs], label="policies")
    else:
        shown = {g: sum(c[o] for o in orgs) for g, c in split.items()}
        groups = [g for g in sorted(shown, key=lambda g: (-shown[g], g)) if shown[g]]
        if len(groups) > MAX_GROUPS:
            rest = groups[MAX_GROUPS - 1 :]
            groups = groups[: MAX_GROUPS - 1]
            split[REST] = Counter({o: sum(split[g][o] for g in rest) for o in orgs})
            groups.append(REST)
        left: List[int] = [0] * len(orgs)
        for g in groups:
            widths = [split[g][o] for o in orgs]
            ax.barh(orgs, widths, left=left, label=g)
            left = [a + b for a, b in zip(left, widths)]
        if groups:
            ax.legend(title=by, fontsize="small", loc="lower right")
    ax.invert_yaxis()
    ax.set_xlabel("policies naming the organisation")
    ax.set_title(f"Top {len(orgs)} processors" + (f" by {by}" if by else ""))
    return ax

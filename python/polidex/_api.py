"""Module-level functions."""
from __future__ import annotations

from typing import List, Optional, Tuple, Union

from . import _polidex
from ._record import Policy


def extract(
    data: Union[bytes, str],
    url: Optional[str] = None,
    *,
    max_bytes: Optional[int] = None,
    max_depth: Optional[int] = None,
) -> Policy:
    """Extract a policy record from a page: HTML or plain text, as ``bytes`` (any charset; it is
    detected) or ``str``.

    Limits (``None``: the defaults, 64 MiB and 1,024 levels): input over ``max_bytes`` raises
    ``InputError`` naming the limit; elements nested deeper than ``max_depth`` are flattened
    (their text is kept). Raises ``InputError`` for input that is not a document (a PDF, an
    image). Safe to call from many threads at once; the GIL is released while it runs.
    """
    return Policy.from_json(_polidex.extract_json(data, url, max_bytes, max_depth))


def reference_info() -> Tuple[int, int, List[str]]:
    """(catalogued services, catalogued organisations, languages with a vocabulary)."""
    return _polidex.reference_info()

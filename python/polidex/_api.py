"""Module-level functions."""
from __future__ import annotations

from typing import List, Optional, Tuple, Union

from . import _polidex
from ._record import Policy


def extract(data: Union[bytes, str], url: Optional[str] = None) -> Policy:
    """Extract a policy record from a page: HTML or plain text, as ``bytes`` (any charset; it is
    detected) or ``str``.

    Raises ``InputError`` for input that is not a document (a PDF, an image, over the size limit).
    """
    return Policy.from_json(_polidex.extract_json(data, url))


def reference_info() -> Tuple[int, int, List[str]]:
    """(catalogued services, catalogued organisations, languages with a vocabulary)."""
    return _polidex.reference_info()

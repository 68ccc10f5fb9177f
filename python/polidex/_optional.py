"""Optional dependencies, imported when first used so that ``import polidex`` stays light.

pandas, pyarrow, matplotlib and dask are extras (``pip install polidex[pandas]``, ``[arrow]``,
``[plot]``, ``[dask]``, or ``[all]``); a function that needs a missing one says which extra
brings it.
"""
from __future__ import annotations

import importlib
from types import ModuleType


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or raise ``ImportError`` naming the extra that installs it.

    ``feature`` is what the caller wanted to do ("Corpus.to_frame"), shown in the message.
    """
    try:
        return importlib.import_module(module)
    except ImportError as e:
        top = module.split(".")[0]
        raise ImportError(f"{feature} needs {top}, which is not installed: pip install polidex[{extra}]") from e

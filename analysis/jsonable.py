"""Plain JSON values from what pandas and numpy hand back: one rule for every `--json` output."""

from __future__ import annotations

import math
from typing import Any

_AS_IS = (str, int, bool, type(None))


def plain(value: Any) -> Any:
    """numpy scalars → Python numbers, NaN/inf/NA → None, tuples and arrays → lists; dicts and lists recursively."""
    if type(value) in _AS_IS:
        return value  # the common case, decided first
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            return str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if _is_missing(value):
        return None
    return value


def _is_missing(value: Any) -> bool:
    """pandas' NA and NaT (no pandas import needed to ask)."""
    return type(value).__name__ in ("NAType", "NaTType")

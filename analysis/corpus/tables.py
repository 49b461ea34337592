"""The corpus dataset's tables as Arrow schemas (one each, so empty tables and every part of a table agree,
and DuckDB and pandas read the same types), made from the column lists in `columns`.
"""

from __future__ import annotations

import pyarrow as pa

from .columns import COLUMNS, PER_ARTICLE_TABLES, TABLES, empty_columns

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    table: pa.schema([(name, getattr(pa, kind)()) for name, kind in columns])
    for table, columns in COLUMNS.items()
}

__all__ = ["PER_ARTICLE_TABLES", "TABLES", "TABLE_SCHEMAS", "empty_columns"]

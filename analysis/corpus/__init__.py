"""The corpus view: many articles' analyses as tidy tables (Parquet), and the figures a corpus report shows.

- `build_corpus(BuildOptions(inputs, dataset, jobs, scheduler, outlet, force, wait)) -> BuildSummary`
  (analysis.corpus.build): incremental, atomic, locked; see docs/corpus.md;
- `TABLE_SCHEMAS`, `TABLES` (analysis.corpus.tables): the tables and their columns;
- `load_dataset(path)` (analysis.corpus.query): the tables as pandas frames for notebooks and the report.
"""

from typing import Any

__all__ = ["TABLES", "TABLE_SCHEMAS"]


def __getattr__(name: str) -> Any:
    # Looked up when first asked for: importing the package (as the workers do for `rows`) loads no pyarrow.
    if name in __all__:
        from . import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

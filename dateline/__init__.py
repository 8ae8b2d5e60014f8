"""dateline: who said what, who did what to whom, where and when — from raw news.

The public API (see ``dateline.api``): ``analyze``, ``read_article``, ``read``, ``analyze_many``,
``Store`` and the record types of ``dateline.model``. Names load on first use, so that
``import dateline`` stays fast.
"""

__version__ = "0.1.0"
SCHEMA_ID = "dateline.article/1"

_LAZY = {
    "analyze": "api", "read_article": "api", "read": "api", "analyze_many": "api", "open_store": "api",
    "Store": "store.db", "StoreError": "store.db", "InputError": "errors",
    "Article": "model", "AnalyzedArticle": "model", "Actor": "model", "Statement": "model", "Event": "model",
    "Place": "model", "TimeExpression": "model", "Span": "model",
}
__all__ = ["__version__", "SCHEMA_ID", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")

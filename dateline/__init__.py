"""dateline: who said what, who did what to whom, where and when — from raw news."""

__version__ = "0.1.0"
SCHEMA_ID = "dateline.article/1"

"""Ingestion: raw inputs to cleaned :class:`dateline.model.Article` records."""

"""The analysts\x27 web workspace (``dateline serve``): pages and a JSON API over a store."""

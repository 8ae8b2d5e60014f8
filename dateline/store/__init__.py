"""The embedded corpus store (SQLite): articles and their records, queryable across articles."""

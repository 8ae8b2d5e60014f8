"""Across articles: one corpus actor per real-world entity, a knowledge base, near-duplicate stories."""

"""Evaluation against public gold data: ``dateline eval …``."""

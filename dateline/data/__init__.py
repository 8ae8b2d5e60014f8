"""Packaged lexicons, patterns and gazetteer additions (YAML), loaded once."""

from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str) -> dict:
    """Return the parsed YAML data file ``name`` (without extension)."""
    with resources.files(__package__).joinpath(f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)

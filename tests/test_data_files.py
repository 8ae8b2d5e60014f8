"""The packaged lexicons are plain data: YAML's implicit booleans must not sneak in."""

from importlib import resources

import pytest
import yaml


def _leaves(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            if not isinstance(value, (dict, list)):
                yield value
            yield from _leaves(value)


FILES = sorted(p.name for p in resources.files("dateline.data").iterdir() if p.name.endswith(".yaml"))


@pytest.mark.parametrize("name", FILES)
def test_no_implicit_booleans(name):
    data = yaml.safe_load(resources.files("dateline.data").joinpath(name).read_text(encoding="utf-8"))
    bad = [leaf for leaf in _leaves(data) if isinstance(leaf, bool)]
    assert not bad, f"{name}: unquoted on/off/yes/no became {bad}"


def test_there_are_data_files():
    assert {"cues.yaml", "events.yaml", "roles.yaml", "places.yaml", "page_patterns.yaml"} <= set(FILES)

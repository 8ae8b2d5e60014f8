"""The packaged lexicons are plain data: YAML's implicit booleans must not sneak in, nor a key
written twice (YAML keeps the last silently, so the first entry's words would be lost)."""

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


class _KeysOnce(yaml.SafeLoader):
    """A loader that records every mapping key written twice."""

    repeated: list = []

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        self.repeated.extend((k, node.start_mark.line + 1) for k in keys if keys.count(k) > 1)
        return super().construct_mapping(node, deep)


@pytest.mark.parametrize("name", FILES)
def test_no_key_written_twice(name):
    _KeysOnce.repeated = []
    yaml.load(resources.files("dateline.data").joinpath(name).read_text(encoding="utf-8"), Loader=_KeysOnce)
    assert not _KeysOnce.repeated, f"{name}: keys written twice in one mapping (key, line): {sorted(set(_KeysOnce.repeated))}"


def test_the_repeated_key_check_sees_a_repeat():
    _KeysOnce.repeated = []
    yaml.load("verbs:\n  say: [ccomp]\n  say: [quote]\n", Loader=_KeysOnce)
    assert _KeysOnce.repeated == [("say", 2), ("say", 2)]


def test_there_are_data_files():
    assert {"cues.yaml", "events.yaml", "roles.yaml", "places.yaml", "page_patterns.yaml"} <= set(FILES)

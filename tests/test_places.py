import pytest

from dateline.analyze.places import gazetteer


@pytest.mark.parametrize("name,country,feature", [
    ("Tehran", "IR", "city"),
    ("Gaza Strip", "PS", "region"),
    ("the West Bank", "PS", "region"),
    ("Donbas", "UA", "region"),
    ("Iran", "IR", "country"),
    ("Islamic Republic of Iran", "IR", "country"),
    ("U.S.", "US", "country"),
    ("Florida", "US", "region"),
    ("Téhéran", "IR", "city"),
])
def test_places_resolve_offline(name, country, feature):
    info = gazetteer().lookup(name)
    assert info is not None and (info.country, info.feature) == (country, feature)


@pytest.mark.parametrize("alias", ["Al-Quds", "Beit-ul-Moqaddas", "Bayt al-Maqdis"])
def test_alternate_names_of_jerusalem(alias):
    info = gazetteer().lookup(alias)
    assert info.name == "Jerusalem" and info.lat == pytest.approx(31.77, abs=0.05)


def test_unknown_names_stay_unresolved():
    assert gazetteer().lookup("Raisi") is None
    assert gazetteer().lookup("Qwertyville") is None


def test_demonyms_give_countries():
    assert gazetteer().country_of_word("Iranian") == "IRN"
    assert gazetteer().country_of_word("Kenya") == "KEN"

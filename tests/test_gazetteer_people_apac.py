"""Schema checks for the curated people of East/Southeast Asia, Oceania, the Americas and business.

Files: gazetteer/people/asia-pacific.yaml, americas.yaml, business.yaml (schema in
gazetteer/README.md). These tests only read the repository's own files.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ROOT / "gazetteer" / "people"
FILES = ("asia-pacific.yaml", "americas.yaml", "business.yaml")

ID_RE = re.compile(r"^(Q[1-9][0-9]*|mtcheck:[a-z0-9]+(?:-[a-z0-9]+)*)$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
YEARS_RE = re.compile(r"^(19|20)[0-9]{2}-((19|20)[0-9]{2})?$")
ENTITY_KEYS = {"id", "type", "kind", "role", "country", "years", "en", "fr", "es", "de",
               "other", "script", "note", "notes"}
FORM_KEYS = {"name", "short", "variants"}
LANGS = ("en", "fr", "es", "de")


def _load(name):
    with open(PEOPLE / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), f"{name} must be a YAML list"
    return data


@pytest.fixture(scope="module")
def by_file():
    return {name: _load(name) for name in FILES}


@pytest.fixture(scope="module")
def entities(by_file):
    return [(name, e) for name, ents in by_file.items() for e in ents]


def _forms(val):
    """A language entry as a dict with name/short/variants."""
    if isinstance(val, str):
        return {"name": val}
    return val


def _english(e):
    en = _forms(e["en"])
    out = {en["name"]}
    if en.get("short"):
        out.add(en["short"])
    out.update(en.get("variants") or [])
    return out


def _all_forms(e):
    out = []
    for lang in LANGS:
        if lang in e:
            f = _forms(e[lang])
            out.append(f["name"])
            if f.get("short"):
                out.append(f["short"])
            out.extend(f.get("variants") or [])
    out.extend(e.get("other") or [])
    out.extend(e.get("script") or [])
    return out


def _is_latin(s):
    # modifier letters (the Polynesian okina in ʻAkilisi Pōhiva) belong to no script
    letters = [c for c in s if c.isalpha() and unicodedata.category(c) != "Lm"]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()


def test_at_least_500_people(entities):
    assert len(entities) >= 500


def test_required_keys_and_types(entities):
    for name, e in entities:
        assert isinstance(e, dict), (name, e)
        where = f"{name}: {e.get('id')}"
        assert set(e) <= ENTITY_KEYS, (where, set(e) - ENTITY_KEYS)
        for key in ("id", "type", "kind", "role", "country", "years", "en"):
            assert key in e, (where, key)
        assert e["type"] == "person", where
        for key in ("kind", "role"):
            assert isinstance(e[key], str) and e[key].strip(), (where, key)


def test_id_format_and_unique(entities):
    seen = {}
    for name, e in entities:
        eid = e["id"]
        assert isinstance(eid, str) and ID_RE.match(eid), (name, eid)
        assert eid not in seen, f"duplicate id {eid} in {name} and {seen[eid]}"
        seen[eid] = name


def test_country_codes(entities):
    for name, e in entities:
        assert isinstance(e["country"], str) and COUNTRY_RE.match(e["country"]), (name, e["id"], e["country"])


def test_years(entities):
    for name, e in entities:
        years = e["years"]
        assert isinstance(years, str) and YEARS_RE.match(years), (name, e["id"], years)
        start, _, end = years.partition("-")
        assert not end or int(end) >= int(start), (name, e["id"], years)


def test_language_forms_well_formed(entities):
    for name, e in entities:
        where = f"{name}: {e['id']}"
        for lang in LANGS:
            if lang not in e:
                continue
            f = _forms(e[lang])
            assert isinstance(f, dict) and set(f) <= FORM_KEYS, (where, lang)
            assert isinstance(f.get("name"), str) and f["name"].strip(), (where, lang)
            if "short" in f:
                assert isinstance(f["short"], str) and f["short"].strip(), (where, lang)
            variants = f.get("variants", [])
            assert isinstance(variants, list) and all(isinstance(v, str) and v.strip() for v in variants), (where, lang)
            for s in [f["name"], f.get("short"), *variants]:
                if s:
                    assert _is_latin(s), (where, lang, s)
                    assert s == s.strip() and "  " not in s, (where, lang, s)


def test_other_language_omitted_when_identical(entities):
    """fr/es/de are given only when they differ from the English forms."""
    for name, e in entities:
        en = _forms(e["en"])
        for lang in ("fr", "es", "de"):
            if lang in e:
                f = _forms(e[lang])
                same = f["name"] == en["name"] and f.get("short") == en.get("short") \
                    and not f.get("variants")
                assert not same, (name, e["id"], lang)


def test_other_and_script_lists(entities):
    for name, e in entities:
        where = f"{name}: {e['id']}"
        for key in ("other", "script"):
            val = e.get(key, [])
            assert isinstance(val, list) and all(isinstance(s, str) and s.strip() for s in val), (where, key)
            assert len(val) == len(set(val)), (where, key, "duplicate form")
        for s in e.get("other", []):
            assert _is_latin(s), (where, "other form not in Latin script", s)
        for s in e.get("script", []):
            assert not _is_latin(s), (where, "script form in Latin script", s)
            assert not re.search(r"[A-Za-z]", s), (where, "script form with Latin letters", s)


def test_no_other_form_is_accepted_english(entities):
    for name, e in entities:
        english = _english(e)
        for s in e.get("other", []):
            assert s not in english, (name, e["id"], s)


def test_no_anthony_blinken_anywhere(by_file):
    for name in FILES:
        text = (PEOPLE / name).read_text(encoding="utf-8")
        assert "Anthony Blinken" not in text, name
    blinken = [e for ents in by_file.values() for e in ents if _forms(e["en"])["name"] == "Antony Blinken"]
    assert len(blinken) == 1
    assert all("Anthony" not in s for s in _all_forms(blinken[0]) + sorted(_english(blinken[0])))


def test_sorted_by_country_then_name(by_file):
    for name, ents in by_file.items():
        keys = [(e["country"], _fold(_forms(e["en"])["name"])) for e in ents]
        assert keys == sorted(keys), name


def test_one_entity_per_english_name(entities):
    seen = {}
    for name, e in entities:
        n = _forms(e["en"])["name"]
        assert n not in seen, f"{n!r} twice ({seen[n]}, {name})"
        seen[n] = name


@pytest.mark.parametrize("name, qid, short", [
    ("Xi Jinping", "Q15031", "Xi"),
    ("Kim Jong Un", "Q56226", "Kim"),
    ("Yoon Suk Yeol", "Q16090635", "Yoon"),
    ("Luiz Inácio Lula da Silva", "Q37181", "Lula"),
    ("Andrés Manuel López Obrador", "Q318508", "López Obrador"),
    ("Joe Biden", "Q6279", "Biden"),
    ("Nancy Pelosi", "Q170581", "Pelosi"),
])
def test_key_wire_spellings(entities, name, qid, short):
    found = [e for _, e in entities if _forms(e["en"])["name"] == name]
    assert len(found) == 1, name
    e = found[0]
    assert e["id"] == qid
    assert _forms(e["en"]).get("short") == short


def test_namesakes_are_distinct(entities):
    names = {_forms(e["en"])["name"]: e for _, e in entities}
    for n in ("Kim Jong Il", "Kim Il Sung", "Kim Yo Jong", "Eduardo Bolsonaro", "Flávio Bolsonaro",
              "Jair Bolsonaro", "Alberto Fernández", "Cristina Fernández de Kirchner", "Nicolás Maduro"):
        assert n in names, n
    assert "Kim Jong-un" in _english(names["Kim Jong Un"])
    assert "Yoon Suk-yeol" in _english(names["Yoon Suk Yeol"])
    assert "Lula da Silva" in _english(names["Luiz Inácio Lula da Silva"])
    assert "AMLO" in _english(names["Andrés Manuel López Obrador"])
    # An ambiguous surname is not a short form of either Fernández or of a Bolsonaro son.
    assert _forms(names["Alberto Fernández"]["en"]).get("short") is None
    for son in ("Eduardo Bolsonaro", "Flávio Bolsonaro", "Carlos Bolsonaro"):
        assert _forms(names[son]["en"]).get("short") is None

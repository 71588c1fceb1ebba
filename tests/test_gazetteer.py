"""The gazetteer: loading, normalisation, indexes, house-style files and their validation.

Unit tests run on the small fixture gazetteer in tests/fixtures/gazetteer (so they do not move
when the curated data grows); a few run on the shipped file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import gazetteer as gz
from mtcheck.gazetteer import (
    ALTERNATE,
    NAME,
    OTHER,
    SHORT,
    VARIANT,
    fold,
    get_gazetteer,
    inflects,
    parse_house_file,
)

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"
MINI = FIXTURES / "mini.json"


@pytest.fixture()
def mini() -> gz.Gazetteer:
    return get_gazetteer(builtin=MINI)


def _ids(gazetteer: gz.Gazetteer, name: str) -> list[str]:
    return [r.entity.id for r in gazetteer.lookup(name)]


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("Erdoğan", "erdogan"),
        ("U.S.", "us"),
        ("N’Djamena", "ndjamena"),
        ("Łódź", "lodz"),
        ("Sana'a", "sanaa"),
        ("  Ursula  von der Leyen ", "ursula von der leyen"),
        ("Путиным", "путиным"),
        ("Николай", "николай"),  # й stays й: Николай is not Николаи
        ("Ёлкин", "елкин"),
    ],
)
def test_fold(form: str, key: str) -> None:
    assert fold(form) == key


def test_loads_the_fixture_with_its_version_and_languages(mini: gz.Gazetteer) -> None:
    assert mini.version == "fixture.1"
    assert mini.signature == "gazetteer@fixture.1"
    assert {"en", "fr", "es", "de"} <= mini.languages
    assert "nice" in mini.common_words["en"]


def test_exact_index_keeps_each_forms_role(mini: gz.Gazetteer) -> None:
    putin = mini.by_id["Q7747"]
    roles = {(r.role, r.lang) for r in mini.refs("poutine") if r.entity == putin}
    assert (SHORT, "fr") in roles
    assert {(r.role, r.lang) for r in mini.refs("zelensky")} >= {(VARIANT, "en"), (SHORT, "fr")}
    assert any(r.role == OTHER for r in mini.refs("mosca"))
    assert any(r.role == ALTERNATE for r in mini.refs("nizza"))
    assert any(r.role == NAME and r.lang == "en" for r in mini.refs("yerevan"))


def test_lookup_exact_and_fuzzy(mini: gz.Gazetteer) -> None:
    [erevan] = mini.lookup("Erevan")
    assert erevan.entity.english.name == "Yerevan" and erevan.how == "foreign"
    [zelensky] = mini.lookup("Zelensky")
    assert zelensky.how == "variant"
    [yerevn] = mini.lookup("Yerevn")
    assert (yerevn.how, yerevn.distance, yerevn.entity.id) == ("fuzzy", 1, "Q1953")
    assert mini.lookup("Qwertyuiop") == []


def test_fuzzy_index_leaves_out_abbreviations_alternates_and_small_geonames_cities(mini: gz.Gazetteer) -> None:
    single = {t.key for targets in mini.fuzzy.single.values() for t in targets}
    assert "yerevan" in single and "blinken" in single
    assert "otan" not in single and "nato" not in single  # abbreviations: exact or nothing
    assert "nizza" not in single  # a GeoNames alternate
    assert "reading" not in single  # a GeoNames city under a million people
    assert "london" in single  # a big one


def test_house_file_overrides_preferred_forms_and_adds_entities(mini: gz.Gazetteer) -> None:
    house = get_gazetteer([str(FIXTURES / "house.yaml")], builtin=MINI)
    zelensky = house.entities[house.by_id["Q3874799"]]
    assert zelensky.preferred("en") == "Volodymyr Zelensky"
    assert zelensky.preferred("en", short=True) == "Zelensky"
    # the built-in preferred forms stay accepted, as variants
    assert {"Volodymyr Zelenskyy", "Zelenskyy"} <= set(zelensky.english.variants)
    assert zelensky.forms["de"].name == "Wolodymyr Selenskyj"  # languages the house did not touch
    kyiv = house.entities[house.by_id["Q1899"]]
    assert kyiv.preferred("en") == "Kiev" and "Kyiv" in kyiv.english.variants
    added = house.entities[house.by_id["mtcheck:aram-testyan"]]
    assert added.tier == "house" and added.origin.endswith("house.yaml")
    assert _ids(house, "Testian") == ["mtcheck:aram-testyan"]
    # the built-in gazetteer is not changed by the merge
    assert mini.entities[mini.by_id["Q3874799"]].preferred("en") == "Volodymyr Zelenskyy"


def test_house_hash_goes_into_the_signature_and_changes_with_the_file(tmp_path: Path) -> None:
    house = tmp_path / "house.yaml"
    house.write_text((FIXTURES / "house.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = get_gazetteer([str(house)], builtin=MINI).signature
    assert first.startswith("gazetteer@fixture.1+house.")
    other = tmp_path / "other.yaml"
    other.write_text("- id: Q1899\n  en: Kyiv City\n", encoding="utf-8")
    assert get_gazetteer([str(other)], builtin=MINI).signature != first


def test_csv_house_file(mini: gz.Gazetteer) -> None:
    house = get_gazetteer([str(FIXTURES / "house.csv")], builtin=MINI)
    kyiv = house.entities[house.by_id["Q1899"]]
    assert kyiv.preferred("en") == "Kiev"
    person = house.entities[house.by_id["mtcheck:aram-csvyan"]]
    assert person.english.variants == ("Aram Tsvyan", "Tsvyan")
    assert person.forms["fr"].name == "Aram Csvian"


def test_validation_reports_problems_with_line_numbers(mini: gz.Gazetteer) -> None:
    problems, entries = parse_house_file(str(FIXTURES / "house-bad.yaml"), known_ids=frozenset(mini.by_id))
    lines = [(p.line, p.message.split()[0]) for p in problems]
    assert [line for line, _ in lines] == [3, 6, 8, 9, 14]
    messages = " | ".join(p.message for p in problems)
    assert "needs a `type`" in messages
    assert "'planet'" in messages
    assert "unknown key `colour`" in messages
    assert "duplicate id 'Q3874799' (first at line 1)" in messages
    assert "'Testville' is listed in `other`" in messages
    assert len(entries) == 1  # only the first entry is clean


def test_validation_of_broken_yaml_and_clean_files(mini: gz.Gazetteer) -> None:
    problems, _ = parse_house_file(str(FIXTURES / "house-broken.yaml"))
    assert len(problems) == 1 and problems[0].message.startswith("invalid YAML")
    assert problems[0].line in (2, 3)
    for clean in ("house.yaml", "house.csv"):
        assert parse_house_file(str(FIXTURES / clean), known_ids=frozenset(mini.by_id))[0] == []


def test_a_broken_house_file_is_one_line_error() -> None:
    with pytest.raises(gz.GazetteerError, match=r"house-bad\.yaml:3: .*and 4 more"):
        get_gazetteer([str(FIXTURES / "house-bad.yaml")], builtin=MINI)


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        ("путиным", "путин", True),
        ("путина", "путин", True),
        ("москвы", "москва", True),
        ("зеленского", "зеленский", True),
        ("пашиняном", "пашинян", True),
        ("самой", "самоа", False),  # an ordinary word, not Samoa
        ("николай", "николаев", False),  # a first name, not Mykolaiv
        ("китая", "кито", False),  # China's genitive, not Quito
    ],
)
def test_russian_inflections(word: str, form: str, expected: bool) -> None:
    assert inflects(word, form) is expected


def test_script_index_skips_language_names_and_lowercase_nicknames(tmp_path: Path) -> None:
    data = json.loads(MINI.read_text(encoding="utf-8"))
    data["entities"].append(
        {"id": "Q1", "type": "place", "kind": "city", "tier": "curated", "forms": {"en": {"name": "Testgrad"}},
         "script": ["Тестград", "日本語", "рыбная столица"], "other": [], "alternates": []}
    )
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    index = get_gazetteer(builtin=path).script_index
    assert ("тестград",) in index.tokens
    assert ("рыбная", "столица") not in index.tokens
    assert not any(compact == "日本語" for forms in index.cjk.values() for compact, _ in forms)


def test_importing_the_module_is_cheap() -> None:
    code = "import sys, mtcheck.gazetteer; print(sorted(m for m in ('yaml', 'rapidfuzz') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- the shipped file -------------------------------------------------------------------------


def test_shipped_gazetteer_loads_and_has_the_basics() -> None:
    shipped = get_gazetteer()
    assert shipped.version and shipped.signature.startswith("gazetteer@")
    assert {"en", "fr", "es", "de"} <= shipped.languages
    for name in ("Yerevan", "Baku", "Moscow", "Armenia", "Azerbaijan", "Nagorno-Karabakh", "Washington"):
        assert any(r.how == "preferred" for r in shipped.lookup(name)), name
    assert shipped.sources, "sources and licences are recorded"


def test_built_indexes_are_cached_on_disk_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gz, "_CACHE_MIN_ENTITIES", 0)
    gz.clear_caches()
    try:
        first = get_gazetteer([str(FIXTURES / "house.yaml")], builtin=MINI)
        cached = sorted((tmp_path / "cache").glob("gazetteer-*.pickle"))
        assert len(cached) == 2  # the built-in one, and the one merged with the house file
        gz.clear_caches()
        again = get_gazetteer([str(FIXTURES / "house.yaml")], builtin=MINI)
        assert again is not first and again.signature == first.signature
        assert again.entities == first.entities and "exact" in vars(again)  # indexes came built
        # a changed house file is another cache entry, never a stale one
        changed = tmp_path / "house.yaml"
        changed.write_text("- id: Q1899\n  en: Kyiv City\n", encoding="utf-8")
        other = get_gazetteer([str(changed)], builtin=MINI)
        assert other.entities[other.by_id["Q1899"]].preferred("en") == "Kyiv City"
        # a corrupt cache entry is rebuilt, not an error
        for path in (tmp_path / "cache").glob("gazetteer-*.pickle"):
            path.write_bytes(b"not a pickle")
        gz.clear_caches()
        assert get_gazetteer(builtin=MINI).version == "fixture.1"
    finally:
        gz.clear_caches()


def test_a_cache_written_by_other_code_is_rebuilt_not_an_error(tmp_path, monkeypatch) -> None:
    """The cache key includes this module's source, stale files are removed, and a cache that
    cannot be unpickled is rebuilt silently."""
    import mtcheck.gazetteer as gazetteer_module

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "gazetteer-0000.pickle"
    stale.write_bytes(b"not a pickle")
    path = gazetteer_module._cache_path(str(gazetteer_module.builtin_path()), [])
    assert path is not None and path.parent == tmp_path
    path.write_bytes(b"\x80\x05garbage")  # a broken cache under the current key
    built = gazetteer_module._cached(path, lambda: gazetteer_module.gazetteer_from_compiled(
        gazetteer_module.read_compiled(gazetteer_module.builtin_path())))
    assert len(built.entities) > 1000
    assert not stale.exists()  # pruned when the fresh cache was written
    reloaded = gazetteer_module._cached(path, lambda: (_ for _ in ()).throw(AssertionError("rebuilt")))
    assert "paris" in reloaded.common_words["en"] or "police" in reloaded.common_words["en"]

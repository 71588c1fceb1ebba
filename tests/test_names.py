"""NAM rules: the matcher on a fixture gazetteer, house style, the CLI, and the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck import gazetteer as gz
from mtcheck.checks.names import analyse, related_by_suffix, skeleton, source_mentions
from mtcheck.cli import app
from mtcheck.config import Config, load_config
from mtcheck.pipeline import check_article
from mtcheck.types import Article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"
MINI = FIXTURES / "mini.json"
SEED = ROOT / "seeds" / "putin-yerevan-baku.txt"


@pytest.fixture()
def mini() -> gz.Gazetteer:
    return gz.get_gazetteer(builtin=MINI)


@pytest.fixture()
def fixture_builtin(monkeypatch: pytest.MonkeyPatch):
    """Make the fixture the built-in gazetteer for the pipeline and the CLI."""
    monkeypatch.setattr(gz, "builtin_path", lambda: MINI)
    yield
    gz.clear_caches()


def _issues(gazetteer: gz.Gazetteer, text: str, lang: str = "en") -> list[tuple[str, str, str | None]]:
    return [(i.kind, text[i.start : i.end], i.suggestion) for i in analyse(text, gazetteer, lang).issues]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US Secretary of State Anthony Blinken spoke.", ("misspelling", "Anthony Blinken", "Antony Blinken")),
        ("Prime Minister Georgia Meloni spoke.", ("misspelling", "Georgia Meloni", "Giorgia Meloni")),
        ("Clashes near Yerevn on Tuesday.", ("misspelling", "Yerevn", "Yerevan")),
        ("President Recep Tayyip Erdogen spoke.", ("misspelling", "Recep Tayyip Erdogen", "Recep Tayyip Erdogan")),
        ("Erdogen spoke.", ("misspelling", "Erdogen", "Erdogan")),
        ("Nancy Pellosi arrived.", ("misspelling", "Nancy Pellosi", "Nancy Pelosi")),
        ("Sergei Lavrof said.", ("misspelling", "Sergei Lavrof", "Sergei Lavrov")),
        ("Blinkin's office said.", ("misspelling", "Blinkin", "Blinken")),
        ("Russian President Vladimir Poutine spoke.", ("foreign", "Vladimir Poutine", "Vladimir Putin")),
        ("He flew to Moscou.", ("foreign", "Moscou", "Moscow")),
        ("The OTAN summit.", ("foreign", "OTAN", "NATO")),
        ("Nikol Pachinian said.", ("foreign", "Nikol Pachinian", "Nikol Pashinyan")),
        ("Mohammed ben Salmane said.", ("foreign", "Mohammed ben Salmane", "Mohammed bin Salman")),
        ("Talks in Bergkarabach.", ("foreign", "Bergkarabach", "Nagorno-Karabakh")),
        ("Aliev said.", ("foreign", "Aliev", "Aliyev")),  # both Aliyevs: one suggestion
        ("Volodymyr Zelensky said.", ("variant", "Volodymyr Zelensky", "Volodymyr Zelenskyy")),
        ("Troops left Kiev.", ("variant", "Kiev", "Kyiv")),
    ],
)
def test_flags_with_the_preferred_form(mini: gz.Gazetteer, text: str, expected: tuple[str, str, str]) -> None:
    assert _issues(mini, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Russian President Vladimir Putin called on Armenia and Azerbaijan; Putin's aides agreed.",
        "Nancy Pelosi visited Yerevan, Baku and Moscow, according to Washington.",
        "The Armenia-Azerbaijan border, Nagorno-Karabakh and the Caucasus.",
        "Nice and Reading are twinned. Police said the Of river flooded.",
        "Austria and Australia played in the final.",
        "Azerbaijani President Ilham Aliyev succeeded his father Heydar Aliyev.",
        "Nikol Pashinyan met French singer Nicole Croisille.",  # Nikol is not Nicole
        "Volodymyr Zelenskyy, Zelenskyy, Zelenskiy, Zelensky.",  # variants: at most NAM003
        "Ursula von der Leyen and von der Leyen met Mohammed bin Salman and bin Salman.",
        "Mehriban Aliyeva and Yulia Navalnaya spoke.",  # feminine surnames, not misspellings
        "The Armenians and Azerbaijanis, Chinese and Thai officials.",
        "Putin Calls Yerevan And Baku To Calm Down",  # a title-case headline
        "Bernd Salzberger and Ginza shoppers.",  # a letter off Bern and Giza: other names
        "The Roma community.",  # a common English word that is also Rome's Italian form
        "Professor Pellosi Smithers said.",  # the first name of someone the gazetteer does not know
    ],
)
def test_leaves_correct_names_alone(mini: gz.Gazetteer, text: str) -> None:
    assert [i for i in _issues(mini, text) if i[0] != "variant"] == []


def test_ambiguity_is_neutral_and_lists_the_candidates(tmp_path: Path) -> None:
    data = json.loads(MINI.read_text(encoding="utf-8"))
    for qid, name in (("Q9001", "Karimova"), ("Q9002", "Karimovo")):
        data["entities"].append(
            {"id": qid, "type": "place", "kind": "city", "tier": "curated", "forms": {"en": {"name": name}},
             "other": [], "script": [], "alternates": []}
        )
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    gazetteer = gz.get_gazetteer(builtin=path)
    [issue] = analyse("Floods hit Karimova and Karimovu.", gazetteer, "en").issues
    assert issue.kind == "ambiguous" and issue.suggestion is None
    assert "Karimova" in issue.message and "Karimovo" in issue.message


def test_skeleton_and_suffixes() -> None:
    assert skeleton("erdogen") == skeleton("erdogan")
    assert skeleton("pachinian") == skeleton("pashinyan")
    assert skeleton("sholz") == skeleton("scholz")
    assert skeleton("kyodo") != skeleton("kyoto")
    assert skeleton("bernd") != skeleton("bern")
    assert related_by_suffix("azerbaijani", "azerbaijan")
    assert related_by_suffix("navalnaya", "navalny")
    assert not related_by_suffix("yerevn", "yerevan")


def test_french_copy_uses_french_forms(mini: gz.Gazetteer) -> None:
    assert _issues(mini, "Vladimir Poutine est arrivé à Moscou.", "fr") == []
    assert _issues(mini, "Vladimir Putin est arrivé à Moscow.", "fr") == [
        ("foreign", "Vladimir Putin", "Vladimir Poutine"),
        ("foreign", "Moscow", "Moscou"),
    ]


# -- through the pipeline ---------------------------------------------------------------------


def _findings(text: str, config: Config, source: str | None = None, lang: str = "en"):
    report = check_article(Article(id="t", text=text, source=source, lang=lang), config)
    return [(f.code, f.text, f.suggestion) for f in report.findings if f.code.startswith("NAM")], report


def test_house_style_silences_its_own_preferences(fixture_builtin) -> None:
    text = "Ukrainian President Volodymyr Zelensky spoke in Kiev. Zelenskyy thanked Kyiv."
    config = Config(select=("NAM", "NAM003"))
    found, report = _findings(text, config)
    assert ("NAM003", "Volodymyr Zelensky", "Volodymyr Zelenskyy") in found
    assert ("NAM003", "Kiev", "Kyiv") in found
    house = Config(select=("NAM", "NAM003"), gazetteer=(str(FIXTURES / "house.yaml"),))
    found_house, report_house = _findings(text, house)
    # the desk's own forms pass; the built-in ones are now the variants
    assert ("NAM003", "Zelenskyy", "Zelensky") in found_house
    assert ("NAM003", "Kyiv", "Kiev") in found_house
    assert not any(t in ("Volodymyr Zelensky", "Kiev") for _, t, _ in found_house)
    assert "gazetteer@fixture.1|" in report.signature
    assert "gazetteer@fixture.1+house." in report_house.signature


def test_house_entities_are_checked_like_built_in_ones(fixture_builtin) -> None:
    config = Config(gazetteer=(str(FIXTURES / "house.yaml"),))
    found, _ = _findings("Minister Aram Testian said. Aram Testyan agreed.", config)
    assert ("NAM002", "Aram Testian", "Aram Testyan") in found


def test_sentences_in_another_language_are_left_to_unt(fixture_builtin) -> None:
    text = (
        "Russian President Vladimir Putin spoke on Tuesday.\n\n"
        "Le président Vladimir Poutine a appelé l'Arménie et l'Azerbaïdjan à la retenue mardi soir."
    )
    found, _ = _findings(text, Config(select=("NAM",)))
    assert found == []


@pytest.mark.parametrize(
    ("translation", "source", "missing"),
    [
        ("The president said he would meet the prime minister.", "Путин заявил, что встретится с Пашиняном.", ["Vladimir Putin", "Nikol Pashinyan"]),
        ("Putin said he would meet Pashinyan.", "Путин заявил, что встретится с Пашиняном.", []),
        ("Talks with Putin in Moscow.", "Переговоры с Путиным в Москве.", []),
        ("Zelensky spoke.", "Зеленского спросили.", []),  # a variant is a form
        ("Blinkin spoke.", "Блинкен выступил.", []),  # misspelt: NAM001's finding, not a missing name
        ("Forces shelled the Crimean coast.", "Войска обстреляли побережье Крыма.", []),  # demonym-like
        ("The speaker said.", "وقال بوتين", ["Vladimir Putin"]),  # Arabic prefix و
        ("The speaker said so.", "ペロシ議長が述べた。", ["Nancy Pelosi"]),
        ("The title changed.", "タイトルが変わった。", []),  # タイ (Thailand) inside タイトル
        ("Japan and China agreed.", "日本と中国が合意した。NATOも歓迎した。", ["NATO"]),  # Latin inside Japanese
        ("The cabinet agreed.", "Кабинет Самой и Николай согласились с Китая.", ["China"]),
        ("Путин said so.", "Путин заявил.", []),  # left in Cyrillic: UNT002's finding
    ],
)
def test_source_names_missing_from_the_translation(fixture_builtin, translation: str, source: str, missing: list[str]) -> None:
    report = check_article(Article(id="t", text=translation, source=source, lang="en"), Config(select=("NAM005",)))
    gazetteer = gz.get_gazetteer()
    named = [f.message.split("The source names ")[1].split(" (")[0] for f in report.findings]
    assert named == missing
    for finding in report.findings:
        assert finding.suggestion is None and finding.severity.value == "major"
    assert all(gazetteer.entities[m.entity].tier != "geonames" for m in source_mentions(source, gazetteer))


def test_missing_name_is_reported_on_the_aligned_paragraph(fixture_builtin) -> None:
    source = "Переговоры прошли в Москве.\n\nПутин заявил, что встретится с Пашиняном."
    translation = "Talks were held in Moscow.\n\nThe president said he would meet Pashinyan."
    report = check_article(Article(id="t", text=translation, source=source, lang="en"), Config(select=("NAM005",)))
    [finding] = report.findings
    assert finding.text == "The president said he would meet Pashinyan."


# -- the CLI and configuration ----------------------------------------------------------------

runner = CliRunner()


def test_validate_reports_file_and_line(fixture_builtin) -> None:
    bad = str(FIXTURES / "house-bad.yaml")
    result = runner.invoke(app, ["gazetteer", "validate", bad])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{bad}:{n}" for n in (3, 6, 8, 9, 14)]
    clean = runner.invoke(app, ["gazetteer", "validate", str(FIXTURES / "house.yaml"), str(FIXTURES / "house.csv")])
    assert clean.exit_code == 0 and clean.stdout == ""


def test_validate_on_a_missing_file() -> None:
    result = runner.invoke(app, ["gazetteer", "validate", "no/such/house.yaml"])
    assert result.exit_code == 2 and "cannot read" in result.stdout


def test_lookup_shows_forms_and_how_the_name_matched(fixture_builtin) -> None:
    result = runner.invoke(app, ["gazetteer", "lookup", "Erevan"])
    assert result.exit_code == 0
    assert "Q1953  Yerevan" in result.stdout
    assert "exact: a form of another language" in result.stdout
    assert "preferred in en: Yerevan" in result.stdout
    assert "fr:" in result.stdout and "Erevan" in result.stdout
    fuzzy = runner.invoke(app, ["gazetteer", "lookup", "Yerevn"])
    assert "fuzzy: 1 edit from 'Yerevan'" in fuzzy.stdout
    house = runner.invoke(app, ["gazetteer", "lookup", "Kiev", "--gazetteer", str(FIXTURES / "house.yaml")])
    assert "preferred in en: Kiev" in house.stdout and "+house." in house.stdout
    nothing = runner.invoke(app, ["gazetteer", "lookup", "Qwertyuiop"])
    assert nothing.exit_code == 1 and "no entity" in nothing.stdout


def test_check_takes_gazetteer_files_and_refuses_bad_ones(fixture_builtin, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Ukrainian President Volodymyr Zelensky spoke in Kiev on Monday.\n", encoding="utf-8")
    plain = runner.invoke(app, ["check", str(article), "--select", "NAM003", "-f", "json"])
    assert len(json.loads(plain.stdout)["findings"]) == 2
    house = runner.invoke(app, ["check", str(article), "--select", "NAM003", "-f", "json",
                                "--gazetteer", str(FIXTURES / "house.yaml")])
    assert json.loads(house.stdout)["findings"] == []
    bad = runner.invoke(app, ["check", str(article), "--gazetteer", str(FIXTURES / "house-bad.yaml")])
    assert bad.exit_code == 2 and "house-bad.yaml:3:" in bad.stderr
    missing = runner.invoke(app, ["check", str(article), "--gazetteer", "nope.yaml"])
    assert missing.exit_code == 2 and "gazetteer file not found" in missing.stderr


def test_config_key_gazetteer_is_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.yaml").write_text("- id: Q1899\n  en: Kiev\n", encoding="utf-8")
    (tmp_path / "mtcheck.toml").write_text('gazetteer = ["style/house.yaml"]\n', encoding="utf-8")
    config = load_config(tmp_path / "mtcheck.toml")
    assert config.gazetteer == (str((tmp_path / "style" / "house.yaml").resolve()),)
    (tmp_path / "mtcheck.toml").write_text('gazetteer = ["style/missing.yaml"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="gazetteer file not found"):
        load_config(tmp_path / "mtcheck.toml")


# -- end to end on the shipped gazetteer --------------------------------------------------------


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = check_article(Article(id="seed", text=text, lang="en"), Config(select=("NAM",)))
    flagged = [(f.code, f.text, f.suggestion) for f in report.findings]
    assert ("NAM001", "Anthony Blinken", "Antony Blinken") in flagged
    assert [f for f in flagged if f[0] in ("NAM001", "NAM002")] == [("NAM001", "Anthony Blinken", "Antony Blinken")]
    for name in ("Putin", "Pelosi", "Yerevan", "Baku", "Moscow", "Nagorno-Karabakh", "Caucasus", "Armenia",
                 "Azerbaijan", "Washington"):
        assert not any(name in f.text for f in report.findings), name
    assert "gazetteer@" in report.signature


def test_shipped_gazetteer_catches_leaked_french_forms() -> None:
    text = "Talks in Erevan and Bakou. Moscou said so."
    report = check_article(Article(id="t", text=text, lang="en"), Config(select=("NAM",)))
    assert [(f.code, f.text, f.suggestion) for f in report.findings] == [
        ("NAM002", "Erevan", "Yerevan"),
        ("NAM002", "Bakou", "Baku"),
        ("NAM002", "Moscou", "Moscow"),
    ]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        # Sentence-initial common words are not surnames or abbreviations.
        ("Das Unglück ereignete sich gegen 14.30 Uhr auf der A7.", "The accident happened at around 2.30 pm on the A7."),
        ("Au total, 30 personnes ont été blessées.", "In all, 30 people were injured."),
        ("Un portavoz del ministerio confirmó la cifra.", "A ministry spokesman confirmed the figure."),
        ("Le maire de Lyon a annoncé la fermeture des écoles.", "The mayor of Lyon announced that schools would close."),
        ("Bei dem Angriff wurden drei Menschen verletzt.", "Three people were injured in the attack."),
        # A surname ending in -ов is not a plural case of a place (Смирна, Smyrna).
        ("Об этом сообщил министр Алексей Смирнов.", "Minister Alexei Smirnov said this."),
    ],
)
def test_source_words_that_only_look_like_names_are_not_missing_names(source: str, translation: str) -> None:
    report = check_article(Article(id="s", text=translation, source=source, lang="en"), Config(select=("NAM005",)))
    assert [f.text for f in report.findings] == []

"""BPL001/BPL002: leaked site boilerplate, driven by mtcheck/data/boilerplate.toml."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mtcheck.checks.boilerplate import (
    KIND_TO_CODE,
    BoilerplateEntry,
    _parse_entry,
    find_boilerplate,
    load_entries,
)
from mtcheck.config import Config
from mtcheck.datafiles import load_toml
from mtcheck.pipeline import check_article
from mtcheck.types import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin-yerevan-baku.txt"
SEED_FOOTER = (
    "Follow our latest local and sports news and the latest political and economic "
    "developments via Google news"
)
ENTRIES = load_entries()


def bpl_findings(text: str, lang: str = "en"):
    report = check_article(Article(id="t", text=text, lang=lang), Config(select=("BPL",)))
    return [f for f in report.findings if f.code.startswith("BPL")]


def spans(text: str) -> list[tuple[str, str]]:
    return [(KIND_TO_CODE[m.entry.kind], text[m.start : m.end]) for m in find_boilerplate(text)]


# -- the seed ---------------------------------------------------------------------------------


def test_seed_flags_exactly_the_footer_line() -> None:
    text = SEED.read_text(encoding="utf-8")
    findings = bpl_findings(text)
    assert len(findings) == 1
    footer = findings[0]
    assert footer.code == "BPL001"
    assert footer.text == SEED_FOOTER
    assert text[footer.start : footer.end] == SEED_FOOTER
    assert footer.start == text.index(SEED_FOOTER)
    assert footer.end == len(text.rstrip())
    assert footer.suggestion == ""  # "" means delete
    assert footer.severity.value == "major"
    assert footer.category == "accuracy/addition"


def test_report_signature_records_the_data_file_version() -> None:
    report = check_article(Article(id="t", text="Prices rose."), Config(select=("BPL",)))
    assert f"boilerplate@{load_toml('boilerplate')['version']}" in report.signature


# -- every data entry's own examples ----------------------------------------------------------


def _entry_flag_cases():
    for entry in ENTRIES:
        for number, example in enumerate(entry.flag_examples, start=1):
            yield pytest.param(entry, example, id=f"{entry.id}-flag-{number}")


def _entry_pass_cases():
    for entry in ENTRIES:
        for number, example in enumerate(entry.pass_examples, start=1):
            yield pytest.param(entry, example, id=f"{entry.id}-pass-{number}")


@pytest.mark.parametrize(("entry", "example"), list(_entry_flag_cases()))
def test_entry_flags_its_examples_with_its_code(entry: BoilerplateEntry, example) -> None:
    assert (entry.code, example.flags) in spans(example.text)


@pytest.mark.parametrize(("entry", "example"), list(_entry_pass_cases()))
def test_no_entry_fires_on_counter_examples(entry: BoilerplateEntry, example) -> None:
    assert spans(example.text) == []


def test_every_entry_has_examples_and_a_deletion_or_replacement() -> None:
    for entry in ENTRIES:
        assert entry.flag_examples, entry.id
        assert entry.pass_examples, entry.id
        assert entry.message.strip(), entry.id
        assert isinstance(entry.suggestion, str), entry.id


def test_data_file_covers_the_required_languages_for_both_kinds() -> None:
    required = {"en", "fr", "es", "de", "ar", "ru", "pt", "it", "tr"}
    for kind in KIND_TO_CODE:
        covered = {lang for e in ENTRIES if e.kind == kind for lang in e.languages}
        assert required <= covered, (kind, required - covered)


def test_entry_ids_are_unique() -> None:
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))


def test_malformed_entry_is_rejected_with_its_reason() -> None:
    base = {
        "id": "x-test",
        "kind": "footer",
        "languages": ["en"],
        "pattern": "Follow (us) on Twitter",
        "message": "m",
        "flag": [{"text": "Follow us on Twitter", "flags": "Follow us on Twitter"}],
    }
    with pytest.raises(ValueError, match="capturing"):
        _parse_entry(base)
    with pytest.raises(ValueError, match="kind"):
        _parse_entry({**base, "pattern": "Follow us", "kind": "banner"})
    with pytest.raises(ValueError, match="unit"):
        _parse_entry({**base, "pattern": "Follow us", "unit": "page"})


# -- real-shaped cases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An Arabic site's "read also" link inside the story, as MT renders it.
        (
            "Aliyev said the army had responded.\n\nAlso read: Armenia accuses Baku of shelling "
            "Jermuk\n\nThe ministry gave no figures.",
            [("BPL002", "Also read: Armenia accuses Baku of shelling Jermuk")],
        ),
        # Read-also in the middle of a paragraph, after a sentence.
        (
            "Aliyev said the army had responded. Read also: Armenia accuses Baku of shelling",
            [("BPL002", "Read also: Armenia accuses Baku of shelling")],
        ),
        # Footer sentence glued to the last paragraph: only the footer sentence is flagged.
        (
            "The conflict killed 30,000 people. Follow us on Telegram for the latest news.",
            [("BPL001", "Follow us on Telegram for the latest news.")],
        ),
        # A run of footers, each its own unit.
        (
            "The vote is on Friday.\nShare this article\nAdvertisement\n© 2022 Example Press",
            [
                ("BPL001", "Share this article"),
                ("BPL002", "Advertisement"),
                ("BPL001", "© 2022 Example Press"),
            ],
        ),
        # The original Arabic footer left untranslated in English copy is still a footer.
        (
            "Putin urged restraint.\nتابعونا على تويتر",
            [("BPL001", "تابعونا على تويتر")],
        ),
        # Russian "read also" left in English copy.
        (
            "Putin urged restraint.\nЧитайте также: Эрдоган позвонил Алиеву",
            [("BPL002", "Читайте также: Эрдоган позвонил Алиеву")],
        ),
        # Indented line and Windows line ends.
        (
            "Putin urged restraint.\r\n   Follow us on Google News\r\n",
            [("BPL001", "Follow us on Google News")],
        ),
    ],
)
def test_real_shaped_boilerplate(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected
    for finding in bpl_findings(text):
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW (Reuters) - Russia said on Tuesday it would keep talking to Kyiv.",
        "PARIS, Sept 13 (AFP) - France will cut gas use by 10%, the minister said.",
        "YEREVAN, Sept 14 (Reuters) - Armenia said 49 soldiers were killed.",
        "Brent fell 2%.\n\n(Reporting by Olesya Astakhova; Editing by Mark Potter)",
        "Brent fell 2%.\nAFP\nPhoto: Reuters",
        "Netflix lost 200,000 subscribers in the first quarter.",
        "She clicked the link and lost her savings.",
        "Musk said on Twitter that the deal was on hold. Google declined to comment.",
        "Telegram is also in the Top 10 in terms of downloads.",
        "Follow-up talks are set for Geneva. Readers also wrote in.",
        "The Telegram channel about men's fashion said so. Share prices rose 3%.",
        "Indian Prime Minister's Twitter account hacked\nModi's account was compromised.",
        "Advertisement revenue at Alphabet rose 12%, the company said.",
        "Related charges were dropped. More than 200 people were killed.",
        "Copyright law was reformed in 2019.",
    ],
)
def test_story_text_is_not_boilerplate(text: str) -> None:
    assert bpl_findings(text) == []


# -- linear time --------------------------------------------------------------------------------


def test_huge_inputs_do_not_hang() -> None:
    # Run in a subprocess with a generous timeout: a guard against a hang (catastrophic
    # backtracking, quadratic scanning), not a speed assertion.
    script = textwrap.dedent(
        """
        import random
        from mtcheck.checks.boilerplate import find_boilerplate
        random.seed(0)
        words = "follow us on google news read also subscribe to our channel click here".split()
        no_punctuation = " ".join(random.choice(words) for _ in range(50000))[:300_000]
        find_boilerplate(no_punctuation)
        find_boilerplate("Follow our " + "latest " * 60000)
        find_boilerplate(("The army said. Read also: x\\n" * 200000)[:5_000_000])
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"

"""REP001 repeated sentence/passage, REP002 MT loop, REP003 doubled function word."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article, Finding

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin-yerevan-baku.txt"
SEED_PASSAGE = "an unprecedented escalation of violence since the 2020 war"


def rep(text: str, code: str = "REP") -> list[Finding]:
    report = check_article(Article(id="t", text=text, lang="en"), Config(select=(code,)))
    return [f for f in report.findings if f.code.startswith(code)]


def flagged(text: str, code: str) -> list[str]:
    return [f.text for f in rep(text, code)]


# -- the seed ---------------------------------------------------------------------------------


def test_seed_flags_exactly_the_repeated_passage() -> None:
    text = SEED.read_text(encoding="utf-8")
    findings = rep(text)
    assert [f.code for f in findings] == ["REP001"]
    finding = findings[0]
    first = text.index(SEED_PASSAGE)
    later = text.index(SEED_PASSAGE, first + 1)
    assert (finding.start, finding.end) == (later, later + len(SEED_PASSAGE))
    assert finding.text == SEED_PASSAGE
    assert text[later - len("constitute ") : later] == "constitute "  # the later sentence
    # The message points at the earlier occurrence: its sentence and exact offsets.
    assert "sentence 4" in finding.message
    assert f"characters {first}–{first + len(SEED_PASSAGE)}" in finding.message
    assert finding.suggestion is None  # the sentence needs rewording, not a deletion
    assert finding.severity.value == "minor"


# -- REP001 -------------------------------------------------------------------------------------


HEADLINE_AND_BODY = (
    "Central bank raises key rate by half a point to curb inflation\n\n"
    "The central bank raised its key rate by half a point on Friday to curb inflation, "
    "which hit 9% in July.\n\n"
    "Analysts had expected a smaller move. "
)


def test_whole_duplicate_sentence_is_flagged_on_the_later_copy() -> None:
    sentence = "The ministry said the two delegations would meet again next month in Vienna."
    text = f"Talks resume\n\n{sentence} Officials gave no details.\n\n{sentence}"
    findings = rep(text, "REP001")
    assert len(findings) == 1
    assert findings[0].start == text.rindex(sentence)
    assert findings[0].text == sentence
    assert findings[0].suggestion == ""  # delete the duplicate
    assert findings[0].severity.value == "major"
    assert findings[0].message.startswith("Repeats sentence 2 ")


def test_near_duplicate_sentence_with_one_changed_word() -> None:
    text = (
        "The doctor suggested that people with a weakened immune system can have a milder "
        "form of the disease. Hospitals are preparing. The doctor suggested that people with a "
        "weakened immune system may have a milder form of the disease."
    )
    later = (
        "The doctor suggested that people with a weakened immune system may have a milder form "
        "of the disease."
    )
    assert flagged(text, "REP001") == [later]
    assert rep(text, "REP001")[0].message.startswith("Nearly repeats sentence 1 ")


def test_headline_restated_in_lead_is_not_flagged() -> None:
    assert rep(HEADLINE_AND_BODY, "REP001") == []


def test_standfirst_without_period_restated_in_body_is_not_flagged() -> None:
    text = (
        "Pulmonologist says Omicron may be milder for some\n"
        "The doctor suggested that people with a weakened immune system can have a milder form "
        "of the disease than people with strong defensive mechanisms in the body\n"
        "Sergey Puryasev explained why the strain may prove less dangerous.\n"
        "The doctor suggested that people with a weakened immune system may have a milder form "
        "of Omicron than people with strong defensive mechanisms in the body."
    )
    assert rep(text, "REP001") == []


def test_third_copy_after_headline_and_lead_is_flagged_against_the_lead() -> None:
    lead = (
        "The central bank raised its key rate by half a point on Friday to curb inflation, "
        "which hit 9% in July."
    )
    text = HEADLINE_AND_BODY + lead
    findings = rep(text, "REP001")
    assert [f.text for f in findings] == [lead]
    assert "sentence 2 " in findings[0].message


def test_paraphrase_next_to_its_quote_is_not_flagged() -> None:
    text = (
        "The WHO recommends training cognitive skills through games and hobbies that require "
        "intensive engagement of memory and logical thinking. \"We recommend games and hobbies "
        "that require intensive engagement of memory and logic,\" the WHO said."
    )
    assert rep(text, "REP001") == []


def test_parallel_statistics_are_not_flagged() -> None:
    text = (
        "Toyota is third: Russians spent 275.5 billion rubles on this brand's cars over 10 "
        "months. Lada grew 28%: Russians spent 229.4 billion rubles on this brand's cars over 10 "
        "months."
    )
    assert rep(text, "REP001") == []


def test_name_and_title_repeated_in_full_are_not_flagged() -> None:
    text = (
        "Pavel Volchkov, Head of the Genome Engineering Laboratory at the Moscow Institute of "
        "Physics and Technology, said the group is at risk. \"It is the most socially active "
        "group,\" said Volchkov, Head of the Genome Engineering Laboratory at the Moscow "
        "Institute of Physics and Technology."
    )
    assert rep(text, "REP001") == []


def test_short_shared_phrase_is_not_flagged() -> None:
    text = (
        "Police are hurrying to identify the man. Later, police are hurrying to find witnesses "
        "who saw the man on the bridge."
    )
    assert rep(text, "REP001") == []


def test_passage_span_drops_trailing_function_words() -> None:
    text = (
        "The number of people infected with the new coronavirus in the army rose to 30. "
        "Officials said the number of people infected with the new coronavirus in the navy fell "
        "sharply after the second vaccination drive ended in May."
    )
    assert flagged(text, "REP001") == ["the number of people infected with the new coronavirus"]


# -- REP002 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("Prices rose the the the most since 2008.", "the the the", "the"),
        (
            "He said the talks would continue of the war of the war of the war in the region.",
            "of the war of the war of the war",
            "of the war",
        ),
        (
            "The army said that that it will it will it will it will respond.",
            "it will it will it will it will",
            "it will",
        ),
        (
            "Armenia, Armenia, Armenia and Azerbaijan signed the deal.",
            "Armenia, Armenia, Armenia",
            "Armenia",
        ),
        (
            "We call on each side to show restraint we call on each side to show restraint we call "
            "on each side to show restraint.",
            "We call on each side to show restraint we call on each side to show restraint we "
            "call on each side to show restraint",
            "We call on each side to show restraint",
        ),
    ],
)
def test_loops_are_flagged_with_one_copy_as_suggestion(text: str, span: str, suggestion: str) -> None:
    findings = rep(text, "REP002")
    assert [f.text for f in findings] == [span]
    assert findings[0].suggestion == suggestion
    # The loop is reported once, not again as a repeated passage or doubled word.
    assert [f.code for f in rep(text)] == ["REP002"]


@pytest.mark.parametrize(
    "text",
    [
        "\"No, no, no,\" the minister said.",
        "The crowd chanted \"ha ha ha\" at the speaker.",
        "The score was 0 0 0 after three rounds.",
        "Again and again, the two sides accused each other.",
        "He said it was very, very, very serious.",
        # Copies on different lines are a list, not a loop.
        "Results:\nYes\nYes\nYes",
        "96.5% of those who voted voted against independence.",
    ],
)
def test_not_loops(text: str) -> None:
    assert rep(text, "REP002") == []


# -- REP003 -------------------------------------------------------------------------------------


def test_doubled_article_is_a_minor_finding() -> None:
    findings = rep("The minister said the the talks would resume.", "REP003")
    assert [(f.text, f.suggestion, f.severity.value) for f in findings] == [
        ("the the", "the", "minor")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He said that that decision was final.",
        "Those who had had enough left.",
        "The lights were switched on on Monday.",
        "He moved in in 2020.",
        "the, the list goes on",  # punctuation between: not a typo
        "Walla Walla is a city in Washington.",
        "Fighting resumed on the border near the\nThe ministry said nothing.",
    ],
)
def test_legitimate_doubles_are_not_flagged(text: str) -> None:
    assert rep(text, "REP003") == []


# -- offsets and linear time --------------------------------------------------------------------


def test_offsets_are_exact_with_non_ascii_text() -> None:
    text = "Ердоган said «the the» — prices rose the the the most in Şanlıurfa’s history."
    for finding in rep(text):
        assert text[finding.start : finding.end] == finding.text


def test_huge_inputs_do_not_hang() -> None:
    # A guard against quadratic blow-up, run in a subprocess with a generous timeout: not a
    # speed assertion. 300 KB without punctuation (one huge "sentence"), a 5 MB article made of
    # the same story repeated, and a 1 MB loop.
    script = textwrap.dedent(
        """
        import random
        from mtcheck.config import Config
        from mtcheck.context import CheckContext
        from mtcheck.langid import get_detector
        from mtcheck.registry import select_rules
        from mtcheck.segment import segment
        from mtcheck.types import Article, LanguageGuess

        random.seed(0)
        words = "the of war army said talks minister peace border Moscow Baku and in".split()
        no_punctuation = " ".join(random.choice(words) for _ in range(60000))[:300_000]
        story = open("seeds/putin-yerevan-baku.txt", encoding="utf-8").read() + "\\n\\n"
        big = story * (5_000_000 // len(story))
        loop = "of the war " * 100_000
        detector = get_detector("fasttext")
        english = LanguageGuess("en", 1.0)
        for text in (no_punctuation, big, loop):
            paragraphs, sentences = segment(text)
            context = CheckContext(
                Article("t", text), tuple(paragraphs), tuple(sentences), english, "en",
                tuple(english for _ in sentences), detector, Config(),
            )
            for rule in select_rules(("REP",)):
                for hit in rule.check(context):
                    assert 0 <= hit.start < hit.end <= len(text)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_messages_quote_the_earlier_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    (finding,) = rep(text, "REP001")
    match = re.search(r"characters (\d+)–(\d+)", finding.message)
    assert match
    start, end = int(match.group(1)), int(match.group(2))
    assert text[start:end] == SEED_PASSAGE
    assert f"“{SEED_PASSAGE}”" in finding.message

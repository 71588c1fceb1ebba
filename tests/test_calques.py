"""The calque packs: every entry's own examples, pack validation, and the seed article."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mtcheck.checks.calques import PackError, all_entries, compile_entries, find_calques, load_packs
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "putin-yerevan-baku.txt"
ENTRIES = all_entries()


def _flag_cases():
    for entry in ENTRIES:
        for number, example in enumerate(entry.flag_examples, start=1):
            yield pytest.param(entry, example, id=f"{entry.id}-flag-{number}")


def _pass_cases():
    for entry in ENTRIES:
        for number, example in enumerate(entry.pass_examples, start=1):
            yield pytest.param(entry, example, id=f"{entry.id}-pass-{number}")


@pytest.mark.parametrize(("entry", "example"), list(_flag_cases()))
def test_entry_flags_exactly_its_span(entry, example) -> None:
    spans = [
        example.text[c.start : c.end]
        for found in find_calques(example.text, entry.target)
        for c in found.candidates
        if c.entry.id == entry.id
    ]
    assert spans, f"{entry.id} did not fire on {example.text!r}"
    assert example.flags in spans, f"{entry.id} flagged {spans!r}, expected {example.flags!r}"


@pytest.mark.parametrize(("entry", "example"), list(_pass_cases()))
def test_no_entry_fires_on_a_pass_example(entry, example) -> None:
    fired = [
        (c.entry.id, example.text[c.start : c.end])
        for found in find_calques(example.text, entry.target)
        for c in found.candidates
    ]
    assert not fired, f"{example.text!r} (a pass example of {entry.id}) was flagged: {fired!r}"


# ---------------------------------------------------------------------------------------------
# Pack loading: a broken pack is a clear error naming the file and the entry
# ---------------------------------------------------------------------------------------------

GOOD_ENTRY = """
[[entry]]
id = "xx-en-sample"
kind = "calque"
pattern = '''\\bsample\\s+phrase\\b'''
message = "m"
suggestion = "fix"
severity = "minor"
hints = { xx = 2 }
flag = [ { text = "A sample phrase here.", flags = "sample phrase" } ]
pass = [ "Nothing here." ]
"""
HEADER = 'version = "1"\nsource = "xx"\ntarget = "en"\n'


def _write(tmp_path: Path, name: str, body: str) -> Path:
    (tmp_path / name).write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def test_a_good_pack_loads(tmp_path: Path) -> None:
    packs = load_packs(_write(tmp_path, "xx-en.toml", GOOD_ENTRY))
    assert [e.id for e in packs[0].entries] == ["xx-en-sample"]


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("kind = \"calque\"", "kind = \"idiom\""), "kind must be one of"),
        (("severity = \"minor\"", "severity = \"critical\""), "severity must be one of"),
        (("message = \"m\"\n", ""), "missing required key(s) message"),
        (("pass = [ \"Nothing here.\" ]", "pass = []"), "needs at least one `pass` example"),
        (("suggestion = \"fix\"", "suggestion = \"{nope}\""), "not a named group"),
        (("hints = { xx = 2 }", "hints = { xx = 7 }"), "weight in (0, 3]"),
        (("flags = \"sample phrase\"", "flags = \"other\""), "does not occur in its text"),
        (("severity = \"minor\"", "severity = \"minor\"\nseverty = \"minor\""), "unknown key(s) severty"),
    ],
)
def test_a_broken_entry_names_file_and_entry(tmp_path: Path, change, complaint) -> None:
    old, new = change
    directory = _write(tmp_path, "xx-en.toml", GOOD_ENTRY.replace(old, new))
    with pytest.raises(PackError) as error:
        load_packs(directory)
    assert "xx-en.toml" in str(error.value) and "xx-en-sample" in str(error.value)
    assert complaint in str(error.value)


def test_a_pattern_that_does_not_compile_names_the_entry(tmp_path: Path) -> None:
    directory = _write(tmp_path, "xx-en.toml", GOOD_ENTRY.replace("phrase\\b", "(phrase\\b"))
    entries = load_packs(directory)[0].entries
    with pytest.raises(PackError, match=r"xx-en\.toml entry 'xx-en-sample': pattern does not compile"):
        compile_entries(entries)


def test_ids_are_unique_across_packs(tmp_path: Path) -> None:
    _write(tmp_path, "xx-en.toml", GOOD_ENTRY)
    _write(tmp_path, "yy-en.toml", GOOD_ENTRY)
    with pytest.raises(PackError, match=r"yy-en\.toml: entry id 'xx-en-sample' is already used in xx-en\.toml"):
        load_packs(tmp_path)


def test_named_groups_are_renamed_per_entry_and_suggestions_follow_case(tmp_path: Path) -> None:
    two = GOOD_ENTRY + GOOD_ENTRY.replace("xx-en-sample", "xx-en-other").replace(
        "\\bsample\\s+phrase\\b", "\\b(?P<span>other)\\s+(?P<word>thing)\\b"
    ).replace('suggestion = "fix"', 'suggestion = "better {word}"').replace(
        'text = "A sample phrase here.", flags = "sample phrase"', 'text = "Other thing.", flags = "Other"'
    )
    entries = load_packs(_write(tmp_path, "xx-en.toml", two))[0].entries
    matcher = compile_entries(entries)
    found = find_calques("Other thing. A sample phrase.", "en", matcher=matcher)
    assert [(m.entry.id, m.suggestion) for m in found] == [("xx-en-other", "Better thing"), ("xx-en-sample", "fix")]
    assert "Other thing."[found[0].start : found[0].end] == "Other"


def test_packs_load_in_milliseconds() -> None:
    started = time.perf_counter()
    packs = load_packs(REPO / "mtcheck" / "data" / "packs")
    elapsed = time.perf_counter() - started
    assert packs and elapsed < 0.25, f"loading {len(packs)} packs took {elapsed * 1000:.0f} ms"


# ---------------------------------------------------------------------------------------------
# The seed article (issue 5, "Done when")
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report():
    article = Article(id="seed", text=SEED.read_text(encoding="utf-8"))
    return check_article(article, Config())


def _calque(report, text: str):
    return [f for f in report.findings if f.text == text and f.code[:3] in ("CAL", "STY")]


def test_seed_flags_the_decade_calque(seed_report) -> None:
    [finding] = _calque(seed_report, "the nineties of the last century")
    assert finding.suggestion == "the 1990s"


def test_seed_flags_knowing_that(seed_report) -> None:
    [finding] = _calque(seed_report, "knowing that")
    assert finding.suggestion == "given that"


def test_seed_flags_calls_x_to_and_suggests_calls_on(seed_report) -> None:
    [finding] = _calque(seed_report, "calls Yerevan and Baku to")
    assert finding.suggestion == "calls on Yerevan and Baku to"


def test_seed_flags_the_ukrainian_war(seed_report) -> None:
    [finding] = _calque(seed_report, "the Ukrainian war")
    assert finding.suggestion == "the war in Ukraine"


def test_seed_calques_flag_no_correct_name(seed_report) -> None:
    names = ("Putin", "Yerevan", "Baku", "Armenia", "Azerbaijan", "Moscow", "Nagorno-Karabakh", "Pelosi")
    for finding in seed_report.findings:
        if finding.code[:3] in ("CAL", "STY"):
            assert not any(name in finding.text and name not in (finding.suggestion or "") for name in names), finding


def test_seed_is_inferred_as_translated_from_arabic(seed_report) -> None:
    assert seed_report.source_language.code == "ar"
    assert seed_report.source_language.method == "inferred"
    assert seed_report.source_language.confidence >= 0.6

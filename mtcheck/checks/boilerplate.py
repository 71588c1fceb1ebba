"""BPL: site boilerplate leaked into the copy (footers, calls to action, navigation text).

The patterns live in ``mtcheck/data/boilerplate.toml`` (one entry per pattern, with its message,
suggestion and examples); this module only knows how to apply them:

- a pattern is tried only where a unit of text can start (a line start, or just after
  sentence-final punctuation), so story text that merely *mentions* Google, Twitter or
  subscribers mid-sentence is never matched;
- the span then reaches to the end of the entry's unit (line, sentence, or just the match), so
  the desk sees, and can delete, the whole leaked unit rather than a keyword;
- a suggestion of ``""`` means "delete the span".

Every entry applies to copy in every language: a French "Lire aussi" left in English copy is
boilerplate as much as "Read also" is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.context import CheckContext
from mtcheck.datafiles import load_toml
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

DATA_FILE = "boilerplate"
KIND_TO_CODE = {"footer": "BPL001", "navigation": "BPL002"}
UNITS = ("line", "sentence", "match")

# Where a leaked unit can start: after a line's indentation, or after sentence-final punctuation
# (and any closing quotes) plus spaces. The anchor is each match's end.
_ANCHOR = re.compile(
    r"^[ \t\u00a0\u3000]*(?=\S)|(?<=[.!?…。！？؟])[\"'”’»)\]]*[ \t\u00a0\u3000]+(?=\S)",
    re.MULTILINE,
)
# The end of a sentence-sized unit: sentence-final punctuation (with closing quotes) before
# whitespace or the end; the line end bounds the search.
_SENTENCE_END = re.compile(r"[.!?…。！？؟][\"'”’»)\]]*(?=\s|$)")


@dataclass(frozen=True)
class BoilerplateEntry:
    id: str
    kind: str
    languages: tuple[str, ...]
    pattern: str
    unit: str
    message: str
    suggestion: str
    case_sensitive: bool
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]

    @property
    def code(self) -> str:
        return KIND_TO_CODE[self.kind]


@dataclass(frozen=True)
class BoilerplateMatch:
    entry: BoilerplateEntry
    start: int
    end: int


def load_entries() -> tuple[BoilerplateEntry, ...]:
    """The entries of the data file, validated (raises ValueError naming the bad entry)."""
    return _load_entries()


@lru_cache(maxsize=1)
def _load_entries() -> tuple[BoilerplateEntry, ...]:
    data = load_toml(DATA_FILE)
    entries = []
    seen_ids: set[str] = set()
    for raw in data.get("entry", []):
        entry_id = raw.get("id", "?")
        try:
            # The patterns are checked when the combined pattern is compiled (_combined_pattern):
            # compiling each one here too cost ~8 ms of every start.
            entry = _parse_entry(raw, compile_pattern=False)
        except (KeyError, TypeError, ValueError, re.error) as error:
            raise ValueError(f"{DATA_FILE}.toml entry {entry_id!r}: {error}") from None
        if entry.id in seen_ids:
            raise ValueError(f"{DATA_FILE}.toml: entry id {entry.id!r} used twice")
        seen_ids.add(entry.id)
        entries.append(entry)
    return tuple(entries)


def _parse_entry(raw: dict, compile_pattern: bool = True) -> BoilerplateEntry:
    kind = raw["kind"]
    if kind not in KIND_TO_CODE:
        raise ValueError(f"kind must be one of {sorted(KIND_TO_CODE)}, not {kind!r}")
    unit = raw.get("unit", "sentence")
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    if compile_pattern:
        _check_pattern(raw["pattern"])
    languages = tuple(raw["languages"])
    default_lang = languages[0]
    flags = tuple(
        Example(text=e["text"], flags=e["flags"], lang=e.get("lang", default_lang), note=raw["id"])
        for e in raw.get("flag", [])
    )
    passes = tuple(
        Example(text=e, lang=default_lang, note=raw["id"]) if isinstance(e, str)
        else Example(text=e["text"], lang=e.get("lang", default_lang), note=raw["id"])
        for e in raw.get("pass", [])
    )
    if not flags:
        raise ValueError("needs at least one `flag` example")
    return BoilerplateEntry(
        id=raw["id"],
        kind=kind,
        languages=languages,
        pattern=raw["pattern"],
        unit=unit,
        message=raw["message"],
        suggestion=raw.get("suggestion", ""),
        case_sensitive=bool(raw.get("case_sensitive", False)),
        flag_examples=flags,
        pass_examples=passes,
    )


def _check_pattern(pattern: str) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    if compiled.groups:
        # The combined matcher tells entries apart by their own outer group.
        raise ValueError("pattern must not contain capturing groups; use (?:...)")


@lru_cache(maxsize=1)
def _combined_pattern() -> re.Pattern[str]:
    # One alternation, one named group per entry: a single C-level match per anchor instead of
    # one Python call per entry per anchor (this runs at every sentence of a 5 MB article).
    entries = _load_entries()
    branches = []
    for number, entry in enumerate(entries):
        flags = "" if entry.case_sensitive else "i"
        scoped = f"(?{flags}:{entry.pattern})" if flags else f"(?:{entry.pattern})"
        branches.append(f"(?P<e{number}>{scoped})")
    try:
        combined = re.compile("|".join(branches), re.MULTILINE)
    except re.error:
        combined = None
    if combined is None or combined.groups != len(entries):
        for entry in entries:  # name the entry at fault
            try:
                _check_pattern(entry.pattern)
            except (ValueError, re.error) as error:
                raise ValueError(f"{DATA_FILE}.toml entry {entry.id!r}: {error}") from None
        raise ValueError(f"{DATA_FILE}.toml: the patterns do not combine into one")
    return combined


def find_boilerplate(text: str) -> tuple[BoilerplateMatch, ...]:
    """Every leaked unit in ``text``, non-overlapping, in text order (linear in the text)."""
    entries = _load_entries()
    pattern = _combined_pattern()
    found: list[BoilerplateMatch] = []
    covered_until = 0
    for anchor in _ANCHOR.finditer(text):
        position = anchor.end()
        if position < covered_until:
            continue
        match = pattern.match(text, position)
        if match is None or match.lastgroup is None:
            continue
        entry = entries[int(match.lastgroup[1:])]
        end = _unit_end(text, match.start(), match.end(), entry.unit)
        if end <= match.start():
            continue
        found.append(BoilerplateMatch(entry, match.start(), end))
        covered_until = end
    return tuple(found)


def _unit_end(text: str, start: int, match_end: int, unit: str) -> int:
    line_end = text.find("\n", match_end)
    if line_end == -1:
        line_end = len(text)
    if unit == "match":
        end = match_end
    elif unit == "line":
        end = line_end
    else:
        sentence_end = _SENTENCE_END.search(text, match_end, line_end)
        end = sentence_end.end() if sentence_end else line_end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _hits(context: CheckContext, kind: str) -> Iterator[Hit]:
    # BPL001 and BPL002 share one scan of the article.
    for found in context.shared("boilerplate", lambda c: find_boilerplate(c.text)):
        if found.entry.kind != kind:
            continue
        yield Hit(
            found.start,
            found.end,
            f"{found.entry.message} [pattern {found.entry.id}]",
            suggestion=found.entry.suggestion,
            confidence=0.9,
        )


def _examples(kind: str) -> tuple[list[Example], list[Example]]:
    entries = _load_entries()
    must_flag = [ex for e in entries if e.kind == kind for ex in e.flag_examples]
    # No entry of either kind may fire on any entry's counter-examples.
    must_pass = [ex for e in entries for ex in e.pass_examples]
    return must_flag, must_pass


# Real wire copy both rules must leave alone: datelines, agency credits, ordinary mentions.
_COMMON_PASSES = [
    Example("MOSCOW (Reuters) - Russia said on Tuesday it would keep talking to Kyiv."),
    Example("PARIS, Sept 13 (AFP) - France will cut gas use by 10%, the minister said."),
    Example(
        "Brent crude fell 2% on Monday.\n\n(Reporting by Olesya Astakhova; Editing by Mark Potter)"
    ),
    Example("The summit opened in Samarkand.\nPhoto: Reuters\nAFP"),
    Example("Netflix lost 200,000 subscribers in the first quarter, it said. Shares fell 25%."),
    Example("She clicked the link and lost her savings. Police later traced the site to Lagos."),
    Example("Musk said on Twitter that the deal was on hold. Google declined to comment."),
    Example("Read the full text of the agreement here, the ministry wrote on its website."),
]

_FOOTER_FLAGS, _FOOTER_PASSES = _examples("footer")
_NAVIGATION_FLAGS, _NAVIGATION_PASSES = _examples("navigation")


@rule(
    code="BPL001",
    supersedes=["UNT"],
    name="site-footer",
    category="accuracy/addition",
    severity=Severity.MAJOR,
    summary="A site footer or call to action leaked into the copy.",
    what="""
        Text that belongs to the originating website, not to the story: calls to follow the outlet
        on Google News, Telegram or Twitter ("Follow our latest local and sports news ... via
        Google news"), to subscribe, to download the app or share the article; copyright, rights
        and cookie notices. Patterns in 9+ languages (en, fr, es, de, ar, ru, pt, it, tr, and the
        English MT renderings of Arabic and Russian footers) are kept in
        mtcheck/data/boilerplate.toml. A pattern is only tried at the start of a line or sentence,
        and the span is the whole leaked line or sentence.
    """,
    why="""
        A footer promoting another outlet's channels, printed under our byline, is an addition the
        reader notices at once and a credibility problem; it is also a sign that the item was
        scraped and machine-translated without an edit.
    """,
    fix="""
        Delete the flagged span (the suggestion is the empty string, meaning "delete"). Keep
        datelines and agency credits: they are not boilerplate and are not flagged.
    """,
    must_flag=_FOOTER_FLAGS,
    must_pass=[*_FOOTER_PASSES, *_COMMON_PASSES],
    data_files=[DATA_FILE],
)
def check_site_footer(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "footer")


@rule(
    code="BPL002",
    supersedes=["UNT"],
    name="navigation-text",
    category="accuracy/addition",
    severity=Severity.MAJOR,
    summary="Navigation text (\"Read also:\", \"Related\", \"Advertisement\", \"Click here\") leaked into the copy.",
    what="""
        Page furniture of the originating website: links to other stories ("Read also: <another
        headline>", "Also read", "Lire aussi", "اقرأ أيضا", "Читайте также"), related-content and
        tag widgets, ad markers ("Advertisement", "Publicité", "Anzeige"), "Click here" links,
        image-viewer links ("(View images in this article)") and page labels ("Back to top").
        Patterns in 9+ languages are kept in mtcheck/data/boilerplate.toml. For a related-story
        link the span is the whole line, because the linked headline belongs to another story.
    """,
    why="""
        A linked headline from another story reads like part of this one (a factual addition the
        desk did not check), and link or ad text points at nothing once the copy leaves the web
        page. Kept apart from BPL001 because a desk publishing to the web may re-insert its own
        related links, while a footer is never wanted.
    """,
    fix="""
        Delete the flagged span (the suggestion is the empty string, meaning "delete"); if the
        linked story matters, the desk adds its own link.
    """,
    must_flag=_NAVIGATION_FLAGS,
    must_pass=[*_NAVIGATION_PASSES, *_COMMON_PASSES],
    data_files=[DATA_FILE],
)
def check_navigation_text(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "navigation")

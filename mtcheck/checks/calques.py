"""CAL / STY001: translationese — calques, collocations, false friends, titles, transliteration
and wire style — read from the rule packs in ``mtcheck/data/packs/*.toml``.

The pack format is documented in ``mtcheck/data/packs/README.md``; this module only applies it:

- every pack is parsed and validated when the module is imported (milliseconds: the shipped
  packs' parsed TOML is cached on disk, see ``mtcheck.datafiles.cached``), so a broken pack is a
  clear ``PackError`` naming the file and the entry;
- the regular expressions are compiled on first use, per copy language (the ``target`` of the
  packs), each entry's only when the text holds the literals it requires (a broken pattern in a
  shipped pack is caught by its ``flag`` examples in the tests; :func:`compile_entries` compiles
  and checks every pattern at once), and all packs run in **one pass** over the text: the leftmost match wins, then the
  first entry at that position, as one alternation would choose, but each entry is searched with
  its own pattern, and only when the text contains the literal every match of it needs (one
  200-branch alternation is an order of magnitude slower in Python's regex engine). Each entry is
  wrapped in its own named group ``e<n>`` and its named groups are renamed ``e<n>_<name>`` so that
  two entries may both use ``(?P<span>...)``;
- at one position the longest match wins (then pack order); every entry that matches at the same
  place is recorded on the match (their hints all count for the likely source language), and of
  those whose rule is selected, the one from the pack of the source language (given, or inferred
  when not ``und``) reports it, else the longest span, else pack order: two packs
  never flag the same words twice and a rule run alone still sees its own entries;
- ``exceptions`` are tried on the sentence(s) holding the match;
- the suggestion is ``str.format`` over the named groups after ``map``; its first letter is
  capitalised when the flagged text starts a sentence with a capital (not for a capital in
  mid-sentence: a title or an institution keeps the pack's case).
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from mtcheck.context import CheckContext
from mtcheck.datafiles import cached, parse_toml
from mtcheck.registry import Example, Hit, rule, select_rules
from mtcheck.segment import split_sentences
from mtcheck.types import Severity

PACKS_DIRECTORY = "packs"
KIND_TO_CODE = {
    "calque": "CAL001",
    "collocation": "CAL002",
    "false-friend": "CAL003",
    "title": "CAL004",
    "transliteration": "CAL005",
    "wire-style": "STY001",
}
SEVERITIES = ("minor", "major")
REQUIRED_KEYS = ("id", "kind", "pattern", "message", "severity", "hints", "flag", "pass")
KNOWN_KEYS = frozenset(
    {*REQUIRED_KEYS, "case_sensitive", "suggestion", "map", "exceptions"}
)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
_GROUP_DEFINITION = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
_GROUP_REFERENCE = re.compile(r"\(\?P=([A-Za-z_]\w*)\)")
_NUMBERED_BACKREFERENCE = re.compile(r"(?<!\\)\\[1-9]")


class PackError(ValueError):
    """A rule pack that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class PackEntry:
    id: str
    pack: str  # file name, e.g. "ar-en.toml"
    source: str
    target: str
    kind: str
    pattern: str
    case_sensitive: bool
    message: str
    suggestion: str | None  # None: no automatic suggestion; "": delete the span
    mapping: dict[str, dict[str, str]] = field(hash=False, compare=False)
    severity: Severity
    hints: dict[str, float] = field(hash=False, compare=False)
    exceptions: tuple[str, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]

    @property
    def code(self) -> str:
        return KIND_TO_CODE[self.kind]

    @property
    def group_names(self) -> tuple[str, ...]:
        return tuple(_GROUP_DEFINITION.findall(self.pattern))


@dataclass(frozen=True)
class Pack:
    name: str  # file stem, e.g. "ar-en"
    version: str
    source: str
    target: str
    entries: tuple[PackEntry, ...]


@dataclass(frozen=True)
class Candidate:
    """One entry's reading of a match: its flagged span and suggestion."""

    entry: PackEntry
    start: int
    end: int
    suggestion: str | None


@dataclass(frozen=True)
class CalqueMatch:
    """One place the pass matched, with every entry that matched there and survived its
    exceptions, in pack order. The first whose rule is selected reports the finding (so the same
    words are not flagged twice by two packs, yet a rule run alone still sees its own entry)."""

    candidates: tuple[Candidate, ...]

    @property
    def entry(self) -> PackEntry:
        return self.candidates[0].entry

    @property
    def start(self) -> int:
        return self.candidates[0].start

    @property
    def end(self) -> int:
        return self.candidates[0].end

    @property
    def suggestion(self) -> str | None:
        return self.candidates[0].suggestion

    @property
    def entries(self) -> tuple[PackEntry, ...]:
        return tuple(c.entry for c in self.candidates)


# ----------------------------------------------------------------------------------------------
# Loading and validation (import time: TOML parsing and structure only)
# ----------------------------------------------------------------------------------------------


def _packs_root() -> Traversable:
    return resources.files("mtcheck.data").joinpath(PACKS_DIRECTORY)


def load_packs(directory: Path | Traversable | None = None) -> tuple[Pack, ...]:
    """Every ``*.toml`` pack of ``directory`` (default: the shipped packs), validated, sorted by
    file name. Raises :class:`PackError` naming the file and entry at the first problem."""
    if directory is None:
        return _shipped_packs()
    return _load_directory(directory)


@lru_cache(maxsize=1)
def _shipped_packs() -> tuple[Pack, ...]:
    return _load_directory(_packs_root(), cache=True)


def _load_directory(directory: Path | Traversable, cache: bool = False) -> tuple[Pack, ...]:
    """``cache``: parse the TOML through the on-disk cache (the shipped packs only: a test's
    temporary packs would only fill it)."""
    files = sorted((f for f in directory.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    packs = []
    seen_ids: dict[str, str] = {}
    for file in files:
        pack = _load_pack(file, cache)
        for entry in pack.entries:
            if entry.id in seen_ids:
                raise PackError(
                    f"{file.name}: entry id {entry.id!r} is already used in {seen_ids[entry.id]}"
                )
            seen_ids[entry.id] = file.name
        packs.append(pack)
    return tuple(packs)


def _load_pack(file: Path | Traversable, cache: bool = False) -> Pack:
    try:
        if cache:
            data = parse_toml(file.read_bytes(), str(file))
        else:
            with file.open("rb") as handle:
                data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{file.name}: not valid TOML: {error}") from None
    for key in ("version", "source", "target"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise PackError(f"{file.name}: top-level `{key}` (a string) is missing")
    for key in ("source", "target"):
        if not LANGUAGE_PATTERN.match(data[key]):
            raise PackError(f"{file.name}: `{key}` must be a language code, not {data[key]!r}")
    raw_entries = data.get("entry")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise PackError(f"{file.name}: no [[entry]] tables")
    entries = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_entries, start=1):
        entry_id = raw.get("id", f"#{position}") if isinstance(raw, dict) else f"#{position}"
        try:
            entry = _parse_entry(raw, file.name, data["source"], data["target"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            detail = f"missing key {error}" if isinstance(error, KeyError) else str(error)
            raise PackError(f"{file.name} entry {entry_id!r}: {detail}") from None
        if entry.id in seen:
            raise PackError(f"{file.name}: entry id {entry.id!r} used twice")
        seen.add(entry.id)
        entries.append(entry)
    return Pack(
        name=file.name.removesuffix(".toml"),
        version=data["version"],
        source=data["source"],
        target=data["target"],
        entries=tuple(entries),
    )


def _parse_entry(raw: dict[str, Any], pack: str, source: str, target: str) -> PackEntry:
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        raise ValueError(f"missing required key(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)} (a typo?)")
    if not isinstance(raw["id"], str) or not ID_PATTERN.match(raw["id"]):
        raise ValueError(f"id {raw['id']!r} must be kebab-case")
    if raw["kind"] not in KIND_TO_CODE:
        raise ValueError(f"kind must be one of {sorted(KIND_TO_CODE)}, not {raw['kind']!r}")
    if raw["severity"] not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}, not {raw['severity']!r}")
    pattern = raw["pattern"]
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError("pattern must be a non-empty string")
    if _NUMBERED_BACKREFERENCE.search(pattern):
        raise ValueError("pattern uses a numbered backreference; use (?P<name>...) and (?P=name)")
    groups = _GROUP_DEFINITION.findall(pattern)
    if len(set(groups)) != len(groups):
        raise ValueError("pattern defines a named group twice")
    mapping = raw.get("map", {})
    if not isinstance(mapping, dict) or not all(isinstance(v, dict) for v in mapping.values()):
        raise ValueError("map must be a table of tables: map.<group> = { matched = replacement }")
    for group in mapping:
        if group not in groups:
            raise ValueError(f"map.{group} names no group of the pattern")
    suggestion = raw.get("suggestion")
    if suggestion is not None:
        if not isinstance(suggestion, str):
            raise ValueError("suggestion must be a string")
        for name in re.findall(r"\{([^{}:!]*)", suggestion):
            if name not in groups:
                raise ValueError(f"suggestion uses {{{name}}}, which is not a named group of the pattern")
    hints = raw["hints"]
    if not isinstance(hints, dict) or not hints:
        raise ValueError("hints must be a non-empty table such as { ar = 3 }")
    for language, weight in hints.items():
        if not LANGUAGE_PATTERN.match(language) or not isinstance(weight, (int, float)) or not 0 < weight <= 3:
            raise ValueError(f"hints.{language} = {weight!r}: a language code with a weight in (0, 3]")
    exceptions = raw.get("exceptions", [])
    if not isinstance(exceptions, list) or not all(isinstance(e, str) for e in exceptions):
        raise ValueError("exceptions must be a list of regular expressions")
    flags = tuple(_flag_example(e, raw["id"], target) for e in raw["flag"])
    passes = tuple(_pass_example(e, raw["id"], target) for e in raw["pass"])
    if not flags:
        raise ValueError("needs at least one `flag` example")
    if not passes:
        raise ValueError("needs at least one `pass` example")
    return PackEntry(
        id=raw["id"],
        pack=pack,
        source=source,
        target=target,
        kind=raw["kind"],
        pattern=pattern,
        case_sensitive=bool(raw.get("case_sensitive", False)),
        message=raw["message"],
        suggestion=suggestion,
        mapping={group: {str(k): str(v) for k, v in table.items()} for group, table in mapping.items()},
        severity=Severity.parse(raw["severity"]),
        hints={language: float(weight) for language, weight in hints.items()},
        exceptions=tuple(exceptions),
        flag_examples=flags,
        pass_examples=passes,
    )


def _flag_example(raw: Any, entry_id: str, target: str) -> Example:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not isinstance(raw.get("flags"), str):
        raise ValueError("each `flag` example must be { text = ..., flags = ... }")
    if raw["flags"] not in raw["text"]:
        raise ValueError(f"flag example: {raw['flags']!r} does not occur in its text")
    return Example(text=raw["text"], flags=raw["flags"], lang=target, note=entry_id)


def _pass_example(raw: Any, entry_id: str, target: str) -> Example:
    if isinstance(raw, str):
        return Example(text=raw, lang=target, note=entry_id)
    if isinstance(raw, dict) and isinstance(raw.get("text"), str):
        return Example(text=raw["text"], lang=target, note=entry_id)
    raise ValueError("each `pass` example must be a string or { text = ... }")


def all_entries() -> tuple[PackEntry, ...]:
    return tuple(entry for pack in _shipped_packs() for entry in pack.entries)


def pack_data_files() -> tuple[str, ...]:
    """Names for :func:`mtcheck.datafiles.data_version` (``packs/ar-en`` -> ``packs/ar-en@1``)."""
    return tuple(f"{PACKS_DIRECTORY}/{pack.name}" for pack in _shipped_packs())


# ----------------------------------------------------------------------------------------------
# Compilation (first use) and the one pass
# ----------------------------------------------------------------------------------------------


def _scoped_pattern(entry: PackEntry, number: int) -> str:
    """The entry's pattern with its groups renamed ``e<n>_<name>``, its case rule scoped to it,
    wrapped in the group ``e<n>`` (spans and suggestions read the groups by these names)."""
    renamed = _GROUP_DEFINITION.sub(lambda m: f"(?P<e{number}_{m.group(1)}>", entry.pattern)
    renamed = _GROUP_REFERENCE.sub(lambda m: f"(?P=e{number}_{m.group(1)})", renamed)
    case = "" if entry.case_sensitive else "i"
    return f"(?P<e{number}>(?{case}:{renamed}))" if case else f"(?P<e{number}>(?:{renamed}))"


@dataclass(frozen=True)
class _Matcher:
    entries: tuple[PackEntry, ...]
    singles: Sequence[re.Pattern[str]]  # each entry's pattern (group names as in _scoped_pattern)
    exceptions: Sequence[tuple[re.Pattern[str], ...]]
    # Per entry, what the text must contain for the entry to match (see _required_text), so that
    # most entries are not even tried on an article that cannot match them.
    required: tuple[tuple[tuple[str, ...], ...], ...]
    # Per entry, whole words (lower-cased, ASCII) of which every match holds at least one as a
    # token of the text (see _required_words; empty: none known), indexed by word, so that an
    # article's candidate entries come from one tokenisation instead of ~500 substring tests.
    keys: tuple[tuple[str, ...], ...] = ()
    by_word: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    unkeyed: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.entries):
            return  # no word keys: every entry is tried (the substring test still applies)
        index: dict[str, list[int]] = {}
        for number, words in enumerate(self.keys):
            for word in words:
                index.setdefault(word, []).append(number)
        self.by_word.update((word, tuple(numbers)) for word, numbers in index.items())
        object.__setattr__(self, "unkeyed", tuple(n for n, words in enumerate(self.keys) if not words))


def compile_entries(entries: Sequence[PackEntry]) -> _Matcher:
    """Compile ``entries`` into one pass; raises :class:`PackError` naming the bad entry."""
    singles = []
    exceptions = []
    for number, entry in enumerate(entries):
        branch = _scoped_pattern(entry, number)
        try:
            singles.append(re.compile(branch, re.MULTILINE))
        except re.error as error:
            raise PackError(f"{entry.pack} entry {entry.id!r}: pattern does not compile: {error}") from None
        if singles[-1].match(""):
            raise PackError(f"{entry.pack} entry {entry.id!r}: pattern matches the empty string")
        flags = 0 if entry.case_sensitive else re.IGNORECASE
        try:
            exceptions.append(tuple(re.compile(e, flags | re.MULTILINE) for e in entry.exceptions))
        except re.error as error:
            raise PackError(f"{entry.pack} entry {entry.id!r}: an exception does not compile: {error}") from None
    required = tuple(_required_text(single) for single in singles)
    keys = tuple(_required_words(single) for single in singles)
    return _Matcher(tuple(entries), tuple(singles), tuple(exceptions), required, keys)


_MIN_NEEDLE = 3  # shorter literals are in nearly every article: no use as a filter
_MAX_ALTERNATIVES = 64
_MAX_CONDITIONS = 2


def _required_text(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    r"""Conditions every match of ``pattern`` meets, each a tuple of lower-cased strings of which
    the text holds at least one (all conditions must hold; none: always try the entry).

    Read from the parsed pattern: runs of literal characters of the top-level sequence, of plain
    groups in it and of repeats that occur at least once; an alternation gives a condition when
    each of its branches does ("stress|emphasise|affirm" needs one of the three); so does a
    positive look-ahead or look-behind (what it sees is in the text too). Negative look-arounds,
    optional parts and character classes give none, except whitespace: ``\s``, ``\s+`` and
    literal whitespace continue a run as one space ("the\s+day" needs "the day"). Compared with
    :func:`_searched_text` (lower-cased, every run of whitespace one space). At most the two
    most selective conditions are kept (longest shortest alternative)."""
    from re import _constants as constants, _parser as parser

    repeats = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None))
    space_class = [(constants.CATEGORY, constants.CATEGORY_SPACE)]

    def is_space(op: Any, argument: Any) -> bool:
        r"""One character that is always whitespace (``\s`` or a literal space)."""
        if op is constants.LITERAL:
            return chr(argument).isspace() and _WHITESPACE.fullmatch(chr(argument)) is not None
        return op is constants.IN and list(argument) == space_class

    def usable(alternatives: Sequence[str]) -> bool:
        return bool(alternatives) and len(alternatives) <= _MAX_ALTERNATIVES and min(map(len, alternatives)) >= _MIN_NEEDLE

    def rank(alternatives: tuple[str, ...]) -> tuple[int, int]:
        return (-min(map(len, alternatives)), len(alternatives))

    def conditions(sequence: Any) -> list[tuple[str, ...]]:
        found: list[tuple[str, ...]] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                literal = "".join(run).lower().strip(" ")
                if len(literal) >= _MIN_NEEDLE:
                    found.append((literal,))
                run.clear()

        for op, argument in sequence:
            if is_space(op, argument) or (
                op in repeats and argument[0] >= 1 and len(argument[2]) == 1 and is_space(*argument[2][0])
            ):
                if run and run[-1] != " ":
                    run.append(" ")  # whitespace inside a run: one space in the searched text
                elif not run:
                    flush()
                continue
            if op is constants.LITERAL:
                run.append(chr(argument))
                continue
            flush()
            if op is constants.SUBPATTERN:
                found.extend(conditions(argument[3]))
            elif op is constants.ATOMIC_GROUP:
                found.extend(conditions(argument))
            elif op is constants.ASSERT:
                # A positive look-ahead or look-behind: its text is in the text too.
                found.extend(conditions(argument[1]))
            elif op in repeats and argument[0] >= 1:
                found.extend(conditions(argument[2]))
            elif op is constants.BRANCH:
                alternatives: list[str] = []
                for branch in argument[1]:
                    options = [c for c in conditions(branch) if usable(c)]
                    if not options:
                        break
                    alternatives.extend(min(options, key=rank))
                else:
                    merged = tuple(dict.fromkeys(alternatives))
                    if usable(merged):
                        found.append(merged)
        flush()
        return found

    options = sorted({c for c in conditions(parser.parse(pattern.pattern, pattern.flags)) if usable(c)}, key=rank)
    return tuple(options[:_MAX_CONDITIONS])


_MAX_STREAMS = 256  # branch combinations followed when reading a pattern's whole words
_SEPARATOR = "\0"  # a boundary or a non-word character: a word next to it is a whole token
_UNKNOWN = "\1"  # anything (possibly nothing, possibly word characters)


def _required_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    r"""Whole words (lower-cased, ASCII letters, digits or ``_``) of which every match of
    ``pattern`` holds at least one as a token of the text (a maximal ``\w+`` run); empty when no
    such set is known.

    Read from the parsed pattern, each alternation and optional part followed into its branches
    (at most ``_MAX_STREAMS`` combinations): a run of literal word characters is a whole token when what
    stands on both sides is a ``\b``, a ``^``/``$``, a non-word literal, whitespace (``\s``,
    ``\s+``), ``(?<!\w)``/``(?!\w)`` or a look-around reading a separator there (``(?=\s+of)``);
    a class of up to four letters is followed into each; other look-arounds are passed over (a pattern without them
    matches more, never less), anything else (classes, optional or repeated parts, references)
    may be word characters and breaks the run (a repeated part is read once, unknown around it). Each combination must give a word; of each, the
    longest is kept. Text tokens are compared lower-cased (:func:`_text_tokens`)."""
    from re import _constants as constants, _parser as parser

    repeats = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None))
    boundaries = {
        constants.AT_BOUNDARY, constants.AT_BEGINNING, constants.AT_BEGINNING_STRING,
        constants.AT_END, constants.AT_END_STRING,
    }
    separator_members = {(constants.CATEGORY, constants.CATEGORY_SPACE), (constants.CATEGORY, constants.CATEGORY_NOT_WORD)}
    word_class = [(constants.CATEGORY, constants.CATEGORY_WORD)]

    def is_word_character(character: str) -> bool:
        return character.isalnum() or character == "_"

    def separating_literal(code: int) -> bool:
        character = chr(code)
        return not is_word_character(character) and character.lower() == character == character.upper()

    def is_separator(op: Any, argument: Any) -> bool:
        """One character that is never a word character."""
        if op is constants.LITERAL:
            return separating_literal(argument)
        if op is constants.IN:
            return bool(argument) and all(
                (member_op is constants.LITERAL and separating_literal(member))
                or (member_op, member) in separator_members
                for member_op, member in argument
            )
        return False

    def expand(sequence: Any) -> list[tuple[str, ...]]:
        streams: list[tuple[str, ...]] = [()]
        for op, argument in sequence:
            if op is constants.LITERAL and not separating_literal(argument):
                character = chr(argument)
                options = [(character.lower() if is_word_character(character) else _UNKNOWN,)]
            elif is_separator(op, argument):
                options = [(_SEPARATOR,)]
            elif op is constants.AT:
                options = [(_SEPARATOR,)] if argument in boundaries else [()]
            elif op is constants.ASSERT_NOT:
                options = [(_SEPARATOR,)] if list(argument[1]) in ([(constants.IN, word_class)],) else [()]
            elif op is constants.ASSERT:
                # A look-ahead that starts with a separator, or a look-behind that ends with one
                # ("(?=\s+of)", "(?<=\bif\s)"), is a boundary here; any other is passed over.
                seen = expand(argument[1])
                edge = 0 if argument[0] == 1 else -1
                options = [(_SEPARATOR,)] if all(stream and stream[edge] == _SEPARATOR for stream in seen) else [()]
            elif op is constants.IN and 1 < len(argument) <= 4 and all(
                member_op is constants.LITERAL and is_word_character(chr(member)) for member_op, member in argument
            ):
                options = [(chr(member).lower(),) for _, member in argument]  # [sz]: either letter
            elif op is constants.SUBPATTERN:
                options = expand(argument[3])
            elif op is constants.ATOMIC_GROUP:
                options = expand(argument)
            elif op is constants.BRANCH:
                options = [stream for branch in argument[1] for stream in expand(branch)]
            elif op in repeats:
                low, high, body = argument[0], argument[1], list(argument[2])
                if len(body) == 1 and is_separator(*body[0]):
                    options = [(_SEPARATOR,)]
                elif high == 1:
                    options = expand(body)
                else:  # the first of several: what stands around it is not known
                    options = [(_UNKNOWN, *stream, _UNKNOWN) for stream in expand(body)]
                if low == 0:
                    options = [(), *options]
            else:
                options = [(_UNKNOWN,)]
            if len(streams) * len(options) > _MAX_STREAMS:
                options = [(_UNKNOWN,)]
            streams = [stream + option for stream in streams for option in options]
        return streams

    def words(stream: tuple[str, ...]) -> list[str]:
        found = []
        run: list[str] = []
        before = _UNKNOWN
        for symbol in (*stream, _UNKNOWN):
            if symbol not in (_SEPARATOR, _UNKNOWN):
                run.append(symbol)
                continue
            if run and before == _SEPARATOR and symbol == _SEPARATOR:
                word = "".join(run)
                if word.isascii():
                    found.append(word)
            run = []
            before = symbol
        return found

    chosen = []
    for stream in expand(parser.parse(pattern.pattern, pattern.flags)):
        found = words(stream)
        if not found:
            return ()
        chosen.append(max(found, key=len))
    return tuple(sorted(set(chosen)))


# Characters the regular-expression engine matches to an ASCII letter when ignoring case whose
# str.lower() is not that letter ("İ".lower() is "i̇", "ı".lower() is "ı"): the texts the
# prefilter looks at are folded first, so that a literal the engine would match is always seen.
_CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_TOKEN = re.compile(r"\w+")


def _text_tokens(text: str) -> set[str]:
    """The text's ``\\w+`` tokens, case-folded as the engine folds them (see _CASE_FOLD)."""
    return {token.lower() for token in set(_TOKEN.findall(text.translate(_CASE_FOLD)))}


def _possible_entries(matcher: _Matcher, text: str, lowered: str | None = None) -> list[bool]:
    """Per entry of ``matcher``, whether it can match anywhere in ``text``: its whole words
    (:func:`_required_words`) are tokens of the text, and the text holds its required literals
    (:func:`_required_text`)."""
    if lowered is None:
        lowered = _searched_text(text)
    required = matcher.required
    if len(matcher.keys) != len(matcher.entries):
        return [_possible(conditions, lowered) for conditions in required]
    tokens = _text_tokens(text)
    possible = [False] * len(required)
    by_word = matcher.by_word
    candidates = set(matcher.unkeyed)
    for token in tokens:
        numbers = by_word.get(token)
        if numbers is not None:
            candidates.update(numbers)
    for number in candidates:
        possible[number] = _possible(required[number], lowered)
    return possible


_WHITESPACE = re.compile(r"\s+")


def _searched_text(text: str) -> str:
    """What :func:`_possible` looks in: ``text`` case-folded (see _CASE_FOLD) and lower-cased,
    each run of whitespace one space."""
    return _WHITESPACE.sub(" ", text.translate(_CASE_FOLD).lower())


def _possible(required: tuple[tuple[str, ...], ...], lowered: str) -> bool:
    """The text (:func:`_searched_text`) meets every condition of :func:`_required_text`."""
    for alternatives in required:
        for needle in alternatives:
            if needle in lowered:
                break
        else:
            return False
    return True


class _Compiled(Sequence):
    """Patterns compiled on first use: an article needs a handful of the ~200 entries (those whose
    required literal it holds), and compiling them all costs ~40 ms per process."""

    def __init__(self, sources: Sequence[tuple[str, ...]], flags: Sequence[int], single: bool) -> None:
        self._sources = sources
        self._flags = flags
        self._single = single
        self._compiled: list[Any] = [None] * len(sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __getitem__(self, number: int) -> Any:  # type: ignore[override]
        found = self._compiled[number]
        if found is None:
            patterns = tuple(re.compile(p, self._flags[number]) for p in self._sources[number])
            found = self._compiled[number] = patterns[0] if self._single else patterns
        return found


def _lazy_entries(entries: Sequence[PackEntry]) -> _Matcher:
    """What :func:`compile_entries` returns, its patterns compiled on first use and the required
    literals read from the on-disk cache (parsing 200 patterns for them costs ~15 ms)."""
    branches = [_scoped_pattern(entry, number) for number, entry in enumerate(entries)]
    key = "\0".join(["required-text/5", *branches]).encode()
    slot = f"calque-literals/{entries[0].target if entries else ''}"
    required, keys = cached(slot, key, lambda: _required_texts(entries, branches), tuple)
    exception_flags = [(0 if e.case_sensitive else re.IGNORECASE) | re.MULTILINE for e in entries]
    return _Matcher(
        tuple(entries),
        _Compiled([(b,) for b in branches], [re.MULTILINE] * len(branches), single=True),
        _Compiled([e.exceptions for e in entries], exception_flags, single=False),
        tuple(required),
        tuple(keys),
    )


def _required_texts(
    entries: Sequence[PackEntry], branches: Sequence[str]
) -> tuple[tuple[tuple[tuple[str, ...], ...], ...], tuple[tuple[str, ...], ...]]:
    """(:func:`_required_text`, :func:`_required_words`) of every entry."""
    literals = []
    keys = []
    for entry, branch in zip(entries, branches):
        try:
            compiled = re.compile(branch, re.MULTILINE)
        except re.error as error:
            raise PackError(f"{entry.pack} entry {entry.id!r}: pattern does not compile: {error}") from None
        literals.append(_required_text(compiled))
        keys.append(_required_words(compiled))
    return tuple(literals), tuple(keys)


@lru_cache(maxsize=16)
def _matcher_for(target: str) -> _Matcher:
    return _lazy_entries([e for e in all_entries() if e.target == _base_language(target)])


def _base_language(code: str) -> str:
    return (code or "").split("-")[0].split("_")[0].lower()


def find_calques(
    text: str,
    target: str,
    sentence_bounds: Sequence[tuple[int, int]] | None = None,
    matcher: _Matcher | None = None,
) -> tuple[CalqueMatch, ...]:
    """Every pack finding in ``text`` (copy in language ``target``), in text order.

    ``sentence_bounds`` are (start, end) offsets of the sentences, for the entries' exceptions;
    computed here when not given."""
    matcher = matcher or _matcher_for(target)
    if not matcher.entries:
        return ()
    if sentence_bounds is None:
        sentence_bounds = [(s.start, s.end) for s in split_sentences(text)]
    starts = [start for start, _ in sentence_bounds]
    # Which entries can match anywhere in the text, decided once (not again at every match).
    possible = _possible_entries(matcher, text)
    found: list[CalqueMatch] = []
    reported_until = 0  # end of the last place's flagged spans: places never overlap
    for number, match in _leftmost_matches(matcher, text, possible):
        if _span(match, number)[0] < reported_until:
            continue
        sentence = _sentence_around(text, sentence_bounds, starts, match.start(), match.end())
        candidates = []
        for other in _co_matching(matcher, match.start(), text, number, possible):
            if any(e.search(sentence) for e in matcher.exceptions[other]):
                continue
            single = match if other == number else matcher.singles[other].match(text, match.start())
            start, end = _span(single, other)
            if start >= end:
                continue
            entry = matcher.entries[other]
            initial = _sentence_initial(text, sentence_bounds, starts, start)
            candidates.append(
                Candidate(entry, start, end, _suggestion(entry, single, other, text[start:end], initial))
            )
        if candidates:
            found.append(CalqueMatch(tuple(candidates)))
            reported_until = max(c.end for c in candidates)
    return tuple(found)


def _leftmost_matches(
    matcher: _Matcher, text: str, possible: Sequence[bool] | None = None
) -> Iterator[tuple[int, re.Match[str]]]:
    """The places the pass reports, in text order: every entry's matches, found with each entry's
    own pattern (Python's regex engine tries every branch of a 200-branch alternation at every
    character, while a single pattern skips ahead on its literal prefix, an order of magnitude
    faster on news copy), taken by flagged span: leftmost, then longest, then pack order, never
    overlapping a span already taken."""
    events: list[tuple[int, int, re.Match[str]]] = []
    if possible is None:
        possible = _possible_entries(matcher, text)
    for number, can_match in enumerate(possible):
        if not can_match:
            continue
        single = matcher.singles[number]  # compiled here, on first use
        events.extend((found.start(), number, found) for found in single.finditer(text) if found.end() > found.start())
    # Places are taken by their flagged span, not by the context around it that a pattern reads
    # (", which led to" flags "which led to"; "to revalorize the salaries of teachers of 10%" flags
    # "of"): the leftmost span first, then the longest, then pack order; a span overlapping one
    # already taken is dropped.
    spans = [(_span(found, number), number, found) for _, number, found in events]
    spans.sort(key=lambda item: (item[0][0], -item[0][1], item[1]))
    covered_until = 0
    for (start, end), number, found in spans:
        if start < covered_until:
            continue
        covered_until = max(end, start + 1)
        yield number, found


def _co_matching(
    matcher: _Matcher, position: int, text: str, first: int, possible: Sequence[bool] | None = None
) -> list[int]:
    """Every entry of the pass that matches here, the one that matched among them, in pack order
    (``possible``: which entries can match anywhere in the text, if the caller knows)."""
    numbers = [first]
    if possible is None:
        possible = _possible_entries(matcher, text)
    for number in range(len(matcher.entries)):
        if number == first or not possible[number]:
            continue  # cannot match anywhere in the text (and is not compiled for nothing)
        if matcher.singles[number].match(text, position):
            numbers.append(number)
    return sorted(numbers)


def _sentence_around(
    text: str, bounds: Sequence[tuple[int, int]], starts: list[int], start: int, end: int
) -> str:
    if not bounds:
        return text
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
    return text[bounds[first][0] : max(bounds[last][1], end)]


def _span(match: re.Match[str], number: int) -> tuple[int, int]:
    span_group = f"e{number}_span"
    if span_group in match.re.groupindex and match.group(span_group) is not None:
        return match.span(span_group)
    return match.span(f"e{number}")


def _sentence_initial(text: str, bounds: Sequence[tuple[int, int]], starts: list[int], start: int) -> bool:
    """Whether only opening quotes, brackets, dashes or spaces stand between the start of the
    sentence holding ``start`` and ``start``."""
    sentence_start = bounds[max(bisect.bisect_right(starts, start) - 1, 0)][0] if bounds else 0
    if sentence_start > start:
        sentence_start = 0
    return not _OPENING.sub("", text[sentence_start:start])


_OPENING = re.compile(r"""[\s"'“”„«»‘’‹›(\[{—–-]+""")


def _suggestion(
    entry: PackEntry, match: re.Match[str], number: int, flagged: str, sentence_initial: bool = True
) -> str | None:
    if entry.suggestion is None:
        return None
    values = {}
    for name in entry.group_names:
        matched = match.group(f"e{number}_{name}") or ""
        table = entry.mapping.get(name)
        if table is not None:
            key = " ".join(matched.split())
            matched = table.get(key, table.get(key.lower(), matched))
        values[name] = matched
    suggestion = entry.suggestion.format(**values)
    # Sentence-initial match, capitalised suggestion; a capital the pack wrote is kept. A capital
    # in the middle of a sentence belongs to the flagged words (a title, an institution), not to
    # the sentence: the suggestion keeps the pack's case ("el presidente", "the Interior Ministry").
    if suggestion and sentence_initial and flagged[:1].isupper() and suggestion[:1].islower():
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return suggestion


def calque_matches(context: CheckContext) -> tuple[CalqueMatch, ...]:
    """The article's pack findings, computed once per article (all six rules and the source
    language inference share it)."""
    return context.shared(
        "calques",
        lambda c: find_calques(c.text, c.target_lang, [(s.start, s.end) for s in c.sentences]),
    )


# ----------------------------------------------------------------------------------------------
# Rules
# ----------------------------------------------------------------------------------------------


def _hits(context: CheckContext, kind: str) -> Iterator[Hit]:
    selected = _selected_codes(context)
    for found in calque_matches(context):
        reporting = _reporting(context, [c for c in found.candidates if c.entry.code in selected])
        if reporting is None or reporting.entry.kind != kind:
            continue
        yield Hit(
            reporting.start,
            reporting.end,
            f"{reporting.entry.message} [pattern {reporting.entry.id}]",
            suggestion=reporting.suggestion,
            confidence=0.8,
            severity=reporting.entry.severity,
        )


def _reporting(context: CheckContext, candidates: Sequence[Candidate]) -> Candidate | None:
    """Which of the selected entries matching one place reports it: the one from the pack of the
    article's source language (given, else inferred, when the inference is not ``und``), then the
    longest span, then pack order. French copy gets the French pack's message where the Arabic
    pack knows the same phrase too."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    source = _source_for_packs(context)
    # max() keeps the first of equals: pack order.
    return max(candidates, key=lambda c: (c.entry.source == source, c.end - c.start))


def _source_for_packs(context: CheckContext) -> str:
    from mtcheck.source_inference import source_language

    return _base_language(source_language(context).code)


def _selected_codes(context: CheckContext) -> frozenset[str]:
    return context.shared(
        "calques-selected",
        lambda c: frozenset(r.code for r in select_rules(c.config.select, c.config.ignore)),
    )


def _examples(kind: str) -> tuple[list[Example], list[Example]]:
    entries = all_entries()
    must_flag = [example for e in entries if e.kind == kind for example in e.flag_examples]
    must_pass = [example for e in entries if e.kind == kind for example in e.pass_examples]
    return must_flag, must_pass


_DATA_FILES = pack_data_files()
_CALQUE_FLAGS, _CALQUE_PASSES = _examples("calque")
_COLLOCATION_FLAGS, _COLLOCATION_PASSES = _examples("collocation")
_FALSE_FRIEND_FLAGS, _FALSE_FRIEND_PASSES = _examples("false-friend")
_TITLE_FLAGS, _TITLE_PASSES = _examples("title")
_TRANSLITERATION_FLAGS, _TRANSLITERATION_PASSES = _examples("transliteration")
_WIRE_STYLE_FLAGS, _WIRE_STYLE_PASSES = _examples("wire-style")

# Plain, edited wire copy every rule of the family must leave alone (until a pack has entries of
# a kind, these are that rule's only examples).
_COMMON_PASSES = [
    Example("MOSCOW (Reuters) - Russia said on Tuesday it would keep talking to Kyiv."),
    Example("The conflict in the 1990s killed 30,000 people, officials said on Sept. 15."),
    Example("Putin called on Armenia and Azerbaijan to show restraint after the clashes."),
]

_PACKS_WHAT = """
    Patterns are kept as data, one pack per source -> target pair in mtcheck/data/packs/*.toml
    (format: mtcheck/data/packs/README.md); every pack whose target is the copy's language runs in
    one pass. The message names the pack entry that fired.
"""


@rule(
    code="CAL001",
    name="calque",
    category="style",
    severity=Severity.MINOR,
    summary="A calque or idiom carried over word for word from the source language.",
    what="""
        Phrases that translate the source language's idiom literally: "the nineties of the last
        century" (Arabic تسعينيات القرن الماضي) for "the 1990s", "knowing that" (علماً بأن) for
        "given that", "in the framework of" (French dans le cadre de).
    """ + _PACKS_WHAT,
    why="""
        A calque reads as machine translation and slows the reader; in wire copy it also wastes
        words. It is the surest sign that the item was translated without an edit.
    """,
    fix="Use the idiomatic wire-style wording in the suggestion (captured text is reused).",
    must_flag=_CALQUE_FLAGS,
    must_pass=[*_CALQUE_PASSES, *_COMMON_PASSES],
    data_files=_DATA_FILES,
)
def check_calque(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "calque")


@rule(
    code="CAL002",
    name="collocation",
    category="style",
    severity=Severity.MINOR,
    summary="A wrong collocation or a dropped preposition typical of translation.",
    what="""
        Word combinations English does not use, carried from the source: "calls X and Y to calm
        down" for "calls on X and Y to", "the Ukrainian war" for "the war in Ukraine".
    """ + _PACKS_WHAT,
    why="The sentence is understood, but it reads as foreign; a dropped preposition can change the verb.",
    fix="Use the collocation in the suggestion.",
    must_flag=_COLLOCATION_FLAGS,
    must_pass=[*_COLLOCATION_PASSES, *_COMMON_PASSES],
    data_files=_DATA_FILES,
)
def check_collocation(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "collocation")


@rule(
    code="CAL003",
    name="false-friend",
    category="accuracy/mistranslation",
    severity=Severity.MAJOR,
    summary="A false friend: an English word chosen for its look, not its meaning.",
    what="""
        Words that look like the source word but mean something else: "actually" for French
        actuellement (currently), "eventually" for Spanish eventualmente (possibly).
    """ + _PACKS_WHAT,
    why="Unlike a calque, a false friend changes what the sentence says: the reader is misinformed.",
    fix="Check the source if there is one; use the word in the suggestion.",
    must_flag=_FALSE_FRIEND_FLAGS,
    must_pass=[*_FALSE_FRIEND_PASSES, *_COMMON_PASSES],
    data_files=_DATA_FILES,
)
def check_false_friend(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "false-friend")


@rule(
    code="CAL004",
    name="literal-title",
    category="style",
    severity=Severity.MINOR,
    summary="A title or honorific translated literally (\"His Excellency\", \"the Emir of State of Qatar\").",
    what="""
        Protocol honorifics and official titles rendered word for word from the source, which wire
        style drops or shortens: "His Excellency the Minister", "His Highness", "the Custodian of
        the Two Holy Mosques" in running copy.
    """ + _PACKS_WHAT,
    why="Wire style uses plain titles; honorifics read as the source government's voice, not ours.",
    fix="Use the plain title in the suggestion, or delete the honorific.",
    must_flag=_TITLE_FLAGS,
    must_pass=[*_TITLE_PASSES, *_COMMON_PASSES],
    data_files=_DATA_FILES,
)
def check_literal_title(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "title")


@rule(
    code="CAL005",
    name="transliteration",
    category="terminology",
    severity=Severity.MINOR,
    summary="A transliteration artefact: a name or word spelled as the source script suggests, not as wire style writes it.",
    what="""
        Spellings produced by transliterating the source script instead of using the established
        English form (e.g. the Arabic article fused or spaced oddly onto a name).
    """ + _PACKS_WHAT,
    why="Readers and search engines know the established spelling; a variant splits the story.",
    fix="Use the established spelling in the suggestion.",
    must_flag=_TRANSLITERATION_FLAGS,
    must_pass=[*_TRANSLITERATION_PASSES, *_COMMON_PASSES],
    data_files=_DATA_FILES,
)
def check_transliteration(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "transliteration")


@rule(
    code="STY001",
    name="wire-style",
    category="locale-convention",
    severity=Severity.MINOR,
    summary="Dates, decades and numerals not in wire style (\"the year 2020\", \"the 15 of September\").",
    what="""
        Forms the source language's conventions carried into the copy where wire style has its own:
        "the year 2020" for "2020", "on the 15 of September" for "on Sept. 15" ("the 15th of
        September" is British usage and left alone).
    """ + _PACKS_WHAT,
    why="House style makes copy quick to read and consistent across the wire.",
    fix="Use the wire-style form in the suggestion.",
    must_flag=_WIRE_STYLE_FLAGS,
    must_pass=[*_WIRE_STYLE_PASSES, *_COMMON_PASSES],
    data_files=_DATA_FILES,
)
def check_wire_style(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "wire-style")

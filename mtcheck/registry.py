"""Rule declaration and selection.

A rule is a small check function registered under a stable code (``REP001``), a kebab-case name,
an MQM category, a default severity and what it needs (``source``, ``model``). It yields
:class:`Hit` objects; the pipeline turns them into :class:`~mtcheck.types.Finding` objects so
that every finding carries its rule's metadata and ``text[start:end] == finding.text`` holds.

Rules are selected ruff-style by code prefix: ``--select REP,UNT001 --ignore UNT``. ``ALL``
selects every rule that is on by default; a rule that is off by default is turned on only by
naming its full code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mtcheck.types import CATEGORIES, Severity

if TYPE_CHECKING:
    from mtcheck.context import CheckContext

CODE_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
KNOWN_NEEDS = frozenset({"source", "model"})


@dataclass(frozen=True)
class Hit:
    """What a check reports: a span of the article text and what to say about it."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    confidence: float = 1.0
    severity: Severity | None = None  # overrides the rule's default severity


@dataclass(frozen=True)
class Example:
    """A text a rule must flag (``flags`` is the span it must flag) or must leave alone."""

    text: str
    flags: str | None = None
    source: str | None = None
    lang: str = "en"
    note: str = ""


CheckFunction = Callable[["CheckContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    what: str
    why: str
    fix: str
    check: CheckFunction
    must_flag: tuple[Example, ...]
    must_pass: tuple[Example, ...]
    needs: frozenset[str] = frozenset()
    default_enabled: bool = True
    data_files: tuple[str, ...] = ()  # names in mtcheck/data whose versions go into the signature
    # Code prefixes whose findings are dropped where they overlap one of this rule's findings:
    # the same fault found twice (a whole article in the wrong language is not also a hundred
    # untranslated clauses; an Arabic footer is boilerplate, not untranslated text).
    supersedes: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return self.code[:3]


_RULES: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    category: str,
    severity: Severity | str,
    summary: str,
    what: str,
    why: str,
    fix: str,
    must_flag: Sequence[Example],
    must_pass: Sequence[Example],
    needs: Iterable[str] = (),
    default_enabled: bool = True,
    data_files: Sequence[str] = (),
    supersedes: Sequence[str] = (),
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated check function as a rule."""

    def register(check: CheckFunction) -> CheckFunction:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"rule code {code!r} must look like ABC123")
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        if not NAME_PATTERN.match(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if category not in CATEGORIES:
            raise ValueError(f"rule {code}: unknown MQM category {category!r}")
        unknown_needs = set(needs) - KNOWN_NEEDS
        if unknown_needs:
            raise ValueError(f"rule {code}: unknown needs {sorted(unknown_needs)}")
        _RULES[code] = Rule(
            code=code,
            name=name,
            category=category,
            severity=Severity.parse(severity),
            summary=summary.strip(),
            what=what.strip(),
            why=why.strip(),
            fix=fix.strip(),
            check=check,
            must_flag=tuple(must_flag),
            must_pass=tuple(must_pass),
            needs=frozenset(needs),
            default_enabled=default_enabled,
            data_files=tuple(data_files),
            supersedes=tuple(supersedes),
        )
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    import mtcheck.checks  # noqa: F401  (importing the package registers its rules)

    return [_RULES[code] for code in sorted(_RULES)]


def get_rule(code: str) -> Rule | None:
    rules = {r.code: r for r in all_rules()}
    return rules.get(code.strip().upper())


def _matches(code: str, prefix: str) -> bool:
    return prefix == "ALL" or code.startswith(prefix)


def validate_prefixes(prefixes: Iterable[str]) -> list[str]:
    """Normalise rule prefixes; raise ValueError for one that matches no rule."""
    codes = [r.code for r in all_rules()]
    normalised = []
    for raw in prefixes:
        prefix = raw.strip().upper()
        if not prefix:
            continue
        if not any(_matches(code, prefix) for code in codes):
            raise ValueError(f"no rule matches {raw!r} (see `mtcheck rules`)")
        normalised.append(prefix)
    return normalised


def select_rules(select: Sequence[str] = ("ALL",), ignore: Sequence[str] = ()) -> list[Rule]:
    """The rules to run: those matching a ``select`` prefix and no ``ignore`` prefix."""
    selected = []
    for r in all_rules():
        if any(_matches(r.code, p) for p in ignore):
            continue
        if r.default_enabled:
            if any(_matches(r.code, p) for p in select):
                selected.append(r)
        elif r.code in select:
            selected.append(r)
    return selected

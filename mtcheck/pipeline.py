"""Check one article: segment, identify languages, run the selected rules, score, sign."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable

from mtcheck import __version__
from mtcheck.config import Config
from mtcheck.context import CheckContext
from mtcheck.datafiles import data_version
from mtcheck.errors import InputError
from mtcheck.langid import BACKENDS, detect, get_detector
from mtcheck.registry import Rule, select_rules
from mtcheck.scoring import count_words, penalty, score, verdict
from mtcheck.segment import segment
from mtcheck.source_inference import source_language
from mtcheck.types import (
    Article,
    Finding,
    LanguageGuess,
    Report,
    ReportError,
    SegmentLanguage,
    Severity,
    SkippedRule,
)


def check_article(article: Article, config: Config) -> Report:
    """The report for one article. Raises nothing for odd text; empty text is the caller's error."""
    rules = select_rules(config.select, config.ignore)
    detector = get_detector(config.lid_backend)
    paragraphs, sentences = segment(article.text)
    language = detect(detector, article.text)
    sentence_languages = tuple(detect(detector, s.text) for s in sentences)
    declared = article.lang or config.lang
    context = CheckContext(
        article=article,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        language=language,
        target_lang=declared or language.code,
        sentence_languages=sentence_languages,
        detector=detector,
        config=config,
    )

    findings: list[Finding] = []
    skipped: list[SkippedRule] = []
    for rule in rules:
        missing = _missing_needs(rule, article, config)
        if missing:
            skipped.append(SkippedRule(rule.code, f"needs {' and '.join(missing)}"))
            continue
        findings.extend(_run(rule, context))
    findings = _drop_superseded(findings, rules)
    findings = [f for f in findings if _shown(f, config)]
    findings.sort(key=lambda f: (f.start, f.end, f.code))

    words = count_words(article.text)
    total = penalty(findings, config)
    score_value = score(total, words)
    return Report(
        id=article.id,
        language=language,
        source_language=source_language(context),
        words=words,
        score=score_value,
        verdict=verdict(score_value, findings, config),
        findings=tuple(findings),
        penalty=total,
        signature=_with_models(signature(config, rules, detector.name), context.metrics),
        metrics=dict(context.metrics),
        segments=tuple(SegmentLanguage(s, l) for s, l in zip(sentences, sentence_languages)),
        skipped=tuple(skipped),
        origin=article.origin,
        text=article.text,
        item=article.item,
    )


# A short English story touching what every check loads on first use: the language-ID model, the
# gazetteer's indexes (names, places, titles), the spelling dictionary, the calque patterns, the
# number and date rules, the boilerplate list.
WARM_UP_TEXT = (
    "MOSCOW (Reuters) - Russian President Vladimir Putin met Armenian Prime Minister Nikol "
    "Pashinyan in Moscow on Tuesday, the Kremlin said. The two leaders discussed the situation "
    "in Nagorno-Karabakh and the work of the peacekeepers, the statement said.\n\n"
    "Follow us on Twitter."
)


def warm_up(config: Config) -> Report:
    """Load what the first real check would (language ID, gazetteer, rule packs, spelling) by
    checking a short article, so that the first item is not the slow one, lazy loaders never race
    in worker threads, and a broken installation fails at start rather than per item. Used by
    ``mtcheck batch`` (before forking its workers), ``serve`` and ``watch``. Raises what
    ``check_article`` raises."""
    return check_article(Article(id="warm-up", text=WARM_UP_TEXT, origin="warm-up"), config)


def safe_check(
    article: Article,
    config: Config,
    *,
    origin: str | None = None,
    on_internal: Callable[[Article, Exception], None] | None = None,
) -> Report:
    """``check_article`` that never raises for one article: an InputError (e.g. a back-translation
    model that is not installed) becomes an error report of its type, any other Exception an
    ``internal`` error report (``on_internal`` is called first, inside the ``except``, e.g. to log
    the traceback). ``origin`` is the error report's (default: the article's)."""
    where = article.origin if origin is None else origin
    try:
        return check_article(article, config)
    except InputError as error:
        return error_report(article.id, where, error.type, str(error), config)
    except Exception as error:  # noqa: BLE001 - one broken item must not end a batch or a server
        if on_internal is not None:
            on_internal(article, error)
        return error_report(article.id, where, "internal", f"{type(error).__name__}: {error}", config)


def error_report(report_id: str, origin: str, error_type: str, message: str, config: Config) -> Report:
    """The report for an item that could not be read or checked: the batch still gets its line."""
    return Report(
        id=report_id,
        language=LanguageGuess.undetermined(),
        source_language=LanguageGuess.undetermined(),
        words=0,
        score=None,
        verdict=None,
        findings=(),
        signature=signature(config, select_rules(config.select, config.ignore), BACKENDS[config.lid_backend].name),
        origin=origin,
        error=ReportError(error_type, message),
    )


def signature(config: Config, rules: list[Rule], lid_name: str) -> str:
    """Everything that changes the score, sacrebleu-style: same signature, comparable numbers."""
    codes = ",".join(r.code for r in rules)
    rules_hash = hashlib.sha256(codes.encode()).hexdigest()[:8]
    data = ",".join(sorted({_data_version(name, config) for r in rules for name in r.data_files})) or "none"
    w = config.weights
    return "|".join(
        [
            f"mtcheck:{__version__}",
            f"lid:{lid_name}",
            f"rules:{len(rules)}:{rules_hash}",
            f"data:{data}",
            f"min:{config.min_severity.value}",
            f"weights:{w['minor']:g}/{w['major']:g}/{w['critical']:g}",
            f"verdict:{config.pass_at:g}/{config.fail_below:g}",
        ]
    )


def _shown(finding: Finding, config: Config) -> bool:
    """At the default --min-severity (minor), neutral findings (listed, never counted: an
    ambiguous name) are shown too; a higher minimum drops them with the minor ones."""
    if finding.severity is Severity.NEUTRAL:
        return config.min_severity.rank <= Severity.MINOR.rank
    return finding.severity.rank >= config.min_severity.rank


def _data_version(name: str, config: Config) -> str:
    """A data file's version for the signature. The gazetteer is not a TOML data file: its
    version is the compiled file's, plus a hash of the house-style files this run merges."""
    if name == "gazetteer":
        from mtcheck.gazetteer import get_gazetteer

        return get_gazetteer(config.gazetteer).signature
    return data_version(name)


def _drop_superseded(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Drop findings that overlap a finding of a rule that supersedes them (Rule.supersedes)."""
    superseding: dict[str, list[tuple[int, int]]] = {}
    for rule in rules:
        if not rule.supersedes:
            continue
        spans = [(f.start, f.end) for f in findings if f.code == rule.code]
        for prefix in rule.supersedes:
            superseding.setdefault(prefix, []).extend(spans)
    if not any(superseding.values()):
        return findings
    covers = {prefix: _SpanIndex(spans) for prefix, spans in superseding.items() if spans}
    return [
        f
        for f in findings
        if not any(f.code.startswith(prefix) and index.overlaps(f.start, f.end) for prefix, index in covers.items())
    ]


class _SpanIndex:
    """Merged, sorted spans answering "does [start, end) overlap any?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        position = bisect.bisect_left(self._ends, start + 1)
        return position < len(self._starts) and self._starts[position] < end


def _missing_needs(rule: Rule, article: Article, config: Config) -> list[str]:
    missing = []
    if "source" in rule.needs and not article.source:
        missing.append("a source text (--source)")
    if "model" in rule.needs and not config.backtranslate:
        missing.append("a translation model (--backtranslate)")
    return missing


def _with_models(base: str, metrics: dict) -> str:
    """The translation models a rule used change the scores: they go into the signature
    (rules put their ``describe()`` strings under ``metrics["backtranslation"]["models"]``)."""
    used = metrics.get("backtranslation", {}).get("models") if isinstance(metrics.get("backtranslation"), dict) else None
    return f"{base}|mt:{'+'.join(used)}" if used else base


def _run(rule: Rule, context: CheckContext) -> list[Finding]:
    text = context.text
    findings = []
    for hit in rule.check(context):
        if not 0 <= hit.start < hit.end <= len(text):
            raise AssertionError(f"{rule.code} reported an invalid span {hit.start}:{hit.end}")
        findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                category=rule.category,
                severity=hit.severity or rule.severity,
                start=hit.start,
                end=hit.end,
                text=text[hit.start : hit.end],
                message=hit.message,
                suggestion=hit.suggestion,
                confidence=hit.confidence,
            )
        )
    return findings

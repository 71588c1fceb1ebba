"""The copy-desk page (``GET /``) and its form's answer (``POST /report``).

The page is static HTML with its stylesheet and script served from /static (CSP ``'self'``,
nothing inline, no article text ever in it). The form posts the article (pasted, or uploaded and
read like ``mtcheck check FILE``), an optional source and the languages; the answer is the page
of the HTML report renderer (mtcheck/report/html.py: every span escaped and highlighted, severity
filters, details, a Copy button per suggestion) with that renderer's hash-based CSP sent as a
header too. A form that cannot be checked gets the same page with an error report and a 4xx.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from mtcheck.errors import InputError
from mtcheck.io.text import MAX_INPUT_BYTES
from mtcheck.pipeline import error_report
from mtcheck.report.html import CONTENT_SECURITY_POLICY, render
from mtcheck.types import Article
from mtcheck.web.app import (
    DESK_CSP,
    FORM_TYPES,
    STATIC,
    ApiError,
    Checker,
    _media_type,
    _status_of,
    language_field,
    read_body,
    read_upload,
)

REPORT_CSP = CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
# The languages the form offers, English first for the copy (most desks publish in it), then by name.
FORM_LANGUAGES = {
    "ar": "Arabic", "zh": "Chinese", "nl": "Dutch", "en": "English", "fr": "French", "de": "German",
    "it": "Italian", "ja": "Japanese", "fa": "Persian", "pl": "Polish", "pt": "Portuguese",
    "ru": "Russian", "es": "Spanish", "tr": "Turkish", "uk": "Ukrainian",
}
PASTED = "pasted article"


def desk_page(*, max_bytes: int) -> Response:
    size = f"{max_bytes / (1024 * 1024):g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes:,} bytes"
    page = (STATIC / "desk.html").read_text(encoding="utf-8")
    page = page.replace("{{max_size}}", escape(size)).replace("{{max_bytes}}", str(max_bytes))
    copy_first = ["en"] + [code for code in FORM_LANGUAGES if code != "en"]
    page = page.replace("{{copy_languages}}", _options(copy_first)).replace("{{source_languages}}", _options(FORM_LANGUAGES))
    return Response(
        page,
        media_type="text/html; charset=utf-8",
        headers={"content-security-policy": DESK_CSP, "cache-control": "no-cache"},
    )


def _options(codes: Iterable[str]) -> str:
    return "\n".join(f'<option value="{code}">{FORM_LANGUAGES[code]}</option>' for code in codes)


def _page(html: str, status: int) -> Response:
    return Response(
        html,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={"content-security-policy": REPORT_CSP, "cache-control": "no-store"},
    )


async def report_page(request: Request, checker: Checker, *, max_bytes: int) -> Response:
    try:
        if _media_type(request) not in FORM_TYPES:
            raise ApiError(415, "content-type", "POST /report takes the copy-desk form (multipart/form-data)")
        body = await read_body(request, max_bytes)
        form = await _parse_form(request, body, max_bytes)
        articles = await _articles(form, checker)
    except ApiError as error:
        report = error_report("form", "copy desk", error.type, error.message, checker.config)
        return _page(render([report], home="/"), error.status)
    reports = []
    for number, article in enumerate(articles, 1):
        if isinstance(article, InputError):
            reports.append(error_report(f"item {number}", f"item {number}", article.type, str(article), checker.config))
        else:
            reports.append(await checker.run(checker.check, article))
    return _page(render(reports, home="/"), 200)


async def _parse_form(request: Request, body: bytes, max_bytes: int) -> FormData:
    """Parse the body already read (and size-checked) by ``read_body``."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, receive=replay).form(max_files=4, max_fields=16, max_part_size=max_bytes)
    except HTTPException as error:
        raise ApiError(400, "form", f"cannot read the form: {error.detail}") from None
    except Exception as error:  # noqa: BLE001 - a malformed multipart body is the client's error
        raise ApiError(400, "form", f"cannot read the form: {error}") from None


def _text_field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


async def _file_field(form: FormData, name: str) -> tuple[bytes, str] | None:
    value = form.get(name)
    if value is None or isinstance(value, str):
        return None
    data = await value.read()
    if not data and not value.filename:
        return None  # the file input was left empty
    return data, value.filename or "upload"


async def _articles(form: FormData, checker: Checker) -> list[Article | InputError]:
    lang = language_field(_text_field(form, "lang"), "the article's language")
    source_lang = language_field(_text_field(form, "source_lang"), "the source's language")

    upload = await _file_field(form, "file")
    if upload is not None:
        articles = await _read(checker, *upload)
    else:
        text = _text_field(form, "text")
        if not text.strip():
            raise ApiError(422, "empty", "paste an article or choose a file to check")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
            raise ApiError(413, "too-large", f"the article is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
        articles = [Article(id=PASTED, text=text, origin=PASTED)]

    source_upload = await _file_field(form, "source_file")
    if source_upload is not None:
        sources = await _read(checker, *source_upload)
        if len(sources) != 1 or isinstance(sources[0], InputError):
            raise ApiError(422, "record", "the source file must hold exactly one readable article")
        source = sources[0].text
    else:
        source = _text_field(form, "source")
    if source.strip() and len(articles) > 1:
        raise ApiError(422, "record", f"the file holds {len(articles)} news items; a source text goes with exactly one")
    return [
        item if isinstance(item, InputError) else item.with_languages(lang, source_lang, source=source if source.strip() else None)
        for item in articles
    ]


async def _read(checker: Checker, data: bytes, filename: str) -> list[Article | InputError]:
    try:
        return await checker.run(read_upload, data, filename)
    except InputError as error:
        raise ApiError(_status_of(error), error.type, str(error)) from None

"""The web app of ``mtcheck serve``: a JSON API mirroring ``mtcheck batch``, and the copy-desk page.

Routes (the OpenAPI document, web/openapi.py, has the details):

- ``POST /check``: one record (``{"id"?, "text", "source"?, "source_lang"?, "lang"?}``, the
  batch record, validated by the same ``parse_record``) -> one ``mtcheck.report/1`` object,
  exactly ``report_to_dict`` of the report.
- ``POST /batch``: a JSON array of records, or JSONL (``application/x-ndjson``) -> one report per
  record, in order; a broken record gets its error report and the others are still checked, as in
  ``mtcheck batch`` (a JSONL body gives byte for byte the lines ``mtcheck batch`` writes).
- ``POST /report``: the copy-desk form (pasted text or an uploaded file, optional source,
  languages) -> the page of the HTML renderer (mtcheck/report/html.py), with its hash-based CSP.
- ``GET /``: the copy-desk page; ``GET /static/...``: its stylesheet and script.
- ``GET /openapi.json``, ``GET /healthz``, ``GET /rules``.

Limits: a request body larger than ``max_bytes`` is refused with 413 while it is being read
(Content-Length is checked first, a chunked body is counted as it arrives); a batch holds at most
``max_records`` records. Errors are JSON ``{"error": {"type", "message"}}`` with a 4xx status (a
page for the form), never a traceback. Checks are CPU-bound: they run in a worker thread, one at
a time, so the event loop keeps answering (``/healthz`` during a long batch).
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mtcheck import __version__, pipeline
from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.io.jsonl import iter_lines, language_of, parse_record, record_id_of, reject_constant
from mtcheck.io.text import MAX_INPUT_BYTES, read_article_bytes
from mtcheck.pipeline import error_report, safe_check
from mtcheck.report.json import dumps, report_to_dict
from mtcheck.types import Article, Report

log = logging.getLogger("mtcheck.web")

DEFAULT_MAX_BYTES = MAX_INPUT_BYTES  # 10 MiB, the limit for one article file
DEFAULT_MAX_RECORDS = 1000
STATIC = Path(__file__).with_name("static")
JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"})
FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHERE = re.compile(r"^line \d+: ")

# Every response: no sniffing, no framing, no referrer. Pages get their own CSP (below); anything
# else (JSON, errors) may not load or run anything.
_COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
_DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The desk page: its script and stylesheet come from /static (same origin), nothing inline.
DESK_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STATIC_FILES = {"desk.css": "text/css; charset=utf-8", "desk.js": "text/javascript; charset=utf-8"}


class ApiError(Exception):
    """A client error: HTTP status, a short type and a one-line message."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.type = error_type
        self.message = message


_STATUS_OF_INPUT_ERROR = {"json": 400, "too-large": 413}  # record, encoding, empty, ...: 422


def _status_of(error: InputError) -> int:
    return _STATUS_OF_INPUT_ERROR.get(error.type, 422)


def error_body(error_type: str, message: str) -> dict[str, Any]:
    return {"error": {"type": error_type, "message": message}}


def warm_up(config: Config) -> None:
    """Load what the first request would (language ID, gazetteer, rule packs, English spelling)
    by checking a short article (``pipeline.warm_up``, the one batch and watch use), so that the
    first real request is not the slow one and the lazy loaders never race in worker threads."""
    pipeline.warm_up(config)


def _log_failed_check(article: Article, error: Exception) -> None:
    log.exception("check of %r failed", article.id)  # called inside the except: has the traceback


class Checker:
    """Runs checks in a worker thread, one at a time (they are CPU-bound; the GIL would serialise
    them anyway), and turns every failure into an error report as ``mtcheck batch`` does."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        if self._limiter is None:  # created inside the event loop
            self._limiter = anyio.CapacityLimiter(1)
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)

    def check(self, article: Article) -> Report:
        # An InputError (e.g. a back-translation model that is not installed) is an error report of
        # its type; any other failure an "internal" one, logged with its traceback.
        return safe_check(article, self.config, on_internal=_log_failed_check)

    def check_line(self, number: int, raw: bytes, origin: str, where: str) -> Report:
        """One batch record (its JSON bytes) -> its report, or its error report."""
        try:
            article = parse_record(raw, number)
        except InputError as error:
            message = _WHERE.sub(f"{where}: ", str(error), count=1)
            return error_report(record_id_of(raw, number), origin, error.type, message, self.config)
        return self.check(replace(article, origin=origin))


# --- request helpers ---------------------------------------------------------------------------


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to be over ``limit`` bytes:
    by its Content-Length before reading, or while counting a chunked body."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "request", "invalid Content-Length header")
        if int(declared) > limit:
            raise ApiError(413, "too-large", f"request body of {int(declared)} bytes is over the {limit}-byte limit")
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise ApiError(413, "too-large", f"request body is over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _json_response(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status_code=status, media_type="application/json")


def _error_response(error: ApiError) -> Response:
    return _json_response(error_body(error.type, error.message), error.status)


def _record_bytes(record: Any) -> bytes:
    """A record of a JSON array as the bytes of one JSONL line, for ``parse_record``. A lone
    surrogate cannot be UTF-8: it is written as its escape, which ``parse_record`` reports."""
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(record, ensure_ascii=True).encode("ascii")


# --- the app -----------------------------------------------------------------------------------


def create_app(
    config: Config,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_records: int = DEFAULT_MAX_RECORDS,
) -> Starlette:
    """The ASGI app. ``config`` is the one loaded at start (options, mtcheck.toml, house files)."""
    from mtcheck.web.openapi import openapi_document
    from mtcheck.web.page import desk_page, report_page

    checker = Checker(config)
    openapi = openapi_document(max_bytes=max_bytes, max_records=max_records)

    def api(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as error:
                return _error_response(error)
            except ClientDisconnect:
                return Response(status_code=400)

        return endpoint

    @api
    async def check_one(request: Request) -> Response:
        if _media_type(request) != "application/json":
            raise ApiError(415, "content-type", "POST /check takes one JSON record (Content-Type: application/json)")
        body = await read_body(request, max_bytes)
        try:
            article = parse_record(body, 1)
        except InputError as error:
            raise ApiError(_status_of(error), error.type, _WHERE.sub("", str(error), count=1)) from None
        report = await checker.run(checker.check, replace(article, origin="request"))
        status = 200 if report.error is None else (500 if report.error.type == "internal" else 422)
        return _json_response(report_to_dict(report), status)

    @api
    async def check_batch(request: Request) -> Response:
        media = _media_type(request)
        if media != "application/json" and media not in JSONL_TYPES:
            raise ApiError(
                415, "content-type", "POST /batch takes a JSON array (application/json) or JSONL (application/x-ndjson)"
            )
        body = await read_body(request, max_bytes)
        if media == "application/json":
            items = _array_records(body, max_records)
        else:
            items = [(n, line, f"line {n}", f"line {n}") for n, line in enumerate(iter_lines(io.BytesIO(body)), 1)]
            if len(items) > max_records:
                raise ApiError(413, "too-many-records", f"{len(items)} records; a batch holds at most {max_records}")
        lines = []
        for number, raw, origin, where in items:
            report = await checker.run(checker.check_line, number, raw, origin, where)
            lines.append(dumps(report))
        if media == "application/json":
            return Response("[" + ",".join(lines) + "]", media_type="application/json")
        return Response("".join(line + "\n" for line in lines), media_type="application/x-ndjson")

    async def form_report(request: Request) -> Response:
        try:
            return await report_page(request, checker, max_bytes=max_bytes)
        except ClientDisconnect:
            return Response(status_code=400)

    async def desk(request: Request) -> Response:
        return desk_page(max_bytes=max_bytes)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC_FILES:
            raise HTTPException(404)
        return Response((STATIC / name).read_bytes(), media_type=_STATIC_FILES[name], headers={"cache-control": "no-cache"})

    async def openapi_json(request: Request) -> Response:
        return _json_response(openapi)

    async def healthz(request: Request) -> Response:
        return _json_response({"status": "ok", "version": __version__})

    async def rules(request: Request) -> Response:
        from mtcheck.rules_doc import render_rule_list

        return Response(render_rule_list("json"), media_type="application/json")

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        messages = {404: "no such page or endpoint (see /openapi.json)", 405: f"{request.method} is not allowed here"}
        message = messages.get(error.status_code, str(error.detail))
        response = _json_response(error_body(_http_type(error.status_code), message), error.status_code)
        for key, value in (error.headers or {}).items():
            response.headers[key] = value
        return response

    async def server_error(request: Request, error: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        return _json_response(error_body("internal", "internal error; see the server log"), 500)

    routes = [
        Route("/", desk, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/check", check_one, methods=["POST"]),
        Route("/batch", check_batch, methods=["POST"]),
        Route("/report", form_report, methods=["POST"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/rules", rules, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error})
    app.add_middleware(SecurityHeaders)
    return app


def _http_type(status: int) -> str:
    return {400: "request", 404: "not-found", 405: "method-not-allowed", 413: "too-large", 415: "content-type"}.get(
        status, "http"
    )


def _array_records(body: bytes, max_records: int) -> list[tuple[int, bytes, str, str]]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ApiError(400, "json", f"body is not valid UTF-8 (byte {error.start})") from None
    try:
        records = json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as error:
        raise ApiError(400, "json", f"invalid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    except (ValueError, RecursionError) as error:
        raise ApiError(400, "json", f"invalid JSON ({error})") from None
    if not isinstance(records, list):
        raise ApiError(422, "record", "POST /batch with application/json takes a JSON array of records")
    if len(records) > max_records:
        raise ApiError(413, "too-many-records", f"{len(records)} records; a batch holds at most {max_records}")
    return [(n, _record_bytes(record), f"record {n}", f"record {n}") for n, record in enumerate(records, 1)]


class SecurityHeaders:
    """Adds the common security headers, and a deny-all CSP where a response set none."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in _COMMON_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", _DEFAULT_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- uploads -------------------------------------------------------------------------------------


def clean_filename(name: str) -> str:
    """The uploaded file's name as shown in the report: its last part, no control characters."""
    name = _CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[:200] or "upload"


def read_upload(data: bytes, filename: str) -> list[Article | InputError]:
    """The articles of an uploaded file, read exactly as ``mtcheck check FILE`` reads a file of that
    name (size limit, encodings, HTML, wire formats; a multi-item wire file gives one article per
    item, an unreadable item its InputError), the uploaded file's name as id and in messages.
    InputError for the whole file."""
    shown = clean_filename(filename)
    return read_article_bytes(data, shown, shown)


def language_field(value: str, name: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    code = language_of(value)
    if code is None:
        raise ApiError(422, "record", f"{name} must be an ISO 639-1 code (two lowercase letters, e.g. en)")
    return code

"""``mtcheck serve``'s JSON API, tested with a real HTTP client (http.client) against uvicorn on
loopback: the same reports as the CLI, batch order and error lines, the limits and the 4xx errors.

``running_server`` is shared with tests/test_web_browser.py.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install -e '.[serve]'")
pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install -e '.[serve]'")

import uvicorn  # noqa: E402

from mtcheck.config import load_config  # noqa: E402
from mtcheck.web.app import create_app, warm_up  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "putin-yerevan-baku.txt"


@contextmanager
def running_server(**limits: int) -> Iterator[str]:
    """uvicorn serving the app on a free loopback port, in a thread; yields the base URL."""
    config = load_config(None)
    warm_up(config)
    app = create_app(config, **limits)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


class Answer:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = {k.lower(): v for k, v in response.getheaders()}
        self.body = response.read()

    def json(self) -> Any:
        assert self.headers["content-type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def call(base: str, method: str, path: str, body: Any = None, content_type: str | None = None, **options: Any) -> Answer:
    """One request over a fresh connection; ``body`` may be bytes, str, a JSON value (sent as
    application/json) or an iterator of bytes (sent chunked, no Content-Length)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    headers = {}
    if body is not None and not isinstance(body, (bytes, str)) and not hasattr(body, "__next__"):
        body = json.dumps(body).encode()
        content_type = content_type or "application/json"
    if isinstance(body, str):
        body = body.encode("utf-8")
    if content_type:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers, encode_chunked=hasattr(body, "__next__"))
        return Answer(connection.getresponse())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def small() -> Iterator[str]:
    """A server with tiny limits: 2,000-byte bodies, three records per batch."""
    with running_server(max_bytes=2000, max_records=3) as url:
        yield url


def _mtcheck(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args], cwd=REPO, input=stdin, capture_output=True, timeout=300, check=False
    )


def _no_traceback(answer: Answer) -> None:
    assert b"Traceback" not in answer.body and b'File "' not in answer.body


# --- /check ------------------------------------------------------------------------------------


def test_check_on_the_seed_is_the_report_of_mtcheck_check(base: str) -> None:
    answer = call(base, "POST", "/check", {"id": SEED.name, "text": SEED.read_text(encoding="utf-8")})
    assert answer.status == 200
    report = answer.json()
    blinken = [f for f in report["findings"] if f["code"] == "NAM001"]
    assert [(f["text"], f["suggestion"], f["severity"]) for f in blinken] == [("Anthony Blinken", "Antony Blinken", "major")]

    cli = _mtcheck("check", "seeds/putin-yerevan-baku.txt", "--format", "json")
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    # The only difference: where the article came from (a path for the CLI, the request here).
    assert (expected.pop("origin"), report.pop("origin")) == ("seeds/putin-yerevan-baku.txt", "request")
    assert report == expected

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "mtcheck" / "schema" / "report-1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(answer.json(), schema)


def test_check_takes_a_nitf_item_from_a_cms(base: str) -> None:
    nitf = (REPO / "tests" / "data" / "wire" / "seed-story.nitf.xml").read_text(encoding="utf-8")
    answer = call(base, "POST", "/check", {"id": "story-17", "text": nitf, "format": "nitf"})
    assert answer.status == 200
    report = answer.json()
    assert report["id"] == "story-17" and report["item"]["format"] == "nitf" and report["item"]["version"] == "3"
    assert "Anthony Blinken" in [f["text"] for f in report["findings"] if f["code"] == "NAM001"]
    hostile = (REPO / "tests" / "data" / "wire" / "hostile-xxe-passwd.xml").read_text(encoding="utf-8")
    refused = call(base, "POST", "/check", {"text": hostile, "format": "newsml"})
    assert refused.status == 422 and refused.json()["error"]["type"] == "unsafe-xml"


def test_check_record_rules_are_the_batch_rules(base: str) -> None:
    answer = call(base, "POST", "/check", {"text": "The goverment met on Monday.", "lang": "en", "extra": {"ignored": True}})
    assert answer.status == 200
    report = answer.json()
    assert report["id"] == "1" and report["error"] is None  # a missing id: the record's position, as in batch
    assert report["language"]["code"] == "en"
    assert [f["code"] for f in report["findings"]] == ["SPL001"]


@pytest.mark.parametrize(
    ("record", "status", "error_type", "words"),
    [
        ({"text": ""}, 422, "record", '"text" is empty'),
        ({"id": "x"}, 422, "record", 'no "text"'),
        ({"text": 5}, 422, "record", '"text" must be a string'),
        ({"text": "Hello world.", "lang": "English"}, 422, "record", "ISO 639-1"),
        ({"text": "Hello world.", "id": True}, 422, "record", '"id" must be'),
        ([{"text": "an array"}], 422, "record", "expected a JSON object"),
        (42, 422, "record", "expected a JSON object"),
    ],
)
def test_check_invalid_record_is_422(base: str, record: Any, status: int, error_type: str, words: str) -> None:
    answer = call(base, "POST", "/check", record)
    assert answer.status == status
    error = answer.json()["error"]
    assert error["type"] == error_type and words in error["message"]
    assert not error["message"].startswith("line ")
    _no_traceback(answer)


def test_check_lone_surrogate_is_422_encoding(base: str) -> None:
    answer = call(base, "POST", "/check", b'{"text": "bad \\ud800 text"}', "application/json")
    assert answer.status == 422 and answer.json()["error"]["type"] == "encoding"


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"text": "x"', b"", b'{"text": NaN}', b"\xff\xfe{}", b"[" * 100_000],
    ids=["broken", "truncated", "empty", "nan", "not-utf8", "deep"],
)
def test_check_malformed_json_is_400(base: str, body: bytes) -> None:
    answer = call(base, "POST", "/check", body, "application/json")
    assert answer.status == 400, answer.body[:200]
    assert answer.json()["error"]["type"] == "json"
    _no_traceback(answer)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_check_wrong_content_type_is_415(base: str, content_type: str | None) -> None:
    answer = call(base, "POST", "/check", b'{"text": "Hello world."}', content_type)
    assert answer.status == 415 and answer.json()["error"]["type"] == "content-type"


def test_json_with_charset_is_accepted(base: str) -> None:
    answer = call(base, "POST", "/check", b'{"text": "Hello world, how are you?"}', "application/json; charset=utf-8")
    assert answer.status == 200


# --- /batch ------------------------------------------------------------------------------------

BATCH_LINES = [
    b'{"id": "good", "text": "US Secretary of State Anthony Blinken arrived in Baku on Monday."}',
    b'{"id": "broken", "text": "no closing brace"',
    b"",
    b'{"id": 7, "text": "The goverment said the talks went well."}',
    b'{"id": "surrogate", "text": "bad \\udc00 text"}',
    b'{"text": "   "}',
    b'["not", "a", "record"]',
    b'{"id": "last", "text": "Follow us on Telegram for the latest news.", "lang": "en"}',
]


def test_batch_jsonl_is_byte_for_byte_mtcheck_batch(base: str, tmp_path: Path) -> None:
    body = b"\n".join(BATCH_LINES) + b"\n"
    answer = call(base, "POST", "/batch", body, "application/x-ndjson")
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/x-ndjson")
    source = tmp_path / "in.jsonl"
    source.write_bytes(body)
    cli = _mtcheck("batch", str(source), "-o", "-")
    assert cli.returncode == 2  # broken records
    assert answer.body == cli.stdout
    reports = [json.loads(line) for line in answer.body.decode().splitlines()]
    assert [r["id"] for r in reports] == ["good", "broken", "3", "7", "surrogate", "6", "7", "last"]
    assert [r["error"]["type"] if r["error"] else None for r in reports] == [
        None, "json", "json", None, "encoding", "record", "record", None,
    ]


def test_batch_json_array_keeps_order_and_gives_error_reports(base: str) -> None:
    records = [
        {"id": "a", "text": "US Secretary of State Anthony Blinken arrived in Baku on Monday."},
        {"id": "b"},
        17,
        {"text": "The goverment said the talks went well."},
        {"id": "e", "text": "Hello", "lang": "xx1"},
    ]
    answer = call(base, "POST", "/batch", records)
    assert answer.status == 200
    reports = answer.json()
    assert [r["id"] for r in reports] == ["a", "b", "3", "4", "e"]
    assert [r["origin"] for r in reports] == [f"record {n}" for n in range(1, 6)]
    assert [r["error"]["type"] if r["error"] else None for r in reports] == [None, "record", "record", None, "record"]
    assert reports[1]["error"]["message"] == 'record 2: record has no "text"'
    assert any(f["code"] == "NAM001" and f["text"] == "Anthony Blinken" for f in reports[0]["findings"])
    # Each good record's report is exactly what /check gives for it (bar the origin).
    single = call(base, "POST", "/check", records[0]).json()
    assert {**single, "origin": None} == {**reports[0], "origin": None}


def test_batch_errors(base: str) -> None:
    assert call(base, "POST", "/batch", b"[{]", "application/json").status == 400
    answer = call(base, "POST", "/batch", {"text": "an object, not an array"})
    assert answer.status == 422 and "array" in answer.json()["error"]["message"]
    assert call(base, "POST", "/batch", b"a,b\n", "text/csv").status == 415
    empty = call(base, "POST", "/batch", [])
    assert empty.status == 200 and empty.json() == []


# --- limits ------------------------------------------------------------------------------------


def test_body_over_the_limit_is_413_by_content_length(small: str) -> None:
    big = {"text": "word " * 1000}  # 5 KB > 2,000 bytes
    for path in ("/check", "/batch"):
        answer = call(small, "POST", path, big if path == "/check" else [big])
        assert answer.status == 413, path
        assert answer.json()["error"]["type"] == "too-large"


def test_chunked_body_is_cut_off_while_reading(small: str) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server counts as it reads
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 100
        yield b'"}'

    answer = call(small, "POST", "/check", chunks(), "application/json")
    assert answer.status == 413 and answer.json()["error"]["type"] == "too-large"


def test_too_many_records_is_413(small: str) -> None:
    records = [{"text": "Hi."}] * 4
    answer = call(small, "POST", "/batch", records)
    assert answer.status == 413 and answer.json()["error"]["type"] == "too-many-records"
    lines = b"\n".join(json.dumps(r).encode() for r in records)
    answer = call(small, "POST", "/batch", lines, "application/x-ndjson")
    assert answer.status == 413 and answer.json()["error"]["type"] == "too-many-records"
    assert call(small, "POST", "/batch", records[:3]).status == 200


def test_form_over_the_limit_is_413_page(small: str) -> None:
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + "word " * 1000 + f"\r\n--{boundary}--\r\n").encode()
    answer = call(small, "POST", "/report", body, f"multipart/form-data; boundary={boundary}")
    assert answer.status == 413 and answer.headers["content-type"].startswith("text/html")
    assert b"too-large" in answer.body


# --- other routes ------------------------------------------------------------------------------


def test_not_found_and_method_not_allowed_are_json(base: str) -> None:
    answer = call(base, "GET", "/nope")
    assert answer.status == 404 and answer.json()["error"]["type"] == "not-found"
    answer = call(base, "GET", "/check")
    assert answer.status == 405 and answer.headers["allow"] == "POST"
    answer = call(base, "DELETE", "/")
    assert answer.status == 405
    _no_traceback(answer)


def test_healthz_rules_and_openapi(base: str) -> None:
    assert call(base, "GET", "/healthz").json()["status"] == "ok"
    rules = call(base, "GET", "/rules").json()
    assert {"NAM001", "BPL001"} <= {r["code"] for r in rules}
    doc = call(base, "GET", "/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert {"/check", "/batch", "/report", "/healthz", "/rules", "/openapi.json", "/"} <= set(doc["paths"])
    assert set(doc["paths"]["/batch"]["post"]["requestBody"]["content"]) == {"application/json", "application/x-ndjson"}
    for code in ("200", "400", "413", "415", "422"):
        assert code in doc["paths"]["/check"]["post"]["responses"]

    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    found = set(refs(doc))
    assert "#/components/schemas/Report" in found
    for ref in found:  # every reference resolves inside the document
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in doc["components"]["schemas"], ref

    jsonschema = pytest.importorskip("jsonschema")
    # The Report schema of the document validates a real report.
    schema = {**doc["components"]["schemas"]["Report"], "components": doc["components"]}
    report = call(base, "POST", "/check", {"text": "Anthony Blinken arrived in Baku on Monday for talks."}).json()
    jsonschema.Draft202012Validator(schema).validate(report)


def test_pages_have_strict_headers(base: str) -> None:
    desk = call(base, "GET", "/")
    assert desk.status == 200 and desk.headers["content-type"].startswith("text/html")
    policy = desk.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
    assert desk.headers["x-content-type-options"] == "nosniff"
    assert b'<script src="/static/desk.js"' in desk.body and b"<script>" not in desk.body
    assert not re.search(rb"\son[a-z]+\s*=", desk.body) and b"style=" not in desk.body  # no inline handlers or styles
    for name in ("desk.js", "desk.css"):
        asset = call(base, "GET", f"/static/{name}")
        assert asset.status == 200 and asset.headers["x-content-type-options"] == "nosniff"
    assert call(base, "GET", "/static/../app.py").status == 404
    assert call(base, "GET", "/static/app.py").status == 404


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "----mtcheck-test-boundary"
    out = b""
    for name, value in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
    for name, (filename, data) in files.items():
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_report_form_upload_reads_files_like_the_cli(base: str) -> None:
    body, content_type = _multipart({"text": "", "lang": ""}, {"file": (SEED.name, SEED.read_bytes())})
    answer = call(base, "POST", "/report", body, content_type)
    assert answer.status == 200
    page = answer.body.decode()
    assert "putin-yerevan-baku.txt" in page and "Anthony Blinken</mark>" in page
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert 'class="copy"' in page and '<a href="/">' in page

    # cp1256 bytes are decoded; a binary file is refused with the reader's message, as a page.
    arabic = "قال الرئيس الروسي فلاديمير بوتين يوم الثلاثاء إن موسكو مستعدة للمساعدة في التوصل إلى سلام.".encode("cp1256")
    answer = call(base, "POST", "/report", *_multipart({}, {"file": ("story.txt", arabic)}))
    assert answer.status == 200 and "بوتين" in answer.body.decode()
    answer = call(base, "POST", "/report", *_multipart({}, {"file": ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(200))}))
    assert answer.status == 422 and b"a PNG image" in answer.body and b"mtcheck-upload" not in answer.body

    # HTML is reduced to its visible text (the script is dropped, not run); pasted markup is text.
    html = b"<html><body><p>Anthony Blinken met Putin in Moscow on Monday, officials said.</p><script>alert(1)</script></body></html>"
    answer = call(base, "POST", "/report", *_multipart({}, {"file": ("story.html", html)}))
    assert answer.status == 200 and b"alert(1)" not in answer.body
    answer = call(base, "POST", "/report", *_multipart({"text": "Officials said <img src=x onerror=alert(1)> on Monday."}, {}))
    assert answer.status == 200 and b"&lt;img src=x onerror=alert(1)&gt;" in answer.body and b"<img" not in answer.body


def test_report_form_errors_are_pages(base: str) -> None:
    answer = call(base, "POST", "/report", *_multipart({"text": "  "}, {}))
    assert answer.status == 422 and b"paste an article" in answer.body
    answer = call(base, "POST", "/report", *_multipart({"text": "Hello there.", "lang": "english"}, {}))
    assert answer.status == 422
    answer = call(base, "POST", "/report", {"text": "json"})
    assert answer.status == 415 and answer.headers["content-type"].startswith("text/html")
    answer = call(base, "POST", "/report", b"--nope\r\nbroken", "multipart/form-data; boundary=other")
    assert answer.status in (400, 422)
    _no_traceback(answer)


# --- the command -------------------------------------------------------------------------------


def test_cli_does_not_import_the_web_stack() -> None:
    code = "import sys, mtcheck.cli; print(sorted({'starlette', 'uvicorn', 'multipart', 'mtcheck.web'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_serve_without_the_extra_says_how_to_install_it() -> None:
    code = "import sys; sys.modules['uvicorn'] = None; sys.argv = ['mtcheck', 'serve']; from mtcheck.cli import main; main(['serve'])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == ["mtcheck: error: mtcheck serve needs the serve extra (uvicorn missing): pip install 'mtcheck[serve]'"]


def test_mtcheck_serve_answers_on_loopback() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "mtcheck", "serve", "--port", str(port), "--max-bytes", "5000", "--lang", "en"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if call(base, "GET", "/healthz").status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "mtcheck serve did not start"
            time.sleep(0.2)
        answer = call(base, "POST", "/check", {"text": "Anthony Blinken arrived in Baku on Monday for talks."})
        assert answer.status == 200 and answer.json()["language"]["code"] == "en"
        assert call(base, "POST", "/check", {"text": "x" * 6000}).status == 413  # --max-bytes
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_rejects_bad_options() -> None:
    out = _mtcheck("serve", "--max-bytes", "0")
    assert out.returncode == 2 and b"--max-bytes" in out.stderr


def test_report_form_reads_wire_items_with_the_wire_readers(base: str) -> None:
    wire = REPO / "tests" / "data" / "wire"
    if not (wire / "seed-story.nitf.xml").exists():
        pytest.skip("no wire samples (tests/data/wire)")
    answer = call(base, "POST", "/report", *_multipart({}, {"file": ("seed-story.nitf.xml", (wire / "seed-story.nitf.xml").read_bytes())}))
    assert answer.status == 200 and "Anthony Blinken</mark>" in answer.body.decode()
    answer = call(base, "POST", "/report", *_multipart({}, {"file": ("two.xml", (wire / "newsmessage-two-items.xml").read_bytes())}))
    assert answer.status == 200 and answer.body.count(b'<section class="report"') == 2  # one report per item
    answer = call(base, "POST", "/report", *_multipart({}, {"file": ("x.xml", (wire / "hostile-xxe-passwd.xml").read_bytes())}))
    assert answer.status == 422 and b"unsafe-xml" in answer.body and b"root:" not in answer.body


def test_checks_do_not_block_the_event_loop(base: str) -> None:
    """A long batch runs in a worker thread: the server keeps answering meanwhile."""
    records = [{"id": str(n), "text": SEED.read_text(encoding="utf-8")} for n in range(40)]
    done: list[Answer] = []
    worker = threading.Thread(target=lambda: done.append(call(base, "POST", "/batch", records)))
    started = time.monotonic()
    worker.start()
    time.sleep(0.3)
    answered = []
    while worker.is_alive() and len(answered) < 3:
        begin = time.monotonic()
        assert call(base, "GET", "/healthz").status == 200
        answered.append(time.monotonic() - begin)
    batch_busy = worker.is_alive()
    worker.join(300)
    assert done and done[0].status == 200 and len(done[0].json()) == 40
    if not batch_busy and time.monotonic() - started < 1:
        pytest.skip("the batch was too quick to overlap")
    assert answered and max(answered) < 5, answered

"""The OpenAPI 3.1 document of ``mtcheck serve`` (``GET /openapi.json``), written by hand.

The report schema is mtcheck/schema/report-1.schema.json itself (JSON Schema 2020-12, which
OpenAPI 3.1 uses), its ``$defs`` moved under ``components/schemas`` as ``Report_<name>``.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from mtcheck import __version__
from mtcheck.io.jsonl import RECORD_FORMATS


def _report_schemas() -> dict[str, Any]:
    schema = json.loads(files("mtcheck").joinpath("schema/report-1.schema.json").read_text(encoding="utf-8"))
    definitions = schema.pop("$defs", {})
    schema.pop("$schema", None)
    schema.pop("$id", None)

    def relink(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: ("#/components/schemas/Report_" + value.rsplit("/", 1)[-1] if key == "$ref" and isinstance(value, str) else relink(value))
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [relink(item) for item in node]
        return node

    out = {"Report": relink(schema)}
    out.update({f"Report_{name}": relink(definition) for name, definition in definitions.items()})
    return out


_LANGUAGE = {"type": ["string", "null"], "pattern": "^[a-z]{2}$", "description": "ISO 639-1 code, e.g. en."}

RECORD = {
    "type": "object",
    "description": "One article, the record of `mtcheck batch` (other keys are ignored).",
    "required": ["text"],
    "properties": {
        "id": {"type": ["string", "number", "null"], "description": "Echoed in the report; missing: the record's position (1 for /check)."},
        "text": {"type": "string", "minLength": 1, "description": "The translated article: plain text, or what `format` says."},
        "source": {"type": ["string", "null"], "description": "The source text it was translated from (enables the source-aware rules)."},
        "source_lang": _LANGUAGE,
        "lang": _LANGUAGE,
        "format": {
            "type": "string",
            "enum": list(RECORD_FORMATS),
            "default": "text",
            "description": "What `text` holds: plain text, an HTML article, or one NITF, NewsML-G2 or ninjs item "
            "(read as `mtcheck check` reads the file; the report gets its `item`).",
        },
    },
}

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["type", "message"],
            "properties": {
                "type": {"type": "string", "examples": ["json", "record", "encoding", "too-large", "too-many-records", "content-type"]},
                "message": {"type": "string"},
            },
        }
    },
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document(*, max_bytes: int, max_records: int) -> dict[str, Any]:
    too_large = _error(f"Body over {max_bytes} bytes (refused while reading), or a text over the article limit.")
    report = {"$ref": "#/components/schemas/Report"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mtcheck",
            "version": __version__,
            "description": (
                "Translation-quality checks for news wire copy. The API mirrors `mtcheck batch`: the same "
                "records in, the same `mtcheck.report/1` reports out. Errors are "
                '`{"error": {"type", "message"}}` with a 4xx status.'
            ),
        },
        "paths": {
            "/check": {
                "post": {
                    "summary": "Check one article",
                    "operationId": "check",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Record"}}}},
                    "responses": {
                        "200": {"description": "The report.", "content": {"application/json": {"schema": report}}},
                        "400": _error("Not JSON (or not UTF-8)."),
                        "413": too_large,
                        "415": _error("Content-Type is not application/json."),
                        "422": _error("Valid JSON but not a valid record (no text, bad language code, lone surrogate...)."),
                    },
                }
            },
            "/batch": {
                "post": {
                    "summary": "Check many articles; one report per record, in order",
                    "description": (
                        f"At most {max_records} records. A record that cannot be read or checked gets its report "
                        "with `error` set, and the others are still checked (HTTP 200). A JSON array in gives a "
                        "JSON array out; JSONL in (application/x-ndjson) gives JSONL out, byte for byte what "
                        "`mtcheck batch` writes."
                    ),
                    "operationId": "batch",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"type": "array", "maxItems": max_records, "items": {"$ref": "#/components/schemas/Record"}}},
                            "application/x-ndjson": {"schema": {"type": "string", "description": "One record per line."}},
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "One report per record, in input order.",
                            "content": {
                                "application/json": {"schema": {"type": "array", "items": report}},
                                "application/x-ndjson": {"schema": {"type": "string", "description": "One report per line."}},
                            },
                        },
                        "400": _error("The body is not a JSON array (invalid JSON)."),
                        "413": _error(f"Body over {max_bytes} bytes, or more than {max_records} records."),
                        "415": _error("Content-Type is neither application/json nor application/x-ndjson."),
                        "422": _error("Valid JSON but not an array."),
                    },
                }
            },
            "/report": {
                "post": {
                    "summary": "The copy-desk form: the HTML report page",
                    "operationId": "reportPage",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "text": {"type": "string", "description": "Pasted article (ignored when a file is uploaded)."},
                                        "file": {"type": "string", "format": "binary", "description": "Article file: .txt, .html, wire formats; read like `mtcheck check FILE`."},
                                        "source": {"type": "string"},
                                        "source_file": {"type": "string", "format": "binary"},
                                        "lang": {"type": "string"},
                                        "source_lang": {"type": "string"},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "The HTML report page.", "content": {"text/html": {}}},
                        "4XX": {"description": "The HTML report page with an error report.", "content": {"text/html": {}}},
                    },
                }
            },
            "/": {"get": {"summary": "The copy-desk page", "operationId": "desk", "responses": {"200": {"description": "HTML page.", "content": {"text/html": {}}}}}},
            "/rules": {
                "get": {
                    "summary": "Every rule (as `mtcheck rules --format json`)",
                    "operationId": "rules",
                    "responses": {"200": {"description": "The rules.", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness",
                    "operationId": "healthz",
                    "responses": {"200": {"description": "Up.", "content": {"application/json": {"schema": {"type": "object"}}}}},
                }
            },
            "/openapi.json": {
                "get": {"summary": "This document", "operationId": "openapi", "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {}}}}}
            },
        },
        "components": {"schemas": {"Record": RECORD, "Error": ERROR, **_report_schemas()}},
    }

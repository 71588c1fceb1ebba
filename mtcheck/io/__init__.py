"""Readers: files, stdin, HTML articles, directories and globs, JSONL records.

See io/text.py (encodings, size limit), io/html.py (visible text of an HTML article),
io/wire.py (NITF, NewsML-G2 and ninjs items), io/paths.py (directories and globs) and
io/jsonl.py (batch records).
"""

from __future__ import annotations

from mtcheck.io.paths import expand_inputs
from mtcheck.io.text import MAX_INPUT_BYTES, decode_bytes, looks_like_html, read_article_bytes, read_article_file, read_article_files

__all__ = [
    "MAX_INPUT_BYTES",
    "decode_bytes",
    "expand_inputs",
    "looks_like_html",
    "read_article_bytes",
    "read_article_file",
    "read_article_files",
]

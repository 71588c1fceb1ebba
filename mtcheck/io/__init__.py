"""Readers: files, stdin, HTML articles, directories and globs. See io/text.py and io/html.py."""

from __future__ import annotations

from mtcheck.io.text import MAX_INPUT_BYTES, decode_bytes, read_article_file, expand_inputs

__all__ = ["MAX_INPUT_BYTES", "decode_bytes", "read_article_file", "expand_inputs"]

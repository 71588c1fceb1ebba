"""Reading article files: size limit, binary detection, encoding detection."""

from __future__ import annotations

import sys
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.types import Article

MAX_INPUT_BYTES = 10 * 1024 * 1024


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode with BOM detection, then strict UTF-8, then charset detection."""
    if not data.strip():
        raise InputError(f"{origin}: empty input", type="empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise InputError(f"{origin}: binary file (contains NUL bytes), not text", type="binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{origin}: cannot determine the text encoding", type="encoding")
    return str(best)


def read_article_file(path: str) -> Article:
    """An article from a file path, or from stdin for ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        origin = "<stdin>"
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{path}: no such file", type="not-found")
        if file.is_dir():
            raise InputError(f"{path}: is a directory", type="not-found")
        try:
            with file.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror}", type="io") from None
        origin = path
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{origin}: larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit", type="too-large")
    text = decode_bytes(data, origin)
    return Article(id=Path(path).name if path != "-" else "-", text=text, origin=origin)


def expand_inputs(inputs: list[str]) -> list[str]:
    return inputs

"""From what the command line names (files, directories, glob patterns) to the files to read."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.io.wire import WIRE_EXTENSIONS, is_wire_item

# What `check DIRECTORY` reads: articles, not every file that happens to sit there.
ARTICLE_EXTENSIONS = frozenset({".txt", ".html", ".htm", ".xhtml", ".md"})
_SNIFF_BYTES = 64 * 1024

_GLOB_CHARACTERS = frozenset("*?[")


def expand_inputs(inputs: list[str], *, strict: bool = False) -> list[str]:
    """Files to check, in order, each once.

    ``-`` (stdin) is kept; a directory gives its article files (.txt, .html, .htm, .xhtml, .md,
    and .xml/.nitf/.json files that are wire items), recursively and sorted; a glob pattern the shell left unexpanded (``*``, ``?``, ``[``) gives
    its matches, sorted; hidden files and directories (".name") are skipped unless a pattern
    names them. A directory without articles is an InputError. A path that does not exist or a
    pattern that matches nothing is an InputError (``not-found``) with ``strict=True``; by
    default it is kept in the list so that ``read_article_file`` raises that same error for it
    alone and the other files are still checked -- never a silent "checked nothing".
    """
    expanded: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == "-" else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            expanded.append(path)

    for item in inputs:
        if item == "-":
            add(item)
        elif os.path.isdir(item):
            found = _articles_in(item)
            if not found:
                raise InputError(
                    f"{item}: no article files (.txt, .html, .htm, .xhtml, .md, wire items) in this directory", type="not-found"
                )
            for path in found:
                add(path)
        elif os.path.lexists(item):
            add(item)  # a file (or a path whose name happens to contain "[" or "*")
        elif _GLOB_CHARACTERS & set(item):
            matches = _glob(item)
            if not matches and strict:
                raise InputError(f"{item}: no files match this pattern", type="not-found")
            for path in matches or [item]:
                add(path)
        elif strict:
            raise InputError(f"{item}: no such file or directory", type="not-found")
        else:
            add(item)
    return expanded


def _is_hidden(name: str) -> bool:
    return name.startswith(".") and name not in (".", "..")


def _articles_in(directory: str) -> list[str]:
    found: list[str] = []
    for root, directories, files in os.walk(directory, followlinks=False):
        directories[:] = [d for d in directories if not _is_hidden(d)]
        for name in files:
            if _is_hidden(name):
                continue
            suffix = Path(name).suffix.lower()
            path = os.path.join(root, name)
            if suffix in ARTICLE_EXTENSIONS or (suffix in WIRE_EXTENSIONS and _holds_wire_item(path)):
                found.append(path)
    return sorted(found)


def _holds_wire_item(path: str) -> bool:
    """A .xml/.nitf/.json file in a directory is read only when it is a wire item: feeds, sidecar
    metadata and configuration files sit beside the copy in wire folders."""
    try:
        with open(path, "rb") as file:
            return is_wire_item(file.read(_SNIFF_BYTES))
    except OSError:
        return False


def _glob(pattern: str) -> list[str]:
    matches: list[str] = []
    # glob's wildcards already leave out names starting with "."; a pattern that spells one out
    # (".drafts/*.txt") is a deliberate choice and is honoured.
    for path in glob.glob(pattern, recursive=True):
        if os.path.isdir(path):
            matches.extend(_articles_in(path))
        else:
            matches.append(path)
    return sorted(dict.fromkeys(matches))

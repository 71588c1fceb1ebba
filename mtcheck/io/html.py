"""The visible text of an HTML article, in linear time, whatever the markup.

Why not ``html.parser``: on Python 3.11 it is quadratic on malformed input (CVE-2025-6069; 200 KB
of ``<a`` takes over a minute), and hostile HTML is part of the job. This module tokenizes with a
handful of regular expressions that consume what they match (no backtracking across the input),
following the HTML5 tokenizer where it matters for text: raw-text elements (``<script>``,
``<style>``) end only at their own end tag, comments and bogus comments (``<!...>``, ``<?...>``)
are dropped, an unterminated tag or quoted attribute at the end of the input swallows the rest
(as browsers do), and entities are decoded with ``html.unescape`` (which maps NUL, surrogates and
other invalid references to U+FFFD or nothing, never to a lone surrogate). ``<![CDATA[...]]>``
is kept as text (XHTML semantics).

What counts as visible:

- dropped with their content: ``head`` (and ``title``: the headline is in ``<h1>``; the title is
  usually "Headline | Site name"), ``script``, ``style``, ``noscript``, ``template``, ``svg``,
  ``math``, ``iframe``, ``object``, ``canvas``, ``audio``, ``video``, form controls (``button``,
  ``select``, ``textarea``, ``datalist``), ``nav`` (site navigation), and any element with the
  ``hidden`` attribute or an inline ``display:none``;
- kept on purpose: ``header``, ``footer``, ``aside`` and ``form`` -- a site footer or "Read
  also" box that leaked into the copy is exactly what the boilerplate checks must flag, and some
  CMSs wrap the whole page in a ``<form>``;
- an element to drop that is never closed is not dropped (a stray ``<nav>`` must not swallow the
  article): the page is read a second time with that start tag ignored.

Layout: block elements give paragraph breaks ("\\n\\n"), ``<br>`` a line break (two in a row a
paragraph break), table cells a space and rows a line; whitespace runs collapse to one space
except in ``<pre>``. Offsets in findings refer to this extracted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

_DROPPED = frozenset(
    {
        "head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "canvas", "audio", "video", "button", "select", "textarea", "datalist", "nav", "noembed", "noframes",
    }
)
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
_ESCAPABLE_RAW_TEXT = frozenset({"textarea", "title"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"}
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "thead", "tfoot", "caption", "ul", "listing", "plaintext",
    }
)
_LINE = frozenset({"tr"})
_CELL = frozenset({"td", "th"})
# Elements that may sit in <head>; any other start tag means the body has begun (browsers agree).
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})
# In SVG and MathML a "/>" really closes the element.
_FOREIGN = frozenset({"svg", "math"})

_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_ATTRIBUTE_NAME = re.compile(r"[\t\n\f\r /]*+([^\t\n\f\r />][^\t\n\f\r /=>]*+)?")
_EQUALS = re.compile(r"[\t\n\f\r ]*+=[\t\n\f\r ]*+")
_UNQUOTED_VALUE = re.compile(r"[^\t\n\f\r >]*+")
_MARKUP_START = re.compile(r"<[A-Za-z!/?]")
_WHITESPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)

_NO_BREAK, _SPACE, _LINE_BREAK, _PARAGRAPH = 0, 1, 2, 3


@dataclass(slots=True)
class _Start:
    name: str
    index: int  # position in the token list, to name this start tag in the second pass
    hidden: bool
    self_closing: bool


@dataclass(slots=True)
class _End:
    name: str


@dataclass(slots=True)
class _Text:
    text: str  # entity-decoded, except the content of raw-text elements (<script>, <xmp>)


_Token = _Start | _End | _Text


def html_to_text(html: str) -> str:
    """The visible text of ``html`` (see the module notes for what is kept and how it is laid out)."""
    tokens = _tokenize(html)
    text, unclosed_dropped = _render(tokens, ignored=frozenset())
    if unclosed_dropped:
        text, _ = _render(tokens, ignored=frozenset(unclosed_dropped))
    return text


def _tokenize(html: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    length = len(html)
    while position < length:
        less_than = html.find("<", position)
        if less_than < 0:
            tokens.append(_Text(unescape(html[position:])))
            break
        if less_than > position:
            tokens.append(_Text(unescape(html[position:less_than])))
        position = less_than
        following = html[position + 1 : position + 2]
        if html.startswith("<!--", position):
            end = html.find("-->", position + 4)
            if html.startswith(">", position + 4) or html.startswith("->", position + 4):
                end = position + 2  # "<!-->" and "<!--->" are empty comments
            position = length if end < 0 else end + 3
        elif html.startswith("<![CDATA[", position):
            end = html.find("]]>", position + 9)
            tokens.append(_Text(html[position + 9 : length if end < 0 else end]))
            position = length if end < 0 else end + 3
        elif following in ("!", "?") or (following == "/" and not _TAG_NAME.match(html, position + 2)):
            # Bogus comment up to the next ">", or "</>" and "</ 1>"-like junk.
            end = html.find(">", position + 2)
            position = length if end < 0 else end + 1
        elif following == "/":
            name_match = _TAG_NAME.match(html, position + 2)
            assert name_match is not None
            after = _skip_attributes(html, name_match.end(), attributes=None)
            if after is None:
                break  # unterminated end tag at EOF: dropped with the rest, like a browser
            tokens.append(_End(name_match.group().lower()))
            position = after.end
        elif _TAG_NAME.match(html, position + 1):
            name_match = _TAG_NAME.match(html, position + 1)
            assert name_match is not None
            name = name_match.group().lower()
            attributes: dict[str, str] = {}
            after = _skip_attributes(html, name_match.end(), attributes=attributes)
            if after is None:
                break
            hidden = "hidden" in attributes or bool(_DISPLAY_NONE.search(attributes.get("style", "")))
            tokens.append(_Start(name, len(tokens), hidden, after.self_closing))
            position = after.end
            if name in _RAW_TEXT or name in _ESCAPABLE_RAW_TEXT:
                end_tag = re.compile(rf"</{re.escape(name)}[\t\n\f\r />]", re.IGNORECASE)
                closing = end_tag.search(html, position)
                content_end = length if closing is None else closing.start()
                content = html[position:content_end]
                tokens.append(_Text(unescape(content) if name in _ESCAPABLE_RAW_TEXT else content))
                position = content_end  # the end tag itself is read on the next turn
            elif name == "plaintext":
                tokens.append(_Text(html[position:]))
                break
        else:
            # A "<" that starts no tag is text ("a < b"), with whatever follows up to the next "<".
            next_markup = _MARKUP_START.search(html, position + 1)
            end = length if next_markup is None else next_markup.start()
            tokens.append(_Text(unescape(html[position:end])))
            position = end
    return tokens


@dataclass(slots=True)
class _TagEnd:
    end: int
    self_closing: bool


def _skip_attributes(html: str, position: int, attributes: dict[str, str] | None) -> _TagEnd | None:
    """Read attributes up to ">"; None when the input ends first (the tag then swallows the rest)."""
    length = len(html)
    while True:
        name_match = _ATTRIBUTE_NAME.match(html, position)
        assert name_match is not None  # every part is optional: it always matches
        position = name_match.end()
        attribute = name_match.group(1)
        if attribute is None:
            if position >= length:
                return None
            # The name pattern stops only at ">" (or the end) when it matched no name.
            return _TagEnd(position + 1, self_closing=html[position - 1] == "/")
        value = ""
        equals = _EQUALS.match(html, position)
        if equals:
            position = equals.end()
            quote = html[position : position + 1]
            if quote in ('"', "'"):
                closing = html.find(quote, position + 1)
                if closing < 0:
                    return None
                value = html[position + 1 : closing]
                position = closing + 1
            else:
                value_match = _UNQUOTED_VALUE.match(html, position)
                assert value_match is not None
                value = value_match.group()
                position = value_match.end()
        if attributes is not None:
            attributes.setdefault(attribute.lower(), unescape(value))


class _Writer:
    """Joins text pieces with the strongest break requested between them."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pending = _NO_BREAK
        self.pending_lines = 0

    def request(self, level: int) -> None:
        self.pending = max(self.pending, level)

    def line_break(self) -> None:
        self.pending_lines += 1
        self.request(_PARAGRAPH if self.pending_lines >= 2 else _LINE_BREAK)

    def write(self, text: str, preformatted: bool) -> None:
        if not preformatted:
            text = _WHITESPACE_RUN.sub(" ", text)
            if text.startswith(" "):
                self.request(_SPACE)
            trailing_space = text.endswith(" ")
            text = text.strip(" ")
            if not text:
                return
        if self.pieces and self.pending != _NO_BREAK:
            self.pieces.append({_SPACE: " ", _LINE_BREAK: "\n", _PARAGRAPH: "\n\n"}[self.pending])
        self.pieces.append(text)
        self.pending = _NO_BREAK
        self.pending_lines = 0
        if not preformatted and trailing_space:
            self.request(_SPACE)

    def text(self) -> str:
        return "".join(self.pieces)


def _render(tokens: list[_Token], ignored: frozenset[int]) -> tuple[str, list[int]]:
    """The text, and the token indexes of dropped elements that were never closed."""
    writer = _Writer()
    # Open elements, with how many of each name are open, so an end tag for a name that is not
    # open is ignored in O(1) and popping is amortised O(1): linear even for 100k unclosed divs.
    stack: list[_Start] = []
    open_count: dict[str, int] = {}
    dropping = 0  # open elements whose content is not shown
    preformatted = 0

    def is_dropped(start: _Start) -> bool:
        return (start.name in _DROPPED or start.hidden) and start.index not in ignored

    def pop_through(name: str) -> None:
        nonlocal dropping, preformatted
        while stack:
            start = stack.pop()
            open_count[start.name] -= 1
            dropping -= is_dropped(start)
            preformatted -= start.name in ("pre", "listing", "xmp")
            if start.name == name:
                return

    for token in tokens:
        if isinstance(token, _Text):
            if dropping == 0:
                writer.write(token.text, preformatted > 0)
            continue
        name = token.name
        if isinstance(token, _Start):
            if open_count.get("head") and name not in _HEAD_CONTENT and name != "head":
                pop_through("head")  # body content ends an unclosed <head>
            if name in _BLOCK or name in _CELL or name in _LINE:
                writer.request(_PARAGRAPH if name in _BLOCK else _LINE_BREAK if name in _LINE else _SPACE)
            if name == "br":
                if dropping == 0:
                    writer.line_break()
                continue
            if name in _VOID or (token.self_closing and name in _FOREIGN):
                continue
            stack.append(token)
            open_count[name] = open_count.get(name, 0) + 1
            dropping += is_dropped(token)
            preformatted += name in ("pre", "listing", "xmp")
        else:
            if name in _BLOCK or name in _CELL or name in _LINE:
                writer.request(_PARAGRAPH if name in _BLOCK else _LINE_BREAK if name in _LINE else _SPACE)
            if name == "br":
                if dropping == 0:
                    writer.line_break()  # "</br>" is a <br> to browsers
                continue
            if open_count.get(name):
                pop_through(name)
    # An unclosed <script> or <title> swallowed the rest of the page in the tokenizer, as in a
    # browser; other dropped elements left open are shown in the second pass.
    unclosed = [s.index for s in stack if is_dropped(s) and s.name not in _RAW_TEXT and s.name not in _ESCAPABLE_RAW_TEXT]
    return writer.text(), unclosed

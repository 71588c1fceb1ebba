"""Wire formats: NITF, IPTC NewsML-G2 and ninjs items, read into articles.

What is checked is the copy a reader sees: the headline (and a NITF ``hl2`` subheadline), the
byline, the dateline and the body paragraphs, in that order, separated by blank lines so that
segmentation sees paragraphs. ``Article.text`` is that text and findings' offsets refer to it;
``WireItem.parts`` says where each field sits in it. Body markup (NITF ``p``, ``hl2``, ``block``,
``media-caption``, tables; XHTML blocks) is reduced to paragraphs of text with whitespace runs
collapsed; media references, credits and metadata are dropped. NewsML-G2 ``inlineData`` plain
text is kept as it is (only blank lines around it are trimmed).

Formats, recognised by content (``text.read_article_files`` sniffs; extensions .xml, .nitf and
.json are read the same way):

- **NITF** (2.x/3.x, with or without namespace): ``docdata/doc-id@id-string`` is the guid,
  ``docdata/du-key@version`` the version, ``xml:lang`` on ``nitf``, ``body``, ``body.content``
  the declared language; ``body.head`` gives ``hedline/hl1`` (``head/title`` when there is no
  hedline), ``byline``, ``dateline``; ``body.content`` and ``body.end`` the body. ``abstract``
  is left out: it restates the lede and would read as a repeated sentence.
- **NewsML-G2** ``newsItem`` (``@guid``, ``@version``; ``contentMeta`` ``headline``, ``by``,
  ``dateline``, ``language@tag`` else ``xml:lang``), its first ``contentSet`` alternative held
  inline: ``inlineXML`` (XHTML, or NITF whose head fields fill the missing ones) or
  ``inlineData`` (plain text, HTML, base64). ``remoteContent`` is never fetched. A
  ``newsMessage`` gives one article per text ``newsItem`` of its ``itemSet``; picture, video,
  audio and graphic items and package/concept items are skipped.
- **ninjs** 1.x (``headline``, ``byline``, ``body_text`` / ``body_html``) and 2.x
  (``headlines[]``, ``by``, ``bodies[]``): ``uri``, ``version``, ``language``; ``located`` (or a
  ``dateline`` key) is the dateline. A JSON array of ninjs objects gives one article each.

Safety: XML goes through defusedxml. Entity declarations (billion laughs), external entities
(``file:///etc/passwd``) and external references are refused; a ``<!DOCTYPE ... SYSTEM ...>``
is allowed but its DTD is never loaded (expat does not fetch; nothing here resolves), so an
entity that only that DTD defines is an error. No network access, ever. Broken XML or JSON is
one InputError with ``file:line:column``.

The declared language becomes ``Article.lang`` as an ISO 639-1 code (``en-GB`` -> ``en``,
``fra`` -> ``fr``) when it maps to one; the tag as written is kept in ``WireItem.language``.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mtcheck.errors import InputError
from mtcheck.io.jsonl import json_type
from mtcheck.types import Article, WireItem

if TYPE_CHECKING:  # ElementTree is imported only when an XML item is read
    from xml.etree.ElementTree import Element

IPTC_NAR_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WIRE_EXTENSIONS = frozenset({".xml", ".nitf", ".json"})

# Sniffing: what follows the XML prolog (declaration, comments, processing instructions, doctype).
_PROLOG_PART = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE)
_ROOT_TAG = re.compile(rb"\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_WIRE_ROOTS = frozenset({b"nitf", b"newsItem", b"newsMessage"})
_NINJS_KEY = re.compile(rb'"(?:uri|body_text|body_html|bodies|headline|headlines)"\s*:')

# Element local names (NITF, XHTML) that end a paragraph, and those dropped with their content.
_BLOCKS = frozenset(
    {
        "p", "hl1", "hl2", "hl3", "h1", "h2", "h3", "h4", "h5", "h6", "block", "bq", "blockquote", "li", "dt", "dd",
        "div", "section", "article", "header", "footer", "aside", "figure", "figcaption", "media", "media-caption",
        "caption", "tr", "table", "ul", "ol", "dl", "pre", "note", "fn", "tagline", "credit", "body.end", "address",
        "nitf-table", "nitf-table-summary", "main", "hr",
    }
)
_DROPPED = frozenset(
    {
        "head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "media-reference", "media-metadata", "media-object", "media-producer", "nitf-table-metadata", "nav",
        "button", "select", "textarea", "meta", "link", "img", "audio", "video", "canvas",
    }
)
_CELLS = frozenset({"td", "th"})
_BREAK = "\ue000"  # stands for <br> while whitespace is collapsed
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*(?:\r\n|\r|\n))+")
_NON_TEXT_CLASSES = ("picture", "video", "audio", "graphic", "animation", "composite", "planning", "event")


def sniff(data: bytes, path: str = "") -> str | None:
    """``"xml"`` or ``"ninjs"`` when ``data`` should be read as a wire item, else None.

    XML: a NITF or NewsML-G2 root, an XML declaration or doctype whose root is not ``html``, or a
    .xml/.nitf file. JSON: a .json file, or an object/array whose first 64 KB show ninjs keys.
    """
    head = _utf8_head(data)
    lower_path = path.lower()
    extension = lower_path[lower_path.rfind(".") :] if "." in lower_path else ""
    stripped = head.lstrip()
    if stripped[:1] in (b"{", b"["):
        if extension == ".json" or _NINJS_KEY.search(head):
            return "ninjs"
        return None
    if extension == ".json":
        return "ninjs"  # not JSON at all: json.loads says where
    if not stripped.startswith(b"<"):
        return "xml" if extension in (".xml", ".nitf") else None
    position = 0
    while True:
        match = _PROLOG_PART.match(head, position)
        if not match:
            break
        position = match.end()
    root = _ROOT_TAG.match(head, position)
    if root is not None:
        name = root.group(1)
        if name in _WIRE_ROOTS:
            return "xml"
        if name.lower() == b"html":
            return None  # XHTML: the HTML reader
    if extension in (".xml", ".nitf") or stripped.startswith((b"<?xml", b"<!DOCTYPE", b"<!doctype")):
        return "xml"
    return None


def is_wire_item(head: bytes) -> bool:
    """Whether the first bytes of a file are surely a wire item: a NITF or NewsML-G2 root, or
    JSON showing ninjs keys. Stricter than ``sniff``, which also trusts an extension; used to
    pick wire items out of a directory, where other .xml and .json files are not articles."""
    head = _utf8_head(head)
    stripped = head.lstrip()
    if stripped[:1] in (b"{", b"["):
        return _NINJS_KEY.search(head) is not None
    position = 0
    while match := _PROLOG_PART.match(head, position):
        position = match.end()
    root = _ROOT_TAG.match(head, position)
    return root is not None and root.group(1) in _WIRE_ROOTS


def read_wire(data: str | bytes, origin: str, name: str, kind: str) -> list[Article | InputError]:
    """The articles of a wire file (one per item); an item that cannot be read is its InputError.

    ``data`` is the file's bytes, or text already decoded (a batch record's "text"): XML given as
    text is parsed as that text, whatever encoding its declaration names.
    File-level problems (broken or hostile XML/JSON, not a wire format, no text item) raise.
    """
    if kind == "ninjs":
        items = _ninjs_items(data.encode("utf-8") if isinstance(data, str) else data, origin)
    else:
        items = _xml_items(data, origin)
    count = len(items)
    out: list[Article | InputError] = []
    for index, item in enumerate(items, 1):
        item_origin = origin if count == 1 else f"{origin}#{index}"
        item_id = name if count == 1 else f"{name}#{index}"
        try:
            fields = item(item_origin)
            out.append(fields.article(item_id, item_origin, index, count))
        except InputError as error:
            out.append(error)
        except RecursionError:
            out.append(InputError(f"{item_origin}: markup nested too deeply to read", type="format"))
    return out


# ---------------------------------------------------------------------------------------------
# The common shape: fields, then the article text


@dataclass
class _Fields:
    format: str
    guid: str | None = None
    version: str | None = None
    language: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    bylines: list[str] = field(default_factory=list)
    dateline: str | None = None
    body: list[str] = field(default_factory=list)  # paragraphs (inlineData: one block, as is)

    def article(self, item_id: str, origin: str, index: int, count: int) -> Article:
        pieces: list[tuple[str, str]] = []
        for part, value in (("headline", self.headline), ("subheadline", self.subheadline)):
            if value:
                pieces.append((part, value))
        pieces.extend(("byline", b) for b in self.bylines if b)
        if self.dateline:
            pieces.append(("dateline", self.dateline))
        body = [p for p in self.body if p.strip()]
        if body and self.headline and _collapse(body[0]) == self.headline:
            body = body[1:]  # an XHTML <h1> repeating contentMeta's headline
        pieces.extend(("body", p) for p in body)
        if not pieces:
            raise InputError(f"{origin}: {_FORMAT_NAMES[self.format]} item with no text (no headline, no body)", type="empty")
        text_parts: list[str] = []
        parts: list[tuple[str, int, int]] = []
        position = 0
        for part, value in pieces:
            if text_parts:
                position += 2
            start, position = position, position + len(value)
            if part == "body" and parts and parts[-1][0] == "body":
                parts[-1] = ("body", parts[-1][1], position)
            else:
                parts.append((part, start, position))
            text_parts.append(value)
        item = WireItem(
            format=self.format,
            guid=self.guid or None,
            version=self.version or None,
            language=self.language or None,
            headline=self.headline or None,
            byline="; ".join(b for b in self.bylines if b) or None,
            dateline=self.dateline or None,
            index=index,
            count=count,
            parts=tuple(parts),
        )
        return Article(
            id=item_id,
            text="\n\n".join(text_parts),
            origin=origin,
            input_format=self.format,
            lang=language_code(self.language),
            item=item,
        )


_FORMAT_NAMES = {"nitf": "NITF", "newsml": "NewsML-G2", "ninjs": "ninjs"}


_TWO_LETTERS = re.compile(r"[a-z]{2}")


def language_code(tag: str | None) -> str | None:
    """ISO 639-1 code of a declared language tag (``en-GB`` -> ``en``, ``fra`` -> ``fr``, by
    ``langid.iso639_1``), else None: a tag with no two-letter code is not a language mtcheck knows."""
    if not tag:
        return None
    from mtcheck.langid import iso639_1

    code = iso639_1(tag)
    return code if _TWO_LETTERS.fullmatch(code) else None


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).replace(f" {_BREAK} ", "\n").replace(f"{_BREAK} ", "\n").replace(f" {_BREAK}", "\n").replace(_BREAK, "\n").strip()


def _utf8_head(data: bytes) -> bytes:
    head = data[: 64 * 1024]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore").encode("utf-8", errors="ignore")
    return head


# ---------------------------------------------------------------------------------------------
# XML: safe parsing


_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"'<>]{1,40})["']""")


def _parse_xml(data: str | bytes, origin: str) -> Element:
    """The root of the XML ``data``: bytes are decoded as the XML declaration says; a str is
    parsed as it is (expat is told it is UTF-8 and ignores the declared encoding), but an
    encoding Python does not know is refused either way, as a typo in the item."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden, NotSupportedError
    from defusedxml.ElementTree import fromstring

    try:
        if isinstance(data, str):
            declared = _DECLARED_ENCODING.match(data[:1024].lstrip("\ufeff").encode("utf-8", "surrogatepass"))
            if declared:
                codecs.lookup(declared.group(1).decode("ascii", "replace"))
        return fromstring(data)
    except EntitiesForbidden as error:
        if error.sysid:
            raise InputError(
                f"{origin}: refused: the XML declares an external entity {error.name!r} ({error.sysid}); "
                "mtcheck never reads files or URLs an XML document names",
                type="unsafe-xml",
            ) from None
        raise InputError(
            f"{origin}: refused: the XML declares entity {error.name!r} in its DTD "
            "(entity expansion can exhaust memory: 'billion laughs'); wire items need none",
            type="unsafe-xml",
        ) from None
    except ExternalReferenceForbidden as error:
        raise InputError(
            f"{origin}: refused: the XML references an external resource ({error.sysid}); mtcheck never fetches DTDs or entities",
            type="unsafe-xml",
        ) from None
    except DTDForbidden:  # not raised with the defaults; kept so a stricter setting stays one line
        raise InputError(f"{origin}: refused: the XML has a document type declaration", type="unsafe-xml") from None
    except NotSupportedError as error:
        raise InputError(f"{origin}: refused: unsupported XML feature ({error})", type="unsafe-xml") from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        message = re.sub(r":\s*line \d+, column \d+$", "", str(error))
        hint = ""
        if message.startswith("undefined entity"):
            hint = " (entities of an external DTD are not loaded: mtcheck never fetches DTDs)"
        raise InputError(f"{origin}:{line}:{column + 1}: broken XML: {message}{hint}", type="xml") from None
    except LookupError as error:  # expat asks the codecs registry for the declared encoding
        declared = _DECLARED_ENCODING.match(data[:1024] if isinstance(data, bytes) else data[:1024].lstrip("\ufeff").encode("utf-8", "surrogatepass"))
        name = declared.group(1).decode("ascii", "replace") if declared else str(error).removeprefix("unknown encoding: ")
        raise InputError(f"{origin}: unknown encoding {name!r} declared in the XML declaration", type="encoding") from None
    except (ValueError, RecursionError) as error:
        raise InputError(f"{origin}: broken XML: {error}", type="xml") from None


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element | None, *path: str) -> Element | None:
    for name in path:
        found = _children(element, name)
        if not found:
            return None
        element = found[0]
    return element


def _inline_text(element: Element | None) -> str:
    """All the text of an element, whitespace collapsed (headline, byline, dateline)."""
    if element is None:
        return ""
    return " ".join(_paragraphs(element, blocks=frozenset())).strip()


def _paragraphs(element: Element, blocks: frozenset[str] = _BLOCKS) -> list[str]:
    """The paragraphs of the text under ``element``: blocks end paragraphs, dropped elements vanish."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _collapse("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(node: Element) -> None:
        name = _local(node.tag)
        if name == "br":
            current.append(f" {_BREAK} ")
            return
        block = name in blocks
        if block:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            if _local(child.tag) not in _DROPPED:
                walk(child)
            if _local(child.tag) in _CELLS:
                current.append(" ")
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(element)
    flush()
    return paragraphs


def _xml_items(data: str | bytes, origin: str) -> list[Any]:
    root = _parse_xml(data, origin)
    name = _local(root.tag)
    if name == "nitf":
        return [lambda where: _nitf(root, where)]
    if name == "newsItem":
        _require_text_item(root, origin)
        return [lambda where: _news_item(root, where)]
    if name == "newsMessage":
        items = [item for item in root.iter() if _local(item.tag) == "newsItem" and _is_text_item(item)]
        if not items:
            raise InputError(f"{origin}: NewsML-G2 newsMessage with no text newsItem (nothing to check)", type="empty")
        return [lambda where, item=item: _news_item(item, where) for item in items]
    if name == "html":
        raise InputError(f"{origin}: XHTML page: save it as .html or .xhtml to read it as an HTML article", type="format")
    raise InputError(
        f"{origin}: XML with root element <{name}> is not NITF (<nitf>) or NewsML-G2 (<newsItem>, <newsMessage>)",
        type="format",
    )


def _item_class(item: Element) -> str:
    item_class = _child(item, "itemMeta", "itemClass")
    return (item_class.get("qcode") or item_class.get("uri") or "") if item_class is not None else ""


def _is_text_item(item: Element) -> bool:
    item_class = _item_class(item).lower()
    return not any(kind in item_class for kind in _NON_TEXT_CLASSES)


def _require_text_item(item: Element, origin: str) -> None:
    if not _is_text_item(item):
        raise InputError(f"{origin}: NewsML-G2 item of class {_item_class(item)!r} has no text to check", type="format")


def _lang_of(*elements: Element | None) -> str | None:
    for element in elements:
        if element is not None and element.get(_XML_LANG):
            return element.get(_XML_LANG)
    return None


def _nitf(root: Element, origin: str, fields: _Fields | None = None) -> _Fields:
    fields = fields or _Fields("nitf")
    head = _child(root, "head")
    docdata = _child(head, "docdata")
    doc_id = _child(docdata, "doc-id")
    du_key = _child(docdata, "du-key")
    fields.guid = fields.guid or (doc_id.get("id-string") if doc_id is not None else None)
    fields.version = fields.version or (du_key.get("version") if du_key is not None else None)
    body = _child(root, "body")
    content = _child(body, "body.content")
    fields.language = fields.language or _lang_of(root, body, content, head)
    body_head = _child(body, "body.head")
    hedline = _child(body_head, "hedline")
    if not fields.headline:
        fields.headline = _inline_text(_child(hedline, "hl1")) or _inline_text(_child(head, "title"))
    if not fields.subheadline:
        fields.subheadline = " ".join(_inline_text(hl2) for hl2 in _children(hedline, "hl2")).strip()
    if not fields.bylines:
        fields.bylines = [_inline_text(b) for b in _children(body_head, "byline")]
    if not fields.dateline:
        fields.dateline = _inline_text(_child(body_head, "dateline"))
    if content is not None:
        fields.body.extend(_paragraphs(content))
    body_end = _child(body, "body.end")
    if body_end is not None:
        fields.body.extend(_paragraphs(body_end))
    if body is None:
        raise InputError(f"{origin}: NITF without a <body>", type="format")
    return fields


def _news_item(item: Element, origin: str) -> _Fields:
    namespace = _namespace(item.tag)
    if namespace and namespace != IPTC_NAR_NAMESPACE:
        raise InputError(f"{origin}: <newsItem> in namespace {namespace}, not NewsML-G2's {IPTC_NAR_NAMESPACE}", type="format")
    fields = _Fields("newsml", guid=item.get("guid"), version=item.get("version"))
    meta = _child(item, "contentMeta")
    fields.headline = _inline_text(_preferred(_children(meta, "headline")))
    fields.bylines = [_inline_text(b) for b in _children(meta, "by")]
    fields.dateline = _inline_text(_child(meta, "dateline"))
    language = _child(meta, "language")
    fields.language = (language.get("tag") if language is not None else None) or _lang_of(item, meta)
    content_set = _child(item, "contentSet")
    if content_set is None:
        raise InputError(f"{origin}: NewsML-G2 newsItem without a contentSet (no body to check)", type="format")
    remote = None
    for content in content_set:
        name = _local(content.tag)
        if name == "inlineXML":
            fields.language = fields.language or _lang_of(content)
            _inline_xml(content, fields, origin)
            return fields
        if name == "inlineData":
            fields.language = fields.language or _lang_of(content)
            fields.body = _inline_data(content, origin)
            return fields
        if name == "remoteContent" and remote is None:
            remote = content.get("href") or content.get("residref") or "?"
    if remote is not None:
        raise InputError(
            f"{origin}: NewsML-G2 content is only referenced (remoteContent {remote}); mtcheck does not fetch it",
            type="format",
        )
    raise InputError(f"{origin}: NewsML-G2 contentSet holds no inlineXML or inlineData", type="format")


def _preferred(headlines: list[Element]) -> Element | None:
    """The main headline: one without a role or with a role naming 'main', else the first."""
    for headline in headlines:
        role = (headline.get("role") or "").lower()
        if not role or "main" in role:
            return headline
    return headlines[0] if headlines else None


def _inline_xml(content: Element, fields: _Fields, origin: str) -> None:
    roots = [child for child in content if _local(child.tag)]
    if not roots:
        text = (content.text or "").strip("\n")
        fields.body = [text] if text.strip() else []
        return
    for root in roots:
        name = _local(root.tag)
        if name == "nitf":
            _nitf(root, origin, fields)
            fields.format = "newsml"
        elif name == "html":
            fields.language = fields.language or _lang_of(root)
            body = _child(root, "body")
            fields.body.extend(_paragraphs(body if body is not None else root))
        else:
            fields.body.extend(_paragraphs(root))


def _inline_data(content: Element, origin: str) -> list[str]:
    text = content.text or ""
    encoding = (content.get("encoding") or "").lower()
    if encoding in ("base64", "http://www.iana.org/assignments/transfer-encodings/base64"):
        from mtcheck.io.text import decode_bytes

        try:
            raw = base64.b64decode(re.sub(r"\s+", "", text), validate=True)
        except (binascii.Error, ValueError):
            raise InputError(f"{origin}: NewsML-G2 inlineData is not valid base64", type="format") from None
        text = decode_bytes(raw, origin) if raw.strip() else ""
    elif encoding:
        raise InputError(f"{origin}: NewsML-G2 inlineData with unsupported encoding {encoding!r}", type="format")
    contenttype = (content.get("contenttype") or "text/plain").lower()
    if "html" in contenttype:
        from mtcheck.io.html import html_to_text

        text = html_to_text(text)
    return _plain_paragraphs(text)


# ---------------------------------------------------------------------------------------------
# ninjs (JSON)


def _ninjs_items(data: bytes, origin: str) -> list[Any]:
    from mtcheck.io.text import decode_bytes

    text = decode_bytes(data, origin)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{origin}:{error.lineno}:{error.colno}: broken JSON: {error.msg}", type="json") from None
    except RecursionError:
        raise InputError(f"{origin}: broken JSON: nested too deeply", type="json") from None
    if isinstance(document, dict):
        return [lambda where: _ninjs(document, where)]
    if isinstance(document, list) and document and all(isinstance(entry, dict) for entry in document):
        return [lambda where, entry=entry: _ninjs(entry, where) for entry in document]
    raise InputError(f"{origin}: JSON {json_type(document)}, not a ninjs item (an object with uri, headline, body...)", type="format")


def _string(item: dict[str, Any], key: str, origin: str, *, where: str = "") -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{origin}: ninjs {where}{key!r} must be a string, got {json_type(value)}", type="format")
    return value


def _objects(item: dict[str, Any], key: str, origin: str) -> list[dict[str, Any]]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise InputError(f"{origin}: ninjs {key!r} must be an array of objects, got {json_type(value)}", type="format")
    for number, entry in enumerate(value):
        _string(entry, "value", origin, where=f"{key}[{number}].")
        _string(entry, "role", origin, where=f"{key}[{number}].")
        _string(entry, "contenttype", origin, where=f"{key}[{number}].")
    return value


def _ninjs(item: dict[str, Any], origin: str) -> _Fields:
    if not any(key in item for key in ("uri", "headline", "headlines", "body_text", "body_html", "bodies")):
        raise InputError(f"{origin}: JSON object without ninjs keys (uri, headline(s), body_text, body_html, bodies)", type="format")
    version = item.get("version")
    if isinstance(version, bool) or not isinstance(version, (str, int, type(None))):
        raise InputError(f"{origin}: ninjs 'version' must be a string, got {json_type(version)}", type="format")
    fields = _Fields(
        "ninjs",
        guid=_string(item, "uri", origin),
        version=None if version is None else str(version),
        language=_string(item, "language", origin),
    )
    headline = _string(item, "headline", origin)
    headlines = _objects(item, "headlines", origin)
    if not headline and headlines:
        chosen = next((h for h in headlines if not h.get("role") or "main" in str(h.get("role")).lower()), headlines[0])
        headline = _text_value(chosen)
    fields.headline = _collapse(headline or "")
    byline = _string(item, "byline", origin) or _string(item, "by", origin)
    fields.bylines = [_collapse(byline)] if byline else []
    dateline = _string(item, "dateline", origin) or _string(item, "located", origin)
    fields.dateline = _collapse(dateline or "")
    body_text = _string(item, "body_text", origin)
    body_html = _string(item, "body_html", origin)
    bodies = _objects(item, "bodies", origin)
    if body_text and body_text.strip():
        fields.body = _plain_paragraphs(body_text)
    elif body_html and body_html.strip():
        fields.body = _plain_paragraphs(_html(body_html))
    elif bodies:
        main = [b for b in bodies if not b.get("role") or str(b.get("role")).lower() in ("main", "body", "text")] or bodies
        plain = [b for b in main if "html" not in str(b.get("contenttype") or "text/plain").lower()]
        fields.body = _plain_paragraphs(_text_value((plain or main)[0]))
    return fields


def _text_value(entry: dict[str, Any]) -> str:
    value = entry.get("value") or ""
    if "html" in str(entry.get("contenttype") or "").lower():
        return _html(value)
    return value


def _html(value: str) -> str:
    from mtcheck.io.html import html_to_text

    return html_to_text(value)


def _plain_paragraphs(text: str) -> list[str]:
    """A plain-text body as one block, as written (blank lines before and trailing space trimmed)."""
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    return [text] if text else []

"""Reading article files: size limit, binary detection, encoding detection.

What ``decode_bytes`` returns is the text exactly as decoded: newlines (``\\r\\n``, ``\\r``) and
Unicode forms are left alone, because findings carry character offsets into this string and the
desk must be able to find them in the file it has. The only change is that a byte-order mark is
removed (it is not part of the article, and leaving it would shift every offset by one).

Order of decisions, each cheaper and more certain than the next:

1. empty or whitespace-only -> ``empty``;
2. a BOM (UTF-32, UTF-8, UTF-16; UTF-32 first, its LE mark starts like UTF-16's) -> that codec,
   strictly (bytes that break it -> ``encoding``);
3. a known binary signature (PNG, PDF, gzip, ZIP/Office, ...) -> ``binary``, named;
4. NUL bytes -> UTF-16 without BOM when every other byte is NUL and it decodes to clean text,
   otherwise ``binary``;
5. strict UTF-8 (by far the common case); UTF-8 with a few stray Windows-1252 bytes (smart quotes
   pasted from Word) is decoded as such;
6. for HTML, a ``<meta charset>`` declaration that decodes the bytes;
7. multi-byte CJK encodings (Shift-JIS, EUC-JP, GB18030, Big5, EUC-KR) when charset-normalizer
   picks one of them -- it is reliable there;
8. single-byte code pages (Windows-125x, KOI8-R/U, ISO-8859-x, CP866) chosen by our own scorer:
   charset-normalizer ties or errs on short Western European text (it reads a French latin-1
   sentence as cp1250, a Spanish one as "Slovak"), while news paragraphs that decode to the right
   code page show plain words, and wrong ones show case flips inside words (KOI8-R read as
   cp1251), mixed scripts or symbols inside words (Polish cp1250 read as cp1252) or rare letters
   (French "à" read as cp1250 "ŕ").

After decoding, text with control characters beyond a small share (tab, newlines, form feed and
the IPTC 7901 wire framing bytes SOH/STX/ETX/EOT are ordinary in wire copy) is refused as binary.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.types import Article

# 10 MiB: a long news article is 5-50 KB, so this only refuses things that are not one article
# (a whole archive, a log); a 5 MB article is still read and checked. Segmentation and the checks
# are linear, so the limit guards memory and the desk's patience rather than correctness.
MAX_INPUT_BYTES = 10 * 1024 * 1024

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a RIFF media file (WAV/AVI/WebP)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Control characters that are ordinary in text: tab, LF, VT, FF, CR, and the IPTC 7901 / ANPA
# wire framing SOH, STX, ETX, EOT and SUB (DOS end-of-file), which wire feeds leave in the copy.
_ALLOWED_CONTROLS = frozenset("\t\n\x0b\x0c\r\x01\x02\x03\x04\x1a")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
# Above this share of characters, "text" with control bytes is really a binary or mis-decoded file.
_MAX_CONTROL_SHARE = 0.01

_SNIFF_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)

_CJK_ENCODINGS = frozenset(
    {"shift_jis", "shift_jis_2004", "shift_jisx0213", "cp932", "euc_jp", "euc_jis_2004", "euc_jisx0213",
     "iso2022_jp", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "euc_kr", "cp949", "johab"}
)

# Single-byte code pages met in news copy, in order of preference when two decode the bytes to the
# same text (a French text is the same in cp1252 and cp1254: say cp1252).
_SINGLE_BYTE_CANDIDATES = (
    "cp1252", "cp1251", "koi8_r", "cp1256", "cp1250", "cp1254", "cp1253", "cp1255", "cp1257",
    "koi8_u", "iso8859_2", "iso8859_5", "cp866", "iso8859_6", "iso8859_7", "iso8859_8", "mac_cyrillic", "latin_1",
)
# Above this mean penalty per non-ASCII character, no code page reads as plausible text.
_MAX_SINGLE_BYTE_PENALTY = 0.75
_SCORE_SAMPLE_BYTES = 64 * 1024

# The accented letters of the Latin-script languages in the news. A right decoding uses the
# letters of one language; a wrong code page scatters letters of several ("Pøedseda ... èeská":
# Czech cp1250 read as cp1252) or rare ones ("ŕ" for French "à" read as cp1250).
_LATIN_ALPHABETS: tuple[frozenset[str], ...] = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "äöüßéà",  # German (with French loans)
        "àçèéíïòóúü",  # Catalan
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "čćđšž",  # Croatian, Slovene, Bosnian, Serbian Latin
        "çğıöşüâî",  # Turkish
        "åäöæøéü",  # Nordic
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
    )
)
_RUSSIAN_VOWELS = frozenset("аеёиоуыэюяіїє")
_RARE_CYRILLIC = frozenset("ђѓѕјљњћќџЂЃЅЈЉЊЋЌЏ")
# Non-letters that real text uses next to letters.
_COMMON_PUNCTUATION = frozenset("«»–—‘’‚“”„…•·€£¥°§©®™№±×÷¡¿\u00a0\u060c\u061b\u061f\u0640\u066a\u066b\u066c")


def decode_bytes(data: bytes, origin: str, *, html: bool = False) -> str:
    """The text of ``data``, BOM removed and otherwise exactly as decoded; InputError if not text."""
    if not data.strip():
        raise InputError(f"{origin}: empty input (no text)", type="empty")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _checked(_strict_decode(data[len(bom) :], codec, name, origin), origin)
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{origin}: binary file ({what}), not text", type="binary")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{origin}: binary file (contains NUL bytes), not text", type="binary")
        return _checked(text, origin)
    try:
        return _checked(data.decode("utf-8"), origin)
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is None and html:
        text = _declared_html_charset(data)
    if text is None:
        text = _cjk(data)
    if text is None:
        text = _best_single_byte(data)
    if text is None:
        raise InputError(
            f"{origin}: cannot determine the text encoding (not UTF-8, UTF-16 or a known code page); "
            "convert it to UTF-8",
            type="encoding",
        )
    return _checked(text, origin)


def looks_like_html(data: bytes, path: str = "") -> bool:
    """HTML by extension (.html, .htm, .xhtml) or by its start (``<!doctype html``, ``<html``)."""
    if Path(path).suffix.lower() in HTML_EXTENSIONS:
        return True
    head = data[:4096]
    for bom, codec, _ in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, errors="ignore").encode("utf-8", errors="ignore")
            break
    return bool(_SNIFF_HTML.match(head))


def read_article_file(path: str) -> Article:
    """An article from a file path, or from stdin for ``-``; HTML is reduced to its visible text,
    a wire item (NITF, NewsML-G2, ninjs) to its headline, byline, dateline and body.

    The article id is the file name (``-`` for stdin); ``origin`` is the path as given, for messages.
    A file holding several wire items (a NewsML-G2 newsMessage, a ninjs array) is an InputError
    here: ``read_article_files`` gives each of them.
    """
    articles = read_article_files(path)
    if len(articles) != 1:
        origin = "<stdin>" if path == "-" else path
        raise InputError(
            f"{origin}: holds {len(articles)} news items; `mtcheck check` checks each, this reader takes one item",
            type="multi-item",
        )
    if isinstance(articles[0], InputError):
        raise articles[0]
    return articles[0]


def read_article_files(path: str) -> list[Article | InputError]:
    """The articles of a file (or stdin for ``-``): one, or one per item of a multi-item wire file.

    A problem with the whole file raises InputError; in a multi-item file an item that cannot be
    read is its InputError in the list, so the other items are still checked.
    """
    if path == "-":
        return read_article_bytes(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "-", "<stdin>")
    return read_article_bytes(_read_file(path), path, path)


def read_article_bytes(data: bytes, name: str, origin: str) -> list[Article | InputError]:
    """The articles of ``data``, the bytes of a file already in hand (an upload, stdin, a file).

    ``name`` is the file's name or path (``-`` for stdin): the article id is its last part, and its
    extension counts when sniffing HTML and wire formats. ``origin`` starts every message. Does
    everything ``read_article_files`` does after reading: the size limit, HTML and wire-format
    sniffing, decoding. A problem with the whole input raises InputError; in a multi-item wire
    file an item that cannot be read is its InputError in the list.
    """
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{origin}: larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit for one article", type="too-large"
        )
    article_id = Path(name).name if name != "-" else "-"
    sniff_name = "" if name == "-" else name
    is_html = looks_like_html(data, sniff_name)
    if not is_html and data.strip():
        from mtcheck.io.wire import sniff

        kind = sniff(data, sniff_name)
        if kind is not None:
            from mtcheck.io.wire import read_wire

            return read_wire(data, origin, article_id, kind)
    text = decode_bytes(data, origin, html=is_html)
    input_format = "text"
    if is_html:
        from mtcheck.io.html import html_to_text

        text = html_to_text(text)
        if not text.strip():
            raise InputError(f"{origin}: HTML page with no visible text", type="empty")
        input_format = "html"
    return [Article(id=article_id, text=text, origin=origin, input_format=input_format)]


def _read_file(path: str) -> bytes:
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(f"{path}: is a directory, not a file (pass its files, or the directory to `check`)", type="not-found")
        if not file.exists():
            if set("*?[") & set(path):
                raise InputError(f"{path}: no files match this pattern", type="not-found")
            raise InputError(f"{path}: no such file", type="not-found")
        with file.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied", type="unreadable") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file", type="not-found") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}", type="unreadable") from None


def _strict_decode(data: bytes, codec: str, name: str, origin: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{origin}: starts with a {name} byte-order mark but byte {error.start} is not valid {name}", type="encoding"
        ) from None


def _checked(text: str, origin: str) -> str:
    if not text.strip():
        raise InputError(f"{origin}: empty input (only whitespace)", type="empty")
    controls = [c for c in _CONTROL.findall(text) if c not in _ALLOWED_CONTROLS]
    if controls and len(controls) > _MAX_CONTROL_SHARE * len(text):
        raise InputError(
            f"{origin}: binary or garbled file ({len(controls)} control characters in {len(text)}), not text",
            type="binary",
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM shows NUL in every other byte for ASCII-range characters."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.3 * half and even_nuls == 0:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls == 0:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cn", "Co") and c not in _ALLOWED_CONTROLS for c in text[:4096]):
        return None
    return text


_STRAY_BYTE = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray Windows-1252 bytes (smart quotes pasted from Word): decode those as cp1252.

    Text in a legacy code page or a CJK encoding forms valid UTF-8 sequences only by accident, so
    it leaves more stray bytes than valid characters; here the valid ones must be twice as many.
    """
    if not _mostly_valid_utf8(data[:_SCORE_SAMPLE_BYTES].decode("utf-8", errors="surrogateescape")):
        return None  # decide on a prefix first: decoding megabytes of cp1251 byte by byte is slow
    decoded = data.decode("utf-8", errors="surrogateescape")
    if not _mostly_valid_utf8(decoded):
        return None
    return _STRAY_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), decoded)


def _mostly_valid_utf8(decoded: str) -> bool:
    stray = len(_STRAY_BYTE.findall(decoded))
    valid = len(decoded) - len(decoded.encode("ascii", errors="ignore")) - stray
    return valid >= 3 and 2 * stray <= valid


def _declared_html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _cjk(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding not in _CJK_ENCODINGS:
        return None
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError:
        return None
    # A few bytes of Cyrillic or Greek can pass for two or three ideographs: on short input,
    # trust a clean single-byte reading first.
    high_bytes = len(data) - len(data.translate(None, bytes(range(0x80))))
    if high_bytes < 32:
        single = _best_single_byte(data, max_penalty=0.3)
        if single is not None:
            return single
    return text


def _best_single_byte(data: bytes, max_penalty: float = _MAX_SINGLE_BYTE_PENALTY) -> str | None:
    sample = _sample(data)
    scored: list[tuple[float, int, str]] = []
    for rank, codec in enumerate(_SINGLE_BYTE_CANDIDATES):
        try:
            decoded = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_implausibility(decoded), rank, codec))
    for penalty, _, codec in sorted(scored):
        if penalty > max_penalty:
            break
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue  # the sample decoded, a later byte does not: try the next code page
    return None


def _sample(data: bytes) -> bytes:
    """Up to 64 KB from the start, middle and end, so a long file is scored in bounded time."""
    if len(data) <= _SCORE_SAMPLE_BYTES:
        return data
    third = _SCORE_SAMPLE_BYTES // 3
    middle = len(data) // 2
    return data[:third] + b" " + data[middle : middle + third] + b" " + data[-third:]


_WORD_WITH_NON_ASCII = re.compile(r"\S*[^\x00-\x7f]\S*")


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "latin"
    if 0x370 <= code < 0x400 or 0x1F00 <= code < 0x2000:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x590 <= code < 0x600:
        return "hebrew"
    if 0x600 <= code < 0x700 or 0xFB50 <= code < 0xFF00:
        return "arabic"
    return "other"


def _implausibility(text: str) -> float:
    """Mean penalty per non-ASCII character: how little ``text`` looks like words of one language."""
    penalty = 10.0 * sum(1 for c in _CONTROL.findall(text) if c not in _ALLOWED_CONTROLS)
    non_ascii = 0
    latin_letters: dict[str, int] = {}
    cyrillic_letters = 0
    cyrillic_vowels = 0
    cyrillic_upper = 0
    for word in _WORD_WITH_NON_ASCII.findall(text):
        scripts: dict[str, int] = {}
        letters = 0
        accented_latin = 0
        previous_lower = False
        for position, char in enumerate(word):
            if char.isalpha():
                letters += 1
                script = _script(char)
                scripts[script] = scripts.get(script, 0) + 1
                if char.isupper() and previous_lower:
                    penalty += 2  # "пРЕЗИДЕНТ": KOI8-R read as cp1251, and the reverse
                previous_lower = char.islower()
                if ord(char) >= 0x80:
                    non_ascii += 1
                    if script == "latin":
                        accented_latin += 1
                        lower = char.lower()
                        latin_letters[lower] = latin_letters.get(lower, 0) + 1
                    elif script == "greek":
                        if char in "ΰΐ" or (char == "ς" and position + 1 < len(word) and word[position + 1].isalpha()):
                            penalty += 2  # rare letters, and final sigma mid-word: Hebrew read as cp1253
                    elif script == "cyrillic":
                        cyrillic_letters += 1
                        lower = char.lower()
                        cyrillic_vowels += lower in _RUSSIAN_VOWELS
                        cyrillic_upper += char.isupper()
                        penalty += char in _RARE_CYRILLIC
                        if lower in "ьъы" and (position == 0 or not word[position - 1].isalpha()):
                            penalty += 2  # no Russian word starts with these
                        if lower == "й" and position > 0 and word[position - 1].isalpha() and word[position - 1].lower() not in _RUSSIAN_VOWELS:
                            penalty += 2  # "й" follows a vowel; Hebrew yod read as cp1251 follows anything
                continue
            previous_lower = False
            if ord(char) < 0x80:
                continue
            non_ascii += 1
            category = unicodedata.category(char)
            if char in _COMMON_PUNCTUATION:
                inside_word = 0 < position < len(word) - 1 and word[position - 1].isalpha() and word[position + 1].isalpha()
                penalty += 3 if inside_word and char not in "’·\u0640" else 0
            elif category.startswith("M"):
                if position == 0 or _script(word[position - 1]) != _script(char) or not word[position - 1].isalpha():
                    penalty += 3  # a combining mark with no letter of its script to sit on
            elif category != "Nd":
                penalty += 3  # "³", "¤", "¦": symbols where letters belong
        scripts.pop("other", None)
        if len(scripts) > 1:
            penalty += 3 + 2 * (sum(scripts.values()) - max(scripts.values()))  # letters of two scripts in one word
        if letters >= 4 and accented_latin > 0.6 * letters:
            penalty += 2  # "ÇáÑÆíÓ": Arabic or Cyrillic bytes read as Latin-1
    if latin_letters:
        covered = max(sum(n for letter, n in latin_letters.items() if letter in alphabet) for alphabet in _LATIN_ALPHABETS)
        penalty += 2 * (sum(latin_letters.values()) - covered)
    # Russian, Ukrainian or Bulgarian text is about 40% vowels; Hebrew or Greek bytes read as
    # Cyrillic give plausible-looking lowercase words with far fewer.
    if cyrillic_letters >= 20 and cyrillic_vowels < 0.3 * cyrillic_letters:
        penalty += cyrillic_letters
    # News copy is not set in capitals: when one reading is all upper case, prefer another.
    if cyrillic_letters >= 20 and cyrillic_upper > 0.9 * cyrillic_letters:
        penalty += 0.5 * cyrillic_letters
    return penalty / max(non_ascii, 1)

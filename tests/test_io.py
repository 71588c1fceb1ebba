"""Reading article files: encodings, bad input, size limit, directories and globs."""

from __future__ import annotations

import codecs
import gzip
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from mtcheck.errors import InputError
from mtcheck.io import MAX_INPUT_BYTES, decode_bytes, expand_inputs, read_article_bytes, read_article_file

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def expected(name: str) -> str:
    return (FIXTURES / f"expected-{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fixture", "language"),
    [
        ("arabic-cp1256.txt", "arabic"),
        ("russian-koi8r.txt", "russian"),
        ("russian-cp1251.txt", "russian"),
        ("french-latin1.txt", "french"),
        ("english-utf8-bom.txt", "english"),
    ],
)
def test_legacy_encodings_and_bom_decode_to_the_expected_text(fixture: str, language: str) -> None:
    article = read_article_file(str(FIXTURES / fixture))
    assert article.text == expected(language)
    assert article.input_format == "text"
    assert article.id == fixture
    assert article.origin == str(FIXTURES / fixture)


def test_utf16_with_bom_both_byte_orders() -> None:
    assert read_article_file(str(FIXTURES / "english-utf16le-bom.txt")).text == expected("english") + expected("russian")
    assert read_article_file(str(FIXTURES / "english-utf16be-bom.txt")).text == expected("english") + expected("arabic")


SHORT_NEWS = {
    "cp1256": "قال بوتين إن موسكو مستعدة للوساطة بين يريفان وباكو.",
    "koi8_r": "Путин призвал Ереван и Баку к сдержанности.",
    "cp1251": "Президент Украины заявил, что Киев готов к переговорам.",
    "latin-1": "Le président a été élu à Genève.",
    "cp1252": "« Nous sommes prêts », a déclaré le ministre. L’économie reste fragile.",
    "cp1250": "Prezydent Polski powiedział, że gospodarka rośnie szybciej niż oczekiwano.",
    "cp1254": "Rusya Devlet Başkanı Putin, Erivan ve Bakü'yü itidale çağırdı.",
    "cp1253": "Ο Ρώσος πρόεδρος Βλαντιμίρ Πούτιν κάλεσε το Ερεβάν σε αυτοσυγκράτηση.",
    "shift_jis": "ロシアのプーチン大統領は、アルメニアとアゼルバイジャンに自制を求めた。",
    "gb18030": "俄罗斯总统普京呼吁亚美尼亚和阿塞拜疆保持克制，并表示莫斯科愿意进行调解。",
}


@pytest.mark.parametrize("encoding", sorted(SHORT_NEWS))
def test_short_news_sentences_in_legacy_encodings(encoding: str) -> None:
    text = SHORT_NEWS[encoding]
    assert decode_bytes(text.encode(encoding), "x.txt") == text


def test_utf32_bom_and_utf16_without_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF32_LE + "Hi мир".encode("utf-32-le"), "x") == "Hi мир"
    assert decode_bytes("Plain English in UTF-16.".encode("utf-16-le"), "x") == "Plain English in UTF-16."


def test_bom_is_stripped_and_newlines_are_not_normalised() -> None:
    data = codecs.BOM_UTF8 + "Line one.\r\nLine two.\rLine three.\n".encode()
    assert decode_bytes(data, "x") == "Line one.\r\nLine two.\rLine three.\n"


def test_utf8_with_stray_windows_1252_quotes() -> None:
    data = "Le président a dit « non » à Genève.".encode() + b" \x93quoted\x94"
    assert decode_bytes(data, "x") == "Le président a dit « non » à Genève. \u201cquoted\u201d"


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "error_type", "words"),
    [
        (b"", "empty", "empty"),
        (b"  \r\n\t \n", "empty", "empty"),
        (codecs.BOM_UTF8 + b"   ", "empty", "empty"),
        (_png(), "binary", "PNG image"),
        (gzip.compress(b"an article"), "binary", "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary", "PDF"),
        (b"PK\x03\x04\x14\x00", "binary", "ZIP"),
        (b"text with a NUL\x00 byte", "binary", "NUL"),
        (b"abc\x1b[31m\x07\x08\x1b\x7f garbage", "binary", "control characters"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "encoding", "UTF-16 LE"),
        (bytes(range(0x80, 0x100)) * 4, "encoding", "encoding"),
    ],
)
def test_bad_bytes_raise_one_line_input_errors(data: bytes, error_type: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "story.txt")
    message = str(caught.value)
    assert caught.value.type == error_type
    assert message.startswith("story.txt: ")
    assert words in message
    assert "\n" not in message


def test_wire_framing_control_bytes_are_kept() -> None:
    text = "\x01\x02Russian President Vladimir Putin on Tuesday called for restraint.\x03"
    assert decode_bytes(text.encode(), "x") == text


def test_missing_file_directory_and_glob_without_match(tmp_path: Path) -> None:
    for path, error_type, words in [
        (tmp_path / "missing.txt", "not-found", "no such file"),
        (tmp_path, "not-found", "is a directory"),
        (tmp_path / "*.nothing", "not-found", "no files match"),
    ]:
        with pytest.raises(InputError) as caught:
            read_article_file(str(path))
        assert caught.value.type == error_type
        assert str(caught.value).startswith(f"{path}: ") and words in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    with pytest.raises(InputError) as caught:
        read_article_file(str(path))
    assert caught.value.type == "unreadable"


def test_size_limit_refuses_larger_files_and_reads_a_5_mb_article(tmp_path: Path) -> None:
    paragraph = "Russian President Vladimir Putin called on Armenia and Azerbaijan to show restraint.\n\n"
    big = tmp_path / "big.txt"
    big.write_text(paragraph * (5 * 1024 * 1024 // len(paragraph)))
    assert len(read_article_file(str(big)).text) > 5_000_000
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError) as caught:
        read_article_file(str(huge))
    assert caught.value.type == "too-large"
    assert str(caught.value) == f"{huge}: larger than the 10 MB limit for one article"


def test_stdin_is_read_with_dash() -> None:
    code = "from mtcheck.io import read_article_file; a = read_article_file('-'); print(repr(a.text), a.id, a.origin)"
    result = subprocess.run(
        [sys.executable, "-c", code], input="Привет".encode("koi8_r"), capture_output=True, timeout=30, check=True
    )
    assert result.stdout.decode().strip() == "'Привет' - <stdin>"


def test_html_is_detected_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    by_extension = tmp_path / "story.htm"
    by_extension.write_text("<p>Hello <b>world</b>.</p>")
    sniffed = tmp_path / "story.txt"
    sniffed.write_bytes(codecs.BOM_UTF8 + b"<!DOCTYPE html><html><body><p>Bonjour.</p></body></html>")
    plain = tmp_path / "plain.txt"
    plain.write_text("Prices rose <5% in May.")
    assert (read_article_file(str(by_extension)).text, read_article_file(str(by_extension)).input_format) == ("Hello world.", "html")
    assert (read_article_file(str(sniffed)).text, read_article_file(str(sniffed)).input_format) == ("Bonjour.", "html")
    assert (read_article_file(str(plain)).text, read_article_file(str(plain)).input_format) == ("Prices rose <5% in May.", "text")


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "ar.html"
    text = "قال بوتين إن موسكو مستعدة للوساطة."
    page.write_bytes(b'<html><head><meta charset="windows-1256"></head><body><p>' + text.encode("cp1256") + b"</p></body></html>")
    assert read_article_file(str(page)).text == text


def test_html_without_visible_text_is_empty(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Only a title</title></head><body><script>x()</script></body></html>")
    with pytest.raises(InputError) as caught:
        read_article_file(str(page))
    assert caught.value.type == "empty"


def test_expand_inputs_directories_globs_duplicates_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.html").write_text("a")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("c")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("d")
    root = str(tmp_path)
    assert expand_inputs([root]) == [f"{root}/a.html", f"{root}/b.txt", f"{root}/sub/c.md"]
    assert expand_inputs([f"{root}/*.txt", "-", f"{root}/b.txt", f"{root}/[ab].*"]) == [
        f"{root}/b.txt",
        "-",
        f"{root}/a.html",
    ]
    assert expand_inputs([f"{root}/.hidden.txt"]) == [f"{root}/.hidden.txt"]


def test_expand_inputs_missing_paths(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    # Kept by default: read_article_file reports it and the other files are still checked.
    assert expand_inputs([missing]) == [missing]
    for item, words in [(missing, "no such file"), (str(tmp_path / "*.xyz"), "no files match")]:
        with pytest.raises(InputError) as caught:
            expand_inputs([item], strict=True)
        assert caught.value.type == "not-found" and words in str(caught.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no article files"):
        expand_inputs([str(tmp_path / "empty")])


def test_directory_gives_its_wire_items_but_not_other_xml_or_json(tmp_path: Path) -> None:
    wire_items = ("seed-story.nitf.xml", "seed-story.ninjs1.json", "newsml-xhtml.xml")
    for name in wire_items:
        (tmp_path / name).write_bytes((Path(__file__).parent / "data" / "wire" / name).read_bytes())
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
    (tmp_path / "settings.json").write_text('{"poll": 5}')
    found = {Path(path).name for path in expand_inputs([str(tmp_path)])}
    assert found == set(wire_items)


def test_read_article_bytes_reads_bytes_in_hand_as_the_file_reader_does() -> None:
    [article] = read_article_bytes("Café à Genève.".encode("cp1252"), "desk/story.txt", "story.txt")
    assert (article.id, article.origin, article.text, article.input_format) == ("story.txt", "story.txt", "Café à Genève.", "text")
    [page] = read_article_bytes(b"<p>Hello <b>world</b>.</p>", "page.html", "page.html")
    assert page.input_format == "html" and "Hello world." in page.text
    nitf = b'<nitf><body><body.head><hedline><hl1>Title</hl1></hedline></body.head></body></nitf>'
    [item] = read_article_bytes(nitf, "-", "<stdin>")
    assert item.id == "-" and item.origin == "<stdin>" and item.input_format == "nitf"
    with pytest.raises(InputError, match=r"^upload\.txt: larger than the 10 MB limit"):
        read_article_bytes(b"a" * (MAX_INPUT_BYTES + 1), "upload.txt", "upload.txt")

"""Wire formats (issue 6): NITF, NewsML-G2 and ninjs items through the CLI, and hostile XML.

Samples are in tests/data/wire/: the seed article as a NITF 3.6 story and a ninjs 1.x item, a
NewsML-G2 newsItem with an XHTML inlineXML body and one with inlineData, a newsMessage with two
text items and a picture, a ninjs 2.0 item with headlines[]/bodies[], and broken or hostile ones.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.errors import InputError
from mtcheck.io import read_article_file, read_article_files
from mtcheck.io.jsonl import parse_record
from mtcheck.io.wire import language_code, read_wire, sniff

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "tests" / "data" / "wire"
SEED = ROOT / "seeds" / "putin-yerevan-baku.txt"
SCHEMA = json.loads((ROOT / "mtcheck" / "schema" / "report-1.schema.json").read_text(encoding="utf-8"))
GUID = "urn:newsml:menawire.example:20220920:caucasus-putin-0917"

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection (a DTD or entity fetch) fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def check_json(path: Path | str, *extra: str) -> tuple[int, object, str]:
    result = run("check", str(path), "--format", "json", *extra)
    payload = json.loads(result.stdout) if result.stdout.strip() else None
    return result.exit_code, payload, result.stderr


def assert_offsets_match(report: dict, text: str) -> None:
    for finding in report["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]


def assert_valid(report: object) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(report)


# --- The seed article as NITF and ninjs -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "dateline"),
    [("seed-story.nitf.xml", "nitf", "MOSCOW, Sept 20"), ("seed-story.ninjs1.json", "ninjs", "MOSCOW")],
)
def test_seed_item_is_checked_with_its_guid_version_and_language(name: str, fmt: str, dateline: str) -> None:
    path = WIRE / name
    code, report, stderr = check_json(path)
    assert code == 0, stderr
    assert_valid(report)
    text = read_article_file(str(path)).text
    assert_offsets_match(report, text)
    blinken = [f for f in report["findings"] if f["code"] == "NAM001"]
    assert [f["text"] for f in blinken] == ["Anthony Blinken"]
    assert text[blinken[0]["start"] : blinken[0]["end"]] == "Anthony Blinken"
    item = report["item"]
    assert item["format"] == fmt
    assert item["guid"] == GUID
    assert item["version"] == "3"
    assert item["language"] == "en"
    assert item["headline"] == "Putin calls Yerevan and Baku to calm down"
    assert item["byline"] == "By Karim Haddad, Mena Wire staff"
    assert item["dateline"] == dateline
    assert (item["index"], item["count"]) == (1, 1)
    # Headline, byline, dateline, then the body, each a paragraph of the checked text.
    names = [part["name"] for part in item["parts"]]
    assert names == ["headline", "byline", "dateline", "body"]
    for part in item["parts"][:3]:
        assert text[part["start"] : part["end"]] in (item["headline"], item["byline"], item["dateline"])
    body = item["parts"][3]
    assert text[body["start"] :].startswith("On Tuesday, Russian President Vladimir Putin")
    assert "\n\n" in text[body["start"] : body["end"]]  # paragraphs kept
    # The seed's own findings are found in the item too (calques, the leaked footer).
    codes = {f["code"] for f in report["findings"]}
    assert {"BPL001", "CAL001", "CAL002"} <= codes
    # Nothing is flagged in the byline or the dateline (names of staff, the city).
    byline, dateline = item["parts"][1], item["parts"][2]
    assert not [f for f in report["findings"] if byline["start"] <= f["start"] < dateline["end"]]


def test_nitf_declared_language_is_used_and_lang_option_wins(tmp_path: Path) -> None:
    french_declared = tmp_path / "story.xml"
    french_declared.write_text(
        (WIRE / "seed-story.nitf.xml").read_text(encoding="utf-8").replace('xml:lang="en"', 'xml:lang="fr-FR"'),
        encoding="utf-8",
    )
    assert read_article_file(str(french_declared)).lang == "fr"
    code, report, _ = check_json(french_declared)
    assert code == 1  # an English story declared French: LNG001, critical
    assert "LNG001" in {f["code"] for f in report["findings"]}
    assert report["item"]["language"] == "fr-FR"
    code, report, _ = check_json(french_declared, "--lang", "en")
    assert code == 0
    assert "LNG001" not in {f["code"] for f in report["findings"]}


def test_text_markdown_and_html_reports_show_the_item_line() -> None:
    path = str(WIRE / "seed-story.nitf.xml")
    text = run("check", path, "--no-color")
    assert f"NITF item {GUID} · version 3 · declared en" in text.stdout
    markdown = run("check", path, "--format", "markdown")
    assert "Item: NITF item" in markdown.stdout and "version 3" in markdown.stdout
    html = run("check", path, "--format", "html")
    assert f'<p class="muted item">Item: NITF item {GUID} · version 3 · declared en</p>' in html.stdout


def test_item_fields_are_escaped_in_html(tmp_path: Path) -> None:
    hostile = tmp_path / "x.json"
    hostile.write_text(
        json.dumps({"uri": "<script>alert(1)</script>", "version": "1", "headline": "Talks resume",
                    "body_text": "Talks between the two sides resumed in Geneva on Monday, officials said."}),
        encoding="utf-8",
    )
    html = run("check", str(hostile), "--format", "html").stdout
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_plain_text_reports_have_no_item() -> None:
    code, report, _ = check_json(SEED)
    assert code == 0
    assert "item" not in report
    assert read_article_file(str(SEED)).item is None


# --- NewsML-G2 -------------------------------------------------------------------------------


def test_newsml_inline_xhtml() -> None:
    article = read_article_file(str(WIRE / "newsml-xhtml.xml"))
    assert article.input_format == "newsml"
    assert article.lang == "en"  # contentMeta <language tag="en-GB"/>
    item = article.item
    assert item.guid == "urn:newsml:menawire.example:20230412:gulf-shipping-0412" and item.version == "2"
    assert item.language == "en-GB"
    assert item.headline == "Gulf ports report record container traffic"  # the main one, not the short one
    paragraphs = article.text.split("\n\n")
    assert paragraphs[:3] == ["Gulf ports report record container traffic", "By Samir Aziz", "DUBAI, April 12 (Mena Wire)"]
    # The XHTML <h1> repeats the headline: not repeated in the text; the <title> in <head> is dropped.
    assert article.text.count("Gulf ports report record container traffic") == 1
    assert paragraphs[3].startswith("Container traffic through the main ports")
    assert paragraphs[-1] == '"Demand remains strong," the operator\'s chief executive said, adding that new berths would open next year.'
    assert "edNote" not in article.text and "Corrects spelling" not in article.text  # metadata is not copy
    code, report, _ = check_json(WIRE / "newsml-xhtml.xml")
    assert code == 0
    assert_valid(report)
    assert report["item"]["format"] == "newsml"


def test_newsml_inline_data_is_kept_as_is() -> None:
    article = read_article_file(str(WIRE / "newsml-inlinedata.xml"))
    body = (
        "Oil prices rose on Wednesday as concerns about tight supply returned, offsetting worries about demand in the"
        " United States.\n\nBrent crude futures were up 42 cents at 87.03 dollars a barrel by 1000 GMT.\n\nAnalysts"
        " said the market would watch the monthly reports of the producers' group this week."
    )
    assert article.text == "Oil edges up as supply concerns return\n\nLONDON, April 12\n\n" + body
    assert article.item.byline is None and article.item.version == "5"
    assert [p[0] for p in article.item.parts] == ["headline", "dateline", "body"]


def test_newsml_base64_inline_data(tmp_path: Path) -> None:
    import base64

    encoded = base64.b64encode("Markets were calm on Friday ahead of the holiday.".encode()).decode()
    path = tmp_path / "b64.xml"
    path.write_text(
        f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:b64" version="1">'
        f'<contentMeta><headline>Calm markets</headline></contentMeta>'
        f'<contentSet><inlineData encoding="base64" contenttype="text/plain">{encoded}</inlineData></contentSet></newsItem>',
        encoding="utf-8",
    )
    assert read_article_file(str(path)).text == "Calm markets\n\nMarkets were calm on Friday ahead of the holiday."


def test_newsmessage_gives_one_report_per_text_item() -> None:
    path = WIRE / "newsmessage-two-items.xml"
    code, reports, stderr = check_json(path)
    assert code == 0, stderr
    assert isinstance(reports, list) and len(reports) == 2  # the picture item is not text
    assert_valid(reports[0])
    assert [r["id"] for r in reports] == ["newsmessage-two-items.xml#1", "newsmessage-two-items.xml#2"]
    assert [r["item"]["guid"] for r in reports] == [
        "urn:newsml:menawire.example:20230412:egypt-wheat-0412",
        "urn:newsml:menawire.example:20230412:jordan-rates-0412",
    ]
    assert [(r["item"]["index"], r["item"]["count"]) for r in reports] == [(1, 2), (2, 2)]
    assert reports[1]["item"]["byline"] == "By Rana Khalil"
    texts = [a.text for a in read_article_files(str(path))]
    for report, text in zip(reports, texts):
        assert_offsets_match(report, text)
    text_report = run("check", str(path), "--no-color").stdout
    assert "newsmessage-two-items.xml#2" in text_report and "2 of 2" in text_report
    # One-item readers say why they cannot take it.
    with pytest.raises(InputError, match="holds 2 news items"):
        read_article_file(str(path))


def test_newsmessage_with_a_broken_item_still_checks_the_others(tmp_path: Path) -> None:
    source = (WIRE / "newsmessage-two-items.xml").read_text(encoding="utf-8")
    broken = source.replace(
        """<inlineData contenttype="text/plain">Jordan's""", """<inlineData contenttype="text/plain" encoding="uuencode">Jordan's"""
    )
    path = tmp_path / "message.xml"
    path.write_text(broken, encoding="utf-8")
    code, report, stderr = check_json(path)
    assert code == 2
    assert report["item"]["guid"].endswith("egypt-wheat-0412")  # the good item is still reported
    assert stderr.count("\n") == 1 and "message.xml#2" in stderr and "uuencode" in stderr


def test_remote_content_is_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "remote.xml"
    path.write_text(
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:r" version="1">'
        "<contentMeta><headline>Remote</headline></contentMeta>"
        '<contentSet><remoteContent href="http://127.0.0.1:9/story.txt" contenttype="text/plain"/></contentSet></newsItem>',
        encoding="utf-8",
    )
    code, _, stderr = check_json(path)
    assert code == 2
    assert "does not fetch" in stderr and stderr.count("\n") == 1


# --- ninjs -----------------------------------------------------------------------------------


def test_ninjs2_headlines_and_bodies() -> None:
    article = read_article_file(str(WIRE / "ninjs2-bodies.json"))
    item = article.item
    assert item.format == "ninjs" and item.version == "4" and item.language == "en-US" and article.lang == "en"
    assert item.headline == "Lebanon extends power rationing as fuel runs short"  # role main
    assert item.byline == "By Nadia Khoury" and item.dateline == "BEIRUT"
    # The text/plain body is preferred to the HTML one, and the summary description is not copy.
    assert article.text.endswith("arrives.\n\nResidents rely on private generators for the rest of the day.")
    assert "four hours a day" not in article.text
    code, report, _ = check_json(WIRE / "ninjs2-bodies.json")
    assert code == 0
    assert_valid(report)


def test_ninjs_html_body_and_array_of_items(tmp_path: Path) -> None:
    items = [
        {"uri": "urn:a", "headline": "First", "body_html": "<p>The first story has <b>two</b> paragraphs.</p><p>This is the second one.</p>"},
        {"uri": "urn:b", "headlines": [{"value": "Second"}], "bodies": [{"value": "Only one paragraph here, about the weather."}]},
    ]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    first, second = read_article_files(str(path))
    assert first.text == "First\n\nThe first story has two paragraphs.\n\nThis is the second one."
    assert second.text == "Second\n\nOnly one paragraph here, about the weather."
    assert (second.item.guid, second.item.index, second.item.count) == ("urn:b", 2, 2)


def test_ninjs_is_recognised_by_content_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "incoming-0412"
    path.write_bytes((WIRE / "seed-story.ninjs1.json").read_bytes())
    assert read_article_file(str(path)).input_format == "ninjs"
    nitf = tmp_path / "story.txt"
    nitf.write_bytes((WIRE / "seed-story.nitf.xml").read_bytes())
    assert read_article_file(str(nitf)).input_format == "nitf"


def test_wire_item_on_stdin() -> None:
    result = run("check", "-", "--format", "json", input=(WIRE / "seed-story.nitf.xml").read_bytes())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["item"]["guid"] == GUID


# --- Broken and hostile input: exit 2, one line on stderr, no network -------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken-truncated.nitf.xml", "broken-truncated.nitf.xml:25:79: broken XML"),
        ("hostile-billion-laughs.xml", "billion laughs"),
        ("hostile-xxe-passwd.xml", "external entity 'xxe' (file:///etc/passwd)"),
        ("hostile-parameter-entity.xml", "external entity 'remote'"),
        ("hostile-external-dtd.xml", "never fetches DTDs"),
        ("broken-ninjs-types.json", "'headline' must be a string, got a number"),
        ("broken-ninjs-bodies.json", "'bodies' must be an array of objects"),
        ("broken-truncated.json", "broken-truncated.json:4:16: broken JSON"),
        ("empty-body.nitf.xml", "no text (no headline, no body)"),
    ],
)
def test_broken_and_hostile_items_give_one_line_and_exit_2(name: str, words: str) -> None:
    result = run("check", str(WIRE / name), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mtcheck: error: ") and words in lines[0]
    assert "Traceback" not in result.stderr
    assert "root:" not in result.stderr  # nothing of /etc/passwd


def test_doctype_with_external_system_id_is_read_without_fetching(tmp_path: Path) -> None:
    # Real NITF often names its DTD by URL; it is never loaded (the fixture fails any connection).
    path = WIRE / "seed-story.nitf.xml"
    assert 'SYSTEM "http://www.nitf.org/' in path.read_text(encoding="utf-8")
    assert read_article_file(str(path)).item.guid == GUID


def test_headline_only_alert_is_checked() -> None:
    code, report, _ = check_json(WIRE / "alert-headline-only.nitf.xml")
    assert code == 0
    assert report["item"]["parts"] == [{"name": "headline", "start": 0, "end": 62}]


def test_size_limit_is_honoured(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    paragraph = "<p>" + "The talks went on late into the night. " * 50 + "</p>\n"
    with big.open("w", encoding="utf-8") as handle:
        handle.write('<nitf><head/><body><body.content>\n')
        while handle.tell() <= 10 * 1024 * 1024:
            handle.write(paragraph)
        handle.write("</body.content></body></nitf>\n")
    result = run("check", str(big))
    assert result.exit_code == 2
    assert "10 MB limit" in result.stderr and result.stderr.count("\n") == 1


def test_deeply_nested_json_and_xml(tmp_path: Path) -> None:
    deep_json = tmp_path / "deep.json"
    deep_json.write_text('{"uri": "x", "headline": ' + "[" * 100_000 + "]" * 100_000 + "}")
    deep_xml = tmp_path / "deep.xml"
    deep_xml.write_text("<nitf><body><body.content>" + "<p>" * 50_000 + "x" + "</p>" * 50_000 + "</body.content></body></nitf>")
    for path in (deep_json, deep_xml):
        result = run("check", str(path))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_other_xml_is_refused_clearly(tmp_path: Path) -> None:
    rss = tmp_path / "feed.xml"
    rss.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    result = run("check", str(rss))
    assert result.exit_code == 2
    assert "root element <rss> is not NITF" in result.stderr


def test_json_that_is_not_ninjs(tmp_path: Path) -> None:
    config = tmp_path / "settings.json"
    config.write_text('{"theme": "dark"}')
    result = run("check", str(config))
    assert result.exit_code == 2 and "without ninjs keys" in result.stderr


def test_utf16_nitf_with_bom(tmp_path: Path) -> None:
    source = (WIRE / "seed-story.nitf.xml").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "utf16.xml"
    path.write_bytes(source.encode("utf-16"))
    assert read_article_file(str(path)).item.guid == GUID


# --- Units -----------------------------------------------------------------------------------


def test_language_codes() -> None:
    assert [language_code(t) for t in ("en", "en-GB", "EN_us", "fra", "ara", "x-klingon", "", None)] == [
        "en", "en", "en", "fr", "ar", None, None, None,
    ]
    # One table with language identification (langid.iso639_1): ISO 639-3 members of a
    # macrolanguage, ISO 639-2 with a region; codes with no two-letter equivalent are not a language.
    assert [language_code(t) for t in ("arz", "yue", "eng-US", "ger_CH", "zh-TW", "ceb", "tlh", "e1")] == [
        "ar", "zh", "en", "de", "zh", None, None, None,
    ]


def test_sniffing() -> None:
    assert sniff(b'<?xml version="1.0"?>\n<!-- c -->\n<nitf>', "a.txt") == "xml"
    assert sniff(b"<newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'>", "") == "xml"
    assert sniff(b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "a.txt") is None
    assert sniff(b'{"uri": "x", "body_text": "y"}', "") == "ninjs"
    assert sniff(b"{not json", "a.json") == "ninjs"
    assert sniff(b"Plain text about <things>", "a.txt") is None
    assert sniff(b'{"a": 1}', "a.txt") is None


def test_namespaced_nitf_and_nitf_inside_newsml(tmp_path: Path) -> None:
    nitf = (
        '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" xml:lang="en"><head><docdata>'
        '<doc-id id-string="urn:ns:1"/><du-key version="2"/></docdata></head><body><body.head>'
        "<hedline><hl1>Floods close roads</hl1><hl2>Rain to continue</hl2></hedline>"
        "<byline>By A. Writer</byline></body.head><body.content><p>Heavy rain closed roads in the north on Sunday.</p>"
        "<hl2>Schools shut</hl2><block><p>Schools will stay closed on Monday.</p></block></body.content></body></nitf>"
    )
    plain = tmp_path / "ns.xml"
    plain.write_text(nitf, encoding="utf-8")
    article = read_article_file(str(plain))
    assert article.text == (
        "Floods close roads\n\nRain to continue\n\nBy A. Writer\n\nHeavy rain closed roads in the north on Sunday."
        "\n\nSchools shut\n\nSchools will stay closed on Monday."
    )
    assert (article.item.guid, article.item.version, article.lang) == ("urn:ns:1", "2", "en")
    assert [p[0] for p in article.item.parts] == ["headline", "subheadline", "byline", "body"]
    wrapped = tmp_path / "wrapped.xml"
    wrapped.write_text(
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:item:9" version="7"><contentMeta>'
        '<language tag="en"/></contentMeta><contentSet><inlineXML contenttype="application/nitf+xml">'
        + nitf
        + "</inlineXML></contentSet></newsItem>",
        encoding="utf-8",
    )
    inner = read_article_file(str(wrapped))
    assert inner.item.format == "newsml" and inner.item.guid == "urn:item:9" and inner.item.version == "7"
    assert inner.text == article.text  # headline, byline and body from the NITF


# --- Wire items inside batch records ("format") ---------------------------------------------


def _batch(tmp_path: Path, records: list[dict]) -> list[dict]:
    lines = tmp_path / "in.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run("batch", str(lines))
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_batch_record_can_carry_one_wire_item(tmp_path: Path) -> None:
    nitf = (WIRE / "seed-story.nitf.xml").read_text(encoding="utf-8")
    ninjs = (WIRE / "seed-story.ninjs1.json").read_text(encoding="utf-8")
    plain, from_nitf, from_ninjs = _batch(
        tmp_path,
        [{"id": "plain", "text": nitf}, {"id": "n", "text": nitf, "format": "nitf"}, {"id": "j", "text": ninjs, "format": "ninjs"}],
    )
    assert "item" not in plain  # without "format" the text is taken as it is
    for report, fmt in ((from_nitf, "nitf"), (from_ninjs, "ninjs")):
        assert_valid(report)
        assert report["item"]["format"] == fmt and report["item"]["guid"] == GUID
        assert report["origin"].startswith("line ")
        assert "Anthony Blinken" in [f["text"] for f in report["findings"] if f["code"] == "NAM001"]
    reference = read_article_file(str(WIRE / "seed-story.nitf.xml"))
    assert_offsets_match(from_nitf, reference.text)


def test_batch_record_html_is_reduced_to_visible_text(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    html = "<html><body><script>steal()</script>" + "".join(f"<p>{p}</p>" for p in seed.split("\n\n")) + "</body></html>"
    (report,) = _batch(tmp_path, [{"id": "h", "text": html, "format": "html"}])
    assert "steal" not in json.dumps(report)
    assert "Anthony Blinken" in [f["text"] for f in report["findings"] if f["code"] == "NAM001"]


@pytest.mark.parametrize(
    ("record", "error_type", "words"),
    [
        ({"text": "x", "format": "pdf"}, "record", '"format" must be one of'),
        ({"text": "x", "format": 3}, "record", "got a number"),
        ({"sample": "newsmessage-two-items.xml", "format": "newsml"}, "record", "holds 2 news items"),
        ({"sample": "hostile-xxe-passwd.xml", "format": "newsml"}, "unsafe-xml", "never reads files"),
        ({"sample": "seed-story.nitf.xml", "format": "ninjs"}, "record", "broken JSON"),
        ({"sample": "seed-story.nitf.xml", "format": "newsml"}, "record", "is a nitf item"),
        ({"text": "<p><script>x()</script></p>", "format": "html"}, "record", "no visible text"),
    ],
)
def test_batch_record_with_a_bad_wire_item_gets_its_error_line(tmp_path: Path, record: dict, error_type: str, words: str) -> None:
    if "sample" in record:
        record = {"text": (WIRE / record.pop("sample")).read_text(encoding="utf-8"), **record}
    before, broken, after = _batch(tmp_path, [{"id": "a", "text": "Fine."}, {"id": "b", **record}, {"id": "c", "text": "Fine."}])
    assert (before["id"], broken["id"], after["id"]) == ("a", "b", "c")
    assert broken["error"]["type"] == error_type and words in broken["error"]["message"]
    assert before["error"] is None and after["error"] is None


# --- An XML declaration naming an encoding Python does not know ------------------------------


def _unknown_encoding_nitf() -> str:
    source = (WIRE / "seed-story.nitf.xml").read_text(encoding="utf-8")
    assert 'encoding="UTF-8"' in source
    return source.replace('encoding="UTF-8"', 'encoding="UTA-8"')


def test_check_refuses_an_unknown_declared_encoding_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "typo.xml"
    path.write_text(_unknown_encoding_nitf(), encoding="utf-8")
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"mtcheck: error: {path}: unknown encoding 'UTA-8' declared in the XML declaration"]


def test_batch_record_with_an_unknown_declared_encoding_gets_its_error_line(tmp_path: Path) -> None:
    before, broken, after = _batch(
        tmp_path,
        [{"id": "a", "text": "Fine."}, {"id": "b", "text": _unknown_encoding_nitf(), "format": "nitf"}, {"id": "c", "text": "Fine."}],
    )
    assert (before["id"], broken["id"], after["id"]) == ("a", "b", "c")
    assert broken["error"]["type"] == "encoding"
    assert "unknown encoding 'UTA-8' declared in the XML declaration" in broken["error"]["message"]
    assert before["error"] is None and after["error"] is None


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "UTF-16", "windows-1252"])
def test_batch_record_xml_is_read_as_the_text_it_is_whatever_encoding_it_declares(tmp_path: Path, encoding: str) -> None:
    nitf = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        "<nitf><head><title>Café à Genève</title></head><body><body.head><hedline><hl1>Café à Genève</hl1></hedline>"
        "</body.head><body.content><p>Le café à Genève ouvre lundi.</p></body.content></body></nitf>"
    )
    (report,) = _batch(tmp_path, [{"id": "n", "text": nitf, "format": "nitf", "lang": "fr"}])
    assert report["error"] is None, report["error"]
    article = parse_record(json.dumps({"id": "n", "text": nitf, "format": "nitf"}).encode("utf-8"), 1)
    assert article.text == "Café à Genève\n\nLe café à Genève ouvre lundi."
    [direct] = read_wire(nitf, "here", "n", "xml")
    assert direct.text == article.text


def test_ninjs_and_batch_records_name_json_types_alike(tmp_path: Path) -> None:
    path = tmp_path / "item.json"
    path.write_text(json.dumps({"uri": "x", "headline": True, "body_text": "Text."}), encoding="utf-8")
    with pytest.raises(InputError, match=r"'headline' must be a string, got a boolean$"):
        read_article_file(str(path))
    with pytest.raises(InputError, match=r'"text" must be a string, got a boolean$'):
        parse_record(b'{"id": "a", "text": true}', 1)

"""One self-contained HTML page: summary, the article with every finding highlighted, a table.

Safety: every piece of text that is not a literal of this module passes through ``_e``
(``html.escape(..., quote=True)``), attributes included. No article text goes into the script or
the style; the script reads the page with ``textContent`` and writes with ``textContent``. The
Content-Security-Policy allows only this module's own inline style and script, by hash, so even a
missed escape could not run code or load anything.

Overlapping and nested findings: the article is cut at every span boundary (and every paragraph
break); each piece is wrapped in one ``<mark>`` per finding covering it, always nested in the same
order (earliest start, then longest span outermost), so the markup stays well formed and the
underlines of nested findings stack below each other.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from html import escape
from itertools import pairwise

from mtcheck.report._excerpt import (
    SEVERITIES_HIGH_FIRST,
    ReportView,
    format_confidence,
    format_metric,
    format_score,
    id_worth_showing,
    make_visible,
    severity_counts,
    short_span,
    totals_line,
)
from mtcheck.types import Finding, Report

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Nested marks beyond this depth share the lowest underline; more than four findings on one word
# is rare and the table lists them all anyway.
_MAX_DEPTH_CLASS = 4

_CSS = """
:root{--ink:#1b1b1f;--muted:#50535b;--line:#d5d7dd;--paper:#fff;--panel:#f5f6f8;
--critical:#b3261e;--critical-bg:#fbe3e1;--major:#8a4b00;--major-bg:#ffe9c7;--minor:#1f4fbf;--minor-bg:#e2eaff;--neutral:#4a4d55;--neutral-bg:#ececef;
--pass:#17663a;--pass-bg:#dff3e6;--review:#7a5200;--review-bg:#fff0c2;--fail:#b3261e;--fail-bg:#fbe3e1}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--paper);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:0;overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.75rem 0 .5rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
a{color:#1a4fa3}
a:focus-visible,mark:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1a4fa3;outline-offset:2px}
.toolbar{display:flex;flex-wrap:wrap;gap:.4rem 1.25rem;align-items:center;margin:.5rem 0 1rem;color:var(--muted);font-size:.95rem}
.toolbar label{display:inline-flex;gap:.35rem;align-items:center}
.report{border-top:3px solid var(--line);padding-top:1.25rem;margin-top:1.5rem}
.summary{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:center;background:var(--panel);border-radius:10px;padding:1rem 1.25rem;margin:.75rem 0}
.score{font-size:2.6rem;font-weight:700;line-height:1}
.score small{font-size:1rem;font-weight:400;color:var(--muted)}
.verdict{display:inline-block;font-weight:700;letter-spacing:.06em;padding:.25rem .7rem;border-radius:999px;border:2px solid currentColor}
.verdict-pass{color:var(--pass);background:var(--pass-bg)}
.verdict-review{color:var(--review);background:var(--review-bg)}
.verdict-fail,.verdict-error{color:var(--fail);background:var(--fail-bg)}
.facts{display:grid;grid-template-columns:auto auto;gap:.1rem .75rem;margin:0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;font-weight:600}
.counts{display:flex;gap:.5rem;flex-wrap:wrap;list-style:none;margin:0;padding:0}
.chip{display:inline-block;padding:.15rem .6rem;border-radius:6px;font-weight:600;font-size:.95rem;border:1px solid currentColor}
.chip-critical,.sev-critical .badge{color:var(--critical);background:var(--critical-bg)}
.chip-major,.sev-major .badge{color:var(--major);background:var(--major-bg)}
.chip-minor,.sev-minor .badge{color:var(--minor);background:var(--minor-bg)}
.chip-neutral,.sev-neutral .badge{color:var(--neutral);background:var(--neutral-bg)}
.chip-zero{color:var(--muted);background:transparent;border-color:var(--line);font-weight:400}
.badge{display:inline-block;white-space:nowrap;padding:.05rem .45rem;border-radius:5px;font-weight:700;font-size:.8rem;letter-spacing:.04em;text-transform:uppercase}
.error{border-left:5px solid var(--fail);background:var(--fail-bg);padding:.75rem 1rem;border-radius:6px;overflow-wrap:anywhere}
.article{font:1.08rem/2.1 Georgia,"Noto Serif","Times New Roman",serif;border:1px solid var(--line);border-radius:10px;padding:.5rem 1.5rem;overflow-wrap:anywhere}
.article p{margin:.9rem 0}
mark{color:inherit;background:transparent;border-bottom:3px solid;cursor:pointer;padding:0 0 1px}
mark.sev-critical{background:rgba(179,38,30,.14);border-bottom-color:var(--critical)}
mark.sev-major{background:rgba(214,120,0,.17);border-bottom-style:dashed;border-bottom-color:#b86200}
mark.sev-minor{background:rgba(31,79,191,.10);border-bottom-style:dotted;border-bottom-color:var(--minor)}
mark.sev-neutral{background:rgba(74,77,85,.08);border-bottom-style:dotted;border-bottom-width:2px;border-bottom-color:var(--neutral)}
mark.l1{padding-bottom:5px}mark.l2{padding-bottom:9px}mark.l3{padding-bottom:13px}mark.l4{padding-bottom:17px}
mark.lit{outline:2px solid #1b1b1f;outline-offset:1px}
a.ref{font:700 .7rem/1 system-ui,sans-serif;vertical-align:super;text-decoration:none;padding:0 .1rem;margin-left:1px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{font-size:.85rem;color:var(--muted);border-bottom-width:2px;white-space:nowrap}
td.message{min-width:14rem}
td.rule{overflow-wrap:normal;min-width:8rem}
tr:target{background:#fff7d1;outline:2px solid #c99a00}
td.num{white-space:nowrap}
q{quotes:"\\201C" "\\201D"}
.suggestion{font-weight:600;color:var(--pass)}
button.copy{font:600 .8rem/1.2 system-ui,sans-serif;margin-left:.4rem;padding:.1rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--panel);color:var(--ink);cursor:pointer;vertical-align:baseline}
button.copy:hover{border-color:var(--ink)}
.home{margin:0 0 .5rem;font-size:.95rem}
.muted{color:var(--muted)}
code,.signature{font:.85rem/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;overflow-wrap:anywhere}
.notes{list-style:none;padding:0;margin:0 0 .75rem}
.note{padding:.5rem .75rem;border-left:5px solid;border-radius:6px;margin:.25rem 0;background:var(--panel)}
.note.sev-critical{border-color:var(--critical)}.note.sev-major{border-color:#b86200}.note.sev-minor{border-color:var(--minor)}.note.sev-neutral{border-color:var(--neutral)}
.legend{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem;color:var(--muted)}
#panel{position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);width:min(44rem,calc(100% - 2rem));max-height:45vh;overflow:auto;
background:#fff;border:2px solid var(--ink);border-radius:10px;box-shadow:0 8px 30px rgba(0,0,0,.25);padding:.75rem 1rem;z-index:10}
#panel[hidden]{display:none}
#panel .close{float:right;font:inherit;border:1px solid var(--line);background:var(--panel);border-radius:6px;padding:.1rem .6rem;cursor:pointer}
#panel .item{margin:.4rem 0;padding-top:.4rem;border-top:1px solid var(--line)}
#panel .item:first-of-type{border-top:0}
body:has(#show-neutral:not(:checked)) mark.sev-neutral,body:has(#show-minor:not(:checked)) mark.sev-minor,body:has(#show-major:not(:checked)) mark.sev-major,
body:has(#show-critical:not(:checked)) mark.sev-critical{background:none;border-bottom-color:transparent}
body:has(#show-neutral:not(:checked)) tr.sev-neutral,body:has(#show-minor:not(:checked)) tr.sev-minor,body:has(#show-major:not(:checked)) tr.sev-major,
body:has(#show-critical:not(:checked)) tr.sev-critical{display:none}
@media print{#panel,.toolbar{display:none}mark{background:none}}
"""

# Reads finding details from the table (textContent in, textContent out: no HTML is ever built
# from page text) and shows them in a panel when a highlighted span is clicked or activated.
_SCRIPT = """
(function(){
var panel=document.getElementById('panel'),body=document.getElementById('panel-body');
function ids(mark){var out=[];for(var m=mark;m&&m.tagName==='MARK';m=m.parentElement.closest('mark')){
if(out.indexOf(m.dataset.f)<0)out.unshift(m.dataset.f);}return out;}
function light(id,on){document.querySelectorAll('mark[data-f="'+id+'"]').forEach(function(m){m.classList.toggle('lit',on);});}
function show(mark){body.textContent='';ids(mark).forEach(function(id){var row=document.getElementById(id);if(!row)return;
var item=document.createElement('div');item.className='item';
var head=document.createElement('div');head.textContent=row.dataset.head;item.appendChild(head);
var msg=document.createElement('div');msg.textContent=row.querySelector('.message').textContent;item.appendChild(msg);
var sug=row.querySelector('.suggestion');if(sug&&sug.textContent){var s=document.createElement('div');
var st=document.createElement('span');st.className='suggestion';st.textContent=sug.textContent;s.appendChild(document.createTextNode('\\u2192 '));
s.appendChild(st);if(row.querySelector('button.copy')){var cb=document.createElement('button');cb.type='button';cb.className='copy';
cb.textContent='Copy';cb.setAttribute('aria-label','Copy the suggestion');s.appendChild(cb);}item.appendChild(s);}
var link=document.createElement('a');link.href='#'+id;link.textContent='Show in the findings table';item.appendChild(link);
body.appendChild(item);});panel.hidden=false;}
function copied(button,ok){button.textContent=ok?'Copied':'Copy failed';button.dataset.copied=ok?'yes':'no';
setTimeout(function(){button.textContent='Copy';},2000);}
function fallback(text,button){var area=document.createElement('textarea');area.value=text;area.setAttribute('readonly','');
area.style.position='fixed';area.style.opacity='0';document.body.appendChild(area);area.select();var ok=false;
try{ok=document.execCommand('copy');}catch(err){ok=false;}document.body.removeChild(area);copied(button,ok);}
function copy(button){var holder=button.parentElement.querySelector('.suggestion');if(!holder)return;var text=holder.textContent;
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(function(){copied(button,true);},
function(){fallback(text,button);});}else{fallback(text,button);}}
document.addEventListener('click',function(e){var b=e.target.closest('button.copy');if(b){copy(b);return;}
var m=e.target.closest('mark[data-f]');if(m){show(m);}});
document.addEventListener('keydown',function(e){var m=document.activeElement;
if(e.key==='Escape'){panel.hidden=true;return;}
if(m&&m.matches&&m.matches('mark[data-f]')&&(e.key==='Enter'||e.key===' ')){e.preventDefault();show(m);}});
document.getElementById('panel-close').addEventListener('click',function(){panel.hidden=true;});
['mouseover','focusin'].forEach(function(t){document.addEventListener(t,function(e){var m=e.target.closest&&e.target.closest('mark[data-f]');
if(m)light(m.dataset.f,true);});});
['mouseout','focusout'].forEach(function(t){document.addEventListener(t,function(e){var m=e.target.closest&&e.target.closest('mark[data-f]');
if(m)light(m.dataset.f,false);});});
})();
"""


def _e(text: object) -> str:
    """Escape for text and attribute values alike; control characters shown as codes."""
    return escape(make_visible(str(text)), quote=True)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def render(reports: Sequence[Report], *, color: bool = False, home: str | None = None) -> str:
    """The page. ``home``: a same-site URL for a "New check" link (the copy-desk page of
    ``mtcheck serve``); the file written by ``mtcheck check -f html`` has none."""
    title = "mtcheck report" if len(reports) != 1 else f"mtcheck report: {reports[0].origin or reports[0].id}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<h1>mtcheck report</h1>",
        *([f'<p class="home"><a href="{_e(home)}">← New check</a></p>'] if home else []),
        _toolbar(),
    ]
    if len(reports) > 1:
        parts.append(_overview(reports))
    for number, report in enumerate(reports, 1):
        parts.append(_render_report(report, f"r{number}"))
    parts += [
        "</main>",
        '<aside id="panel" role="dialog" aria-label="Finding details" hidden>'
        '<button type="button" class="close" id="panel-close" aria-label="Close details">Close</button>'
        '<div id="panel-body" aria-live="polite"></div></aside>',
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _toolbar() -> str:
    boxes = "".join(
        f'<label><input type="checkbox" id="show-{s.value}" checked> <span class="chip chip-{s.value}">{s.value}</span></label>'
        for s in SEVERITIES_HIGH_FIRST
    )
    return (
        f'<div class="toolbar" role="group" aria-label="Show findings by severity"><span>Show:</span>{boxes}'
        "<span>Hover a highlighted span for its message; click it (or Tab to it and press Enter) for details.</span></div>"
    )


def _overview(reports: Sequence[Report]) -> str:
    rows = []
    for number, report in enumerate(reports, 1):
        verdict = "error" if report.error is not None else (report.verdict or "?")
        counts = severity_counts(report.findings)
        rows.append(
            f'<tr><td><a href="#r{number}">{_e(report.origin or report.id)}</a></td>'
            f"<td>{format_score(report.score)}</td>"
            f'<td><span class="verdict verdict-{_e(verdict)}">{_e(verdict.upper())}</span></td>'
            + "".join(f"<td>{n}</td>" for n in counts.values())
            + "</tr>"
        )
    head = "".join(f"<th scope=\"col\">{s.value.capitalize()}</th>" for s in SEVERITIES_HIGH_FIRST)
    return (
        f'<section aria-label="Overview"><p>{_e(totals_line(reports))}</p>'
        f'<table><thead><tr><th scope="col">Article</th><th scope="col">Score</th><th scope="col">Verdict</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _render_report(report: Report, rid: str) -> str:
    name = report.origin or report.id or "(unnamed)"
    out = [f'<section class="report" id="{rid}" aria-labelledby="{rid}-title">', f'<h2 id="{rid}-title">{_e(name)}</h2>']
    if id_worth_showing(report):
        out.append(f'<p class="muted">ID: <code>{_e(report.id)}</code></p>')
    if report.item is not None:
        out.append(f'<p class="muted item">Item: {_e(report.item.summary())}</p>')
    if report.error is not None:
        out.append(
            f'<p class="error" role="alert"><span class="verdict verdict-error">ERROR</span> '
            f"<strong>{_e(report.error.type)}</strong>: {_e(report.error.message)}</p>"
        )
        out.append(f'<p class="muted">Signature: <span class="signature">{_e(report.signature)}</span></p>')
        out.append("</section>")
        return "\n".join(out)

    view = ReportView(report)
    out.append(_summary(report))
    out.append(f'<h3 id="{rid}-article-title">Article</h3>')
    out.append(_legend())
    out.append(_article(report, rid))
    out.append(f'<h3 id="{rid}-findings-title">Findings ({len(report.findings)})</h3>')
    out.append(_findings_table(report, rid, view) if report.findings else "<p>No findings.</p>")
    if report.skipped:
        items = "".join(f"<li><code>{_e(s.code)}</code>: {_e(s.reason)}</li>" for s in report.skipped)
        out.append(f"<h3>Skipped rules</h3><ul>{items}</ul>")
    out.append(f'<p class="muted">Signature: <span class="signature">{_e(report.signature)}</span></p>')
    out.append("</section>")
    return "\n".join(out)


def _summary(report: Report) -> str:
    verdict = report.verdict or "?"
    source = report.source_language
    source_text = (
        "unknown"
        if source.code == "und"
        else f"{source.code} ({'given' if source.method == 'given' else format_confidence(source.confidence)})"
    )
    counts = "".join(
        f'<li><span class="chip chip-{s.value if n else "zero"}">{n} {s.value}</span></li>'
        for s, n in severity_counts(report.findings).items()
    )
    metrics = "".join(f"<dt>{_e(k)}</dt><dd>{_e(format_metric(v))}</dd>" for k, v in sorted(report.metrics.items()))
    incomplete = '<p class="muted">Incomplete: some rules were skipped.</p>' if report.incomplete else ""
    return (
        '<div class="summary">'
        f'<div class="score" aria-label="Score {format_score(report.score)} out of 100">{format_score(report.score)}<small> / 100</small></div>'
        f'<div><span class="verdict verdict-{_e(verdict)}">{_e(verdict.upper())}</span></div>'
        '<dl class="facts">'
        f"<dt>Language</dt><dd>{_e(report.language.code)} ({format_confidence(report.language.confidence)})</dd>"
        f"<dt>Source language</dt><dd>{_e(source_text)}</dd>"
        f"<dt>Words</dt><dd>{report.words}</dd>{metrics}</dl>"
        f'<ul class="counts" aria-label="Findings by severity">{counts}</ul>{incomplete}'
        "</div>"
    )


def _legend() -> str:
    samples = "".join(
        f'<span><mark class="sev-{s.value}" aria-hidden="true">&nbsp;{s.value}&nbsp;</mark></span>' for s in SEVERITIES_HIGH_FIRST
    )
    return f'<div class="legend" aria-hidden="true">{samples}<span>stacked underlines: overlapping findings</span></div>'


def _nesting_key(item: tuple[int, Finding]) -> tuple[int, int, int, int]:
    number, finding = item
    return (finding.start, -finding.end, -finding.severity.rank, number)


def _article(report: Report, rid: str) -> str:
    """The article, paragraph by paragraph, with each finding's span marked and a numbered link
    after it; split at every boundary so overlapping spans nest correctly."""
    text = report.text
    length = len(text)
    whole = _whole_text_bounds(text)
    findings = []
    notes = []
    for number, finding in enumerate(report.findings, 1):
        if not 0 <= finding.start < finding.end <= length:
            continue
        if finding.start <= whole[0] and finding.end >= whole[1]:
            notes.append(_document_note(finding, number, rid))
        else:
            findings.append((number, finding))
    paragraphs = _paragraph_ranges(text)

    starting: dict[int, list[tuple[int, Finding]]] = {}
    ending: dict[int, list[int]] = {}
    refs_at: dict[int, list[tuple[int, Finding]]] = {}
    for number, finding in findings:
        starting.setdefault(finding.start, []).append((number, finding))
        ending.setdefault(finding.end, []).append(number)
        # The link goes after the last visible character, not into a paragraph gap.
        visible_end = finding.start + len(text[finding.start : finding.end].rstrip()) or finding.end
        refs_at.setdefault(max(visible_end, finding.start + 1), []).append((number, finding))

    points = sorted(
        {0, length, *starting, *ending, *refs_at, *(a for a, _ in paragraphs), *(b for _, b in paragraphs)}
    )
    active: dict[int, Finding] = {}
    seen: set[int] = set()
    html_paragraphs: list[list[str]] = [[] for _ in paragraphs]
    paragraph_index = 0
    for a, b in pairwise(points):
        for number in ending.get(a, ()):
            active.pop(number, None)
        for number, finding in starting.get(a, ()):
            active[number] = finding
        while paragraph_index < len(paragraphs) and paragraphs[paragraph_index][1] <= a:
            paragraph_index += 1
        if paragraph_index >= len(paragraphs) or a < paragraphs[paragraph_index][0]:
            continue  # a paragraph break: not shown as text
        piece = _e(text[a:b]).replace("\n", "<br>\n")
        layers = sorted(active.items(), key=_nesting_key)
        for depth in range(len(layers) - 1, -1, -1):
            number, finding = layers[depth]
            level = min(len(layers) - 1 - depth, _MAX_DEPTH_CLASS)
            first = number not in seen
            seen.add(number)
            piece = _mark(finding, number, rid, level, first, piece)
        for number, finding in refs_at.get(b, ()):
            piece += (
                f'<a class="ref sev-{finding.severity.value}" href="#{rid}-f{number}" id="{rid}-n{number}" '
                f'aria-label="Finding {number}: {_e(finding.severity.value)} {_e(finding.code)}">{number}</a>'
            )
        html_paragraphs[paragraph_index].append(piece)

    lang = report.language.code if report.language.code != "und" else ""
    lang_attr = f' lang="{_e(lang)}"' if lang else ""
    body = "\n".join(f'<p dir="auto">{"".join(p)}</p>' for p in html_paragraphs if p)
    note_list = f'<ul class="notes" aria-label="Findings about the whole article">{"".join(notes)}</ul>' if notes else ""
    return f'{note_list}<div class="article"{lang_attr} aria-labelledby="{rid}-article-title">\n{body}\n</div>'


def _whole_text_bounds(text: str) -> tuple[int, int]:
    """First and last non-blank offsets: a span covering them is about the whole article."""
    return len(text) - len(text.lstrip()), len(text.rstrip())


def _document_note(finding: Finding, number: int, rid: str) -> str:
    """A finding about the whole article (e.g. its language): underlining every word would hide
    the other findings, so it is shown once above the text."""
    severity = finding.severity.value
    suggestion = f" → {_e(finding.suggestion)}" if finding.suggestion else ""
    return (
        f'<li class="note sev-{_e(severity)}" id="{rid}-m{number}" tabindex="-1">'
        f'<span class="badge">{_e(severity)}</span> <strong>Whole article</strong> '
        f'<a href="#{rid}-f{number}" id="{rid}-n{number}" aria-label="Finding {number} in the table">[{number}]</a>: '
        f"{_e(finding.message)}{suggestion}</li>"
    )


def _mark(finding: Finding, number: int, rid: str, level: int, first: bool, inner: str) -> str:
    severity = finding.severity.value
    tooltip = f"{severity.upper()} {finding.code} {finding.name}: {finding.message}"
    if finding.suggestion is not None:
        tooltip += f"\n→ {finding.suggestion or '(delete)'}"
    # One tab stop per finding (its first piece), so keyboard users are not stopped per fragment.
    focus = f' id="{rid}-m{number}" tabindex="0"' if first else ""
    level_class = f" l{level}" if level else ""
    return (
        f'<mark class="sev-{_e(severity)}{level_class}" data-f="{rid}-f{number}"{focus} '
        f'title="{_e(tooltip)}" aria-describedby="{rid}-f{number}-msg">{inner}</mark>'
    )


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[position:end].strip():
            ranges.append((position, end))
        if match:
            position = match.end()
    return ranges


def _findings_table(report: Report, rid: str, view: ReportView) -> str:
    rows = []
    for number, finding in enumerate(report.findings, 1):
        line, column = view.position(finding.start)
        severity = finding.severity.value
        suggestion = (
            ""
            if finding.suggestion is None
            else (
                f'<span class="suggestion">{_e(finding.suggestion)}</span>'
                f'<button type="button" class="copy" aria-label="Copy the suggestion of finding {number}">Copy</button>'
                if finding.suggestion
                else '<span class="suggestion">(delete)</span>'
            )
        )
        head = f"{number}. {severity.upper()} {finding.code} {finding.name}, line {line}:{column}"
        rows.append(
            f'<tr id="{rid}-f{number}" class="sev-{_e(severity)}" data-head="{_e(head)}">'
            f'<td class="num"><a href="#{rid}-m{number}" aria-label="Finding {number}: show in the article">{number} ↑</a></td>'
            f'<td><span class="badge">{_e(severity)}</span></td>'
            f'<td class="rule"><code>{_e(finding.code)}</code><br>{_e(finding.name)}<br><span class="muted">{_e(finding.category)}</span></td>'
            f'<td class="num">{line}:{column}</td>'
            f"<td><q>{_e(short_span(finding.text))}</q></td>"
            f'<td class="message" id="{rid}-f{number}-msg">{_e(finding.message)}</td>'
            f"<td>{suggestion}</td>"
            f'<td class="num">{format_confidence(finding.confidence)}</td>'
            "</tr>"
        )
    head_cells = "".join(
        f'<th scope="col">{h}</th>' for h in ("#", "Severity", "Rule", "Line:col", "Text", "Message", "Suggestion", "Conf.")
    )
    return (
        f'<div class="scroll" role="region" aria-labelledby="{rid}-findings-title" tabindex="0">'
        f"<table><thead><tr>{head_cells}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


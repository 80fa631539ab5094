"""The annotated view of a checked document: one self-contained HTML page.

Every line of the document is shown as written (math as its LaTeX source), numbered; a mark is
pinned at the column where each step's right-hand side starts, and below the line each step is
listed with its verdict: ok, wrong with its counterexample, inconclusive or not read with the
reason. Display blocks in which no step was found are marked too. The page has its style inline
and no scripts, fonts or images: it opens offline, from a mail attachment, in any browser;
``<details>`` folds the explanations of steps that are ok.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Any

__all__ = ["annotated_html", "MARKS"]

#: status -> (mark, label)
MARKS = {
    "ok": ("✓", "ok"),
    "wrong": ("✗", "wrong"),
    "inconclusive": ("?", "inconclusive"),
    "unparsed": ("~", "not read"),
    "block": ("·", "no step"),
}

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#fafbfc}
header{padding:14px 22px;background:#fff;border-bottom:1px solid #d8dde6;position:sticky;top:0}
h1{font-size:17px;margin:0 0 6px 0;word-break:break-all}
.counts span{display:inline-block;margin-right:14px;font-weight:600}
.legend{color:#5b6475;font-size:13px;margin-top:4px}
table{border-collapse:collapse;width:100%;font:13px/1.5 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
td{vertical-align:top;padding:0 8px}
td.n{color:#8a93a5;text-align:right;user-select:none;width:1%;white-space:nowrap}
td.m{width:1%;white-space:nowrap;font-weight:700}
td.s{white-space:pre-wrap;word-break:break-word}
tr.has td.s{background:#f2f5fa}
.pin{font-weight:700;border-radius:3px;padding:0 2px;margin:0 1px}
.ok{color:#18794e}.wrong{color:#c4271b}.inconclusive{color:#a86200}.unparsed{color:#6b7385}.block{color:#8a93a5}
.pin.wrong{background:#fde2df}.pin.ok{background:#dcf3e6}.pin.inconclusive{background:#fdefd3}.pin.unparsed{background:#eceef2}
tr.note td{padding-bottom:4px}
details{margin:1px 0 3px 0;border-left:3px solid #d8dde6;padding-left:8px;font:13px/1.45 system-ui,sans-serif}
details.wrong{border-color:#c4271b;background:#fff5f4}
details.inconclusive{border-color:#e0a030}
details.unparsed,details.block{border-color:#c3c8d2}
details.ok{border-color:#4bb07a}
summary{cursor:pointer}
code{font:12.5px ui-monospace,"DejaVu Sans Mono",monospace;background:#eef1f6;padding:0 3px;border-radius:3px}
.why{color:#3c4456;margin:2px 0 2px 14px}
.cex{margin:2px 0 2px 14px;color:#8d1d13}
"""


def _counterexample(cex: Any) -> str:
    if not cex:
        return ""
    if isinstance(cex, dict):
        parts = []
        for key, value in cex.items():
            if value in (None, "", {}, []):
                continue  # e.g. "where" of a step without sizes or indices
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            parts.append(f"<div><b>{html.escape(str(key))}</b>: <code>{html.escape(shown)}</code></div>")
        return f'<div class="cex">counterexample: {"".join(parts)}</div>'
    return f'<div class="cex">counterexample: <code>{html.escape(str(cex))}</code></div>'


def _note(step: dict[str, Any], number: int) -> str:
    status = step["status"]
    mark, label = MARKS[status]
    claim = f"{step.get('lhs', '')} {step.get('relation', '=')} {step.get('rhs', '')}".strip()
    opened = " open" if status in ("wrong", "inconclusive") else ""
    conditions = step.get("context") or []
    under = f' <span class="why">(under {html.escape(", ".join(conditions))})</span>' if conditions else ""
    why = f'<div class="why">{html.escape(step.get("message") or "")}</div>' if step.get("message") else ""
    return (
        f'<details class="{status}"{opened}><summary><span class="{status}">{mark} {label}</span> '
        f"step {number}, column {step.get('column', '?')}: <code>{html.escape(claim)}</code>{under}</summary>"
        f"{why}{_counterexample(step.get('counterexample'))}</details>"
    )


def _pinned(line: str, pins: list[tuple[int, str]]) -> str:
    """The line, escaped, with a mark before the character at each pinned (1-based) column."""
    out: list[str] = []
    last = 0
    for column, status in sorted(pins):
        at = min(max(column - 1, 0), len(line))
        out.append(html.escape(line[last:at]))
        out.append(f'<span class="pin {status}">{MARKS[status][0]}</span>')
        last = at
    out.append(html.escape(line[last:]))
    return "".join(out)


def annotated_html(text: str, report: dict[str, Any], unread_blocks: dict[int, str] | None = None) -> str:
    """The page for a document's ``text`` and its report (the JSON object of DESIGN.md).

    ``unread_blocks`` maps a line to the reason a display block starting there gave no step."""
    by_line: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for number, step in enumerate(report.get("steps", []), 1):
        by_line[int(step.get("line") or 1)].append((number, step))
    unread_blocks = unread_blocks or {}
    rows: list[str] = []
    for n, line in enumerate(text.splitlines() or [""], 1):
        steps = by_line.get(n, [])
        pins = [(int(s.get("column") or 1), s["status"]) for _, s in steps]
        marks = "".join(f'<span class="{s["status"]}">{MARKS[s["status"]][0]}</span>' for _, s in steps)
        if n in unread_blocks and not steps:
            marks = f'<span class="block">{MARKS["block"][0]}</span>'
        css = ' class="has"' if steps else ""
        rows.append(
            f'<tr{css} id="L{n}"><td class="n">{n}</td><td class="m">{marks}</td>'
            f'<td class="s">{_pinned(line, pins)}</td></tr>'
        )
        notes = [_note(s, k) for k, s in steps]
        if n in unread_blocks and not steps:
            reason = html.escape(unread_blocks[n])
            notes.append(
                '<details class="block"><summary><span class="block">· no step</span> in this block</summary>'
                f'<div class="why">{reason}</div></details>'
            )
        if notes:
            rows.append(f'<tr class="note"><td class="n"></td><td class="m"></td><td>{"".join(notes)}</td></tr>')
    summary = report.get("summary", {})
    counts = "".join(
        f'<span class="{status}">{MARKS[status][0]} {summary.get(status, 0)} {MARKS[status][1]}</span>'
        for status in ("ok", "wrong", "inconclusive", "unparsed")
    )
    seconds = summary.get("seconds")
    took = f" in {seconds:.1f} s" if isinstance(seconds, (int, float)) else ""
    title = html.escape(str(report.get("file", "document")))
    whole = [b["reason"] for b in report.get("unread", []) if str(b.get("reason", "")).startswith("the whole document")]
    banner = f'<div class="wrong">{html.escape(whole[0])}</div>' if whole else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>derive check-latex: {title}</title><style>{_STYLE}</style></head><body>"
        f'<header><h1>{title}</h1>{banner}<div class="counts">{counts}</div>'
        f'<div class="legend">{len(report.get("steps", []))} steps checked{took}. '
        "A mark sits where each step's right-hand side begins; the explanation is under the line. "
        "✓ ok (proved or sampled) · ✗ wrong (with a counterexample) · ? inconclusive · ~ not read (with the reason) "
        "· · a math block with no step.</div></header>"
        f"<main><table>{''.join(rows)}</table></main></body></html>\n"
    )

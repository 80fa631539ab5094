r"""Names written in a non-Latin script inside the math: ``\frac{d오차y_{out}}{d가중합_{3}}``.

Students who write in Korean, Chinese, Japanese or Russian name quantities in their own words:
``오차y_{o1}`` (오차 = error: the error of y_{o1}), ``가중합_{3}`` (가중합 = weighted sum). MathJax
sets the characters as text, and the page shows one name, the way ``\text{net}_{o1}`` is one.
The reader took each character as an unknown token ("could not read '오'").

A run of letters of one such script (Hangul, kana, CJK ideographs, Cyrillic) is a name where the
document itself uses it as one: differentiated (``d오차y``, ``\partial 损失``) or given a subscript
(``가중합_{3}``). The Latin letters typed right after the run belong to it (``오차y_{o1}`` is the
name "오차y" with the subscript o1; ``오차dy`` is another name); the same spelling is the same name
everywhere in the document, also where a space is typed inside it (``d 오차 y_{out}``: TeX ignores
spaces in math, the page is the same). Elsewhere a run stays what it was: prose between claims
(cjk_prose.py) or an unread token. A run with a word that supposes (若, 当 … 时, 경우, 때, если …)
is never a name, and neither is a run that is only the start of a longer run of its script.
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import each_span

__all__ = ["SCRIPT_LETTER", "document_script_names", "merge_script_names"]

#: a letter of a script other than Latin and Greek: Cyrillic, kana, CJK ideographs, Hangul
_LETTERS = r"\u0400-\u04ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
SCRIPT_LETTER = re.compile(f"[{_LETTERS}]")
_RUN = f"[{_LETTERS}]+"
#: the run, then the Latin letters typed against it (오차y)
_NAME = r"(?P<name>" + _RUN + r"(?:[A-Za-z]+(?![A-Za-z]*\s*\())?)"
_USES = (
    # after a differential: {d오차y, \partial 损失 (d only right after an opening brace or a space)
    re.compile(r"(?:(?<=[{\s])d|\\partial)\s*" + _NAME + f"(?![{_LETTERS}])"),
    # with a subscript: 가중합_{3}
    re.compile(f"(?<![{_LETTERS}])" + _NAME + r"\s*_"),
)
#: words that suppose the formula beside them (if, when, in case): prose, never a name
_CONDITION = re.compile(
    r"若|如果|假如|假设|假設|当|當|时|時|对于|對於|とき|場合|なら|경우|때|이면|라면|если|когда|при|где"
)


def document_script_names(text: str) -> frozenset[str]:
    """The runs of a non-Latin script (with the Latin letters glued after them) the document
    uses as names (module doc)."""
    found = {m.group("name") for pattern in _USES for m in pattern.finditer(text)}
    return frozenset(w for w in found if not _CONDITION.search(w))


def merge_script_names(toks: list[str], spaced: list[bool], words: frozenset[str]) -> tuple[list[str], list[bool]]:
    """Each written script name (one of ``words``) as ``\\mathrm{name}``: one name for the readers."""
    if not words or not any(SCRIPT_LETTER.fullmatch(t) for t in toks):
        return toks, spaced

    def at(k: int) -> tuple[list[str], int] | None:
        found = _name_at(toks, spaced, k, words)
        return ([r"\mathrm", "{", found[0], "}"], found[1]) if found else None

    return each_span(toks, spaced, at)


def _name_at(toks: list[str], spaced: list[bool], k: int, words: frozenset[str]) -> tuple[str, int] | None:
    """(name, index after it) of a script name starting at ``k``, or None."""
    if not SCRIPT_LETTER.fullmatch(toks[k]) or (k and SCRIPT_LETTER.fullmatch(toks[k - 1]) and not spaced[k]):
        return None
    run = k + 1
    while run < len(toks) and SCRIPT_LETTER.fullmatch(toks[run]) and not spaced[run]:
        run += 1
    if run < len(toks) and SCRIPT_LETTER.fullmatch(toks[run]):
        return None  # two runs apart (오차 가중합): words of a sentence, not one name
    head = "".join(toks[k:run])
    latin = run
    while latin < len(toks) and re.fullmatch(r"[A-Za-z]", toks[latin]) and (latin == run or not spaced[latin]):
        latin += 1
    # the longest spelling the document uses as a name: the run with its Latin letters, or alone
    if latin > run and head + "".join(toks[run:latin]) in words:
        return head + "".join(toks[run:latin]), latin
    if head in words and (latin == run or spaced[run]):  # 가중합x: a name the document never wrote
        return head, run
    return None

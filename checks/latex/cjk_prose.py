r"""Chinese, Japanese and Korean prose typed inside math: a word between claims, not a name.

Documents written in Typora or Jupyter often run their sentences through a display:
``已知z_1 = w_1 x_1 + b;\\ 其中\frac{\partial z_1}{\partial w_1} = x_1`` ("given …", "where …").
MathJax sets those characters as text, and a reader skips them the way the splitter skips
``\text{where}``: the run (raw, or in ``\text{…}``/``\mbox{…}``) separates the claims around it.

Only where that reading is plain: a run that leads a chain with a term after it (not a relation,
an operator or a script, so ``误差 = …`` and ``损失(y)`` stay one unread side), or a run after a
complete claim (``a = b 其中 c = d``). A run with a word that makes a formula a condition (若,
如果, 当 … 时, のとき, 場合, 경우, 때 …) is never a separator: the claim beside it would be read as
stated while the author only supposes it.
"""

from __future__ import annotations

import re

__all__ = ["prose_end"]

#: Han ideographs, kana, Hangul, and the full-width punctuation that runs with them
_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff0f\uff1a-\uff20]")
#: words that suppose the formula beside them (if, when, in case, for): never a separator
_CONDITION = re.compile(r"若|如果|假如|假设|假設|当|當|时|時|对于|對於|对所有|とき|場合|なら|경우|때|이면|라면")
_TEXT_COMMANDS = (r"\text", r"\mbox", r"\textrm", r"\mathrm")
#: what cannot start a term of its own: the run before it is part of the side (误差 = …, 损失(y))
_NOT_A_START = {"=", "<", ">", "+", "-", "*", "/", "(", "_", "^", "'", ",", ";"}
_NOT_A_START |= {r"\cdot", r"\times", r"\circ", r"\odot"}


def _run(toks: list[str], k: int) -> tuple[str, int] | None:
    """(the prose, the index after it) of a CJK run at ``k``: raw characters (spaces inside
    kept) or one text group whose letters are all CJK; None when ``k`` starts neither."""
    if toks[k] in _TEXT_COMMANDS:
        j = k + 1
        while j < len(toks) and not toks[j].strip():
            j += 1
        if j >= len(toks) or toks[j] != "{":
            return None
        end = j + 1
        while end < len(toks) and toks[end] not in ("{", "}"):
            end += 1
        inner = "".join(toks[j + 1 : end])
        if end >= len(toks) or toks[end] != "}" or not _CJK.search(inner) or re.search(r"[A-Za-z\\]", inner):
            return None
        return inner, end + 1
    before = k - 1
    while before >= 0 and not toks[before].strip():
        before -= 1
    if not _CJK.fullmatch(toks[k]) or (before >= 0 and _CJK.fullmatch(toks[before])):  # a run starts once
        return None
    end = k
    while end < len(toks) and (_CJK.fullmatch(toks[end]) or not toks[end].strip()):
        end += 1
    return "".join(toks[k:end]), end


def _next(toks: list[str], k: int) -> str:
    """The first token from ``k`` that is not space or spacing (``\\quad``, ``\\,``), or ''."""
    while k < len(toks) and (not toks[k].strip() or toks[k] in (r"\quad", r"\qquad", r"\,", r"\;", r"\ ", "~")):
        k += 1
    return toks[k] if k < len(toks) else ""


def prose_end(toks: list[str], k: int, *, term_so_far: str, claims_before: bool) -> int | None:
    """The index after a run of CJK prose at ``toks[k]`` that separates claims (module
    docstring), or None. ``term_so_far`` is the text of the term being read, ``claims_before``
    whether the chain being read already has a relation."""
    run = _run(toks, k)
    if run is None or _CONDITION.search(run[0]):
        return None
    end = run[1]
    following = _next(toks, end)
    if following in _NOT_A_START or following.startswith(r"\left"):
        return None
    if term_so_far.strip():
        # after a complete claim: a = b 其中 …; after an operator (a + 오차y) the run is an operand
        complete = not term_so_far.rstrip().endswith(tuple(_NOT_A_START - {"'"}))
        return end if claims_before and complete else None
    return end if not claims_before and following else None  # leading a chain, a term after it

r"""Indicators written in the notations the reader did not take as indicators.

Students write the indicator of a condition in several ways beside ``\mathbb{1}_{k=c}`` (which
the reader reads, norm_names.indicator). Each is rewritten to that form, and only where the
condition is written out, so its value is exact (1 where it holds, 0 elsewhere):

- a Kronecker delta with a condition, ``\delta_{k=c}``, ``\delta_{x_{k_1}>0}``;
- a blackboard I, ``\mathbb{I}(y = k)``, ``\mathbb{I}\{x > 0\}``, ``\mathbb{I}_{i=j}`` (without a
  condition, ``\mathbb{I}_n``, it is an identity and stays);
- the word, ``\mathrm{kronecker}(t, j)`` (a code library's name for δ_{tj});
- CS229's braces, ``1\{y^{(i)} = k\}`` and ``\mathbb{1}\{y = k\}``, which become the subscript form
  the index reader takes (it read the braces as a set and lost the step).

``\delta`` is also the name of a backprop error, and students evaluate it at an index as
``\delta_{k=1} = -0.1071`` or name it ``\delta_{K=2} = …``: an equality with a number, or a δ
standing alone as a side, or a δ with a superscript, is that name and stays as written. An
order comparison (``\delta_{x>0}``) evaluates no index and is read wherever it stands.
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import each_token_span, group_end

__all__ = ["indicator_forms"]

Tokens = list[tuple[str, bool]]

_EQUALITIES = ("=", r"\ne", r"\neq")
_ORDERS = ("<", ">", r"\le", r"\ge", r"\leq", r"\geq", r"\lt", r"\gt")
_ONE = [(r"\mathbb", False), ("{", False), ("1", False), ("}", False)]
#: where a side starts or ends: a δ between two of these is a whole side
_SIDE_MARKS = ("=", "&", r"\\", ",", ";")
_FUNCTION_FONTS = (r"\mathrm", r"\operatorname", r"\text", r"\textrm")


def indicator_forms(toks: Tokens) -> Tokens:
    """The module docstring's forms as ``\\mathbb{1}_{cond}``."""
    words = {t for t, _ in toks}
    if not words & {r"\delta", r"\mathbb", r"\{", "k"}:
        return toks
    return each_token_span(toks, _indicator_at)


def _indicator_at(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    t = toks[k][0]
    if t == r"\delta":
        return _conditioned_delta(toks, k, out)
    if t == r"\mathbb":  # \mathbb{I} or, its braces dropped by the cleaning before, \mathbb I
        braced = [w for w, _ in toks[k + 1 : k + 4]] in (["{", "I", "}"], ["{", "1", "}"])
        letter = toks[k + 2][0] if braced else toks[k + 1][0] if k + 1 < len(toks) else ""
        return _blackboard(toks, k, k + (4 if braced else 2), letter == "1") if letter in ("I", "1") else None
    if t == "1" and toks[k + 1 : k + 2] and toks[k + 1][0] == r"\{" and not _part_of_number_or_script(out):
        return _blackboard(toks, k, k + 1, True)
    if t in _FUNCTION_FONTS:
        return _kronecker_word(toks, k)
    return None


def _conditioned_delta(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    r"""``\delta_{cond}`` → ``\mathbb{1}_{cond}`` under the guards of the module docstring."""
    if toks[k + 1 : k + 3] != [("_", False), ("{", False)]:
        return None
    end = group_end(toks, k + 2)
    if end is None or (end < len(toks) and toks[end][0] in ("^", "'")):
        return None
    cond = [w for w, _ in toks[k + 3 : end - 1]]
    relation = _top_relation(cond)
    if relation is None:
        return None
    left, rel, right = cond[:relation], cond[relation], cond[relation + 1 :]
    if rel in _EQUALITIES:
        if not (_index_atom(left) and _index_atom(right)) or _alone(toks, k, end, out):
            return None
    elif not _index_atom(left) or not (_index_atom(right) or _number(right)):
        return None
    return [*_ONE, *toks[k + 1 : end]], end


def _blackboard(toks: Tokens, k: int, after: int, one: bool) -> tuple[Tokens, int] | None:
    r"""``\mathbb{I}`` before a written condition, and the braces ``\{…\}`` after an indicator 1:
    the subscript form ``\mathbb{1}_{cond}``."""
    if after >= len(toks):
        return None
    opener = toks[after][0]
    closer = {"(": ")", "[": "]", r"\{": r"\}", "_": None}.get(opener)
    if opener == "_" and not one:
        end = group_end(toks, after + 1)
        if end is None or _top_relation([w for w, _ in toks[after + 2 : end - 1]]) is None:
            return None
        return [*_ONE, *toks[after:end]], end
    if closer is None or (one and opener != r"\{"):
        return None
    close = _closing(toks, after, opener, closer)
    if close is None or _top_relation([w for w, _ in toks[after + 1 : close]]) is None:
        return None
    return [*_ONE, ("_", False), ("{", False), *toks[after + 1 : close], ("}", False)], close + 1


def _kronecker_word(toks: Tokens, k: int) -> tuple[Tokens, int] | None:
    r"""``\mathrm{kronecker}(a, b)`` with two index atoms → ``\mathbb{1}_{a=b}``."""
    end = group_end(toks, k + 1)
    if end is None or "".join(w for w, _ in toks[k + 2 : end - 1]).lower() != "kronecker":
        return None
    if end >= len(toks) or toks[end][0] != "(":
        return None
    close = _closing(toks, end, "(", ")")
    inside = [w for w, _ in toks[end + 1 : close]] if close is not None else []
    comma = inside.index(",") if inside.count(",") == 1 else None
    if comma is None or not (_index_atom(inside[:comma]) and _index_atom(inside[comma + 1 :])):
        return None
    cond = [*toks[end + 1 : end + 1 + comma], ("=", False), *toks[end + 2 + comma : close]]
    return [*_ONE, ("_", False), ("{", False), *cond, ("}", False)], close + 1


def _top_relation(cond: list[str]) -> int | None:
    """The position of the one relation at the top level of a condition, or None."""
    depth = 0
    found = []
    for j, t in enumerate(cond):
        depth += (t in ("{", "(", "[")) - (t in ("}", ")", "]"))
        if depth == 0 and (t in _EQUALITIES or t in _ORDERS):
            found.append(j)
    return found[0] if len(found) == 1 and 0 < found[0] < len(cond) - 1 else None


#: an index letter, with a subscript or a label: k, c, y_i, k_1, x_{k_1}, y^{(i)}
_ATOM = re.compile(r"[A-Za-z](?:(?:_|\^)(?:[A-Za-z0-9]|\{[A-Za-z0-9_(){}]+\}))*")


def _index_atom(part: list[str]) -> bool:
    return _ATOM.fullmatch("".join(part)) is not None


def _number(part: list[str]) -> bool:
    return re.fullmatch(r"-?\d+(?:\.\d+)?", "".join(part)) is not None


def _alone(toks: Tokens, start: int, end: int, out: Tokens) -> bool:
    """Is the δ at ``start:end`` a whole side, alone or with a sign?"""
    before = [w for w, _ in out]
    if before and before[-1] in ("-", "+"):
        before = before[:-1]
    return (not before or before[-1] in _SIDE_MARKS) and (end >= len(toks) or toks[end][0] in _SIDE_MARKS)


def _part_of_number_or_script(out: Tokens) -> bool:
    """``x_1\\{…\\}``, ``2.1\\{…\\}``: the 1 belongs to what stands before it."""
    return bool(out) and (out[-1][0] in ("_", "^", ".") or out[-1][0].isdigit())


def _closing(toks: Tokens, k: int, opener: str, closer: str) -> int | None:
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] == opener) - (toks[j][0] == closer)
        if depth == 0:
            return j
    return None

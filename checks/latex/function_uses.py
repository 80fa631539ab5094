r"""Reading the document's functions where they are used as values (the finding is in
:mod:`function_values`, which says what the rules are and why):

- :func:`called_value`: ``\text{Cost}(h_\theta(x^{(i)}), y^{(i)})`` at exactly the arguments it was
  defined at is its body;
- :func:`differentiated_operand` and :func:`frozen_use`: the operand of a derivative by a function
  (``\frac{\partial}{\partial h_\theta}``) holds the function's uses as one variable, all at one
  argument that no sum inside the operand changes, and the value there is appended for the judge
  (which differentiates, then puts the value in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, split_at_top_commas, tex_tokens

__all__ = [
    "ValueOf",
    "called_value",
    "chain_arguments",
    "differentiated_operand",
    "frozen_use",
    "one_name",
    "word_reader",
]

_SEPARATOR = "\x1f"  # function_calls.PARAMETER_SEPARATOR (not imported: function_calls imports this module)


def word_reader(text: str, notation: Notation) -> TexReader:
    """A reader of ``text`` with the document's words merged into names (\\text{Cost} → Cost)."""
    from derive.checks.latex.token_rewrites import merge_word_names

    return TexReader(
        *merge_word_names(*clean_tokens(tex_tokens(text)), notation.word_names, notation.digit_names), notation
    )


def one_name(toks: list[str], notation: Notation) -> str | None:
    """The name ``toks`` are, when they are exactly one name with no power."""
    try:
        name, end, power = TexReader(toks, [False] * len(toks), notation).read_identifier(0)
    except Unreadable:
        return None
    return name if name is not None and not power and end == len(toks) else None


# --- reading: a function defined at expressions, where it is used ----------------------------


def called_value(reader: Any, name: str, k: int, power: list[str] | None) -> tuple[list[str], int] | None:
    """(tokens of the body, index after the call) where ``name`` is applied at ``k`` to exactly the
    arguments it was defined at; None anywhere else."""
    defined = reader.notation.doc_calls.get(name)
    toks = reader.toks
    if defined is None or power or k >= len(toks) or toks[k] != "(":
        return None
    end = reader.match(k)
    args = tuple(tuple(a) for a in split_at_top_commas(toks[k + 1 : end]))
    if args != defined[0]:
        return None
    return word_reader(defined[1], reader.notation).toks, end + 1


# --- reading: a derivative by a function's value ---------------------------------------------


@dataclass
class ValueOf:
    """While reading the operand of a derivative by the function ``name``: its uses, each the
    argument it is applied at (a canonical tuple), the bare name being its own parameters."""

    name: str
    uses: set[tuple[str, ...]] = field(default_factory=set)


def _canonical(args: list[list[str]], notation: Notation) -> tuple[str, ...]:
    return tuple(one_name(a, notation) or " ".join(a) for a in args)


def frozen_use(norm: Any, name: str, k: int, power: list[str] | None) -> tuple[str, int] | None:
    """A use of the function being differentiated by: one variable (named as the function),
    its argument recorded; None for a form read elsewhere (``h'``)."""
    frozen: ValueOf = norm.frozen
    toks = norm.toks
    if k < len(toks) and toks[k] in ("'", "_"):
        return None
    if power:
        raise Unreadable(f"a power on {name} before its argument")
    params = norm.notation.doc_functions[name][0].split(_SEPARATOR)
    if k < len(toks) and toks[k] == "(":
        end = norm.match(k)
        frozen.uses.add(_canonical(split_at_top_commas(toks[k + 1 : end]), norm.notation))
        k = end + 1
    else:
        at = norm.notation.chain_arguments.get(name)
        frozen.uses.add(_canonical([list(at)], norm.notation) if at is not None else tuple(params))
    return norm.postfix(norm.symbol("symbol", name), k)


def differentiated_operand(child: Any, var: str | None) -> str:
    """The text of a derivative's operand, read by ``child``. By a function the document defines,
    its uses are one variable and the function's value there is appended (``operand, value``:
    the judge differentiates, then puts the value in); by anything else, the operand as it is."""
    if var is None or var not in child.notation.doc_functions:
        child.frozen = None
        return child.run()
    child.frozen = ValueOf(var)
    sums_before = set(child.r.sums)
    text = child.run()
    uses = child.frozen.uses
    if not uses:
        return text
    if len(uses) > 1:
        shown = "; ".join(", ".join(u) for u in sorted(uses))
        raise Unreadable(f"a derivative with respect to {var}, applied at different arguments ({shown})")
    (args,) = uses
    inner = {child.r.sums[n][0] for n in set(child.r.sums) - sums_before}
    letters = {c for a in args for c in re.sub(r"\\[A-Za-z]+", " ", a) if c.isalpha()}
    if inner & letters:
        raise Unreadable(
            f"a derivative with respect to {var}, applied at an argument that changes with the index of a sum"
        )
    return f"{text}, {_value_text(child, var, args)}"


def _value_text(child: Any, name: str, args: tuple[str, ...]) -> str:
    """The function's value at ``args``: the application read again with its uses expanded (not
    frozen), as anywhere else."""
    toks = _name_tokens(name) + ["("]
    for j, a in enumerate(args):
        toks += ([","] if j else []) + clean_tokens(tex_tokens(a))[0]
    value = child.sub_normalizer([*toks, ")"])
    value.frozen = None
    return f"\\left({value.run()}\\right)"


def _name_tokens(name: str) -> list[str]:
    """Tokens that read back as the canonical ``name`` (a word as \\mathrm{CE}, as the reader merges it)."""
    if re.fullmatch(r"[A-Za-z]{2,}", name):
        return ["\\mathrm", "{", name, "}"]
    return clean_tokens(tex_tokens(name))[0]


def chain_arguments(terms: list[str], notation: Notation) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, argument tokens) for each one-parameter document function a chain writes bare
    (``\\partial h_\\theta``) and applies at exactly one argument that is not its own parameter
    (``h_\\theta(x)`` of ``h_\\theta(x^{(i)}) = …``): there the bare name means the function at that
    argument. Only a plain name is such an argument: a number is a value at a point (``g(3)``), an
    expression another point (``J(\\theta + \\epsilon)``)."""
    applied: dict[str, set[tuple[str, ...]]] = {}
    bare: set[str] = set()
    for text in terms:
        _uses_in(word_reader(text, notation), notation, applied, bare)
    out = []
    for name in sorted(bare):
        args = applied.get(name, set())
        if len(args) != 1:
            continue
        (arg,) = args
        # one plain name other than its parameter: h_\theta(x) beside h_\theta(x^{(i)}) = …; an
        # expression (J(\theta + \epsilon) beside a bare J in a Taylor step) is not the chain's argument
        named = one_name(list(arg), notation)
        if named is not None and named != notation.doc_functions[name][0]:
            out.append((name, arg))
    return tuple(out)


def _uses_in(reader: TexReader, notation: Notation, applied: dict[str, set[tuple[str, ...]]], bare: set[str]) -> None:
    toks = reader.toks
    for _, name, end, power in reader.identifiers():
        defined = notation.doc_functions.get(name)
        if defined is None or _SEPARATOR in defined[0] or power:
            continue
        if end < len(toks) and toks[end] == "(":
            try:
                inside = toks[end + 1 : reader.match(end)]
            except Unreadable:  # an unclosed bracket: the term says nothing readable here
                return
            if re.split(r"[_^]", name, maxsplit=1)[0] not in inside:  # g(1 - g) is a product
                applied.setdefault(name, set()).add(tuple(inside))
            continue
        if end >= len(toks) or toks[end] != "'":
            bare.add(name)

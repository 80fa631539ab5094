r"""A chain rule summed over several indices at once, and the pieces every chain reading shares.

``\frac{\partial J}{\partial W_{ij}} = \sum_{k=1}^{S}\sum_{n=1}^{N}\frac{\partial J}{\partial A_{kn}}
\frac{\partial A_{kn}}{\partial W_{ij}}`` passes through every entry of a matrix A; ``\sum_k
\frac{\partial C}{\partial z_k}\left(\sum_m \frac{\partial z_k}{\partial a_m}\frac{\partial
a_m}{\partial w_{ji}}\right)`` through every unit of two layers. Each is the chain rule as written,
for any functions with that dependence, exactly as the one-sum form :mod:`abstract_chain` reads
(``\sum_k \frac{\partial L}{\partial f_k}\frac{\partial f_k}{\partial w}``). What makes the reading
safe is the same shape, held index by index (:func:`summed_chain`):

- every sum is over every value of its index (a range, or a bare index: not over a set, under a
  bound or with a condition: those may leave paths out), its letter is no end's index, and no
  factor outside the sum writes it (``\frac{\partial C}{\partial z_m}\sum_m …``: two m's);
- every intermediate carries a summed letter, each summed letter is carried by a run of
  neighbouring intermediates (the run is one family's entries, linked entry to entry as in the
  one-sum form) and by no other; an intermediate writes no index letter the ends do not write
  and no sum binds;
- the names along the chain are distinct families (``z_k`` then ``z_m`` is one family twice:
  a layer named by its index letter, which this reading cannot tell from a recurrence).

Whether the document says each link, and the verdict (``ok``, never ``wrong``), are
:mod:`abstract_chain`'s; this module only finds the chain. A product that does not telescope, or
whose sums do not each cover a run, is not read.
"""

from __future__ import annotations

import re

from derive.checks.latex.normalize import Normalized

__all__ = ["FACTOR", "MOST_FACTORS", "OVER_EVERY", "factor_names", "family_key", "subscript_letters", "summed_chain"]

#: one bare derivative as the normaliser writes it: g_{1}\left(v_{3}\right) (∂ of v_3 by derivative 1)
FACTOR = r"g_\{(\d+)\}\\left\(v_\{(\d+)\}\\right\)"
#: a sum written over its bare index (\sum_j, \sum\limits_{k}): over every value of it, as the chain
#: rule sums; one with a set or a bound under it (\sum_{k \in S}, \sum_{k < j}) may leave some out
OVER_EVERY = re.compile(r"\\sum(?:\\limits|\\nolimits)?\s*_\s*(?:[A-Za-z]|\{\s*[A-Za-z]\s*\})")
#: one sum over every value of several bare indices: \sum_{k,n} (the letters after the first)
_OVER_EVERY_PAIR = re.compile(r"\\sum(?:\\limits|\\nolimits)?\s*_\s*\{\s*[A-Za-z]((?:\s*,\s*[A-Za-z])+)\s*\}")
#: most factors in one chain (a longer product is rarely a chain rule)
MOST_FACTORS = 6
#: letters in one run of index letters (w_{ijk}); a longer run is a word label (E_{total})
_LONGEST_INDEX = 3
#: the pieces of a product under nested sums, as the normaliser writes it
_TOKEN = re.compile(
    rf"(?P<sum>s_\{{(\d+)\}}\\left\()|(?P<open>\\left\()|(?P<close>\\right\))"
    rf"|(?P<factor>{FACTOR})|(?P<join>\s+|\\cdot|\\times)"
)


def family_key(name: str) -> str:
    """A name as a link's end: an entry with index letters is its family (S_j, S_k: S_{*});
    a numbered entry (ŷ_1) stays itself."""
    m = re.fullmatch(r"(?P<base>.*?)_\{(?P<sub>[^{}]*)\}(?P<rest>.*)", name) or re.fullmatch(
        r"(?P<base>.*?)_(?P<sub>[A-Za-z])(?P<rest>)", name
    )
    if m and re.fullmatch(r"[A-Za-z,\s]+", m.group("sub")):
        return f"{m.group('base')}_{{*}}{m.group('rest')}"
    return name


def factor_names(side: Normalized, pairs: list[tuple[str, str]]) -> list[str] | None:
    """numerator, variable, numerator, variable … of the factors, as names."""
    out = []
    for deriv, sym in pairs:
        var = side.derivatives.get(int(deriv))
        kind, name = side.symbols.get(int(sym), ("", ""))
        if not var or kind != "symbol" or name == var:
            return None
        out += [name, var]
    return out


def subscript_letters(name: str) -> set[str]:
    """Index letters of a name's subscripts: w_{ij}: i, j; w_j (as the normaliser leaves
    \\boldsymbol{w_j}): j; W_{j,i}, \\delta_{l+1}: j, i and l. A label is no index: out_{o1},
    E_{total} have none."""
    found: set[str] = set()
    for braced, single in re.findall(r"_(?:\{([^{}]*)\}|([A-Za-z0-9]))", name):
        for token in re.split(r"[,\s+\-]+", braced or single):
            if token.isalpha() and len(token) <= _LONGEST_INDEX:
                found |= set(token)
    return found


def summed_chain(side: Normalized) -> tuple[list[str], str] | None:
    """(N, B, …, X) and the summed letters ("k, n") of a side that is a chain of derivatives under
    two or more sums, each over every value of its index and over the factors to the end of the
    product, whose names telescope as the module docstring says; None for anything else."""
    read = _factors_in_scope(side)
    if read is None:
        return None
    pairs, scopes, letters = read
    if len(letters) < 2 or len(set(letters)) != len(letters) or not 2 <= len(pairs) <= MOST_FACTORS:
        return None
    names = factor_names(side, pairs)
    if names is None:
        return None
    links = names[1:-1]  # each factor's numerator must be the previous factor's variable
    if any(links[k] != links[k + 1] for k in range(0, len(links), 2)):
        return None
    # a factor outside a sum may not write its letter (that letter would be another, free index)
    for k, scope in enumerate(scopes):
        if (subscript_letters(names[2 * k]) | subscript_letters(names[2 * k + 1])) & (set(letters) - scope):
            return None
    chain = [names[0], *links[::2], names[-1]]
    return (chain, ", ".join(letters)) if _runs(chain, letters) else None


def _factors_in_scope(side: Normalized) -> tuple[list[tuple[str, str]], list[set[str]], list[str]] | None:
    """The factors (derivative, symbol ids), the summed letters each stands under, and the sums'
    letters in order, for a product of bare derivatives and brackets under sums that each run to
    the product's end; None for anything else (a value beside the factors, a factor after a sum)."""
    pairs: list[tuple[str, str]] = []
    scopes: list[set[str]] = []
    letters: list[str] = []
    stack: list[str] = []  # the open brackets: a sum's letter, or "" for a bracket
    closed_sum, pos, text = False, 0, side.latex
    bare = len(OVER_EVERY.findall(side.source))
    bare += sum(1 + len(re.findall(r"[A-Za-z]", more)) for more in _OVER_EVERY_PAIR.findall(side.source))
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            return None
        pos = m.end()
        if m.group("sum"):
            index, _, end = side.sums.get(int(m.group(2)), ("", 0, ""))
            if closed_sum or not index or side.sum_conditions.get(int(m.group(2))):
                return None
            if not end:  # a bare index over every value, or a set or bound under the sum
                bare -= 1
                if bare < 0:
                    return None
            letters.append(index)
            stack.append(index)
        elif m.group("open"):
            stack.append("")
        elif m.group("close"):
            if not stack:
                return None
            closed_sum = bool(stack.pop()) or closed_sum  # pop first: `or` would skip it
        elif m.group("factor"):
            if closed_sum:
                return None  # Σ_k(…) then another factor: the sum does not reach the product's end
            pairs.append((m.group(6), m.group(7)))
            scopes.append({letter for letter in stack if letter})
    return (pairs, scopes, letters) if not stack else None


def _runs(chain: list[str], letters: list[str]) -> bool:
    """Distinct families end to end; no summed letter in an end; each intermediate carries a summed
    letter and no letter the ends or sums do not give; each summed letter on one run of
    neighbouring intermediates."""
    if len(chain) < 3 or len({family_key(n) for n in chain}) != len(chain):
        return False
    outer = subscript_letters(chain[0]) | subscript_letters(chain[-1])
    summed = set(letters)
    if outer & summed:
        return False
    middle = [subscript_letters(n) for n in chain[1:-1]]
    if any(not own & summed or own - outer - summed for own in middle):
        return False
    for letter in letters:
        carried = [k for k, own in enumerate(middle) if letter in own]
        if not carried or carried != list(range(carried[0], carried[-1] + 1)):
            return False
    return True

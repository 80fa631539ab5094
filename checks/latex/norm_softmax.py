r"""Entries of the softmax in one side (a mixin of the normaliser): ``S(x)_i``, ``S_i(x)``,
``\text{softmax}(\mathbf x + c)_i``, ``\psi(z_k)``, and a letter the document makes the softmax
(``\sigma(\mathbf a)_i`` where it wrote ``\sigma(\mathbf z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}``).

Entry i of the softmax of an expression E is ``e^{E_i} / \sum_q e^{E_q}``, where E_i puts ``_i``
on each vector of E; scalars (the c of ``x + c``) stay. A name is a vector when it is bold, when
the document writes it with an index elsewhere (``x_j``) or declares a vector shape. E must be a
sum of terms with at most one vector each (``x + c``, ``2x - y``): ``Wx`` is not entry-wise.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.example_labels import word_subscript
from derive.checks.latex.tex_tokens import FONTS, TexReader, Unreadable, clean_tokens, tex_tokens

__all__ = ["SoftmaxMixin"]

_BOLD = (r"\mathbf", r"\boldsymbol", r"\bm", r"\vec")


def _one_entry(name: str) -> bool:
    """Is ``name`` one entry named by a word subscript (z_{max}, the shift of a stable softmax)?"""
    base, _, sub = name.partition("_")
    return bool(base) and word_subscript(sub.strip("{} ").replace(" ", ""))


class SoftmaxMixin(TexReader):
    """``_softmax_entry`` and the document's softmax letters."""

    r: Any
    sub_normalizer: Any
    postfix: Any

    def _document_softmax(self, i: int, name: str, k: int, power: list[str] | None) -> tuple[str, int] | None:
        """A letter the document makes the softmax, at i (its name read up to k): ``F(E)_i``,
        ``F_i(E)``. Any other use is a plain name (``s_i``: None, read on) or, where the notation
        reads the letter as a function (σ the logistic function), refused: not the document's."""
        base_end = self.read_arg(i + 1)[1] if self.toks[i] in FONTS else i + 1
        sub = k > base_end and self.toks[base_end] == "_"
        applied = k < len(self.toks) and self.toks[k] in ("(", "[")
        base = re.split(r"[_^]", name, maxsplit=1)[0]
        argument = self.notation.softmax_arguments.get(base)
        if applied and sub and argument is not None and not self._brackets_hold(k, argument):
            applied = False  # σ_j (1 - σ_j), σ_j \left(Σ y_i\right): a product with the entry σ_j
        if power is None and applied and (sub or self._subscript_after(k) or self._entry_argument(name, k)):
            return self._softmax_entry(name, base_end)  # σ(z)_i, σ_i(z), or σ(z_k) as the notation's ψ(z_k)
        if base not in self.notation.functions:
            return None  # s_i, s: the document's names for the entries and the vector
        if power is None and sub and argument is not None and k == self.read_arg(base_end + 1)[1]:
            return self._softmax_of_named(name, base_end, argument)  # σ_i: entry i of σ(z), z its one vector
        raise Unreadable(f"{name} is the softmax in this document: write its entries, {name}(z)_i")

    def _brackets_hold(self, k: int, argument: str) -> bool:
        """Do the brackets at k hold the softmax's own argument (σ_j(\\mathbf z))?"""
        inside = "".join(self.toks[k + 1 : self.match(k)])
        return re.sub(r"[\s{}]", "", inside) == re.sub(r"[\s{}]", "", argument)

    def _softmax_of_named(self, shown: str, k: int, argument: str) -> tuple[str, int]:
        """``σ_i`` where the document applies its softmax σ to one vector z only: ``σ_i(z)``."""
        index, after = self.read_arg(k + 1)
        if len(index) != 1:
            raise Unreadable(f"{shown} with an index that is not one letter or digit")
        entry = self._vector_entry(shown, clean_tokens(tex_tokens(argument))[0])
        used = set(self.toks) | set(re.findall(r"(?<![\\A-Za-z])[A-Za-z]", self.r.source))
        letter = next(c for c in "qrstuvwmnp" if c not in used)
        text = rf"\frac{{e^{{{entry(index[0])}}}}}{{\sum_{{{letter}}} e^{{{entry(letter)}}}}}"
        piece, _ = self.sub_normalizer(clean_tokens(tex_tokens(text))[0]).unit(0)
        return self.postfix(piece, after)

    def _entry_argument(self, shown: str, k: int) -> bool:
        """Is the bracket at k one entry of a vector, ``z_k`` (a letter index: ``z_1`` may be
        layer 1's vector)? Then σ(z_k) is entry k of the softmax of z (see _softmax_entry)."""
        try:
            self._entry_of_vector(shown, self.toks[k + 1 : self.match(k)])
        except Unreadable:
            return False
        return True

    def _subscript_after(self, k: int) -> bool:
        after = self.match(k) + 1
        return after < len(self.toks) and self.toks[after] == "_"

    def _softmax_entry(self, shown: str, k: int) -> tuple[str, int]:
        """``S(x)_i`` or ``S_i(x)``: e^{x_i} / Σ_q e^{x_q}, also of a sum of vectors and scalars
        (any softmax without an index is a vector, which a scalar step cannot hold)."""
        index: list[str] | None = None
        if k < len(self.toks) and self.toks[k] == "_":
            index, k = self.read_arg(k + 1)
        if k >= len(self.toks) or self.toks[k] not in ("(", "["):
            raise Unreadable(f"{shown} is softmax of a vector: write the step per index")
        end = self.match(k)
        inside = self.toks[k + 1 : end]
        after = end + 1
        if index is None and (after >= len(self.toks) or self.toks[after] != "_"):
            # ψ(z_k): softmax of one entry of a vector is that vector's k-th softmax entry (the
            # softmax of a lone scalar would be 1, which nobody writes)
            inside, index = self._entry_of_vector(shown, inside)
        elif index is None:
            index, after = self.read_arg(after + 1)
        if len(index) != 1:
            raise Unreadable(f"{shown} with an index that is not one letter or digit")
        entry = self._vector_entry(shown, inside)
        # the summed letter must be free nowhere in the side (∂ softmax_i(z)/∂z_j sums over neither
        # i nor j), and is taken late in the alphabet so that the other side rarely uses it either
        used = set(self.toks) | set(re.findall(r"(?<![\\A-Za-z])[A-Za-z]", self.r.source))
        letter = next(c for c in "qrstuvwmnp" if c not in used)
        text = rf"\frac{{e^{{{entry(index[0])}}}}}{{\sum_{{{letter}}} e^{{{entry(letter)}}}}}"
        piece, _ = self.sub_normalizer(clean_tokens(tex_tokens(text))[0]).unit(0)
        return self.postfix(piece, after)

    def _vector_entry(self, shown: str, inside: list[str]) -> Any:
        """A function of an index letter giving the LaTeX of entry letter of ``inside``."""
        reader = self.sub_normalizer(inside)
        name, stop, power = reader.read_identifier(0) if inside else (None, 0, None)
        if name is not None and stop == len(inside) and not power and "_" not in name:
            base = " ".join(inside)  # verbatim: text_of drops the braces of a label z^{(3)}
            return lambda letter: f"{base}_{{{letter}}}"
        pieces = self._linear_pieces(shown, inside)
        return lambda letter: " ".join(" ".join(toks) + (f"_{{{letter}}}" if vec else "") for toks, vec in pieces)

    def _linear_pieces(self, shown: str, inside: list[str]) -> list[tuple[list[str], bool]]:
        """``x + c`` as pieces (tokens, is a vector): names, numbers, + − ·, one vector a term."""
        refused = Unreadable(f"{shown} of something other than a sum of vectors and scalars")
        reader = self.sub_normalizer(inside)
        pieces: list[tuple[list[str], bool]] = []
        per_term = [0]
        j = 0
        while j < len(inside):
            t = inside[j]
            if t in ("+", "-", r"\cdot") or re.fullmatch(r"\d+(\.\d+)?", t):
                per_term += [0] if t in ("+", "-") else []
                pieces.append(([t], False))
                j += 1
                continue
            name, stop, power = reader.read_identifier(j)
            if name is not None and _one_entry(name):
                pieces.append((inside[j:stop], False))  # z_{max}: a scalar, the same in every entry
                j = stop
                continue
            if name is None or "_" in name:
                raise refused
            vector = self._is_vector(name, inside[j])
            if (vector and power) or (not vector and self._may_be_matrix(name)):
                raise refused  # (Wx)_i is a row of W times x, not W x_i
            per_term[-1] += vector
            pieces.append((inside[j:stop], vector))
            j = stop
        if max(per_term) > 1 or not any(vec for _, vec in pieces):
            raise refused
        return pieces

    def _is_vector(self, name: str, first: str) -> bool:
        base = re.split(r"[_^]", name, maxsplit=1)[0]
        shape = self.notation.shapes.get(name) or self.notation.sample_shapes.get(name)
        return first in _BOLD or base in self.notation.vectors or (shape is not None and len(shape) == 1)

    def _may_be_matrix(self, name: str) -> bool:
        """A capital letter (W, \\Theta) or a name of two or more axes: not a scalar factor."""
        base = re.split(r"[_^]", name, maxsplit=1)[0].lstrip("\\")
        shape = self.notation.shapes.get(name) or self.notation.sample_shapes.get(name)
        if shape is not None:
            return len(shape) >= 2
        return base[:1].isupper()

    def _entry_of_vector(self, shown: str, inside: list[str]) -> tuple[list[str], list[str]]:
        """(vector, index) of ``z_k`` or ``z_k^{(3)}``: one name with a one-letter subscript."""
        subs = [j for j, t in enumerate(inside) if t == "_"]
        if len(subs) != 1:
            raise Unreadable(f"{shown} is softmax of a vector: write the step per index")
        index, stop = self.sub_normalizer(inside).read_arg(subs[0] + 1)
        base = inside[: subs[0]] + inside[stop:]
        # z_1 may be layer 1's vector, unless the document exponentiates z's entries (e^{z_1})
        # and defines none of them (doc_vectors.scalar_entries)
        numbered = index[:1] and index[0].isdigit() and "".join(base) in self.notation.scalar_entries
        if len(index) != 1 or not (re.fullmatch(r"[a-z]", index[0]) or numbered) or index[0] in base:
            raise Unreadable(f"{shown} is softmax of a vector: write the step per index")
        return base, index

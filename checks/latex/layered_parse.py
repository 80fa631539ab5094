r"""A small reader for the formulas of layered back-propagation (Nielsen's BP1-BP4).

Steps such as ``\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)`` or
``\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j`` name quantities of a whole
network: a letter with a LAYER (``l``, ``l+1``, ``(\ell)``, ``[L]``) and entry indices. The
general reader has no layers, so it leaves them unread; layered_backprop judges them by
evaluating a small random network, and this module reads them into plain tuples:

- ``("num", value)``; ``("var", name, layer, indices)`` where layer is ``(base, offset)`` with base
  ``"l"`` (a layer variable), ``"L"`` (the last layer) and indices are letters or 1-based numbers;
- ``("d", numerator, denominator)``: a derivative, each side a ``var`` (or the loss's name as a
  ``var`` without layer);
- ``("call", name, order, argument)``: the activation (order 1 for ``\sigma'``);
- ``("add", x, y)``, ``("neg", x)``, ``("mul", x, y)`` (juxtaposition, ``\cdot``), ``("had", x, y)``
  (``\odot``, ``\circ``, ``\otimes``), ``("div", x, y)``, ``("T", x)``, ``("sum", letter, body)``,
  ``("entry", x, indices)`` for ``[\,\cdot\,]_i``, ``("norm", x)``, ``("diag", x)``, ``("grad", x)`` for a
  ``\nabla`` without a subscript before one name (``\nabla W^l``, ``\nabla C(a^L)``: layered_rewrites reads it).

Nothing is evaluated here; anything outside this small language raises ``NotLayered``.
Tokens come from tex_tokens.clean_tokens (the reader's own tokenizer).
"""

from __future__ import annotations

from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

__all__ = ["NotLayered", "Reader", "free_indices", "layer_of", "read_formula", "tokens_of"]

LAYER_LETTERS = {"l": "l", "\\ell": "l", "L": "L"}
HADAMARD = {"\\odot", "\\circ", "\\otimes", "*"}
TRANSPOSE = {"T", "\\top", "\\intercal", "\\mathsf", "t"}
WRAPPERS = {"\\vec", "\\mathbf", "\\boldsymbol", "\\bm", "\\mathit", "\\pmb"}
SKIP = {"\\left", "\\right", "\\big", "\\Big", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\!", "\\,", "\\;", "\\:",
        "\\quad", "\\bigg", "\\Bigg", "\\biggl", "\\biggr", ".", "\\displaystyle"}
FONTS = {"\\mathcal", "\\mathscr", "\\mathrm", "\\mathfrak"}
OPEN = {"(": ")", "[": "]", "\\{": "\\}"}
#: letters that name a layer's activation when they carry only a layer before a bracket (σ_l(z^l))
ACTIVATION_LETTERS = {"\\sigma", "g", "f", "\\phi", "\\varphi"}


class NotLayered(Exception):
    """The text is not a formula of this small language."""


def tokens_of(text: str) -> list[str]:
    toks = clean_tokens(tex_tokens(text))[0]
    out = [t for t in toks if t not in SKIP]
    while out and out[-1] in {",", "."}:  # a sentence's comma or full stop after the formula
        out.pop()
    return out


def read_formula(text: str, superscript_layers: bool = True) -> tuple:
    """The tree of one side of a step (see the module doc)."""
    reader = Reader(tokens_of(text), superscript_layers)
    tree = reader.expr()
    if reader.k != len(reader.toks):
        raise NotLayered(f"unread from {reader.toks[reader.k]!r}")
    return tree


def layer_of(toks: list[str]) -> tuple[str, int] | None:
    """``l``, ``l+1``, ``(\\ell-1)``, ``[L]`` as (base, offset); None if not a layer."""
    if len(toks) >= 2 and (toks[0], toks[-1]) in {("(", ")"), ("[", "]")}:
        toks = toks[1:-1]
    if not toks or toks[0] not in LAYER_LETTERS:
        return None
    base = LAYER_LETTERS[toks[0]]
    if len(toks) == 1:
        return (base, 0)
    if len(toks) == 3 and toks[1] in "+-" and toks[2].isdigit():
        return (base, int(toks[2]) * (1 if toks[1] == "+" else -1))
    return None


class Reader:
    """Recursive descent over clean tokens."""

    def __init__(self, toks: list[str], superscript_layers: bool = True) -> None:
        self.toks = toks
        self.k = 0
        self.sup = superscript_layers

    def peek(self, ahead: int = 0) -> str | None:
        j = self.k + ahead
        return self.toks[j] if j < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        t = self.peek()
        if t is None or (want is not None and t != want):
            raise NotLayered(f"expected {want!r}, found {t!r}")
        self.k += 1
        return t

    def group(self) -> list[str]:
        """A braced group's tokens, or the single next token."""
        if self.peek() != "{":
            return [self.take()]
        depth, start = 0, self.k
        while self.k < len(self.toks):
            t = self.toks[self.k]
            depth += (t == "{") - (t == "}")
            self.k += 1
            if depth == 0:
                return self.toks[start + 1:self.k - 1]
        raise NotLayered("unclosed brace")

    def expr(self) -> tuple:
        tree = self.term()
        while self.peek() in {"+", "-"}:
            op = self.take()
            right = self.term()
            tree = ("add", tree, right if op == "+" else ("neg", right))
        return tree

    def term(self) -> tuple:
        if self.peek() == "-":
            self.take()
            return ("neg", self.term())
        tree = self.factor()
        while True:
            t = self.peek()
            if t in HADAMARD:
                self.take()
                tree = ("had", tree, self.factor())
            elif t in {"\\cdot", "\\times"}:
                self.take()
                tree = ("mul", tree, self.factor())
            elif t == "/":
                self.take()
                tree = ("div", tree, self.factor())
            elif t is not None and t not in {"+", "-", ")", "]", "}", "=", ",", "&", "\\\\", "\\}"}:
                tree = ("mul", tree, self.factor())
            else:
                return tree

    def factor(self) -> tuple:
        tree = self.atom()
        while self.peek() == "^":
            self.take()
            sup = self.group()
            if len(sup) == 1 and sup[0] in TRANSPOSE:
                tree = ("T", tree)
            elif len(sup) == 1 and sup[0].isdigit():
                tree = ("pow", tree, int(sup[0]))
            else:
                raise NotLayered("a power")
        if self.peek() == "_" and tree[0] == "entry":
            self.take()
            tree = ("entry", tree[1], tuple(_indices(self.group())))
        return tree

    def atom(self) -> tuple:
        t = self.peek()
        if t is None:
            raise NotLayered("nothing to read")
        if t in OPEN:
            self.take()
            inner = self.expr()
            self.take(OPEN[t])
            if (t == "[" or inner[0] == "grad" or t == "(" and _vector_valued(inner)) and self.peek() == "_":
                # [x]_i, (\nabla W^l)_{jk}, ((W^{l+1})^T \delta^{l+1})_i: an entry of what the bracket holds
                return ("entry", inner, ())
            return inner
        if t == "\\nabla" and self.peek(1) not in ("_", "^"):  # \nabla W^l, \nabla C(a^L): layered_rewrites
            self.take()
            return ("grad", self.name())
        if t in ("\\underbrace", "\\overbrace"):  # \underbrace{∂C/∂z^l}_{δ^l}: the formula, its label a comment
            self.take()
            inner = self.atom()
            if self.peek() in ("_", "^"):
                self.take()
                self.group()
            return inner
        if t == "{":
            inner_toks = self.group()
            sub = Reader(inner_toks, self.sup)
            inner = sub.expr()
            if sub.k != len(inner_toks):
                raise NotLayered("unread group")
            return inner
        if t.replace(".", "", 1).isdigit():
            self.take()
            return ("num", float(t))
        if t in {"\\frac", "\\tfrac", "\\dfrac"}:
            return self.fraction()
        if t == "\\|":  # a norm (every spelling of it reaches here as \|)
            self.take()
            inner = self.expr()
            self.take("\\|")
            if self.peek() == "_" and self.peek(1) == "2":
                self.k += 2
            return ("norm", inner)
        if t == "\\sum":
            return self.summation()
        if t in {"\\mathrm", "\\operatorname", "\\text"} and self.toks[self.k + 1:self.k + 7] == ["{", *"diag", "}"]:
            self.k += 7  # diag(σ'(z^l)): the diagonal matrix of a vector
            self.take("(")
            inner = self.expr()
            self.take(")")
            return ("diag", inner)
        return self.name()

    def fraction(self) -> tuple:
        self.take()
        top, bottom = self.group(), self.group()
        if top and top[0] in {"\\partial", "d"} and bottom and bottom[0] in {"\\partial", "d"}:
            den = Reader(bottom[1:], self.sup).lone_var()
            if len(top) == 1:  # \frac{\partial}{\partial z} C
                return ("d", self.name(), den)
            return ("d", Reader(top[1:], self.sup).lone_var(), den)
        num, den = Reader(top, self.sup), Reader(bottom, self.sup)
        a, b = num.expr(), den.expr()
        if num.k != len(top) or den.k != len(bottom):
            raise NotLayered("a fraction")
        return ("div", a, b)

    def lone_var(self) -> tuple:
        tree = self.name()
        if self.k != len(self.toks) or tree[0] != "var":
            raise NotLayered("a derivative of something not a name")
        return tree

    def summation(self) -> tuple:
        self.take()
        if self.peek() != "_":  # \sum (y_i - a^L_i)^2: over the one index its summand writes
            body = self.term()
            letters = free_indices(body)
            if len(letters) != 1:
                raise NotLayered("a sum without its index")
            return ("sum", letters.pop(), body)
        self.take()
        below = self.group()
        if not below or len(below[0]) != 1 or not below[0].isalpha() or below[0] in LAYER_LETTERS:
            raise NotLayered("a sum's index")
        end, letter = _index_name(below, 0)
        if below[end:] not in ([], ["=", "1"]):
            raise NotLayered("a sum's lower bound")
        if self.peek() == "^":
            self.take()
            top = self.group()  # the layer's width (n, m, d_{\ell+1}): every layer is summed whole
            if not _width(top):
                raise NotLayered("a sum's upper bound")
        return ("sum", letter, self.term())

    def name(self) -> tuple:
        t = self.take()
        if t in WRAPPERS or t in FONTS:
            inner = self.group()
            if len(inner) != 1:
                raise NotLayered("a decorated group")
            # \vec z is z itself; \mathcal{L} is a name of its own
            t = inner[0] if t in WRAPPERS else f"{t}{{{inner[0]}}}"
        bare = t[1:].replace("{", "").replace("}", "")
        if not (len(t) == 1 and t.isalpha()) and not (t.startswith("\\") and bare.isalpha()):
            raise NotLayered(f"the token {t!r}")
        if t in {"\\sum", "\\prod", "\\partial", "\\nabla", "\\mathrm", "\\text", "\\operatorname"}:
            raise NotLayered(f"the command {t}")
        return self.scripts(t)

    def scripts(self, name: str) -> tuple:
        sup: list[str] | None = None
        sub: list[str] | None = None
        prime = 0
        while self.peek() in {"^", "_", "'"}:
            t = self.take()
            if t == "'":
                prime += 1
            elif t == "^" and sup is None:
                sup = self.group()
                if sup == ["\\prime"]:
                    prime, sup = prime + 1, None
            elif t == "_" and sub is None:
                sub = self.group()
            else:
                raise NotLayered("a double script")
        if self.peek() == "(" and sup and sup[-1] == "'" and self._layer_label(name, _unprimed(sup), sub):
            # \sigma^{(l)\prime}(z^l), g^{[l]'}(z^{[l]}): the prime written inside the layer's script
            prime, sup = prime + len(sup) - len(_unprimed(sup)), _unprimed(sup)
        if self.peek() == "(" and (sup is None and sub is None or self._layer_label(name, sup, sub)):
            # \sigma(z), \sigma'(z); \sigma_l(z^l), g^{[l]}(z^{[l]}): one activation per layer, read as one
            # function for every layer (a step that holds for any per-layer choice holds for one shared)
            self.take()
            arg = self.expr()
            self.take(")")
            return ("call", name, prime, arg)
        if prime:
            raise NotLayered("a prime on a name")
        transpose = False
        if sup and sup[-1] in TRANSPOSE:  # a^T, a_{\ell-1}^t, a^{(l-1)T}
            sup, transpose = (sup[:-1] or None), True
        layer, indices = self._layer_and_indices(sup, sub)
        tree = ("var", name, layer, indices)
        return ("T", tree) if transpose else tree

    @staticmethod
    def _layer_label(name: str, sup: list[str] | None, sub: list[str] | None) -> bool:
        r"""An activation letter whose only script is a layer (``\sigma_l``, ``g^l``, ``f^{(l+1)}``):
        the layer's activation, not a product (``\delta^{l+1}(W^{l+1})^T`` is a product)."""
        scripts = [x for x in (sup, sub) if x is not None]
        return name in ACTIVATION_LETTERS and len(scripts) == 1 and layer_of(scripts[0]) is not None

    def _layer_and_indices(self, sup: list[str] | None, sub: list[str] | None) -> tuple:
        if self.sup:
            layer = layer_of(sup) if sup is not None else None
            if sup is not None and layer is None:
                raise NotLayered("a superscript that is no layer")
            return layer, tuple(_indices(sub)) if sub else ()
        if sup is not None:
            raise NotLayered("a superscript")
        layer = layer_of(sub) if sub is not None else None
        if sub is not None and layer is None:
            raise NotLayered("a subscript that is no layer")
        return layer, ()


def _indices(sub: list[str]) -> list[str | int]:
    out: list[str | int] = []
    k = 0
    while k < len(sub):
        t = sub[k]
        if t == ",":
            k += 1
        elif t.isdigit():
            out.append(int(t))
            k += 1
        elif len(t) == 1 and t.isalpha() and t not in {"l", "L"}:
            k, name = _index_name(sub, k)
            out.append(name)
        else:
            raise NotLayered(f"the index {t!r}")
    return out


def _index_name(toks: list[str], k: int) -> tuple[int, str]:
    """The index letter at ``k`` with its own subscript, if it has one, as one name (``k_L``,
    ``k_{l+1}``: the index over layer L's or layer l+1's units, as a proof written per layer names
    them), and where it ends. ``k_L`` and ``k_{L}`` are the same name."""
    if k + 2 >= len(toks) or toks[k + 1] != "_":
        return k + 1, toks[k]
    if toks[k + 2] != "{":
        return k + 3, f"{toks[k]}_{{{toks[k + 2]}}}"
    end = k + 3
    while end < len(toks) and toks[end] != "}":
        if toks[end] == "{":
            raise NotLayered("a nested index")
        end += 1
    if end == len(toks):
        raise NotLayered("an unclosed index")
    return end + 1, f"{toks[k]}_{{{''.join(toks[k + 3:end])}}}"


def _unprimed(script: list[str]) -> list[str]:
    """A script without the primes it ends with (``(l)'`` -> ``(l)``; \\prime reaches here as ')."""
    end = len(script)
    while end and script[end - 1] == "'":
        end -= 1
    return script[:end]


def _vector_valued(tree: tuple) -> bool:
    """A bracket's content that is a layer's vector, not a number: it writes a layered name and
    no entry index (``(W^{l+1})^T \\delta^{l+1}``; ``(a^L_j - y_j)`` is already an entry)."""
    names = _vars(tree)
    return any(v[2] is not None for v in names) and not any(v[3] for v in names) and not free_indices(tree)


def _vars(t: object) -> list[tuple]:
    if not isinstance(t, tuple) or not t:
        return []
    if t[0] == "var":
        return [t]
    return [v for x in t[1:] for v in _vars(x)]


def _width(top: list[str]) -> bool:
    """A sum's upper bound that names a layer's width: n, m, N, d_{\\ell+1}, n^{[l]}, n_L (not a
    number, not an index letter: those sum part of a layer)."""
    if not top or not top[0].isalpha() or len(top[0]) != 1 or top[0] in "ijkpqrs":
        return False
    rest = set(top[1:]) - {"l", "\\ell", "L", "+", "-", "1", "{", "}", "(", ")", "[", "]", "^", "_"}
    return not rest


def free_indices(t: object, bound: frozenset = frozenset()) -> set[str]:
    """The index letters a tree writes that no sum in it binds."""
    if not isinstance(t, tuple) or not t:
        return set()
    if t[0] == "sum":
        return free_indices(t[2], bound | {t[1]})
    if t[0] == "var":
        return {i for i in t[3] if isinstance(i, str) and i not in bound}
    if t[0] == "entry":
        return free_indices(t[1], bound) | {i for i in t[2] if isinstance(i, str) and i not in bound}
    return set().union(*(free_indices(x, bound) for x in t[1:]))

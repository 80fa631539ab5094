r"""Layered back-propagation with a defined delta (Nielsen's BP1-BP4), judged on a network.

Lecture notes derive back-propagation for L layers as z^l = w^l a^{l-1} + b^l (or per entry
z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j), a^l = \sigma(z^l), \delta^l_j := \partial C/\partial
z^l_j, and then BP1-BP4 per entry and in vector form. The general reader knows no layers. Where
a document

- defines its delta as the derivative of its loss by its pre-activation (``\delta^l_j =
  \partial C / \partial z^l_j``, ``\delta_\ell := \partial J / \partial z_\ell``, in display or
  inline math),
- states its forward pass (the pre-activation of layer l from the activations of layer l-1, per
  entry or as a vector: its weight index order is read from it), and
- states its activation (``a^l = \sigma(z^l)``),

a step left unread that writes only these names (and derivatives of the loss or of the
network's quantities) is judged on small random networks (layered_net): both sides are
evaluated at every entry, for layers l = 2 and 3 of a network with L = 4, under two random
networks (and, when the document does not say its activation is the logistic function, under
two activations).

``ok`` when they agree everywhere. ``wrong`` (with the network's numbers as the counterexample)
only when they differ and everything the step uses is stated by the document in the form the
step writes it: entries of the weights only under a per-entry forward pass, the weight matrix
only under a vector one; a step whose two sides have different free indices, a derivative by a
matrix that equals the other side transposed (a layout), a document whose two forward passes
disagree: inconclusive with the reason. A document without a defined delta, forward pass or
activation is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from derive.checks.latex.layered_net import LAST, WIDTH, Net, NotEvaluable, Roles
from derive.checks.latex.layered_parse import NotLayered, free_indices, layer_of, read_formula, tokens_of
from derive.checks.latex.layered_plain import (
    NO_DELTA,
    declared_stars,
    mixes_last_layer,
    numbered_activation,
    starred_as_hadamard,
    undefined_delta,
)
from derive.checks.latex.layered_rewrites import delta_substituted, entrywise_derivatives, gradients_read
from derive.checks.latex.layered_samples import evaluate
from derive.checks.latex.layered_statements import activation_of, forwards_of, names_in
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_names import GREEK
from derive.checks.latex.token_spans import word_group_end

__all__ = ["LayeredContext", "judge_layered", "layered_context"]

METHOD = "layered back-propagation"
# signs that a document's layers are vectors, not one neuron each (z^l = w^l a^{l-1} + b^l is both)
VECTORS = re.compile(
    r"\^\s*\{?\s*(?:(?-i:T)\b|\\top|\\intercal)|\\odot|\\circ|\\otimes|matri|vector|hadamard|\\mathbb\{R\}\^", re.I
)
UNFORESEEN = (ArithmeticError, FloatingPointError, ValueError, IndexError, KeyError, TypeError, NotEvaluable)
LOGISTIC = re.compile(r"sigmoid|logistic|1\s*\+\s*e\^\{?\s*-|1\s*\+\s*\\exp\s*\(\s*-", re.I)
# the activation functions a document may name, when it names a different one
OTHER_ACTIVATION = re.compile(r"relu|softmax|leaky|\\max\s*\(\s*0", re.I)
# prose that says a step's layer applies no activation: a pooling (sub-sampling) or linear layer
NO_ACTIVATION = re.compile(
    r"pool|(?:sub|down)[- ]?sampl|no (?:non-?linear )?activation|without (?:an? |any )?activation|linear layer"
    r"|identity activation|下采样|池化|(?:没有|无)激活|线性层",
    re.I,
)


@dataclass(frozen=True)
class LayeredContext:
    roles: Roles
    superscript: bool
    activations: tuple[str, ...]
    forms: frozenset[str]  # "entry" / "vector": the forward passes the document states
    definitions: frozenset[tuple[int, int]]  # where the definitions stand (not steps)
    consistent: bool
    loss_elsewhere: bool = False  # the loss's only formulas never write the network's activations
    losses: tuple = ()  # (formula tree, target name) of each formula the loss is given in a^L and y
    loss_unsure: bool = False  # the loss is also given a formula not read
    softmax: bool = False  # the document names softmax (its last layer may use it)
    vectors: bool = True  # the document shows its layers are vectors (per entry, ^T, ⊙, "matrix")
    activation_assumed: bool = False  # activation, forward pass or delta stated at the last layer only
    stars: frozenset[str] = frozenset()  # \ast, * declared the element-wise product (layered_plain)


DEFINES = {"=", ":=", "\\coloneqq", "\\equiv", "\\triangleq", "\\stackrel", "\\doteq"}


@dataclass(frozen=True)
class _Pair:
    line: int
    column: int
    lhs: str
    rhs: str


def _definitions(equations: list[Any]) -> list[_Pair]:
    """Every two neighbouring terms of the document's chains joined by = or a defining sign (:=,
    \\equiv): where a delta, a forward pass, an activation may be defined."""
    out = []
    for equation in equations:
        for chain in split_chain(equation):
            for (left, rel), (right, _) in zip(chain, chain[1:], strict=False):
                if rel in DEFINES and left.text and right.text:
                    out.append(_Pair(right.line, right.column, left.text, right.text))
    return out


def _read(text: str, sup: bool) -> tuple | None:
    try:
        return read_formula(text, sup)
    except (NotLayered, ValueError, IndexError):
        return None




def _delta_definition(lhs: tuple | None, rhs: tuple | None, base: str = "l") -> tuple[str, str, str] | None:
    """(delta, loss, z) from delta^l_j = dC/dz^l_j (``base`` "L": delta^L_j = dC/dz^L_j)."""
    if not lhs or not rhs or lhs[0] != "var" or rhs[0] != "d" or lhs[2] is None:
        return None
    num, den = rhs[1], rhs[2]
    if num[2] is not None or num[3] or den[2] != lhs[2] or den[3] != lhs[3] or lhs[2][0] != base:
        return None
    return lhs[1], num[1], den[1]








def layered_context(text: str, equations: list[Any]) -> LayeredContext | None:
    """The document's delta, forward pass and activation, read from its steps (see the module doc)."""
    if "\\partial" not in text and "\\pdv" not in text:
        return None
    steps = _definitions(equations)
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            return _scan(steps, text)
    except UNFORESEEN:
        return None


def _scan(steps: list[_Pair], text: str) -> LayeredContext | None:
    for sup in (True, False):
        trees = [(s, _read(s.lhs, sup), _read(s.rhs, sup)) for s in steps]
        found = [(s, d) for s, lhs, rhs in trees if (d := _delta_definition(lhs, rhs))]
        # delta^L_j = dC/dz^L_j only (the output layer's derivation, then the general step): assumed for every layer
        last_only = not found
        found = found or [(s, d) for s, lhs, rhs in trees if (d := _delta_definition(lhs, rhs, "L"))]
        if found:
            # a δ defined twice, by different derivatives (∂C/∂z, later ∂C/∂a): which one a step means is unknown
            if len({d for _, d in found if d[0] == found[0][1][0]}) > 1:
                return None
            return _context(found[0], trees, text, sup, last_only)
    for sup in (True, False):  # no delta named: ∂C/∂z^l written as it is (layered_plain)
        trees = [(s, _read(s.lhs, sup), _read(s.rhs, sup)) for s in steps]
        loss, names = undefined_delta(trees) or ("", ())
        for z in names:  # the pre-activation: the name the activation is stated of
            if context := _context((None, (NO_DELTA, loss, z)), trees, text, sup):
                return context
    return None


def _context(found: tuple, trees: list, text: str, sup: bool, delta_assumed: bool = False) -> LayeredContext | None:
    (where, (delta, loss, z)) = found
    places = {(where.line, where.column)} if where else set()
    found_activation = activation_of(trees, z, places)
    numbered = numbered_activation([(s.lhs, s.rhs) for s, _, _ in trees], sup)
    if numbered and numbered[2] == z and (found_activation is None or found_activation[:2] == numbered[:2]):
        found_activation = (*numbered[:2], False)  # a_1 = σ(z_1), a_2 = σ(z_2): stated at every layer
    if found_activation is None:
        return None
    act, a, assumed = found_activation
    forwards, last_only = forwards_of(trees, z, a, places)
    if not forwards:
        return None
    assumed = assumed or last_only or delta_assumed
    body, letter, (weight, bias) = forwards.get("entry") or forwards["vector"]
    if delta == NO_DELTA and loss in {a, z, weight, bias, act}:  # ∂a/∂z^l: a derivative of the network, not of a loss
        return None
    aliases = _aliases(forwards)
    if aliases is None:  # the matrix is another letter than the entries: read per entry only
        del forwards["vector"]
    roles = _orientation(Roles(delta, z, a, weight, bias, loss, act, body, letter, aliases or {}), forwards)
    if roles is None:
        return None
    named_other = bool(OTHER_ACTIVATION.search(text))
    activations = ("logistic",) if LOGISTIC.search(text) and not named_other else ("logistic", "smooth")
    consistent = _forwards_agree(roles, forwards)
    # E = ½(ŷ - y)² of another section: for that loss both sides of a layer's step may be 0
    formulas = [s.rhs for s, lhs, _ in trees if lhs == ("var", loss, None, ())]
    elsewhere = bool(formulas) and not _reaches_network(formulas, [s for s, _, _ in trees], {a, z}, sup)
    losses, unsure = _loss_formulas(trees, loss, a)
    softmax = bool(re.search("softmax", text, re.I))
    vectors = "entry" in forwards or bool(VECTORS.search(text))
    return LayeredContext(
        roles, sup, activations, frozenset(forwards), frozenset(places), consistent, elsewhere, losses, unsure,
        softmax, vectors, assumed, declared_stars(text),
    )






def _loss_formulas(trees: list, loss: str, a: str) -> tuple[tuple, bool]:
    """The loss's formulas in the last layer's a and one target (C = ½ Σ_j (y_j - a^L_j)², C =
    ½‖a^L - y‖²), and whether it is given another formula too. A formula that writes the loss
    again (C = (1/n) Σ_x C_x, C = C(a^L_1, …)) restates it and is passed over."""
    found: list[tuple] = []
    unsure = False
    for s, lhs, rhs in trees:
        if lhs != ("var", loss, None, ()) or _contains(tokens_of(s.rhs), tokens_of(loss)):
            continue
        names = names_in(rhs) - {a} if rhs else set()
        if rhs is None or a not in names_in(rhs) or len(names) != 1 or _layers(rhs, a) != {("L", 0)}:
            unsure = True
            continue
        if (rhs, next(iter(names))) not in found:
            found.append((rhs, next(iter(names))))
    return tuple(found), unsure


def _layers(t: Any, name: str) -> set:
    if not isinstance(t, tuple) or not t:
        return set()
    if t[0] == "var":
        return {t[2]} if t[1] == name else set()
    return set().union(*(_layers(x, name) for x in t[1:]))


def _orientation(roles: Roles, forwards: dict[str, tuple]) -> Roles | None:
    """The roles with the document's vectors as columns (z = W a + b), or as rows when only that
    reads its vector forward pass (z = a W + b); None when neither does."""
    if "vector" not in forwards:
        return roles
    vector = replace(roles, forward=forwards["vector"][0], entry=None)
    for rows in (False, True):
        try:
            Net(replace(vector, rows=rows), "smooth", 7)
        except NotEvaluable:
            continue
        return replace(roles, rows=rows)
    return None


def _aliases(forwards: dict[str, tuple]) -> dict[str, str] | None:
    """The vector form's names for the entry form's weight and bias when they differ only in case
    (W^l with entries w^l_{jk}); None when they differ otherwise."""
    if len(forwards) < 2:
        # one form only (z^l_j = Σ_k w^l_{jk} a^{l-1}_k + b^l_j, or z^l = w^l a^{l-1} + b^l): W^l is read as
        # the matrix of w^l, a guess, so a difference through it is never wrong (_no_wrong)
        weight = next(iter(forwards.values()))[2][0]
        if len(weight) == 1 and weight.islower():
            return {weight.upper(): weight}
        # a Greek weight: \Theta^{(l)} for the \theta^{(l)} of the forward pass (Ng's notes write both)
        capital = "\\" + weight[1:].capitalize()
        return {capital: weight} if weight.startswith("\\") and capital[1:] in GREEK and capital != weight else {}
    (w, b), (mw, mb) = forwards["entry"][2], forwards["vector"][2]
    pairs = [(mw, w), (mb, b)] if b and mb else [(mw, w)]
    if any(m.lower() != e.lower() for m, e in pairs):
        return None
    return {m: e for m, e in pairs if m != e}


def _reaches_network(formulas: list[str], pairs: list[_Pair], names: set[str], sup: bool) -> bool:
    """Whether the loss's formulas, or the formulas of the names they write (p = softmax(z_L)),
    write the network's z or a with a layer."""
    defined = [(tokens_of(p.lhs), tokens_of(p.rhs)) for p in pairs]
    seen: list[list[str]] = []
    todo = [tokens_of(f) for f in formulas]
    for _ in range(4):
        found = []
        for toks in todo:
            if _layered_mention(toks, names, sup):
                return True
            found += [rhs for lhs, rhs in defined if lhs and rhs not in seen and _contains(toks, lhs)]
        seen += todo
        todo = found[:50]
    return False


def _contains(toks: list[str], part: list[str]) -> bool:
    return any(toks[k:k + len(part)] == part for k in range(len(toks) - len(part) + 1))


def _layered_mention(toks: list[str], names: set[str], sup: bool) -> bool:
    script = "^" if sup else "_"
    for k, t in enumerate(toks[:-2]):
        if t not in names:
            continue
        if sup and toks[k + 1] == "_":  # a_j^L: the entry's subscript first (as tex_tokens puts it)
            end = word_group_end(toks, k + 2)
            k = (end if end is not None else len(toks)) - 1
        if k + 2 < len(toks) and toks[k + 1] == script:
            group = [toks[k + 2]]
            if group == ["{"]:
                end = next((j for j in range(k + 3, len(toks)) if toks[j] == "}"), len(toks))
                group = toks[k + 3:end]
            if layer_of(group) is not None:
                return True
    return False


def _forwards_agree(roles: Roles, forwards: dict[str, tuple]) -> bool:
    """Both forward passes (per entry and vector) give the same network."""
    if len(forwards) < 2:
        return True
    try:
        nets = [Net(replace(roles, forward=body, entry=letter), "smooth", 7) for body, letter, _ in forwards.values()]
    except NotEvaluable:
        return False
    return all(np.allclose(nets[0].base["z"][x], nets[1].base["z"][x]) for x in range(1, LAST + 1))


def judge_layered(results: list[StepResult], equations: list[Any], text: str) -> list[StepResult]:
    """The results, with the unread steps this module can evaluate judged (see the module doc)."""
    context = layered_context(text, equations)
    if context is None:
        return results
    out = []
    for r in results:
        if r.status in ("inconclusive", "unparsed") and (r.step.line, r.step.column) not in context.definitions:
            verdict = _safely(r.step, context)
            if verdict is not None:
                r = replace(r, status=verdict[0], counterexample=verdict[1], message=verdict[2], method=METHOD)
        out.append(r)
    return out


def _uses(t: Any, kind: str) -> bool:
    return isinstance(t, tuple) and bool(t) and (t[0] == kind or any(_uses(x, kind) for x in t[1:]))


def _weight_forms(t: Any, roles: Roles) -> set[str]:
    if not isinstance(t, tuple) or not t:
        return set()
    if t[0] == "var" and roles.role(t[1]) == "w":
        return {"entry" if t[3] else "vector"}
    return set().union(*(_weight_forms(x, roles) for x in t[1:]))


def _safely(step: Any, ctx: LayeredContext) -> tuple[str, Any, str] | None:
    """_judge, with an overflow or a value this small language did not foresee giving no verdict
    (the step keeps the general judges' one) rather than stopping the document."""
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            return _judge(step, ctx)
    except UNFORESEEN:
        return None


def _judge(step: Any, ctx: LayeredContext) -> tuple[str, Any, str] | None:
    lhs = _read(starred_as_hadamard(step.lhs, ctx.stars), ctx.superscript)
    rhs = _read(starred_as_hadamard(step.rhs, ctx.stars), ctx.superscript)
    if lhs is None or rhs is None:
        return None
    if not ctx.activation_assumed and delta_substituted(lhs, rhs, ctx.roles):  # dC/dz^{l+1} J = δ^{l+1} J
        named = f"∂{ctx.roles.loss}/∂{ctx.roles.z} is written {ctx.roles.delta}"
        return "ok", None, f"the same expression on both sides once each {named}, as the document defines it"
    lhs, rhs, read = _readings(lhs, rhs, ctx.roles)
    names = names_in(lhs) | names_in(rhs)
    unknown = {n for n in names if ctx.roles.role(n) is None}
    # a step that writes the target y is judged with the document's loss formula(s) that write it
    formulas = [f for f, target in ctx.losses if {target} == unknown]
    if unknown and not formulas:
        return None
    roles = replace(ctx.roles, target=unknown.pop()) if unknown else ctx.roles
    if not (any(roles.role(n) == "delta" for n in names) or _uses(lhs, "d") or _uses(rhs, "d")):
        return None  # nothing of back-propagation: the general judges' business
    free = sorted(free_indices(lhs) | free_indices(rhs))
    if len(free) > 3:
        return None
    outcomes = [evaluate((lhs, rhs), free, ctx.activations, roles, f) for f in formulas or [None]]
    if any(o is None for o in outcomes):
        return None
    outcome = outcomes[0] if all(o[0] == "ok" for o in outcomes) or len(outcomes) == 1 else ("loss",)
    if outcome[0] == "loss" or outcome[0] != "ok" and formulas and ctx.loss_unsure:
        return "inconclusive", None, "the document gives its loss more than one formula; not under every one of them"
    what = _what(ctx, bool(formulas))
    if outcome[0] == "ok":
        return "ok", None, f"holds at every entry of random networks ({what})" + (f"; {read}" if read else "")
    if outcome[0] == "last" and not mixes_last_layer(lhs, rhs, step.context):
        why = f"holds at the last layer (l = L) only, not before it ({what}): a step about the output layer?"
        return "inconclusive", None, why
    if outcome[0] == "mixed":
        return "inconclusive", None, "holds for one activation and not another; the document does not say which it uses"
    where, left, right, transposed = outcome[1]
    reason = _no_wrong(lhs, rhs, ctx, transposed) or _unsure_here(step, (lhs, rhs), ctx)
    if read:  # ⊙ ∂σ/∂z^l read as ⊙ σ'(z^l), ∇W^l as ∂C/∂W^l: a reading, not the writer's word
        reason = reason or f"{read}, a reading the step does not spell out"
    if not reason and (cue := NO_ACTIVATION.search(step.context)):  # δ^l = (W^{l+1})^T δ^{l+1} of a pooling layer
        linear = [evaluate((lhs, rhs), free, ("identity",), roles, f) for f in formulas or [None]]
        if all(o == ("ok",) for o in linear):
            reason = f"they agree where the layer applies no activation, as the prose before the step says ({cue[0]})"
    if reason:
        return "inconclusive", None, f"the sides differ on a random network ({what}), but {reason}"
    example = {**where, "left": left, "right": right}
    return "wrong", example, f"the sides differ on a random network ({what}): {_show(where, left, right)}"


def _readings(lhs: tuple, rhs: tuple, roles: Roles) -> tuple[tuple, tuple, str]:
    """Both sides with ⊙ ∂σ/∂z^l read as σ'(z^l) and a bare ∇ as the loss's gradient
    (layered_rewrites), and what was read so ('' for nothing)."""
    said = []
    (lhs, left), (rhs, right) = entrywise_derivatives(lhs, roles), entrywise_derivatives(rhs, roles)
    if left or right:
        said.append(f"∂{roles.act}/∂{roles.z} beside ⊙ read as {roles.act}'({roles.z}) entrywise")
    (lhs, left), (rhs, right) = gradients_read(lhs, roles), gradients_read(rhs, roles)
    if left or right:
        said.append(f"∇X read as ∂{roles.loss}/∂X, the gradient of the document's loss")
    return lhs, rhs, "; ".join(said)


def _what(ctx: LayeredContext, formula: bool = False) -> str:
    act = "the logistic activation"
    if ctx.activations != ("logistic",):
        act = "the logistic and another smooth activation"
    forms = " and ".join(sorted(ctx.forms))
    loss = "the document's loss formula, a random target" if formula else "a random smooth loss of the last layer's a"
    return (f"{WIDTH} units a layer, l = 2 and 3 of L = {LAST} layers, {act}, {loss}, "
            f"the forward pass as the document states it ({forms})")


def _show(where: dict, left: float, right: float) -> str:
    at = ", ".join(f"{k} = {v}" for k, v in where.items())
    return f"at {at}: left side = {left:.6g}, right side = {right:.6g}"


def _unsure_here(step: Any, sides: tuple, ctx: LayeredContext) -> str:
    """Why a difference at this step is not called wrong, or '': conditions it is stated under
    (i ≠ j) are not applied here; a document that also uses softmax may mean it at the last layer."""
    if step.conditions:
        return "the step is stated under conditions (" + ", ".join(step.conditions) + ") not applied here"
    both = ("pair", *sides)
    layered = {name for name in names_in(both) if ctx.roles.role(name) in ("delta", "z", "a", "w", "b")}
    bare = sorted(name for name in layered if None in _layers(both, name))
    if bare and any(layer is not None and layer[0] != "L" for name in layered for layer in _layers(both, name)):
        # \nabla_a C = (w^l)^T \delta^{l+1}: the writer's a is some layer's, which one is not written
        # (beside the last layer's names only, Nielsen's \nabla_a C is the output layer's, as read)
        return f"{', '.join(bare)} is written without its layer beside layered names (which layer is meant?)"
    if ctx.softmax and any(layer[0] == "L" for name in names_in(both) for layer in _layers(both, name)):
        return "the document also uses softmax, which its last layer may apply instead of the activation"
    return ""


def _no_wrong(lhs: tuple, rhs: tuple, ctx: LayeredContext, transposed: bool) -> str:
    """Why a difference is not called wrong, or ''."""
    if not ctx.consistent:
        return "the document's two forward passes do not give the same network"
    if ctx.activation_assumed:
        return "the document states its network (activation, forward pass or delta) at the last layer only"
    # with one forward pass stated, every alias is a guess (W for w, \Theta for \theta: _aliases)
    guessed = set(ctx.roles.aliases) if len(ctx.forms) == 1 else set()
    if guessed & (names_in(lhs) | names_in(rhs)):
        return f"the document writes its weights {ctx.roles.weight}, not {', '.join(sorted(guessed))}: read as the same"
    if not ctx.vectors:
        return "the document never shows its layers are vectors: it may mean one neuron a layer (numbers)"
    # Even a step that writes no loss (δ^{l-1} = (W^T δ^l) ⊙ σ') holds trivially for the loss set
    # aside when that loss does not reach the network (δ = 0 there): not wrong either way.
    if ctx.loss_elsewhere:
        return f"the document's formula for {ctx.roles.loss} does not write {ctx.roles.a}: the loss meant is not known"
    if free_indices(lhs) != free_indices(rhs):
        return "the two sides do not write the same free indices"
    if transposed:
        return "they agree transposed (a derivative by a matrix laid out the other way)"
    forms = _weight_forms(lhs, ctx.roles) | _weight_forms(rhs, ctx.roles)
    if forms - ctx.forms:
        return "the document states its forward pass only " + (
            "per entry, not what its weight matrix is"
            if "entry" in ctx.forms
            else "with the weight matrix, not its entries"
        )
    return ""

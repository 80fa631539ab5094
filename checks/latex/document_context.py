r"""What a document says about its own notation, gathered once before its steps are judged.

The profile it uses (default or a course layout), its labels and vectors, the functions it
defines (also at expressions, and bare names that are a function's value), the facts it states
(label families that sum to one), whether it sums repeated indices, the index pairs it splits
into cases, functions it leaves undefined, its definitions and Andrew Ng's d-names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from derive.checks.latex.abstract_functions import abstract_name, document_abstract_functions
from derive.checks.latex.applied_names import find_applied_names
from derive.checks.latex.bare_values import document_bare_values
from derive.checks.latex.binary_labels import stated_binary_labels, stated_signed_labels
from derive.checks.latex.called_names import find_called_names
from derive.checks.latex.case_splits import document_case_pairs
from derive.checks.latex.dependent_lists import find_dependent_names, fixed_dependences
from derive.checks.latex.deviation_names import stated_bounds, stated_deviations
from derive.checks.latex.digit_names import document_digit_names
from derive.checks.latex.distribution_letters import distribution_functions
from derive.checks.latex.doc_definitions import DocumentDefinitions, parsed_definitions
from derive.checks.latex.doc_labels import with_bracket_steps, with_document_labels
from derive.checks.latex.doc_vectors import with_document_vectors
from derive.checks.latex.einstein import uses_einstein
from derive.checks.latex.function_values import two_valued, with_function_values
from derive.checks.latex.index_sums import named_sums
from derive.checks.latex.later_plain_values import plain_at, plain_values_after
from derive.checks.latex.layer_instances import LayerInstance, read_layer_instances
from derive.checks.latex.lowercase_transposes import writes_t_transposes
from derive.checks.latex.multi_functions import with_multi_functions
from derive.checks.latex.ng_names import NgNames
from derive.checks.latex.normalize import Notation
from derive.checks.latex.notation import choose_profile
from derive.checks.latex.own_functions import find_new_functions
from derive.checks.latex.pattern_functions import find_pattern_functions
from derive.checks.latex.prose_formulas import prose_formula_names
from derive.checks.latex.quantity_names import document_quantity_names
from derive.checks.latex.restated_values import unevaluable_restatements
from derive.checks.latex.scoped_functions import ScopedFunctions, find_scoped_functions
from derive.checks.latex.standard_losses import with_standard_losses
from derive.checks.latex.stated_derivatives import defined_conventions, refuted_conventions
from derive.checks.latex.stated_entry_sums import stated_entry_sums
from derive.checks.latex.stated_facts import stated_sums_to_one, stated_true_class
from derive.checks.latex.stated_kinds import stated_kinds
from derive.checks.latex.stated_log_base import stated_log_bases
from derive.checks.latex.stated_properties import stated_idempotents
from derive.checks.latex.stated_signs import sequence_indices, stated_positive
from derive.checks.latex.subscripted_functions import find_more_functions, more_definitions
from derive.checks.latex.trailing_definitions import hoist_trailing_definitions
from derive.checks.latex.unapplied_softmax import unapplied_softmax_names
from derive.checks.latex.unstated_dependence import DependenceNotes
from derive.checks.latex.variable_e import with_variable_e
from derive.checks.latex.verdict_guards import prose_index_values

__all__ = ["DocumentContext", "document_context"]


@dataclass
class DocumentContext:
    notation: Notation  # the notation as this document uses it
    new_functions: list[Any]  # the functions it defines, where it defines them
    document: DocumentDefinitions  # its definitions of names
    doubled: frozenset[str]  # names defined both as a function and by a plain value
    typed_notation: Notation  # with the document's own shape declarations, for sampling
    ng: NgNames  # Andrew Ng's d-names, where the document writes them
    unstated: DependenceNotes  # what its steps differentiate, for names it never defines
    scoped: ScopedFunctions  # functions it defines again differently: each use means the latest
    #: doubled names whose plain value comes after the function: where it does (later_plain_values)
    plain_after: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: z^l_j = Σ_k w^l_{jk} a^{l-1}_k + b^l_j read at the other layers the document writes; they
    #: confirm unread steps only, in a second reading (layer_instances)
    layer_instances: list[LayerInstance] = field(default_factory=list)

    @property
    def own_functions(self) -> tuple[list[Any], frozenset[str]]:
        """The functions it defines, and those it defines differently in turn (later_functions)."""
        return self.new_functions, frozenset(self.scoped.defs)

    def plain_at(self, step: Any) -> frozenset[str]:
        """The doubled names that mean their later plain value at this step (later_plain_values)."""
        return plain_at(self.plain_after, step.line, step.column)


def document_context(text: str, notation: Notation, equations: list) -> DocumentContext:
    """Everything of the module docstring, for one document."""
    notation, new_functions = _document_notation(text, notation, equations)
    # functions defined at expressions, and bare names that are a function's value (function_values)
    notation, new_functions = with_function_values(equations, notation, new_functions)
    # \ell_{ce}(h, y): the softmax cross-entropy, or the document's own definition of it (standard_losses)
    notation = with_standard_losses(equations, notation, text)
    # J(w_1, w_2, b), E(\bm W): a loss written applied to the document's variables is that name (applied_names)
    applied = find_applied_names(equations, notation, text)
    # … and where the document never gives it a value, an unknown function of them (dependent_names)
    # (ℓ(w, b), which the extractor writes bare (fixed_arguments), too)
    dependent = find_dependent_names(equations, notation, {**fixed_dependences(text, notation), **applied})
    notation = replace(notation, applied_names=applied, applied_functions=dependent)
    # C(w, b), \partial E(\mathbf w): a name the document writes as a function is called (called_names)
    notation = replace(notation, called_functions=find_called_names(equations, notation))
    document = DocumentDefinitions(equations, notation, typed_base=parsed_definitions(notation), text=text)
    # "$$ … = -y \log a $$ where $a = \sigma(z)$": a definition in the clause after a display holds
    # for that display's steps too (trailing_definitions)
    hoist_trailing_definitions(document, equations, text)
    instances = read_layer_instances(document, equations, notation)
    # a restatement of the notation's loss that cannot be evaluated gives way to it (restated_values)
    document.fallback = unevaluable_restatements(document.typed, document.typed_base, notation)
    # a name the document defines both as a function and by a plain value has two values (function_values)
    doubled = two_valued(notation, {d.name: d.rhs for d in document.defs})
    # the document's own shape declarations, for sampling values in matrix steps
    typed_notation = replace(notation, sample_shapes={**notation.sample_shapes, **document.declared})
    ng = NgNames(text, equations, {d.name: d.rhs for d in [*document.implied.found, *document.defs]})
    unstated = DependenceNotes(document, notation)  # unstated_dependence
    # a letter defined differently in turn is no undefined function for being primed (g'(z) after
    # g(z) = 1/(1 + e^{-z}) and g(z) = e^z/(1 + e^z)): abstract_functions only says it is a function
    own = replace(notation, functions={k: v for k, v in notation.functions.items() if abstract_name(v) is None})
    scoped = find_scoped_functions(equations, own, set(notation.doc_functions))
    # F(b) = …, then "in this case F = …": the case the text goes on with (later_plain_values)
    later = plain_values_after(doubled, document.defs, new_functions)
    return DocumentContext(
        notation, new_functions, document, doubled, typed_notation, ng, unstated, scoped, later, instances
    )


def _document_notation(text: str, notation: Notation, equations: list) -> tuple[Notation, list]:
    """The notation as this document uses it: its profile, labels, vectors, the functions it
    defines and the label families it says sum to one."""
    # labels are found in the math as read too: \par{C}{b^l} of a \gdef is ∂C/∂b^l there (macros)
    expanded = "\n".join([text, *(e.text for e in equations)])
    notation = with_document_vectors(text, with_document_labels(expanded, choose_profile(text, notation)))
    notation = with_bracket_steps(expanded, notation)  # Z^{(k)} and W^{(k)}: A^{(k-1)} is a label
    # w5, z1 typed for w_5, z_1 where the document numbers those letters (digit_names)
    notation = replace(notation, digit_names=document_digit_names(equations, notation))
    # φ(z) = 1/(1 + e^{-z}): the document's φ, not the convention's ReLU (stated_derivatives)
    notation = notation.without_functions(defined_conventions(equations, notation))
    notation = with_variable_e(equations, notation)  # ∂L/∂e after e = a b: a variable (variable_e)
    defined = more_definitions(equations, notation)  # name(parameter) = value, every one in order
    new_functions = find_more_functions(defined, find_new_functions(equations, notation))
    new_functions = with_multi_functions(equations, notation, new_functions)
    # g(θ^T x) = 1/(1 + e^{-θ^T x}): g defined at an expression (pattern_functions)
    # … never for a name defined otherwise too, once or twice differently (f(z_j) = σ and f(x) = tanh)
    taken = {f.name for f in new_functions} | {d.name for d in defined}
    new_functions += find_pattern_functions(equations, notation, taken)
    notation = replace(
        notation,
        doc_functions={f.name: (f.parameter, f.body) for f in new_functions},
        sums_to_one=notation.sums_to_one | _stated_facts(text, notation),
        entry_sums=stated_entry_sums([e.text for e in equations]),
        einstein=notation.einstein or uses_einstein(text),
        case_pairs=document_case_pairs(text),
        named_sums=named_sums(text),
        prose_values=prose_index_values(text),
        prose_formulas=prose_formula_names(text),
        log_bases=stated_log_bases(text),
        transpose_t=writes_t_transposes([e.text for e in equations]),
        idempotents=stated_idempotents(equations),
        kinds=stated_kinds(text),
        bare_values=document_bare_values(equations, notation.functions),
        binary=stated_binary_labels(text),
        signed=stated_signed_labels(text),
        # "su varianza es $s^2/n$", "$\|f\|_\infty \le M$": never negative (deviation_names)
        # "for some $\epsilon>0$": positive in the whole argument (stated_signs)
        domains={
            **sequence_indices(text, notation),  # a_k, \lim_{k \to \infty}: k counts terms (stated_signs)
            **stated_positive(text, notation),
            **stated_deviations(text, notation),
            **stated_bounds(text, notation),
            **notation.domains,
        },
    )
    # S = e^{y_1} + e^{y_2}, never S(…): the document's quantity, not the notation's softmax (quantity_names)
    notation = notation.without_functions(document_quantity_names(text, notation.functions))
    # \frac{1}{S}\sum_s^S, \tanh S_k^{(l)}: S never applied, the document's quantity (unapplied_softmax)
    notation = notation.without_functions(unapplied_softmax_names(text, notation.functions))
    # φ'(x) = φ(x)(1 - φ(x)) stated by the document: not the convention's ReLU (stated_derivatives)
    notation = notation.without_functions(refuted_conventions(equations, notation))
    # f'(…) written for a function the document never defines: f(…) is a call (abstract_functions)
    abstract = document_abstract_functions(text, notation)
    # F_X(c) = \mathbb{P}(X \le c) = φ(…): the document's distribution function, not the ReLU (distribution_letters)
    abstract.update(distribution_functions(equations, notation))
    if abstract:
        notation = replace(notation, functions={**notation.functions, **abstract})
    return notation, new_functions


def _stated_facts(text: str, notation: Notation) -> frozenset[str]:
    """Families stated to sum to one (``y``) and a stated true class (``y=k``)."""
    families = stated_sums_to_one(text) | _onehot_letters(notation)
    return families | stated_true_class(text, families)


def _onehot_letters(notation: Notation) -> frozenset[str]:
    """The notation file's [onehot] names that are one letter (y): their entries sum to one."""
    return frozenset(n for n in notation.onehot if len(n) == 1)

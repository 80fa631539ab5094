r"""False alarms the thirty-ninth hunt found (58 public documents from repositories nobody on the
project had used: Kalman-filter derivations, reinforcement-learning notes on Bellman equations and
policy gradients, variational inference, attention and LSTM back-propagation, an information-theory
course's lecture notes and assignments, engineering notes on inference, signals and linear algebra)
and checked every 'wrong' by hand. Each class is tested here with made-up examples of it, beside a
wrong twin that must stay wrong:

- a conjugate transpose ``(M^{\mathbf{H}} M)^{\mathbf{H}} = M^{\mathbf{H}} M`` read as a power
  (conjugate_transposes);
- a bare ``\log`` in bits: the document writes ``\log_2`` elsewhere in the step or the page, or
  uses information theory's ``H(X \mid Y)`` beside the word entropy (stated_log_base);
- ``p = P_X(0)`` read as P_X·0 = 0, so a later "let $p = \frac12$" was refuted (number_calls);
- "This is the least squares solution to $G\theta = x$": the system being solved, not a claim
  (stated_equations).
"""

from __future__ import annotations

from collections.abc import Callable

# a Hermitian product (made up with A, B, U): the transpose written as an upright or bold H, or a dagger
HERMITIAN = r"""For complex matrices, $ {claim} $ always.

Also $x^2 x^3 = x^6$ here.
"""


def test_a_conjugate_transpose_is_not_read_as_a_power(statuses: Callable[[str], list[str]]) -> None:
    for claim in (
        r"(A^{\mathbf{H}} A)^{\mathbf{H}} = A^{\mathbf{H}} A",
        r"(AB)^\mathrm{H} = B^\mathrm{H} A^\mathrm{H}",
        r"(U^\dagger)^\dagger = U",
    ):
        found = statuses(HERMITIAN.replace("{claim}", claim))
        assert found[0] == "unparsed"  # never wrong, never proved as a power
        assert found[-1] == "wrong"  # the power beside it is still judged


def test_a_wrong_conjugate_transpose_is_not_proved_as_a_power(statuses: Callable[[str], list[str]]) -> None:
    # (AB)^H = A^H B^H is false for matrices, true for powers of numbers: not 'ok' any more
    assert statuses(HERMITIAN.replace("{claim}", r"(AB)^{\mathbf{H}} = A^{\mathbf{H}} B^{\mathbf{H}}"))[0] == "unparsed"


# an entropy in bits (made up with X, Y, Z and a fair coin): H(·) of capital random variables
ENTROPY = r"""The entropy of a fair coin:
$$
H(X \mid Y = 1) = \frac12\log 2 + \frac12\log 2 = {value}
$$
"""


def test_a_bare_log_in_entropy_notation_is_read_in_bits(statuses: Callable[[str], list[str]]) -> None:
    assert "wrong" not in statuses(ENTROPY.replace("{value}", "1"))
    assert statuses(ENTROPY.replace("{value}", "2"))[-1] == "wrong"  # wrong in every base
    # without entropy notation the natural log is read, and the same sum is refuted
    plain = "The sum:\n$$\n\\frac12\\log 2 + \\frac12\\log 2 = 1\n$$\n"
    assert statuses(plain)[-1] == "wrong"


# a differential entropy (made up with s, a): \log_2 written once, then a bare \log in the same chain
BITS = r"""We find
$$
\frac12 \log_2 e + \log a = {rhs}
$$
"""


def test_a_bare_log_beside_a_log_2_may_be_base_2(statuses: Callable[[str], list[str]]) -> None:
    assert "wrong" not in statuses(BITS.replace("{rhs}", r"\frac12\log(a^2 e)"))
    assert statuses(BITS.replace("{rhs}", r"\log(a^2 e)"))[-1] == "wrong"  # wrong in base 2 and base e


# a probability given as a function's value (made up with q, F_Y, G_{Z}): then a number assigned
ASSIGNED = r"""Let $q = {call}$ be the mass at one. Furthermore, let $q = \frac13$ in this case.
"""


def test_a_value_at_a_number_in_a_definition_is_not_a_product(statuses: Callable[[str], list[str]]) -> None:
    for call in ("F_Y(1)", "G_{Z}(0)", "P_X(2)"):
        assert "wrong" not in statuses(ASSIGNED.replace("{call}", call))


def test_a_definition_without_such_a_call_still_refutes(statuses: Callable[[str], list[str]]) -> None:
    assert statuses("Let $q = 2r$ here.\n\n$$\nq + q = 3r\n$$\n")[-1] == "wrong"
    # a bracket around a formula stays a product: c_1(x + 1) is c_1·(x + 1)
    assert statuses("Let $q = c_1(x + 1)$ here.\n\n$$\nq + q = 2 c_1 x\n$$\n")[-1] == "wrong"


# an equation being solved (made up with w, y): "the solution to" introduces it, w its unknown
SOLVED = r"""Here $y = 3w - 2$ as before.

{words} $w^2 = y$ and so on.
"""


def test_the_system_a_solution_solves_is_not_wrong(statuses: Callable[[str], list[str]]) -> None:
    for words in ("The estimate is the solution to", "We take the solutions of"):
        assert statuses(SOLVED.replace("{words}", words))[-1] == "inconclusive"


def test_the_same_system_claimed_is_still_wrong(statuses: Callable[[str], list[str]]) -> None:
    assert statuses(SOLVED.replace("{words}", "Hence we see that"))[-1] == "wrong"

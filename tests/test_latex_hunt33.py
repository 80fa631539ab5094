r"""False alarms the thirty-third hunt found (90 public documents from 25 repositories nobody on
the project had used: machine-learning course notes, statistics proofs, physics study plans,
university entrance solutions in Japanese, blog posts on variational inference, SVMs and the
Riemann tensor, Quarto lectures and a notebook) and checked every 'wrong' by hand: each, reduced
to its form, must never be wrong again, and the wrong twin of each must stay wrong.

- siiea-ai/Quantum-Engineering (…/Week_24_Hamiltonian_II/Day_164_Wednesday.md, line 140): the
  action of the harmonic oscillator, ``\frac{1}{2}\sqrt{2mE} \cdot \sqrt{\frac{2E}{m\omega^2}} =
  \frac{E}{\omega}``, refuted at ω = −1: a frequency taken out of a root is a magnitude
  (root_squares).
- WangcsShuai/kevinzakka.github.io (_posts/2016-09-14-batch_normalization.markdown, line 203): the
  backward pass of batch norm node by node, ``\dfrac{\partial \hat{x}_i}{\partial x_i} =
  \dfrac{1}{\sqrt{\sigma^2 + \epsilon}}`` beside a chain rule with a term through σ², refuted
  as the total derivative: a partial derivative in a staged computation holds the other nodes
  fixed (graph_partials).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

# siiea-ai/Quantum-Engineering, Year_0_…/Week_24_Hamiltonian_II/Day_164_Wednesday.md (lines 120-140)
ACTION = r"""$$H = \frac{p^2}{2m} + \frac{1}{2}m\omega^2 q^2 = E$$

Semi-axes: a_q = √(2E/(mω²)), a_p = √(2mE)

$$= \frac{a_p a_q}{2}$$

$$= \frac{1}{2}\sqrt{2mE} \cdot \sqrt{\frac{2E}{m\omega^2}} = \frac{E}{\omega}$$
"""
# made-up steps of the class: a mass, a sample deviation and a spring constant out of a root
REST_ENERGY = r"""At rest the energy is $$E = \sqrt{m^2 c^4} = m c^2$$"""
STANDARD_ERROR = r"""The standard error of the mean is $$\sqrt{\frac{s^2}{n}} = \frac{s}{\sqrt{n}}$$"""
PERIOD = r"""The angular frequency is $$\sqrt{\frac{k^2}{m^2}} \cdot m = k$$"""


def test_a_frequency_taken_out_of_a_root_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ACTION, r"\frac{1}{2}\sqrt{2mE}", runner)
    assert status == "inconclusive", message
    assert r"\omega positive" in message


def test_the_action_with_a_factor_slipped_stays_wrong(runner: StepRunner) -> None:
    wrong = ACTION.replace(r"= \frac{E}{\omega}", r"= \frac{2E}{\omega}")
    status, message = step_verdict(wrong, r"\frac{1}{2}\sqrt{2mE}", runner)
    assert status == "wrong", message


def test_names_of_magnitudes_out_of_roots_are_not_wrong(runner: StepRunner) -> None:
    for text, lhs in ((REST_ENERGY, r"\sqrt{m^2"), (STANDARD_ERROR, r"\sqrt{\frac{s^2"), (PERIOD, r"\sqrt{\frac{k^2")):
        status, message = step_verdict(text, lhs, runner)
        assert status != "wrong", (text, message)


def test_their_wrong_twins_stay_wrong(runner: StepRunner) -> None:
    twins = (
        (REST_ENERGY.replace("= m c^2", "= m c"), r"\sqrt{m^2"),
        (STANDARD_ERROR.replace(r"\frac{s}{\sqrt{n}}", r"\frac{s}{n}"), r"\sqrt{\frac{s^2"),
        (PERIOD.replace(r"\cdot m = k", r"\cdot m = 2k"), r"\sqrt{\frac{k^2"),
    )
    for text, lhs in twins:
        status, message = step_verdict(text, lhs, runner)
        assert status == "wrong", (text, message)


def test_a_bracket_squared_under_a_root_stays_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"We get $$\sqrt{(x - 1)^2} = x - 1$$", r"\sqrt{(x", runner)
    assert status == "wrong", message


# WangcsShuai/kevinzakka.github.io, _posts/2016-09-14-batch_normalization.markdown (lines 135-203),
# reduced to the form: a made-up layer normalisation whose chain rule goes through every node
LAYER_NORM = r"""Layer normalisation of a vector $a$ with $H$ entries:

$$\mu = \frac{1}{H}\sum_{k=1}^{H} a_k$$

$$v = \frac{1}{H}\sum_{k=1}^{H} (a_k - \mu)^2$$

$$n_k = \frac{a_k - \mu}{\sqrt{v + \epsilon}}$$

By the chain rule through every node,

$$\frac{\partial L}{\partial a_k} = \frac{\partial L}{\partial n_k}\frac{\partial n_k}{\partial a_k}
+ \frac{\partial L}{\partial v}\frac{\partial v}{\partial a_k}
+ \frac{\partial L}{\partial \mu}\frac{\partial \mu}{\partial a_k}$$

The local derivative is

$$\frac{\partial n_k}{\partial a_k} = \frac{1}{\sqrt{v + \epsilon}}$$
"""
# the local derivative alone, with no node differentiated by: the total derivative is claimed
LAYER_NORM_WHOLE = "\n\n".join(
    block for block in LAYER_NORM.split("\n\n") if "chain rule" not in block and r"\partial L" not in block
)


def test_a_local_partial_derivative_holding_the_other_nodes_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(LAYER_NORM, r"\frac{\partial n_k}", runner)
    assert status == "inconclusive", message
    assert "staged computation" in message


def test_a_local_partial_derivative_wrong_with_the_nodes_held_stays_wrong(runner: StepRunner) -> None:
    wrong = LAYER_NORM.replace(r"= \frac{1}{\sqrt{v + \epsilon}}", r"= \frac{2}{\sqrt{v + \epsilon}}")
    status, message = step_verdict(wrong, r"\frac{\partial n_k}", runner)
    assert status == "wrong", message


def test_the_derivative_of_a_formula_never_split_into_nodes_stays_wrong(runner: StepRunner) -> None:
    assert r"\partial L" not in LAYER_NORM_WHOLE
    status, message = step_verdict(LAYER_NORM_WHOLE, r"\frac{\partial n_k}", runner)
    assert status == "wrong", message

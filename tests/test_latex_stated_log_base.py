r"""A logarithm base stated in prose (checks/latex/stated_log_base.py): an entropy note says "We
consider the log base 2." and then writes a bare ``\log``; its step
``-[2^{-2}\log 2^{-2} + 2^{-1}\log 2^{-1} + 2^{-2}\log 2^{-2}] = 2^{-1} + 2^{-1} + 2^{-1}`` holds in
base 2 and is not called wrong (Vinschers/vinschers.github.io, statistics/information). A step
that is wrong in base 2 too stays wrong, and without a stated base the natural log still refutes."""

from __future__ import annotations

from derive.checks.latex.checker import check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.stated_log_base import stated_log_bases

NOTATION = load_notation()

ENTROPY = (
    "(a) We consider the log base 2.\n\n"
    "$$\n\\begin{align*}\n"
    "H &= - [ 2^{-2} \\log{2^{-2}} + 2^{-1} \\log{2^{-1}} + 2^{-2} \\log{2^{-2}} ] \\\\\n"
    "&= %s\n"
    "\\end{align*}\n$$\n"
)


def _statuses(text: str) -> list[str]:
    report = check_text(text, NOTATION, markdown=True)
    return [r.status for r in sorted(report.results, key=lambda r: (r.step.line, r.step.column))]


def test_a_step_that_holds_in_the_stated_base_is_not_wrong() -> None:
    assert _statuses(ENTROPY % "2^{-1} + 2^{-1} + 2^{-1}")[-1] == "inconclusive"


def test_a_step_wrong_in_the_stated_base_too_stays_wrong() -> None:
    assert _statuses(ENTROPY % "2^{-1} + 2^{-1} + 2^{-2}")[-1] == "wrong"


def test_without_a_stated_base_the_natural_log_refutes() -> None:
    text = (ENTROPY % "2^{-1} + 2^{-1} + 2^{-1}").replace("We consider the log base 2.", "We compute.")
    assert _statuses(text)[-1] == "wrong"


def test_bases_stated_in_words_in_several_languages() -> None:
    assert stated_log_bases("We consider the log base 2.") == ("2",)
    assert stated_log_bases("all logarithms are to the base 10 here") == ("10",)
    assert stated_log_bases("the base-2 logarithm of p") == ("2",)
    assert stated_log_bases("这里对数以2为底") == ("2",)
    assert stated_log_bases("밑이 2인 로그를 쓴다") == ("2",)
    assert stated_log_bases("底を2とする対数") == ("2",)
    # the natural base, and a base stated for something else, are not logarithm bases
    assert stated_log_bases("the natural log, base e") == ()
    assert stated_log_bases("a number in base 2 has digits 0 and 1") == ()


def test_information_in_bits_implies_base_2() -> None:
    # hehelego/WhyNotMarkdown (Information-Theory-source-code-channel-code.md):
    # I(X;Y) <= log|Y| - 1 = log 26 - 1 = log 13, a channel that carries bits
    assert stated_log_bases("The channel carries R bits per symbol; its mutual information is") == ("2",)
    assert stated_log_bases("熵的单位是比特") == ("2",)
    assert stated_log_bases("a float has 32 bits") == ()  # bits of memory, no information measured
    assert stated_log_bases("the entropy in nats") == ()
    text = "The code sends $R$ bits per symbol and the information is\n\n$$\\log 26 - 1 = %s$$\n"
    assert _statuses(text % "\\log 13")[-1] == "inconclusive"
    assert _statuses(text % "\\log 12")[-1] == "wrong"  # wrong in base 2 too: still found


def test_a_base_written_in_a_formula_or_entropy_notation() -> None:
    # an information-theory course's notes (hunt 39): \frac12 \log_2 e + \log(\sigma\sqrt{2\pi})
    assert stated_log_bases(r"we get $\frac12 \log_2 e + \log k$") == ("2",)
    assert stated_log_bases(r"the decibel: $10 \log_{10} P$") == ("10",)
    # H(X \mid Y) of random variables beside the word entropy: bits
    assert stated_log_bases(r"the conditional entropy $H(X \mid Y) = \sum p \log p$") == ("2",)
    assert stated_log_bases(r"mutual information $I(X;Y)$ of two variables") == ("2",)
    # cross-entropy of distributions p, q, and H(X) with no entropy in the text: no base
    assert stated_log_bases(r"the cross-entropy $H(p, q) = -\sum p \log q$") == ()
    assert stated_log_bases(r"the hypothesis $H(X)$ of the test") == ()
    assert stated_log_bases(r"$\log_1 x$ and $\log_0 y$ are no bases") == ()

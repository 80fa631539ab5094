"""squeezed_text: the one way readings compare what two places write."""

from derive.checks.latex.squeezed_text import BOLD_FONTS, squeezed


def test_blanks_and_braces_go_and_nothing_else():
    assert squeezed(r"\sigma^{2} + x_{i}") == r"\sigma^2+x_i"
    assert squeezed(r"\left( a \right)") == r"\left(a\right)"  # sizing is kept unless asked
    assert squeezed(r"\mathbf{x}") == r"\mathbfx"


def test_spacing_drops_sizing_and_thin_spaces():
    assert squeezed(r"\left( a \, b \right)", spacing=True) == "(ab)"
    assert squeezed(r"\frac{\partial P_j}{\partial o_i}", spacing=True) == r"\frac\partialP_j\partialo_i"
    # a row break \\ is not a space
    assert squeezed(r"a \\ b", spacing=True) == r"a\\b"


def test_fonts_drop_the_command_and_keep_its_argument():
    assert squeezed(r"\mathbf{x}_i \cdot \boldsymbol {w}", fonts=BOLD_FONTS) == r"x_i\cdotw"
    assert squeezed(r"\mathcal{L}", fonts=("mathcal",)) == "L"
    # only the listed commands: \hat is a decoration, and stays
    assert squeezed(r"\hat{\mathbf{y}}", fonts=BOLD_FONTS) == r"\haty"
    assert squeezed(r"\mathbf{x}", fonts=("mathcal",)) == r"\mathbfx"

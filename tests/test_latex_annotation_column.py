r"""annotation_column: the comment column of an align row, and a sum that goes on in a column.

A TDT4265 report (held-out 18) set the three terms of a derivative out in columns,
``\pdv{C}{\hat y} &= \pdv{}{\hat y}(-y\ln\hat y) &&+\pdv{}{\hat y}(-\ln(1-\hat y)) &&+ …``: the columns
after ``&&`` were cut as comments, and the correct step, read with its first term only, was wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.annotation_column import annotation_start
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation


@pytest.mark.parametrize(
    ("row", "cut_at"),
    [
        (r"a &= b && \text{by (3)}", r"&& \text{by (3)}"),  # a reason: cut
        (r"a &= b &&\why{chain rule}", r"&&\why{chain rule}"),
        (r"a &= b &&+ c", None),  # the sum goes on: nothing cut
        (r"a &= b && - c && + d", None),
        (r"a &= b &&\color{blue}{-1} c", None),
        (r"a &= b &&\cdot c", None),
        (r"a &= b &&+ c && \text{(linearity)}", r"&& \text{(linearity)}"),  # goes on, then a reason
        (r"a &= b && c &= d", None),  # a second equation stays
    ],
)
def test_the_comment_column_and_a_sum_set_out_in_columns(row: str, cut_at: str | None) -> None:
    start = annotation_start(row)
    assert (row[start:] if start is not None else None) == cut_at


_COLUMNS = r"""
\begin{align}
\frac{d}{du}(u^2 + e^u) &= \frac{d}{du}u^2 &&+ \frac{d}{du}e^u \\
&= 2u &&+ e^u \\
&= 2u &&- e^u
\end{align}
"""


def test_a_derivative_set_out_in_columns_is_read_whole(runner: StepRunner) -> None:
    report = check_text(_COLUMNS, load_notation(), runner=runner, markdown=False)
    assert [r.status for r in report.results] == ["ok", "ok", "wrong"]

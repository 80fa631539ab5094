r"""A conjugate transpose (``M^{\mathbf{H}}``, ``A^\mathrm{H}``, ``U^\dagger``): complex matrices, not read.

Engineering and signal-processing notes write the Hermitian (conjugate) transpose as an upright
or bold H in the exponent, or as a dagger: "A matrix $M^{\mathbf{H}} M$ is always Hermitian since
$(M^\mathbf{H} M)^{\mathbf{H}} = M^{\mathbf{H}} M$" (hunt 39, a Cambridge engineering student's
linear-algebra notes). The readers took the font away and the H with it into a name, so the step
became a power, (M^H M)^H against M^H M, and was refuted at H = 2, M = -1. Nothing here reads
complex conjugation, and read as a plain transpose of real matrices a step about complex ones
could be accepted wrongly (``(cM)^H = cM^H`` holds for real c only), so such a step is not judged,
with the reason. An italic ``^H`` (a power, or a name H) and ``^*`` (an optimum, ``w^*``) are read
as before.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.results import verdict

__all__ = ["conjugate_transpose_verdict"]

#: ^{\mathbf{H}}, ^\mathrm H, ^{\textsf{H}}, ^\dagger, ^{\dag}: the exponent alone, in a font or a dagger
_CONJUGATE = re.compile(
    r"\^\s*(?:\{\s*)?(?:\\(?:mathbf|mathrm|mathsf|boldsymbol|bm|textsf|textrm|textbf|text|rm|bf|sf)"
    r"\s*(?:\{\s*H\s*\}|H(?![A-Za-z]))|\\dag(?:ger)?(?![A-Za-z]))"
)


def conjugate_transpose_verdict(lhs: str, rhs: str) -> dict[str, Any] | None:
    """Unparsed, saying why, where a side writes a conjugate transpose (above); None otherwise."""
    for side in (lhs, rhs):
        found = _CONJUGATE.search(side)
        if found is not None:
            written = " ".join(side[found.start() : found.end()].split())
            written += "}" * (written.count("{") - written.count("}"))  # the group the match opened
            why = f"a conjugate transpose ({written}): complex matrices are not read"
            return verdict("unparsed", why, "parse")
    return None

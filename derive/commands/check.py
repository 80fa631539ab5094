"""``derive check LHS RHS``: prove or refute an ad-hoc claim typed in Python-like syntax.

Click options and printing only: parsing and judging are ``derive.checks.proof.claims``
(which calls the one claim judge, ``derive.checks.proof.judge``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click
import sympy as sp

from derive.checks.proof.claims import CheckResult, Reader, check_claim, parse_claim_limited
from derive.errors import DeriveError

if TYPE_CHECKING:
    from derive.checks.latex.notation import Notation

_STYLE = {"verified": "green", "refuted": "bold red", "unverified": "yellow"}


def _show_point(cex: Mapping[str, Any]) -> str:
    point = ", ".join(f"{k} = {v}" for k, v in cex.get("point", {}).items()) or "every input"
    where = f" ({cex['where']})" if cex.get("where") else ""
    sides = []
    for k in ("lhs", "rhs"):
        exact = cex.get(k + "_latex") or cex.get(k + "_exact")
        sides.append(f"{exact} ≈ {cex[k]}" if exact and exact != cex[k] else f"{cex.get(k)}")
    gap = f" (they differ by {cex['difference']})" if cex.get("difference") else ""
    return f"at {point}{where}: left side = {sides[0]}, right side = {sides[1]}{gap}"


def _rows(result: CheckResult) -> list[tuple[str, str, str]]:
    """(label, text, style) lines of the table."""
    c, s, n = result.claim, result.symbolic, result.numeric
    show = sp.latex if c.notation == "latex" else sp.sstr  # answer in the notation asked in
    assuming = ", ".join(c.domains[k].describe(k) for k in sorted(c.domains)) or "(no variables)"
    rows = [
        ("claim", f"{c.lhs_text} = {c.rhs_text}", ""),
        ("read as", f"{show(c.lhs)} = {show(c.rhs)}", ""),
        ("assuming", assuming, ""),
        ("symbolic", f"{s['status']} ({s['method']}, {s['seconds']:.2f} s)", ""),
    ]
    if s.get("counterexample"):
        rows.append(("", _show_point(s["counterexample"]), ""))
    elif s.get("detail"):
        rows.append(("", s["detail"], ""))
    rows += [("", f"skipped {skip}", "") for skip in s.get("skipped", [])]
    max_error = f", max error {n['max_error']:.1e}" if isinstance(n.get("max_error"), float) else ""
    examples = f"{n.get('examples', 0)} example{'' if n.get('examples') == 1 else 's'}"
    rows.append(("numeric", f"{n.get('status', 'skipped')} ({examples}{max_error})", ""))
    if n.get("counterexample_exact"):
        rows.append(("", _show_point(n["counterexample_exact"]) + " (exact)", ""))
    elif n.get("counterexample"):
        rows.append(("", _show_point(n["counterexample"]) + " (floating point)", ""))
    elif n.get("detail"):
        rows.append(("", n["detail"], ""))
    rows.append(("verdict", result.verdict, _STYLE[result.verdict]))
    rows += [("", note, "") for note in result.notes]
    return rows


def print_result(result: CheckResult) -> None:
    """Label/value lines; user text goes through ``Text`` so it is never read as markup."""
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=True, highlight=False)
    for label, value, style in _rows(result):
        console.print(Text(f"{label:<10}", style="bold") + Text(value, style=style))


def latex_reader(notation: Notation) -> Reader:
    """Reads a side written in LaTeX with check-latex's reader and notation (one reader for
    both commands: no second LaTeX parser). Matrix sides are check-latex's business."""
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    def read(text: str, what: str) -> sp.Expr:
        norm = normalize(text, notation)
        if norm.matrices:
            raise DeriveError(f"{what}: {', '.join(norm.matrices)} is a matrix in the notation; use derive check-latex")
        try:
            expr = to_sympy(norm)
        except Unparsed as exc:
            raise DeriveError(f"{what}: cannot read the LaTeX: {' '.join(str(exc).split())[:200]}") from None
        if not isinstance(expr, sp.Expr):
            raise DeriveError(f"{what}: {text.strip()!r} is not a scalar expression")
        return expr

    return read


# A side may start with "-" ("-x", "-h*x"): unknown options are arguments here, and only
# --help (not -h) asks for help, so that "-h*x" is an expression.
@click.command("check", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("lhs")
@click.argument("rhs")
@click.option(
    "--assume",
    "assumptions",
    multiple=True,
    metavar="CONDITION",
    help="A domain for a variable: 'x > 0', 'x >= 0', 'x != 0', '0 < alpha < 1' (repeatable). "
    "Variables are real otherwise.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
@click.option("--examples", default=100, show_default=True, type=click.IntRange(1, 10_000), help="Hypothesis examples.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the prover's search and of sampling.")
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1, max=3600),
    help="Seconds allowed to the prover, and again to sampling.",
)
@click.option("--latex", is_flag=True, help="Read LHS and RHS as LaTeX, e.g. '\\frac{d}{dx}\\sigma(x)'.")
@click.option(
    "--notation", type=click.Path(dir_okay=False), help="Notation file (TOML) for --latex; default: derive's."
)
@click.pass_context
def check(
    ctx: click.Context,
    lhs: str,
    rhs: str,
    assumptions: tuple[str, ...],
    as_json: bool,
    examples: int,
    seed: int,
    timeout: float,
    latex: bool,
    notation: str | None,
) -> None:
    """Prove or refute LHS = RHS, e.g. derive check "sigmoid(x)" "(tanh(x/2) + 1)/2".

    Python-like syntax: + - * / ** (or ^), numbers, variables, pi, e, the functions
    sigmoid, softplus, relu, leaky_relu(z, alpha), step, tanh, exp, log, sqrt, abs, sign,
    max, min ..., and derivatives: diff(f, x), diff(f, x, 2), diff(f, x, y). The text is
    parsed, never evaluated as Python. With --latex, both sides are LaTeX read as
    check-latex reads them (\\frac{d}{dx}\\sigma(x), \\max(a, b), \\operatorname{ReLU}(x-1)).

    Exit 0 verified, 1 refuted (with a counterexample), 2 bad input, 3 neither proved nor
    refuted."""
    if notation and not latex:
        raise DeriveError("--notation applies to --latex only")
    kind = "latex" if latex else "text"
    results: list[CheckResult] = []
    for reader in _readers(lhs, rhs, notation) if latex else [None]:
        claim = parse_claim_limited(lhs, rhs, assumptions, timeout=timeout, reader=reader, notation=kind)
        results.append(check_claim(claim, examples=examples, seed=seed, timeout=timeout))
        if results[-1].exit_code == 0:
            break
    result = _one_verdict(results)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(result)
    ctx.exit(result.exit_code)


def _readers(lhs: str, rhs: str, notation_path: str | None) -> list[Reader]:
    """The readings to try: ``\\sin 2x`` (a function before a product without brackets) is read
    with the argument running on, as trigonometry writes it, and also with the first factor alone
    (``\\log a \\cdot b`` habits); any other claim has one reading."""
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.notation import load_notation

    plain = load_notation(notation_path)
    if not any(normalize(side, plain).loose_calls for side in (lhs, rhs)):
        return [latex_reader(plain)]
    return [latex_reader(replace(plain, log_takes_product=True)), latex_reader(plain)]


def _one_verdict(results: list[CheckResult]) -> CheckResult:
    """One verdict from the readings tried (in order): verified under one of them, refuted only
    when every reading refutes it, undecided otherwise."""
    if len(results) == 1:
        return results[0]
    for k, result in enumerate(results):
        if result.exit_code == 0:
            how = "with its argument running on" if k == 0 else "with its first factor alone as its argument"
            result.notes.append(f"a function before a product without brackets, read {how}")
            return result
    if all(r.exit_code == 1 for r in results):
        results[0].notes.append("refuted both with the function's argument running on and with its first factor alone")
        return results[0]
    undecided = next(r for r in results if r.exit_code != 1)
    undecided.notes.append("a function before a product without brackets: one reading is refuted, another not decided")
    return undecided

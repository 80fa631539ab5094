"""verify_all in workers, with a unit of work per topic (shared builds) or per identity: the
same results, in the input order, whatever the grouping."""

from __future__ import annotations

import dataclasses

from derive.checks.proof.verify import verify_all

from derive.catalogue import load

CATALOGUE, SEED_CLAIMS = load()


def test_workers_give_the_results_of_one_process_in_input_order() -> None:
    # Eight ids over three topics: per-identity units with 2 workers (3 topics < 4 × 2).
    chosen = [CATALOGUE[i] for i in ("sigmoid-derivative", "l1-gradient", "relu-derivative", "softmax-simplex",
                                     "tanh-derivative", "l2-squared-gradient", "softplus-derivative", "abs-derivative")]
    alone = verify_all(chosen, examples=5, jobs=1)
    pooled = verify_all(chosen, examples=5, jobs=2)
    assert [r.identity.id for r in pooled] == [i.id for i in chosen]
    assert [(r.verdict, r.symbolic.method, r.numeric.examples) for r in pooled] == [
        (r.verdict, r.symbolic.method, r.numeric.examples) for r in alone
    ]


def test_topic_units_keep_every_identity_and_report_progress_for_each() -> None:
    # Ten cheap ids spread over eight topics: one unit per topic with 2 workers (8 ≥ 4 × 2),
    # two units holding two identities each.
    cheap = [i for i in CATALOGUE if i.topic == "activations"][:8]
    cheap += [CATALOGUE["l1-gradient"], SEED_CLAIMS["seed-001-q1a-tanh-shift"]]
    chosen = [dataclasses.replace(identity, topic=f"t{k % 8}") for k, identity in enumerate(cheap)]
    assert len({i.topic for i in chosen}) == 8 and len(chosen) == 10
    seen: list = []
    alone = verify_all(chosen, examples=5, jobs=1)
    pooled = verify_all(chosen, examples=5, jobs=2, progress=seen.append)
    assert sorted(i.id for i in seen) == sorted(i.id for i in chosen)
    assert [r.identity.id for r in pooled] == [i.id for i in chosen]
    assert [r.verdict for r in pooled] == [r.verdict for r in alone]
    assert pooled[-1].verdict == "refuted" and all(r.verdict == "verified" for r in pooled[:-1])


def test_rational_zero_on_true_and_false_claims_with_coefficients_outside_qq() -> None:
    # is_rational_zero decides rational identities whose coefficients lie outside QQ (e^2, √2)
    # and leaves non-rational atoms (|x|) alone: each true claim beside a false one.
    import sympy as sp
    from derive.checks.proof.canonical import is_rational_zero

    x, y = sp.symbols("x y", real=True)
    e2 = sp.exp(2)
    assert is_rational_zero((x**2 - y**2) / (x - y) - (x + y))
    assert not is_rational_zero((x**2 - y**2) / (x - y) - (x - y))
    assert is_rational_zero(e2 * x / (x + e2) - x / (1 + x / e2))
    assert not is_rational_zero(e2 * x / (x + e2) - x / (1 + x * e2))
    assert is_rational_zero(sp.sqrt(2) * x / (x + sp.sqrt(2)) - x / (1 + x / sp.sqrt(2)))
    assert not is_rational_zero(sp.Abs(x) * y - y)


def test_workers_report_their_cpu_and_the_collector_is_restored() -> None:
    import gc

    chosen = [CATALOGUE[i] for i in ("sigmoid-derivative", "l1-gradient", "relu-derivative")]
    before = gc.get_threshold()
    cpu: dict[int, float] = {}
    results = verify_all(chosen, examples=3, jobs=2, cpu=cpu)
    assert [r.verdict for r in results] == ["verified"] * 3
    assert 1 <= len(cpu) <= 2 and all(seconds > 0 for seconds in cpu.values())
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    alone: dict[int, float] = {}
    verify_all(chosen[:1], examples=3, jobs=1, cpu=alone)
    assert alone == {}  # no worker, nothing reported

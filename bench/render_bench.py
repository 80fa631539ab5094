"""Render time, and the reference module's speed against the code people would otherwise use.

    python bench/render_bench.py [--repeats 30] [--skip-verify]

1. ``derive render``'s two steps: verifying the catalogue (unless --skip-verify) and rendering
   both files from the results (printing + Jinja), each timed once.
2. Forward + backward (loss and all four gradients, reg = 0.05) at CIFAR scale, N = 200,
   D = 3072, H = 100, C = 10, float64: the generated reference against a hand-written NumPy
   implementation (the CS231n/HLCV two_layernet style) and PyTorch autograd on the CPU.
   Median of ``--repeats`` round-robin runs after one warm-up, as ratios to hand-written NumPy
   (target: reference within 1.2×). All three agree to 1e-10 on the same inputs (checked).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np


def handwritten(params, X, y, reg):
    """The usual vectorised two-layer net, written by hand."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z2 = X.dot(W1) + b1
    a2 = np.maximum(z2, 0)
    z3 = a2.dot(W2) + b2
    shifted = z3 - z3.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    P = e / e.sum(axis=1, keepdims=True)
    loss = -np.log(P[np.arange(N), y]).mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dz3 = P.copy()
    dz3[np.arange(N), y] -= 1
    dz3 /= N
    grads = {"W2": a2.T.dot(dz3) + 2 * reg * W2, "b2": dz3.sum(axis=0)}
    dz2 = dz3.dot(W2.T) * (z2 > 0)
    grads["W1"] = X.T.dot(dz2) + 2 * reg * W1
    grads["b1"] = dz2.sum(axis=0)
    return loss, grads


def torch_autograd(torch, params, X, y, reg):
    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    z3 = torch.relu(X @ t["W1"] + t["b1"]) @ t["W2"] + t["b2"]
    loss = torch.nn.functional.cross_entropy(z3, y) + reg * ((t["W1"] ** 2).sum() + (t["W2"] ** 2).sum())
    loss.backward()
    return loss.item(), {k: v.grad for k, v in t.items()}


def interleaved_medians(fns: dict, repeats: int) -> dict:
    """Median seconds of each function, calling them round-robin so that load from other
    processes (and CPU frequency changes) affects all of them alike; one warm-up each."""
    times: dict = {name: [] for name in fns}
    for fn in fns.values():
        fn()
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def bench_render(skip_verify: bool) -> None:
    from derive.catalogue import load
    from derive.render import render_all

    catalogue, seed_claims = load()
    if skip_verify:
        print("verify: skipped (--skip-verify); rendering needs real results, so render is not timed either")
        return
    from derive.checks.proof.verify import verify_all

    start = time.perf_counter()
    results = verify_all(list(catalogue))
    seed_results = verify_all(list(seed_claims))
    verify_s = time.perf_counter() - start
    start = time.perf_counter()
    files = render_all(results, seed_results, catalogue=catalogue)
    render_s = time.perf_counter() - start
    sizes = ", ".join(f"{name} {len(text.encode())} bytes" for name, text in sorted(files.items()))
    print(f"verify {len(catalogue)} identities + {len(seed_claims)} seed claims: {verify_s:.1f} s")
    print(f"render both files from the results: {render_s:.2f} s ({sizes})")


def bench_reference(repeats: int) -> None:
    import derive.generated.mlp_reference as ref
    import torch

    torch.set_default_dtype(torch.float64)
    rng = np.random.default_rng(0)
    N, D, H, C = 200, 3072, 100, 10
    params = {"W1": 1e-4 * rng.standard_normal((D, H)), "b1": np.zeros(H),
              "W2": 1e-4 * rng.standard_normal((H, C)), "b2": np.zeros(C)}
    X = rng.standard_normal((N, D)) * 60.0
    y = rng.integers(0, C, size=N)
    reg = 0.05
    Xt, yt = torch.tensor(X), torch.tensor(y)

    loss_r, g_r = ref.loss_and_grads(params, X, y, reg=reg)
    loss_h, g_h = handwritten(params, X, y, reg)
    loss_t, g_t = torch_autograd(torch, params, Xt, yt, reg)
    worst = max(abs(loss_r - loss_h), abs(loss_r - loss_t),
                *(float(np.max(np.abs(g_r[k] - g_h[k]))) for k in g_r),
                *(float(np.max(np.abs(g_r[k] - g_t[k].numpy()))) for k in g_r))
    assert worst < 1e-10, f"implementations disagree by {worst:.2e}"

    medians = interleaved_medians({
        "reference": lambda: ref.loss_and_grads(params, X, y, reg=reg),
        "handwritten": lambda: handwritten(params, X, y, reg),
        "torch": lambda: torch_autograd(torch, params, Xt, yt, reg),
    }, repeats)
    t_ref, t_hand, t_torch = medians["reference"], medians["handwritten"], medians["torch"]
    print(f"forward+backward, N={N} D={D} H={H} C={C}, float64, median of {repeats} (max disagreement {worst:.1e}):")
    print(f"  reference (generated)   {t_ref * 1e3:8.2f} ms   {t_ref / t_hand:5.2f}x hand-written NumPy")
    print(f"  hand-written NumPy      {t_hand * 1e3:8.2f} ms   1.00x")
    print(f"  PyTorch autograd (CPU)  {t_torch * 1e3:8.2f} ms   {t_torch / t_hand:5.2f}x hand-written NumPy")
    print(f"  target reference <= 1.2x hand-written: {'met' if t_ref / t_hand <= 1.2 else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--skip-verify", action="store_true")
    args = parser.parse_args()
    bench_reference(args.repeats)
    bench_render(args.skip_verify)


if __name__ == "__main__":
    main()

"""The registries: CATALOGUE holds every true identity of IDENTITIES.md under its id;
SEED_CLAIMS holds the seeds' wrong claims, each stated as the seed printed it, which the
verifier must refute."""

from __future__ import annotations

from derive.identity import Registry

CATALOGUE = Registry("the catalogue")
SEED_CLAIMS = Registry("the seeds' claims")


def load() -> tuple[Registry, Registry]:
    """Import every topic module (each registers its identities) and return both registries."""
    from derive.identities import (  # noqa: F401
        activations,
        counting,
        loss,
        matrix_calculus,
        mlp_batch,
        mlp_column,
        norms,
        softmax,
    )

    return CATALOGUE, SEED_CLAIMS

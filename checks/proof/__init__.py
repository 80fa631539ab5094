"""Exact proof and sampling: canonical forms, the prover, index form, DAG evaluation,
numeric sampling, and the claim judge that verify, check and check-latex share."""

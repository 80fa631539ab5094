"""derive: a symbolic derivation verifier for the mathematics of training neural networks."""

__version__ = "0.1.0"

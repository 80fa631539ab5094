"""Derivation documents: extraction of steps from Markdown and LaTeX, the notation layer and
the step checker."""

"""Rendered by `derive render` from verified identities; never edited by hand."""

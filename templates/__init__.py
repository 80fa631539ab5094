"""Jinja templates, shipped in the wheel as derive.templates."""

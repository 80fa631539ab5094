"""One module per command; ``derive.cli`` adds each to the group."""

"""The engines that judge claims, submissions and derivations."""

"""Grading gradient code: problems, the reference runs, the checks and the mistake catalogue,
the sandbox (parent, protocol, child), the reporters and the Gradescope bundle."""

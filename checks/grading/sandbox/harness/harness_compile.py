"""Child side: compile the submission (Python 2, notebook magics, mixed tabs) and turn whatever it
raises into an error reply {kind, message, line, module}.

Stdlib only. Nothing here judges a result: it only names what went wrong while running."""

from __future__ import annotations

import errno
from typing import Any


class Fail(Exception):
    """An error kind decided by the harness itself (api, missing-gradient, import)."""

    def __init__(self, kind: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.line = kind, message, line


class CpuLimitExceeded(BaseException):
    """Raised from the SIGXCPU handler: BaseException so `except Exception` cannot swallow it."""


_PY2_NAMES = {"xrange", "raw_input", "unicode", "basestring", "unichr", "long", "execfile",
              "file", "cmp", "reload"}
_PY2_ATTRS = ("iteritems", "itervalues", "iterkeys", "has_key")
_PY2_HINT = "this grader runs Python 3 (use print(...), 'except E as e', range, input)"

_submission_file = ""  # the filename the submission was compiled under
LIMITS = {"memory_mb": 0, "cpu_seconds": 0}  # for messages; set by harness_confine


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _submission_frame(tb) -> tuple[int | None, str | None]:
    """Line and function of the innermost traceback frame inside the submission."""
    line = func = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _submission_file:
            line, func = tb.tb_lineno, tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return line, func


def _where(line: int | None, func: str | None) -> str:
    if line is None:
        return ""
    return f" (line {line}, in {func})" if func and func != "<module>" else f" (line {line})"


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - a hostile __str__ may raise anything
        return "<unprintable>"


def classify(exc: BaseException) -> dict[str, Any]:
    """Map anything the submission raised to an error reply {kind, message, line}."""
    if isinstance(exc, Fail):
        return {"kind": exc.kind, "message": _one_line(exc.message), "line": exc.line}
    line, func = _submission_frame(exc.__traceback__)
    where = _where(line, func)
    name = type(exc).__name__
    if isinstance(exc, SystemExit):
        return {"kind": "exit", "line": line,
                "message": f"the submission ended its own process (SystemExit({_one_line(repr(exc.code), 60)})){where}"}
    if isinstance(exc, MemoryError):
        return {"kind": "resources", "line": line,
                "message": f"the submission ran out of memory ({name}, limit {LIMITS['memory_mb']} MB){where}"}
    if isinstance(exc, CpuLimitExceeded):
        return {"kind": "resources", "line": line,
                "message": f"the submission used up its CPU-time limit ({LIMITS['cpu_seconds']} s){where}"}
    text = _safe_str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return {"kind": "resources", "line": line,
                "message": f"the submission wrote more than the file-size limit{where}"}
    if isinstance(exc, ImportError):  # a missing module, at import or inside the loss
        module = getattr(exc, "name", None)
        return {"kind": "import", "line": line, "message": _one_line(f"{name}: {text}", 300) + where,
                "module": module.partition(".")[0] if isinstance(module, str) else None}
    if isinstance(exc, NameError) and getattr(exc, "name", None) in _PY2_NAMES:
        return {"kind": "import", "line": line,
                "message": f"looks like Python 2 code: {exc.name} does not exist in Python 3{where}; {_PY2_HINT}"}
    if isinstance(exc, AttributeError) and any(f"'{a}'" in text for a in _PY2_ATTRS):
        return {"kind": "import", "line": line,
                "message": f"looks like Python 2 code: {_one_line(text, 120)}{where}; {_PY2_HINT}"}
    if isinstance(exc, TypeError) and line is None:
        # Raised by the call itself, before any line of the submission ran: a signature that
        # does not match the API (e.g. loss_and_grads(params, X, y) without reg).
        return {"kind": "api", "line": None,
                "message": _one_line(f"the submission's signature does not fit the API: {name}: {text}")}
    return {"kind": "exception", "line": line, "message": _one_line(f"{name}: {text}", 400 - len(where)) + where}


# ---------------------------------------------------------------------------------------------
# Compiling the submission (Python 2, notebook magics, mixed tabs)
# ---------------------------------------------------------------------------------------------
_PY2_PATTERNS = [
    ("a print statement", r"^\s*print\s*$|^\s*print\s+[^\s(=.,)\[+\-*/%<>!]"),
    ("'except E, e'", r"^\s*except\s+[\w.]+\s*,\s*\w+\s*:"),
    ("'raise E, msg'", r"^\s*raise\s+[\w.]+\s*,"),
    ("an exec statement", r"^\s*exec\s+['\"\w]"),
    ("xrange", r"\bxrange\s*\("),
    ("raw_input", r"\braw_input\s*\("),
    ("dict.iteritems()", r"\.iter(items|keys|values)\s*\("),
    ("dict.has_key()", r"\.has_key\s*\("),
    ("a long literal", r"(?<![\w.])\d+[lL]\b"),
    ("an old octal literal", r"(?<![\w.])0\d+\b"),
    ("the <> operator", r"<>"),
    ("backquotes", r"`[^`\n]+`"),
]
# What CPython 3 itself says about Python 2 statements.
_PY2_MESSAGES = ("Missing parentheses in call to 'print'", "Missing parentheses in call to 'exec'",
                 "multiple exception types must be parenthesized")


def _python2_evidence(source: str, error_line: int | None, message: str = "") -> str | None:
    """What makes this failing source look like Python 2 (None when nothing does).

    With a SyntaxError only the line the compiler stopped at is examined (string contents and
    comments blanked), so a docstring mentioning `print x` or backquotes does not count; without
    one (an undecodable file) every line is, for the unambiguous statements only."""
    import re

    lines = source.splitlines()

    def code(text: str) -> str:
        return re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", '""', text).split("#", 1)[0]

    if error_line and 0 < error_line <= len(lines):
        text = code(lines[error_line - 1])
        for what, pattern in _PY2_PATTERNS:
            if re.search(pattern, text):
                return f"line {error_line}: {what}"
        if any(hint in message for hint in _PY2_MESSAGES):
            return f"line {error_line}: {message.split('.')[0].lower()}"
        return None
    for number, raw_line in enumerate(lines, 1):
        for what, pattern in _PY2_PATTERNS[:8]:
            if re.search(pattern, code(raw_line)):
                return f"line {number}: {what}"
    return None


def _comment_magics(source: str) -> str:
    """Notebook lines (`%matplotlib inline`, `!pip install x`) become `pass`, lines kept."""
    import re

    return "\n".join(re.sub(r"^(\s*)[%!].*$", r"\1pass", line) for line in source.split("\n"))


def _expand_tabs(source: str, size: int) -> str:
    out = []
    for line in source.split("\n"):
        stripped = line.lstrip(" \t")
        out.append(line[: len(line) - len(stripped)].expandtabs(size) + stripped)
    return "\n".join(out)


def compile_submission(path: str) -> Any:
    import ast
    import importlib.util

    global _submission_file
    _submission_file = path
    try:
        raw = open(path, "rb").read()
    except OSError as exc:
        raise Fail("import", f"cannot read the submission: {exc.strerror}") from None
    try:
        source = importlib.util.decode_source(raw)
    except (UnicodeDecodeError, SyntaxError) as exc:
        evidence = _python2_evidence(raw.decode("latin-1"), None)  # Python 2 defaulted to ASCII/latin-1
        if evidence:
            raise Fail("import", f"looks like Python 2 code ({evidence}); {_PY2_HINT}") from None
        raise Fail("import", f"the submission is not valid UTF-8 text: {_one_line(str(exc), 120)}") from None

    def attempt(text: str):
        return compile(text, path, "exec", dont_inherit=True)

    try:
        return attempt(source)
    except (SyntaxError, ValueError) as exc:
        first = exc
    text = source
    error: BaseException = first
    if isinstance(first, SyntaxError) and any(ln.lstrip()[:1] in ("%", "!") for ln in source.split("\n")):
        text = _comment_magics(source)
        try:
            return attempt(text)
        except (SyntaxError, ValueError) as exc:
            error = exc
    if isinstance(error, TabError):
        # Python 3 refuses tabs mixed with spaces; Python 2 read a tab as 8 columns. Accept the
        # file only if the reading is unambiguous (8 and 4 columns give the same program).
        trees = []
        for size in (8, 4):
            try:
                trees.append((attempt(_expand_tabs(text, size)), ast.dump(ast.parse(_expand_tabs(text, size)))))
            except (SyntaxError, ValueError):
                pass
        if len(trees) == 1 or (len(trees) == 2 and trees[0][1] == trees[1][1]):
            return trees[0][0]
    line = getattr(error, "lineno", None)
    msg = getattr(error, "msg", None) or _safe_str(error)
    evidence = _python2_evidence(text, line, msg)
    if evidence:
        raise Fail("import", f"looks like Python 2 code ({evidence}); {_PY2_HINT}", line)
    where = f" (line {line})" if line else ""
    raise Fail("import", f"{type(error).__name__}: {_one_line(msg, 200)}{where}", line)



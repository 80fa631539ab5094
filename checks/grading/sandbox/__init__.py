"""The sandbox: a submission runs in a confined child process; every judgement stays here.

What the child sees. `staging` makes `derive-sandbox-<pid>-XXXX/` with `work/` (a copy of the
submission, or of its whole directory for a directory submission: regular files only, links and
FIFOs skipped, bounded), `harness/` (copies of the child's modules) and `lib/` (links to NumPy and
to the rubric's extra packages). The child is the base interpreter (not the venv's) run as
`-I -S -B harness/harness_main.py` with a clean environment and cwd = HOME = TMPDIR = `work/`:
its sys.path is the standard library, `lib/`, `harness/` and `work/`; nothing of derive's
installation, the caller's cwd or environment is named anywhere it can look.

Confinement (child, before the submission is imported; `Sandbox.confinement` says what applied,
`missing_protections()` names what the kernel lacked): rlimits (address space, CPU, 16 MB per
file, no core); PR_SET_PDEATHSIG (dies with its parent); no new privileges; every capability
dropped when root; seccomp: no fork/vfork/clone of processes (threads work), no socket or
socketpair (UDP as well as TCP), no chmod/chown/utime/xattr calls, no io_uring, ptrace, mounts,
namespaces, bpf or keyrings; Landlock: reads only below the standard library's entries (not its
site-/dist-packages), NumPy, the rubric's packages, the system library directories, harness/
and lib/; writes, renames, links and deletes only in work/; no TCP; no signals outside (ABI 6).

Judgement in the parent. The child only imports the submission and calls it; inputs reach it
through shared memory (`shared`), which the parent reads back after the reply to see what the
call changed (`mutation`): no detector runs where the submission could patch it. Replies are
frames of a JSON header and raw float64/float32 arrays (`protocol`, never pickled), bounded in
size and sequence-numbered; at most one progress report per loss of a batch.

Budgets (`Limits`; the parent enforces them and kills the child's process group): `timeout`
CPU seconds of the child per call (load-independent) with a wall guard of `wall_factor` x
`timeout`; `total_seconds` of wall time inside the child over all calls (then every later call
fails at once); `output_mb` printed (stdout and stderr are one pipe the parent drains, keeping
64 KB of head and tail); `disk_mb` and 10 000 files written into work/. A call stopped by the
clock after taking more than half of the memory it had left is `resources`, not `timeout`.

Lifetime (`lifetime`): SIGTERM/SIGHUP of derive and a normal exit kill every child and delete
its directory; a SIGKILL of derive leaves the directory, which the next sandbox's `sweep`
deletes (any `derive-sandbox-<pid>-*` whose process is gone); `--jobs` workers get SIGTERM when
derive dies. Modules: `records` (Limits, SubmissionError), `parent` (Sandbox), `channel` (pipes,
budgets, output), `outcomes` (naming a dead child), `harness/` (the child; copied, never imported).
"""

from derive.checks.grading.sandbox import lifetime
from derive.checks.grading.sandbox.mutation import changed_arrays, same_array
from derive.checks.grading.sandbox.outcomes import missing_protections
from derive.checks.grading.sandbox.parent import Sandbox
from derive.checks.grading.sandbox.records import ERROR_KINDS, FATAL_KINDS, Limits, SubmissionError

__all__ = ["ERROR_KINDS", "FATAL_KINDS", "Limits", "Sandbox", "SubmissionError", "changed_arrays", "lifetime",
           "missing_protections", "same_array"]

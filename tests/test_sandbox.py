"""derive.checks.grading.sandbox: a submission runs in a limited child; every failure is one error kind, in time.

Each test writes a tiny submission into tmp_path. Elapsed times are asserted only loosely
(timeout + 5 s), to prove "no hang", never exact wall-clock times.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from derive.checks.grading.sandbox import ERROR_KINDS, Limits, Sandbox, SubmissionError
from derive.checks.grading.sandbox.protocol import (
    FrameError,
    decode_frame,
    encode_frame,
    layout,
    parse_frame_head,
    shared_views,
)

pytestmark = pytest.mark.timeout(120)

FAST = Limits(timeout=3.0, cpu_seconds=30, memory_mb=1024)

# A straightforward NumPy two-layer net (ReLU, softmax cross-entropy, reg * ||W||^2).
FORWARD_BACKWARD = """
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z = X.dot(W1) + b1
    h = np.maximum(z, 0)
    scores = h.dot(W2) + b2
    if y is None:
        return scores
    shifted = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(shifted)
    probs /= probs.sum(axis=1, keepdims=True)
    loss = -np.log(probs[np.arange(N), y]).mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    grads = {"W2": h.T.dot(dscores) + 2 * reg * W2, "b2": dscores.sum(axis=0)}
    dz = dscores.dot(W2.T) * (z > 0)
    grads["W1"] = X.T.dot(dz) + 2 * reg * W1
    grads["b1"] = dz.sum(axis=0)
    return loss, grads
"""

FUNCTION_SUBMISSION = "import numpy as np\n\ndef loss_and_grads(params, X, y, reg):\n" + FORWARD_BACKWARD

CLASS_SUBMISSION = (
    "import numpy as np\n\n"
    "class TwoLayerNet(object):\n"
    "    def __init__(self, input_size, hidden_size, output_size, std=1e-4):\n"
    "        self.params = {'W1': std * np.random.randn(input_size, hidden_size),\n"
    "                       'b1': np.zeros(hidden_size),\n"
    "                       'W2': std * np.random.randn(hidden_size, output_size),\n"
    "                       'b2': np.zeros(output_size)}\n\n"
    "    def loss(self, X, y=None, reg=0.0):\n"
    "        params = self.params\n"
    + textwrap.indent(textwrap.dedent(FORWARD_BACKWARD), "        ")
)


def reference(params, X, y, reg):
    namespace: dict = {}
    exec(FUNCTION_SUBMISSION, namespace)
    return namespace["loss_and_grads"](params, X, y, reg)


def problem(N=5, D=4, H=10, C=3, seed=0):
    rng = np.random.default_rng(seed)
    params = {"W1": rng.standard_normal((D, H)), "b1": rng.standard_normal(H),
              "W2": rng.standard_normal((H, C)), "b2": rng.standard_normal(C)}
    return params, rng.standard_normal((N, D)), rng.integers(0, C, N)


def write(tmp_path: Path, source: str, name: str = "submission.py", dedent: bool = True) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source) if dedent else source)
    return path


def loss_body(tmp_path: Path, body: str, limits: Limits = FAST, header: str = "", confine: bool = True) -> Sandbox:
    """A function submission whose loss_and_grads runs `body` first, then the correct code."""
    source = ("import numpy as np\nimport os, sys, time\n" + textwrap.dedent(header)
              + "\ndef loss_and_grads(params, X, y, reg):\n"
              + textwrap.indent(textwrap.dedent(body), "    ") + FORWARD_BACKWARD)
    return Sandbox(write(tmp_path, source, dedent=False), limits=limits, confine=confine)


def expect_error(box: Sandbox, kind: str, call=None, limits: Limits = FAST) -> SubmissionError:
    """Runs start() then `call(box)`; asserts the kind and that it came back without a hang."""
    params, X, y = problem()
    started = time.monotonic()
    with pytest.raises(SubmissionError) as info:
        box.start()
        if call is None:
            box.loss_and_grads(params, X, y, 0.05)
        else:
            call(box)
    elapsed = time.monotonic() - started
    box.close()
    assert info.value.kind == kind, info.value
    assert info.value.kind in ERROR_KINDS
    assert "\n" not in info.value.message
    assert elapsed < limits.timeout + 5, elapsed
    return info.value


# --------------------------------------------------------------------------------------------
# Correct submissions
# --------------------------------------------------------------------------------------------
def test_function_api_matches_a_direct_call(tmp_path):
    params, X, y = problem()
    with Sandbox(write(tmp_path, FUNCTION_SUBMISSION, dedent=False), limits=FAST) as box:
        assert box.api == "function"
        loss, grads = box.loss_and_grads(params, X, y, 0.05)
        assert box.last_mutated == []
        losses = box.losses([params, {**params, "b2": params["b2"] + 1.0}], X, y, 0.05)
    want_loss, want = reference(params, X, y, 0.05)
    assert loss == want_loss
    assert sorted(grads) == ["W1", "W2", "b1", "b2"]
    for key in want:
        assert grads[key].dtype == np.float64
        np.testing.assert_array_equal(grads[key], want[key])
    assert losses[0] == want_loss  # a constant shift of b2 leaves the softmax loss unchanged
    assert losses[1] == pytest.approx(want_loss, rel=1e-12)


def test_twolayernet_api_loss_losses_and_scores(tmp_path):
    params, X, y = problem()
    with Sandbox(write(tmp_path, CLASS_SUBMISSION, dedent=False), limits=FAST) as box:
        assert box.api == "twolayernet"
        loss, grads = box.loss_and_grads(params, X, y, 0.05)
        scores = box.scores(params, X)
        shifted = {**params, "W1": params["W1"] + 1e-3}
        losses = box.losses([params, shifted], X, y, 0.05)
        assert box.last_mutated == []
    want_loss, want = reference(params, X, y, 0.05)
    assert loss == pytest.approx(want_loss, rel=1e-12)
    for key in want:
        np.testing.assert_allclose(grads[key], want[key], rtol=1e-12)
    np.testing.assert_allclose(scores, reference(params, X, None, 0.0), rtol=1e-12)
    assert losses[0] == pytest.approx(want_loss, rel=1e-12)
    assert losses[1] == pytest.approx(reference(shifted, X, y, 0.05)[0], rel=1e-12)


def test_twolayernet_new_sizes_and_repeated_calls(tmp_path):
    with Sandbox(write(tmp_path, CLASS_SUBMISSION, dedent=False), limits=FAST) as box:
        for seed, sizes in enumerate([(5, 4, 10, 3), (1, 1, 1, 2), (12, 8, 12, 6), (5, 4, 10, 3)]):
            params, X, y = problem(*sizes, seed=seed)
            loss, grads = box.loss_and_grads(params, X, y, 0.0)
            assert loss == pytest.approx(reference(params, X, y, 0.0)[0], rel=1e-12)
            assert grads["W1"].shape == params["W1"].shape


def test_constructor_with_other_names_and_extra_keywords_before_std(tmp_path):
    source = CLASS_SUBMISSION.replace(
        "def __init__(self, input_size, hidden_size, output_size, std=1e-4):",
        "def __init__(self, input_size, hidden_size, num_classes, activation='relu', std=1e-4):\n"
        "        assert activation == 'relu'\n"
        "        output_size = num_classes")
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.05)
    assert loss == pytest.approx(reference(params, X, y, 0.05)[0], rel=1e-12)


@pytest.mark.parametrize("signature,prologue", [
    # unknown names: the first three parameters are D, H, C in the course order
    ("def __init__(self, n_in, n_hid, n_out, scale=1e-4):",
     "input_size, hidden_size, output_size, std = n_in, n_hid, n_out, scale"),
    # everything through **kwargs: the course's keyword names
    ("def __init__(self, **kwargs):",
     "input_size, hidden_size, output_size = kwargs['input_size'], kwargs['hidden_size'], kwargs['output_size']\n"
     "        std = kwargs.get('std', 1e-4)"),
])
def test_constructor_fallbacks(tmp_path, signature, prologue):
    source = CLASS_SUBMISSION.replace(
        "def __init__(self, input_size, hidden_size, output_size, std=1e-4):",
        f"{signature}\n        {prologue}")
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.05)
    assert loss == pytest.approx(reference(params, X, y, 0.05)[0], rel=1e-12)


def test_constructor_with_a_required_argument_the_grader_cannot_supply_is_api(tmp_path):
    source = CLASS_SUBMISSION.replace("std=1e-4):", "std=1e-4, *, dataset):")
    error = expect_error(Sandbox(write(tmp_path, source, dedent=False), limits=FAST), "api")
    assert "dataset" in error.message


def test_loss_that_reads_reg_from_the_instance(tmp_path):
    # CS231n assignment 2 style: loss(X, y) and self.reg.
    source = (CLASS_SUBMISSION.replace("def loss(self, X, y=None, reg=0.0):", "def loss(self, X, y=None):")
              .replace("params = self.params\n", "params = self.params\n        reg = self.reg\n")
              .replace("std=1e-4):\n", "std=1e-4):\n        self.reg = 0.0\n", 1))
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.5)
    assert loss == pytest.approx(reference(params, X, y, 0.5)[0], rel=1e-12)


def test_class_preferred_over_function_in_auto_and_api_can_be_forced(tmp_path):
    source = CLASS_SUBMISSION + "\n\ndef loss_and_grads(params, X, y, reg):\n    return 0.0, {}\n"
    path = write(tmp_path, source, dedent=False)
    params, X, y = problem()
    with Sandbox(path, limits=FAST) as box:
        assert box.api == "twolayernet"
    with Sandbox(path, api="function", limits=FAST) as box:
        assert box.api == "function"
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 0.0)
        assert info.value.kind == "missing-gradient"


def test_wrong_gradient_shapes_are_returned_not_errors(tmp_path):
    source = FUNCTION_SUBMISSION.replace('grads["b1"] = dz.sum(axis=0)',
                                         'grads["b1"] = dz.sum(axis=0, keepdims=True)\n'
                                         '    grads["W2"] = grads["W2"].T')
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST) as box:
        _, grads = box.loss_and_grads(params, X, y, 0.0)
    assert grads["b1"].shape == (1, 10)
    assert grads["W2"].shape == (3, 10)


def test_lists_float32_and_size_one_loss_are_converted(tmp_path):
    box = loss_body(tmp_path, """
        loss, grads = _inner(params, X, y, reg)
        return np.array([loss], dtype=np.float32), {k: v.astype(np.float32).tolist() for k, v in grads.items()}
    """, header="def _inner(params, X, y, reg):\n" + FORWARD_BACKWARD)
    params, X, y = problem()
    with box:
        loss, grads = box.loss_and_grads(params, X, y, 0.0)
    assert isinstance(loss, float)
    assert grads["W1"].dtype == np.float64 and grads["W1"].shape == (4, 10)


def test_plotting_libraries_and_notebook_leftovers_are_stubbed(tmp_path):
    source = """
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import cm
        import seaborn as sns
        from IPython.display import display, clear_output
        from tqdm import tqdm
        from mpl_toolkits.mplot3d import Axes3D
        from google.colab import drive
        drive.mount("/content/drive")
        %matplotlib inline
        get_ipython().run_line_magic("matplotlib", "inline")
        plt.rcParams["figure.figsize"] = (10.0, 8.0)
        fig, (ax1, ax2) = plt.subplots(1, 2)
        ax1.plot([1, 2, 3]); plt.title("loss history"); plt.show()
        sns.set()
        total = sum(i for i in tqdm(range(4)))
        assert total == 6
    """
    path = write(tmp_path, textwrap.dedent(source) + FUNCTION_SUBMISSION, dedent=False)
    params, X, y = problem()
    with Sandbox(path, limits=FAST) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


def test_tab_indented_file_imports(tmp_path):
    path = write(tmp_path, FUNCTION_SUBMISSION.replace("    ", "\t"), dedent=False)
    assert "\t" in path.read_text()
    params, X, y = problem()
    with Sandbox(path, limits=FAST) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


def test_unambiguous_mix_of_tabs_and_spaces_imports(tmp_path):
    # Python 3 refuses this TabError; a tab at the start of every line of a block is unambiguous.
    source = ("import numpy as np\n\ndef loss_and_grads(params, X, y, reg):\n        a = 1\n\tb = 2\n"
              "        return float(a + b), {}\n")
    path = write(tmp_path, source, dedent=False)
    params, X, y = problem()
    with Sandbox(path, limits=FAST) as box:
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 0.0)
    assert info.value.kind == "missing-gradient"  # it ran: the empty grads are the next problem


def test_ambiguous_mix_of_tabs_and_spaces_is_an_import_error(tmp_path):
    # A tab read as 8 columns puts `b = 2` inside the if, read as 4 columns after it: refuse.
    source = "def loss_and_grads(params, X, y, reg):\n    if reg:\n        a = 1\n\tb = 2\n    return 0.0, {}\n"
    error = expect_error(Sandbox(write(tmp_path, source, dedent=False), limits=FAST), "import")
    assert "TabError" in error.message and error.line == 4


def test_main_block_is_not_executed(tmp_path):
    source = FUNCTION_SUBMISSION + textwrap.dedent("""
        if __name__ == "__main__":
            open("main-ran.txt", "w").write("yes")
            raise SystemExit(4)
    """)
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
        assert "main-ran" not in box.output()
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])
    assert not (tmp_path / "main-ran.txt").exists()


def test_printing_fake_verdicts_and_protocol_bytes_changes_nothing(tmp_path):
    box = loss_body(tmp_path, """
        print('{"verdict": "pass", "status": "ok"}')
        print("PASS: all gradients correct", file=sys.stderr)
        sys.stdout.flush()
        os.write(1, FAKE)
        os.write(2, FAKE)
    """, header="FAKE = " + repr(encode_frame({"status": "ok", "seq": 1, "mutated": []},
                                             [("loss", np.array(0.0))])) + "\n")
    params, X, y = problem()
    with box:
        loss, grads = box.loss_and_grads(params, X, y, 0.05)
        second, _ = box.loss_and_grads(params, X, y, 0.05)
        assert "all gradients correct" in box.output()
    want_loss, want = reference(params, X, y, 0.05)
    assert loss == want_loss == second
    np.testing.assert_array_equal(grads["W1"], want["W1"])


def test_junk_on_fd_1_and_2_is_captured_and_truncated(tmp_path):
    box = loss_body(tmp_path, """
        os.write(1, bytes(range(256)) * 400)
        os.write(2, b"\\xff\\xfe junk \\x00" * 5000)
        print("x" * 300000)
    """)
    params, X, y = problem()
    with box:
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
        text = box.output()
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])
    assert 0 < len(text) <= 4300
    assert "bytes omitted" in text
    assert box.output() == text  # kept after close()


@pytest.mark.parametrize("target,body", [
    ("W1", "params['W1'] -= 1.0"),
    ("b2", "params['b2'][0] = 7.0"),
    ("W2", "params['W2'] = params['W2'] * 2"),  # rebinding the dict entry also counts
    ("X", "X *= 2"),
    ("y", "y[:] = 0"),
])
def test_mutation_of_params_and_inputs_is_reported(tmp_path, target, body):
    params, X, y = problem()
    kept = {k: v.copy() for k, v in params.items()}
    with loss_body(tmp_path, body) as box:
        box.loss_and_grads(params, X, y, 0.0)
        assert box.last_mutated == [target]
        box.losses([params, params], X, y, 0.0)
        assert box.last_mutated == [target]
    for key in params:  # the parent's arrays are never touched: the child got copies
        np.testing.assert_array_equal(params[key], kept[key])


def test_mutation_in_a_twolayernet(tmp_path):
    source = CLASS_SUBMISSION.replace("params = self.params\n",
                                      "params = self.params\n        self.params['b1'] += 1\n")
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST) as box:
        box.loss_and_grads(params, X, y, 0.0)
        assert box.last_mutated == ["b1"]
        box.scores(params, X)
        assert box.last_mutated == ["b1"]


def test_losses_evaluations_do_not_see_each_others_mutations(tmp_path):
    params, X, y = problem()
    with loss_body(tmp_path, "X *= 2") as box:
        values = box.losses([params] * 3, X, y, 0.0)
    assert values[0] == values[1] == values[2] == reference(params, 2 * X, y, 0.0)[0]


# --------------------------------------------------------------------------------------------
# Error kinds
# --------------------------------------------------------------------------------------------
def test_import_syntax_error_with_line(tmp_path):
    path = write(tmp_path, "import numpy as np\n\ndef loss_and_grads(params, X, y, reg)\n    return 0\n",
                 dedent=False)
    error = expect_error(Sandbox(path, limits=FAST), "import")
    assert error.line == 3
    assert "SyntaxError" in error.message and "line 3" in error.message


def test_import_missing_module_is_named(tmp_path):
    path = write(tmp_path, "import numpy as np\nfrom cs231n.layers import affine_forward\n")
    error = expect_error(Sandbox(path, limits=FAST), "import")
    assert "cs231n" in error.message and error.line == 2


@pytest.mark.parametrize("source,evidence", [
    ("import numpy as np\ndef loss_and_grads(params, X, y, reg):\n    print 'loss', reg\n    return 0, {}\n",
     "print"),
    ("import numpy as np\ntry:\n    import foo\nexcept ImportError, e:\n    pass\n", "except"),
])
def test_python2_file_is_an_import_error_that_says_so(tmp_path, source, evidence):
    error = expect_error(Sandbox(write(tmp_path, source, dedent=False), limits=FAST), "import")
    assert "Python 2" in error.message and evidence in error.message


def test_python3_syntax_error_near_python2_lookalikes_is_not_called_python2(tmp_path):
    source = (
        'def loss_and_grads(params, X, y, reg):\n'
        '    """Returns `loss` and `grads`.\n'
        '    print the loss <> nothing, except X, e: nothing\n'
        '    """\n'
        '    return 1 +\n'
    )
    error = expect_error(Sandbox(write(tmp_path, source, dedent=False), limits=FAST), "import")
    assert "Python 2" not in error.message and "SyntaxError" in error.message and error.line == 5


def test_python2_octal_literal(tmp_path):
    error = expect_error(Sandbox(write(tmp_path, "mode = 0755\n"), limits=FAST), "import")
    assert "Python 2" in error.message and "octal" in error.message


def test_python2_builtin_at_run_time_is_an_import_error(tmp_path):
    box = loss_body(tmp_path, "for i in xrange(3):\n    pass\n")
    error = expect_error(box, "import")
    assert "Python 2" in error.message and "xrange" in error.message and error.line == 5


def test_python2_latin1_file(tmp_path):
    path = tmp_path / "submission.py"
    path.write_bytes(b"# auteur: Andr\xe9\nimport numpy as np\nprint 'bonjour'\n")
    error = expect_error(Sandbox(path, limits=FAST), "import")
    assert "Python 2" in error.message


def test_no_class_or_function_is_api(tmp_path):
    path = write(tmp_path, "import numpy as np\n\ndef my_loss(params, X, y, reg):\n    return 0\n")
    error = expect_error(Sandbox(path, limits=FAST), "api")
    assert "my_loss" in error.message  # it says what the file does define


def test_forced_api_missing_is_api(tmp_path):
    path = write(tmp_path, FUNCTION_SUBMISSION, dedent=False)
    expect_error(Sandbox(path, api="twolayernet", limits=FAST), "api")


@pytest.mark.parametrize("returned", [
    "1.0",  # not a tuple
    "(1.0, 2.0, 3.0)",  # a 3-tuple
    "('a string', {})",  # loss not a number
    "(np.ones(3), {})",  # loss not one number
    "(1.0, [1, 2])",  # grads not a dict
    "(1.0, {'W1': 'abc', 'b1': 0, 'W2': 0, 'b2': 0})",  # gradient not numeric
    "(1.0, {'W1': None, 'b1': 0, 'W2': 0, 'b2': 0})",
    "(1.0, {'W1': [[1], [1, 2]], 'b1': 0, 'W2': 0, 'b2': 0})",  # ragged
])
def test_wrong_return_types_are_api(tmp_path, returned):
    error = expect_error(loss_body(tmp_path, f"return {returned}"), "api")
    assert "loss_and_grads" in error.message or "grads[" in error.message


def test_signature_that_does_not_fit_is_api(tmp_path):
    path = write(tmp_path, "def loss_and_grads(params, X, y):\n    return 0.0, {}\n")
    error = expect_error(Sandbox(path, limits=FAST), "api")
    assert "signature" in error.message and "positional" in error.message


def test_helper_module_beside_the_submission_is_importable(tmp_path):
    # A directory submission (root) is copied whole into the sandbox, helpers included.
    (tmp_path / "layers.py").write_text("import numpy as np\n\ndef relu(z):\n    return np.maximum(z, 0)\n")
    source = FUNCTION_SUBMISSION.replace("import numpy as np", "import numpy as np\nfrom layers import relu")
    source = source.replace("h = np.maximum(z, 0)", "h = relu(z)")
    params, X, y = problem()
    with Sandbox(write(tmp_path, source, dedent=False), limits=FAST, root=tmp_path) as box:
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


def test_files_beside_a_single_file_submission_are_not_copied(tmp_path):
    # Loose files of a class side by side: one student's sandbox holds none of the others' files.
    (tmp_path / "layers.py").write_text("def relu(z):\n    return z\n")
    source = FUNCTION_SUBMISSION.replace("import numpy as np", "import numpy as np\nfrom layers import relu")
    error = expect_error(Sandbox(write(tmp_path, source, dedent=False), limits=FAST), "import")
    assert "layers" in error.message and error.module == "layers"


def test_missing_gradient_names_the_key(tmp_path):
    error = expect_error(loss_body(tmp_path, "return 1.0, {'W1': params['W1'], 'W2': 0, 'b2': 0}"),
                         "missing-gradient")
    assert "'b1'" in error.message


def test_raise_in_loss_is_exception_with_type_message_and_line(tmp_path):
    error = expect_error(loss_body(tmp_path, "x = 1\nraise ValueError('shapes do not align')"), "exception")
    assert error.line == 6
    assert "ValueError" in error.message and "shapes do not align" in error.message and "line 6" in error.message


def test_error_inside_numpy_points_at_the_submissions_line(tmp_path):
    error = expect_error(loss_body(tmp_path, "np.dot(np.ones((2, 3)), np.ones((2, 3)))"), "exception")
    assert error.line == 5 and "ValueError" in error.message


def test_exception_keeps_the_child_usable(tmp_path):
    params, X, y = problem()
    with loss_body(tmp_path, "if reg == 123:\n    raise KeyError('boom')") as box:
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 123)
        assert info.value.kind == "exception"
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


def test_raise_at_import_is_exception(tmp_path):
    path = write(tmp_path, "import numpy as np\ndata = np.load('cifar10.npz')\n")
    error = expect_error(Sandbox(path, limits=FAST), "exception")
    assert error.line == 2 and "FileNotFoundError" in error.message


def test_infinite_loop_at_import_is_timeout(tmp_path):
    path = write(tmp_path, "while True:\n    pass\n")
    limits = Limits(timeout=2.0)
    error = expect_error(Sandbox(path, limits=limits), "timeout", limits=limits)
    assert "importing" in error.message and "__main__" in error.message


def test_infinite_loop_in_loss_is_timeout_then_a_new_child_answers(tmp_path):
    limits = Limits(timeout=2.0)
    params, X, y = problem()
    with loss_body(tmp_path, "while reg == 123:\n    pass", limits=limits) as box:
        expect = time.monotonic()
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 123)
        assert info.value.kind == "timeout"
        assert time.monotonic() - expect < limits.timeout + 5
        loss, _ = box.loss_and_grads(params, X, y, 0.0)  # a fresh child
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


def test_infinite_loop_in_losses_is_timeout(tmp_path):
    limits = Limits(timeout=2.0)
    params, X, y = problem()
    expect_error(loss_body(tmp_path, "while reg == 123:\n    time.sleep(0.01)", limits=limits), "timeout",
                 call=lambda box: box.losses([params] * 5, X, y, 123), limits=limits)


def test_sleeping_in_native_code_is_timeout(tmp_path):
    limits = Limits(timeout=2.0)
    expect_error(loss_body(tmp_path, "time.sleep(3600)", limits=limits), "timeout", limits=limits)


def test_huge_allocation_is_resources(tmp_path):
    error = expect_error(loss_body(tmp_path, "big = np.zeros(50 * 2**30 // 8)"), "resources")
    assert "memory" in error.message


def test_growing_list_is_resources(tmp_path):
    limits = Limits(timeout=20.0, memory_mb=512)
    box = loss_body(tmp_path, "hog = []\nwhile True:\n    hog.append(bytearray(10**7))", limits=limits)
    expect_error(box, "resources", limits=limits)


def test_growing_global_list_at_import_is_resources(tmp_path):
    limits = Limits(timeout=20.0, memory_mb=512)
    path = write(tmp_path, "HOG = []\nwhile True:\n    HOG.append(' ' * 10**6)\n")
    expect_error(Sandbox(path, limits=limits), "resources", limits=limits)


def test_cpu_limit_is_resources(tmp_path):
    limits = Limits(timeout=30.0, cpu_seconds=1)
    error = expect_error(loss_body(tmp_path, "while True:\n    pass", limits=limits), "resources", limits=limits)
    assert "CPU" in error.message


@pytest.mark.parametrize("body,status", [
    ("sys.exit(0)", "SystemExit(0)"),
    ("raise SystemExit", "SystemExit"),
    ("os._exit(3)", "exit status 3"),
    ("import signal\nos.kill(os.getpid(), signal.SIGTERM)", "SIGTERM"),
])
def test_ending_its_own_process_is_exit(tmp_path, body, status):
    error = expect_error(loss_body(tmp_path, body), "exit")
    assert status in error.message


def test_exit_at_import_is_exit(tmp_path):
    path = write(tmp_path, "import sys\nsys.exit('bye')\n")
    error = expect_error(Sandbox(path, limits=FAST), "exit")
    assert error.line == 2


def test_segfault_is_resources(tmp_path):
    box = loss_body(tmp_path, "import ctypes\nctypes.string_at(0)")
    expect_error(box, "resources")


def test_closing_the_pipes_is_exit(tmp_path):
    expect_error(loss_body(tmp_path, "os.closerange(3, 256)"), "exit")


def test_garbage_on_every_descriptor_is_an_error_not_a_crash(tmp_path):
    box = loss_body(tmp_path, """
        for fd in range(3, 64):
            try:
                os.write(fd, b"DRV1" + b"\\xff" * 64)
            except OSError:
                pass
    """)
    error = expect_error(box, "exception")
    assert "channel" in error.message


def test_fork_is_refused_when_confined(tmp_path):
    box = loss_body(tmp_path, "os.fork()")
    box.start()
    if not box.confinement.get("no_fork"):
        box.close()
        pytest.skip("no seccomp here")
    error = expect_error(box, "exception")
    assert "PermissionError" in error.message


def test_threads_still_work_when_confined(tmp_path):
    box = loss_body(tmp_path, "import threading\nt = threading.Thread(target=print, args=('thread ran',))\n"
                              "t.start()\nt.join()")
    params, X, y = problem()
    with box:
        box.loss_and_grads(params, X, y, 0.0)
        assert "thread ran" in box.output()


# Without confinement a fork succeeds: the harness must still reply once and close() must end it.
def test_a_fork_does_not_reply_twice_and_close_ends_it(tmp_path):
    params, X, y = problem()
    box = loss_body(tmp_path, "if os.fork() == 0:\n    time.sleep(0.2)", confine=False)
    with box:
        first, _ = box.loss_and_grads(params, X, y, 0.0)
        second, _ = box.loss_and_grads(params, X, y, 0.0)
        started = time.monotonic()
    assert time.monotonic() - started < 5
    assert first == second == pytest.approx(reference(params, X, y, 0.0)[0])


def test_a_sleeping_fork_is_killed_with_the_group(tmp_path):
    params, X, y = problem()
    box = loss_body(tmp_path, "pid = os.fork()\nif pid == 0:\n    open('fork.pid', 'w').write(str(os.getpid()))\n"
                              "    time.sleep(3600)\ntime.sleep(0.2)\nprint('forked', pid)", confine=False)
    with box:
        box.loss_and_grads(params, X, y, 0.0)
        pid = int(box.output().split("forked")[1].split()[0])
    assert _gone_or_zombie(pid)


def _gone_or_zombie(pid: int) -> bool:
    # Killed orphans are reaped by init; in a container without a reaping init they stay zombies.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_start_failure_is_remembered(tmp_path):
    box = Sandbox(write(tmp_path, "raise RuntimeError('at import')\n"), limits=FAST)
    with pytest.raises(SubmissionError) as first:
        box.start()
    params, X, y = problem()
    with pytest.raises(SubmissionError) as again:
        box.loss_and_grads(params, X, y, 0.0)
    box.close()
    assert first.value is again.value and first.value.kind == "exception"


def test_temporary_directory_is_deleted(tmp_path):
    box = Sandbox(write(tmp_path, FUNCTION_SUBMISSION, dedent=False), limits=FAST)
    box.start()
    tmp = Path(box._tmp)
    assert tmp.is_dir()
    box.close()
    assert not tmp.exists()


def test_bad_api_argument_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        Sandbox(tmp_path / "x.py", api="keras")


# --------------------------------------------------------------------------------------------
# The codec accepts numbers only
# --------------------------------------------------------------------------------------------
def _split(frame: bytes):
    head_len, body_len = parse_frame_head(frame[:16], 1 << 30)
    return frame[16:16 + head_len], bytearray(frame[16 + head_len:])


def test_codec_round_trip_keeps_shapes_and_values():
    arrays = [("loss", np.array(1.5)), ("W", np.arange(6.0).reshape(2, 3).T), ("e", np.zeros((0, 4)))]
    header, out = decode_frame(*_split(encode_frame({"status": "ok"}, arrays)))
    assert header == {"status": "ok"}
    for name, value in arrays:
        assert out[name].shape == value.shape
        np.testing.assert_array_equal(out[name], value)


@pytest.mark.parametrize("spec", [
    ["x", "|O", [1]],  # objects: would need pickle
    ["x", "<U3", [1]],  # strings
    ["x", "<f8", [-1]],
    ["x", "<f8", [10**6]],  # more than the body holds
    ["x", "not-a-dtype", [1]],
    "oops",
])
def test_codec_rejects_non_numeric_or_inconsistent_frames(spec):
    import json
    head = json.dumps({"status": "ok", "arrays": [spec]}).encode()
    with pytest.raises(FrameError):
        decode_frame(head, bytearray(8))


def test_codec_rejects_bad_magic_and_huge_lengths():
    with pytest.raises(FrameError):
        parse_frame_head(b"EVIL" + bytes(12), 1 << 20)
    frame = encode_frame({"status": "ok"}, [("x", np.zeros(1000))])
    with pytest.raises(FrameError):
        parse_frame_head(frame[:16], 100)


def test_writing_past_the_file_size_limit_is_resources(tmp_path):
    error = expect_error(loss_body(tmp_path, "open('big.bin', 'wb').write(bytes(40 << 20))"), "resources")
    assert "file-size" in error.message


def test_missing_submission_file_is_import(tmp_path):
    error = expect_error(Sandbox(tmp_path / "nothing.py", limits=FAST), "import")
    assert "cannot read" in error.message


def test_memory_limit_below_the_interpreter_is_resources(tmp_path):
    limits = Limits(timeout=5.0, memory_mb=16)
    expect_error(Sandbox(write(tmp_path, FUNCTION_SUBMISSION, dedent=False), limits=limits), "resources",
                 limits=limits)


def test_submission_error_pickles():
    import pickle
    error = pickle.loads(pickle.dumps(SubmissionError("exception", "ValueError: x (line 3)", 3)))
    assert (error.kind, error.message, error.line) == ("exception", "ValueError: x (line 3)", 3)


# --------------------------------------------------------------------------------------------
# Confinement (Landlock, no new privileges, no capabilities): skipped where the kernel lacks it
# --------------------------------------------------------------------------------------------
def _confined(tmp_path) -> dict:
    with Sandbox(write(tmp_path, FUNCTION_SUBMISSION, "probe.py", dedent=False), limits=FAST) as box:
        return box.confinement


def test_confinement_is_reported(tmp_path):
    confinement = _confined(tmp_path)
    assert set(confinement) == {"no_new_privs", "capabilities_dropped", "no_fork", "seccomp", "landlock"}
    if __import__("sys").platform.startswith("linux"):
        assert confinement["no_new_privs"] is True


def test_writes_outside_the_work_directory_are_refused(tmp_path):
    if not _confined(tmp_path)["landlock"]:
        pytest.skip("no Landlock in this kernel")
    target = tmp_path / "escaped.txt"
    box = loss_body(tmp_path, f"open('inside.txt', 'w').write('fine')\nopen({str(target)!r}, 'w').write('x')")
    error = expect_error(box, "exception")
    assert "PermissionError" in error.message and error.line == 6
    assert not target.exists()


def test_the_grader_process_cannot_be_signalled(tmp_path):
    if _confined(tmp_path).get("landlock", 0) < 6:
        pytest.skip("no Landlock signal scoping in this kernel")
    # Signal 0 only checks permission: harmless to this test process even if it were allowed.
    error = expect_error(loss_body(tmp_path, "os.kill(os.getppid(), 0)"), "exception")
    assert "PermissionError" in error.message


def test_tcp_connections_are_refused(tmp_path):
    if _confined(tmp_path).get("landlock", 0) < 4:
        pytest.skip("no Landlock network rules in this kernel")
    import socket
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        body = f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)"
        error = expect_error(loss_body(tmp_path, body), "exception")
    assert "PermissionError" in error.message


def test_limits_cannot_be_lifted_by_the_submission(tmp_path):
    body = "import resource\nresource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY,) * 2)"
    error = expect_error(loss_body(tmp_path, body), "exception")
    assert "ValueError" in error.message or "PermissionError" in error.message


def test_removed_numpy_aliases_of_old_course_code_work(tmp_path):
    box = loss_body(tmp_path, "X = X.astype(np.float)\nassert np.isinf(np.Inf) and np.int is int")
    params, X, y = problem()
    with box:
        loss, _ = box.loss_and_grads(params, X, y, 0.0)
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


FORGE = """
def _forge(payload):
    # Find the reply pipe the way a hostile submission could: every pipe we may write to.
    for fd in range(3, 64):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                os.write(fd, payload)
        except OSError:
            pass
"""


@pytest.mark.parametrize("payload", [
    # a pickled object disguised as an array: never unpickled, refused by dtype
    "encode_frame_obj()",
    # absurdly nested JSON header
    "_head(b'[' * 200000)",
    # a frame that announces a 1 TB body
    "b'DRV1' + (2).to_bytes(4, 'big') + (1 << 40).to_bytes(8, 'big') + b'{}'",
])
def test_forged_reply_frames_are_refused(tmp_path, payload):
    header = FORGE + textwrap.dedent("""
        import json, pickle
        def _head(head, body=b''):
            return b'DRV1' + len(head).to_bytes(4, 'big') + len(body).to_bytes(8, 'big') + head + body
        class Boom:
            def __reduce__(self):
                return (open, ('pwned.txt', 'w'))
        def encode_frame_obj():
            body = pickle.dumps(Boom())
            head = json.dumps({"status": "ok", "seq": 1, "mutated": [],
                               "arrays": [["loss", "|O", []]]}).encode()
            return _head(head, body)
    """)
    box = loss_body(tmp_path, f"_forge({payload})\ntime.sleep(0.5)", header=header)
    error = expect_error(box, "exception")
    assert "channel" in error.message
    assert not list(Path(".").glob("pwned.txt")) and not (tmp_path / "pwned.txt").exists()


def test_exit_builtin_still_exists(tmp_path):
    error = expect_error(loss_body(tmp_path, "exit(2)"), "exit")
    assert "SystemExit(2)" in error.message


def test_the_grader_package_is_not_importable_by_submissions(tmp_path):
    error = expect_error(loss_body(tmp_path, "from derive.generated import mlp_reference"), "import")
    assert "derive" in error.message


def test_function_api_scores_with_y_none(tmp_path):
    params, X, y = problem()
    with Sandbox(write(tmp_path, FUNCTION_SUBMISSION, dedent=False), limits=FAST) as box:
        scores = box.scores(params, X)
    np.testing.assert_array_equal(scores, reference(params, X, None, 0.0))


def test_scores_that_are_a_tuple_is_api(tmp_path):
    params, X, y = problem()
    box = loss_body(tmp_path, "if y is None:\n    return 1.0, {}")
    error = expect_error(box, "api", call=lambda b: b.scores(params, X))
    assert "scores" in error.message


def test_losses_timeout_is_per_evaluation_not_per_batch(tmp_path):
    limits = Limits(timeout=2.0)
    params, X, y = problem()
    with loss_body(tmp_path, "time.sleep(0.4)", limits=limits) as box:
        values = box.losses([params] * 8, X, y, 0.0)  # ~3.2 s in all, 0.4 s each
    assert values == [reference(params, X, y, 0.0)[0]] * 8


def test_killed_by_sigkill_is_resources(tmp_path):
    error = expect_error(loss_body(tmp_path, "import signal\nos.kill(os.getpid(), signal.SIGKILL)"), "resources")
    assert "SIGKILL" in error.message


def test_a_harness_failure_before_import_is_an_error_kind_not_a_traceback(tmp_path, monkeypatch):
    # A configuration the child cannot use (fsize_mb is not a number) makes its bootstrap fail.
    import derive.checks.grading.sandbox.parent as sandbox_module
    monkeypatch.setattr(sandbox_module, "_FSIZE_MB", "lots")
    box = Sandbox(write(tmp_path, FUNCTION_SUBMISSION, dedent=False), limits=FAST)
    error = expect_error(box, "exception")
    assert "sandbox failed" in error.message


def test_a_huge_gradient_comes_back_as_its_shape_of_nan(tmp_path):
    # A broadcasting bug at full size gives (N, D, H): here 40 MB for a 40-number parameter.
    box = loss_body(tmp_path, """
        loss, grads = _inner(params, X, y, reg)
        grads["W1"] = np.ones((1000, 5000))
        return loss, grads
    """, header="def _inner(params, X, y, reg):\n" + FORWARD_BACKWARD)
    params, X, y = problem()
    with box:
        loss, grads = box.loss_and_grads(params, X, y, 0.0)
    assert grads["W1"].shape == (1000, 5000) and np.isnan(grads["W1"]).all()
    assert grads["W1"].base is not None and grads["W1"].strides == (0, 0)  # no memory behind it
    np.testing.assert_allclose(grads["b1"], reference(params, X, y, 0.0)[1]["b1"])
    assert loss == pytest.approx(reference(params, X, y, 0.0)[0])


def test_shared_memory_layout_round_trips_and_refuses_specs_outside_it():
    arrays = [("W1", np.arange(12.0).reshape(3, 4)), ("y", np.array([2, 0, 1])), ("r", np.float32(0.5) * np.ones(()))]
    specs, size = layout(arrays)
    memory = bytearray(size)
    for (_, a), (_, _, _, offset) in zip(arrays, specs, strict=True):
        memory[offset:offset + a.nbytes] = a.tobytes()
    views = shared_views(memory, specs)
    for name, a in arrays:
        np.testing.assert_array_equal(views[name], a)
        assert views[name].dtype == a.dtype and views[name].flags.writeable
    assert all(offset % 64 == 0 for *_, offset in specs)
    for bad in (["W1", "<f8", [3, 4], size], ["W1", "<f8", [3, 4], -8], ["W1", "|O", [1], 0], ["W1", "<f8", [3, 4]]):
        with pytest.raises(FrameError):
            shared_views(memory, [bad])

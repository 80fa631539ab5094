"""derive.checks.grading.packages: the package that provides a missing module, and a rubric's
extra packages as the import names a submission may use."""

from __future__ import annotations

import pytest
from derive.checks.grading.packages import explain_import_error, import_names, missing_module, provider

from derive.errors import DeriveError


@pytest.mark.parametrize(
    "module, package",
    [
        ("past", "future"),
        ("past.builtins", "future"),
        ("sklearn.svm", "scikit-learn"),
        ("cv2", "opencv-python"),
        ("PIL", "Pillow"),
        ("yaml", "PyYAML"),
        ("skimage", "scikit-image"),
        ("no_such_thing", None),
    ],
)
def test_provider_table(module, package):
    assert provider(module) == package


def test_import_error_names_the_package_or_says_it_is_not_installed():
    assert missing_module("ModuleNotFoundError: No module named 'past.builtins' (line 2)") == "past.builtins"
    text = explain_import_error("ModuleNotFoundError: No module named 'past.builtins'")
    assert "'past' comes from the PyPI package 'future': pip install future" in text
    other = explain_import_error("No module named 'cs231n_helpers'")
    assert "not installed" in other and "extra_packages" in other and "PyPI package" not in other
    assert explain_import_error("SyntaxError: invalid syntax") == "SyntaxError: invalid syntax"  # nothing to add


def test_extra_packages_become_import_names():
    assert "hypothesis" in import_names(["hypothesis"])  # a distribution: its top-level modules
    assert import_names(["json"]) == ("json",)  # an importable module name stands for itself
    assert import_names([]) == ()
    with pytest.raises(DeriveError, match="extra package 'no-such-dist' is not installed"):
        import_names(["no-such-dist"])

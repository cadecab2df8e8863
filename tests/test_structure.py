"""The floor plan holds: the folder list is the pipeline, modules stay small, every concept has one home.

(The import layering itself is checked by `lint-imports` against the contracts in pyproject.toml, with
`mypy` and `ruff check`, in .ci/run.)
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support import REPO

PACKAGE = REPO / "factledger"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _folders() -> set[str]:
    return {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}


def test_the_package_root_holds_only_the_story_and_folders() -> None:
    files = {p.name for p in PACKAGE.iterdir() if p.is_file()}
    assert files == {"__init__.py", "__main__.py", "pipeline.py"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{module.relative_to(REPO)} has {lines} lines: split it along the pipeline"


def test_the_readme_layout_names_every_folder_once_and_nothing_else() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    named = re.findall(r"^  (\w+)/ ", block, flags=re.MULTILINE)
    assert sorted(named) == sorted(set(named)), "a folder is listed twice"
    assert set(named) == _folders()
    assert re.search(r"^  pipeline\.py ", block, flags=re.MULTILINE)


# The library's facade (factledger.api, lazy: it imports a use case when one is used) and the package root
# (its version and homepage) are the only package files with code; the others name their modules.
_INITS_WITH_CODE = {PACKAGE / "__init__.py", PACKAGE / "api" / "__init__.py"}


@pytest.mark.parametrize("init", [m for m in MODULES if m.name == "__init__.py" and m not in _INITS_WITH_CODE],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_package_init_files_hold_no_code(init: Path) -> None:
    body = ast.parse(init.read_text(encoding="utf-8")).body
    code = [node for node in body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    assert code == [], f"{init.relative_to(REPO)}: imports name modules, so importing a package loads nothing"


def test_the_library_facade_lists_what_it_serves() -> None:
    import factledger.api as api

    assert sorted(api.__all__) == sorted([*api._HOMES, *api._ERRORS])
    for name in api.__all__:
        assert getattr(api, name) is not None


# An expression that names an id: `s.id`, `source_id`, `ref.id`, `ids`, `reviewer` (a source's id).
_ID = re.compile(r"(^|[._])(id|ids|[a-z]+_id|reviewer)$")


def _inline_id_folds(module: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "casefold", "lower", "upper"):
            receiver = ast.unparse(node.func.value)
            if _ID.search(receiver):
                found.append(f"{module.name}:{node.lineno}: {receiver}.{node.func.attr}()")
    return found


def test_ids_are_folded_only_in_their_home() -> None:
    """How ids compare has one home (factledger/model/ids.py); an inline fold elsewhere is a second rule."""
    found = [hit for m in MODULES if m != PACKAGE / "model" / "ids.py" for hit in _inline_id_folds(m)]
    assert found == []


def test_the_id_fold_check_can_fail(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f(ref, source_id):\n    return ref.id.casefold() == source_id.lower()\n")
    assert len(_inline_id_folds(module)) == 2

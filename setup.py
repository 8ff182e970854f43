"""What pyproject.toml cannot say: the top-level `resources/` folder installs as the package `repdesk_resources`,
and the build compiles the .qm translations from the .ts sources (scripts/build_translations.py) into the wheel,
or beside the .ts for an editable install. Everything else is in pyproject.toml."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _translations() -> ModuleType:
    # loaded by path: scripts/ is not a package, and the build must not depend on the current directory
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()  # first: it copies any .qm lying in the source tree, which the fresh ones then replace
        translations = _translations()
        if self.editable_mode:
            translations.build()  # an editable install reads resources/ itself
        else:
            translations.build(Path(self.build_lib) / "repdesk_resources" / "translations")


setup(
    packages=find_packages(include=["desktop", "desktop.*", "ui", "ui.*"]) + ["repdesk_resources"],
    package_dir={"repdesk_resources": "resources"},
    cmdclass={"build_py": BuildPyWithTranslations},
)

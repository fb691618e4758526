"""Build step: the wheel ships the data package, so that an installed package loads,
validates and exports from any folder.

The repository keeps the data where researchers edit it, at the top level (``data/``, and
``CITATION.cff`` beside it); nothing is moved or duplicated in the repository. Building a
wheel copies them into the package as ``parallel_forces/_data/``, which the installed package
reads with importlib.resources (``parallel_forces.config.packaged_data``). An editable install
and a checkout read ``data/`` in place. Everything else is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: Where the data package goes inside the installed package.
TARGET = Path("parallel_forces", "_data")


class BuildPyWithData(build_py):
    """build_py, then the data package (every file under data/, folders kept) and CITATION.cff
    into the build."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads data/ where it is
        target = Path(self.build_lib) / TARGET
        self.mkpath(str(target))
        data = HERE / "data"
        for src in sorted(p for p in data.rglob("*") if p.is_file()):
            dst = target / src.relative_to(data)
            self.mkpath(str(dst.parent))
            self.copy_file(str(src), str(dst))
        self.copy_file(str(HERE / "CITATION.cff"), str(target / "CITATION.cff"))


setup(cmdclass={"build_py": BuildPyWithData})

"""parallel_forces: load, validate and analyse the IPI Annex of parallel forces.

The notebooks call this package; the package holds every computation they share.
"""

from .charts import Figure, enable as enable_charts
from .data import derive, explode_list, load_forces, load_mandates, months_between
from .settings import Conventions, load_conventions
from .validate import DataError, validate
from . import analysis, keyfigures  # noqa: E402  (pf.analysis, pf.keyfigures)

__version__ = "0.1.0"
__all__ = [
    "Figure", "enable_charts", "derive", "explode_list", "load_forces", "load_mandates",
    "months_between", "Conventions", "load_conventions", "DataError", "validate",
]

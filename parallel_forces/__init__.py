"""parallel_forces: load, validate and analyse the IPI Annex of parallel forces.

The notebooks call this package; the package holds every computation they share.
"""

from . import analysis, config, formatting, keyfigures, reference
from .charts import Figure
from .charts import enable as enable_charts
from .config import Conventions, load_conventions
from .data import derive, explode_list, load_forces, load_mandates, months_between
from .validate import DataError, validate

__version__ = "0.3.0"
__all__ = [
    "analysis",
    "config",
    "formatting",
    "keyfigures",
    "reference",
    "Figure",
    "enable_charts",
    "derive",
    "explode_list",
    "load_forces",
    "load_mandates",
    "months_between",
    "Conventions",
    "load_conventions",
    "DataError",
    "validate",
]

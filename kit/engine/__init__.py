"""The scoring engine: definition dict -> validated model -> result dict.

No I/O and no third-party imports here: the browser worker imports this
package from a wheel inside Pyodide.
"""

from .errors import AnswerError, DefinitionError, Problem
from .model import Questionnaire, validate
from .scoring import score

__all__ = ["AnswerError", "DefinitionError", "Problem", "Questionnaire", "score", "validate"]

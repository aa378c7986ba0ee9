"""minutekit: validate and convert the minutes of UK council meetings.

The pipeline, one stage per module: :mod:`minutekit.source` (bytes → text),
:mod:`minutekit.parse` with the grammar in :mod:`minutekit.grammar` (text → model),
:mod:`minutekit.model`, :mod:`minutekit.schema` and :mod:`minutekit.rules`
(model → diagnostics, run by :mod:`minutekit.validate`), and :mod:`minutekit.cli`.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"

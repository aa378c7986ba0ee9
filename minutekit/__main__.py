"""``python -m minutekit``: the same as the ``minutekit`` command."""

from minutekit.cli import main

main(prog_name="minutekit")

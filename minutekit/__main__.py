"""``python -m minutekit``: the same as the ``minutekit`` command."""

from minutekit.replay import main

main()

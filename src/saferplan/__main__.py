"""``python -m saferplan``: the same as the ``saferplan`` console script."""

from saferplan.cli import main

main()

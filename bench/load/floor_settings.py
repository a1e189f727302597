"""SaferPlan's settings with the benchmark's floor view added (see floor_urls.py)."""

from saferplan.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"

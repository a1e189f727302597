"""Hypothesis profiles for the fuzz tests, chosen by ``SAFERPLAN_HYPOTHESIS_PROFILE``.

- ``ci`` (the default): a few examples a test, derandomized (the same inputs on every
  run, so a failure in CI fails again on a laptop) and no example database, so the
  suite stays fast and reproducible;
- ``fuzz`` (``make fuzz``): ``SAFERPLAN_FUZZ_EXAMPLES`` examples a test (default
  1000), random each run: the long search.

Tests ask ``examples(n)`` for their count: ``n`` under ``ci``, the long count under
``fuzz``.  Importing this module registers and loads the profile (every fuzz module and
conftest imports it, so the choice holds whichever folder is run).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Verbosity, settings

PROFILE = os.environ.get("SAFERPLAN_HYPOTHESIS_PROFILE", "ci")
FUZZ_EXAMPLES = int(os.environ.get("SAFERPLAN_FUZZ_EXAMPLES", "1000"))
_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW,
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    database=None,  # no .hypothesis/ folder in the checkout; failures print their blob
    deadline=None,
    print_blob=True,
    suppress_health_check=[*_SLOW, HealthCheck.filter_too_much],
    verbosity=Verbosity.normal,
)
settings.load_profile(PROFILE)


def fuzzing() -> bool:
    return PROFILE == "fuzz"


def examples(short: int) -> int:
    """How many examples a test runs: ``short`` in CI, many more under ``make fuzz``."""
    return max(short, FUZZ_EXAMPLES) if fuzzing() else short

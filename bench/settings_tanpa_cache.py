"""Settings of the benchmark's uncached run: the dashboards compute every request (bench_dashboard.py)."""

from portal.settings import *  # noqa: F403

DASBOR_CACHE = False

"""Reliability checks run outside the test suite: `python -m reliability.crash_test`.

They drive the real `planner` command line in subprocesses and judge only what a learner would
see afterwards: the database file. See docs/reliability.md.
"""

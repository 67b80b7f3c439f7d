"""A HiGHS instance that keeps stdout for results: its start-up banner goes to stderr."""

from __future__ import annotations

import os
import sys

import highspy


def quiet_highs() -> highspy.Highs:
    """Return a new ``highspy.Highs`` with its output off, its banner sent to stderr, not stdout.

    HiGHS prints "Running HiGHS ..." from C++ when the object is made, before any option can turn
    output off; on stdout it would corrupt ``--json``. The process's file descriptor 1 is pointed at
    stderr for the construction only.

    Returns
    -------
    highspy.Highs
        With ``output_flag`` false.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no stdout to protect
        saved = -1
    try:
        if saved >= 0:
            os.dup2(2, 1)
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        if saved >= 0:
            os.dup2(saved, 1)
            os.close(saved)
    highs.setOptionValue("output_flag", False)
    return highs

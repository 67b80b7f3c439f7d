"""A HiGHS instance that keeps the terminal for results: its start-up banner is not shown."""

from __future__ import annotations

import os
import sys

import highspy


def quiet_highs() -> highspy.Highs:
    """Return a new ``highspy.Highs`` with its output off and its start-up banner dropped.

    HiGHS prints "Running HiGHS ..." from C++ when the object is made, before any option can turn
    output off; on stdout it would corrupt ``--json``, and on the terminal it is noise between a
    command's results. The process's file descriptor 1 is pointed at the null device for the
    construction only (HiGHS's MIT licence asks for no notice at run time).

    Returns
    -------
    highspy.Highs
        With ``output_flag`` false.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # no stdout to protect
        saved = null = -1
    try:
        if saved >= 0:
            os.dup2(null, 1)
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        if saved >= 0:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(null)
    highs.setOptionValue("output_flag", False)
    return highs

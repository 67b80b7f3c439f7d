"""Stage between evaluation and presentation: everything the outputs show, computed once per set of inputs."""

from hubplan.analysis.analyse import Analysis, analyse, fingerprint

__all__ = ["Analysis", "analyse", "fingerprint"]

"""Stage scale: councils, sweeps and Monte Carlo draws as independent tasks on Dask distributed.

Import what you need from its modules (``hubplan.scale.national``, ``.sweep``, ``.engine``,
``.uncertainty``); the package itself imports nothing, so that the report, which only draws
(:mod:`hubplan.scale.uncertainty`), does not load Dask.
"""

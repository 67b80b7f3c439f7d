"""Stage scale: councils, sweeps and Monte Carlo draws as independent tasks on Dask distributed.

Import what you need from its modules (``hubplan.scale.national``, ``.sweep``, ``.engine``); the
package itself imports nothing, so that importing one of them does not load Dask for the rest. The
error model the draws use lives in :mod:`hubplan.evaluate.uncertainty`.
"""

"""Solve location problems on cost matrices: p-median and maximal covering, exact or heuristic."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from hubplan.errors import HubplanError, InfeasibleError, ParameterError
from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import Capacity, Excluded, Required, Rules, check_rules
from hubplan.optimise.solution import BoundMethod, Method, Solution, Status, sorted_positions

METHODS = tuple(m.value for m in Method)
#: From this many candidate sites, a plain p-median (no rules) goes to the large-instance solver.
LARGE_SITES = 1000
#: Seconds HiGHS gets to find a plan keeping every rule when a heuristic solve's swaps found none.
FEASIBILITY_SECONDS = 60.0
#: The heuristic's alternatives: places of the best plan re-optimised without, for each one asked.
SOLVES_PER_ALTERNATIVE = 4
#: The exact method's alternatives: plans passed over as the same plan with a twin site swapped
#: (each costs a solve) before it stops looking.
MAX_SAME_PLANS = 32


def solve_instance(
    inst: Instance,
    rules: Rules,
    *,
    method: Method | str = Method.EXACT,
    time_limit: float | None = None,
    seed: int = 0,
    alternatives: int = 0,
    within: float = 0.05,
    iterations: int | None = None,
    same: Callable[[np.ndarray], bytes] | None = None,
) -> Solution:
    """Minimise the weighted cost of ``inst`` under ``rules``.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules.
    method
        ``"exact"`` (HiGHS, warm-started from the heuristic) or ``"heuristic"`` (greedy, fast
        vertex substitution and shakes, with a Lagrangian lower bound).
    time_limit
        Seconds; the exact method then returns its best plan with its gap.
    seed
        Seeds the heuristic's shakes.
    alternatives
        How many other distinct plans to return, each within ``within`` of the best.
    within
        The relative tolerance for alternatives (0.05 = within 5% of the best objective).
    iterations
        The heuristic's shakes (default: 200, or 30 before an exact solve).
    same
        Maps a plan's sorted open positions to a key; alternatives with the key of the plan or of an
        alternative before them are the same plan and are passed over (default: the positions
        themselves). The exact method passes over up to ``MAX_SAME_PLANS`` such plans (a plan of
        three places with three twins each comes back 26 times); the heuristic re-optimises without
        ``SOLVES_PER_ALTERNATIVE`` places for each alternative asked.

    Returns
    -------
    Solution
        A minimisation solution (``sense="min"``); fewer alternatives than asked when no more
        distinct plans lie within ``within`` (or none was met in the tries allowed).

    Raises
    ------
    InfeasibleError
        When the rules cannot all hold.
    ParameterError
        For an unknown method, or the heuristic with rules only the exact method keeps.
    """
    from hubplan.optimise.bound import fix_sites, lagrangian_bound  # numba: compiled kernels
    from hubplan.optimise.heuristic import feasible, search

    method = Method.parse(method)
    check_rules(rules, inst.n_sites)
    started = time.perf_counter()
    if rules.exact_only:
        if method == Method.HEURISTIC:
            names = ", ".join(dict.fromkeys(part.name for part in rules.exact_only))
            what = "capacities are" if rules.find(Capacity) else f"rules {names} are"
            raise ParameterError(
                "method", lead=f"{what} solved by the exact method only", expected="'exact'",
                found=str(method), hint=f"rules: {names}",
            )  # fmt: skip
        # The uncapacitated heuristic's plan may break a capacity: HiGHS starts from nothing.
        return _exact(inst, rules, start=None, fixed_bound=np.inf, time_limit=time_limit, started=started,
                      alternatives=alternatives, within=within, same=same)  # fmt: skip
    shakes = iterations if iterations is not None else (30 if method == Method.EXACT else 200)
    best, others = search(
        inst,
        rules,
        seed=seed,
        iterations=shakes,
        time_limit=time_limit,
        keep=alternatives * SOLVES_PER_ALTERNATIVE,
        keep_within=within,
    )
    if not feasible(rules, best):
        # The swaps found no plan keeping every rule (a budget, district minimums and cover sets
        # together can leave few): HiGHS decides, from no start. A heuristic solve gives it the time
        # left, or FEASIBILITY_SECONDS; it raises InfeasibleError if no plan exists.
        if method == Method.HEURISTIC and time_limit is None:
            time_limit = FEASIBILITY_SECONDS
        return _exact(
            inst,
            rules,
            start=None,
            fixed_bound=np.inf,
            time_limit=time_limit,
            started=started,
            alternatives=alternatives,
            within=within,
            same=same,
        )
    objective = inst.objective(sorted_positions(best))
    left = None if time_limit is None else max(0.1, time_limit - (time.perf_counter() - started))
    lagrangian = lagrangian_bound(inst, rules, objective, _nearest_open(inst, best)[0], time_limit=left)
    bound = min(lagrangian.bound, objective)
    if method == Method.HEURISTIC:
        alts = tuple(
            Solution(
                open=sorted_positions(mask),
                objective=obj,
                bound=bound,
                sense="min",
                seconds=0.0,
                status=Status.HEURISTIC,
                method=Method.HEURISTIC,
                bound_method=BoundMethod.LAGRANGIAN,
            )
            for obj, mask in _heuristic_alternatives(
                inst,
                rules,
                best,
                objective=objective,
                seen=others,
                count=alternatives,
                within=within,
                seed=seed,
                same=same,
            )
        )
        return Solution(
            open=sorted_positions(best), objective=objective, bound=bound, sense="min",
            seconds=time.perf_counter() - started, status=Status.HEURISTIC, method=Method.HEURISTIC,
            bound_method=BoundMethod.LAGRANGIAN, alternatives=alts,
        )  # fmt: skip
    integral = _integral(inst)
    closed_by_bound = objective - bound <= (1 - 1e-9 if integral else 1e-9 * max(1.0, abs(objective)))
    if closed_by_bound and alternatives == 0:
        return Solution(
            open=sorted_positions(best), objective=objective, bound=objective, sense="min",
            seconds=time.perf_counter() - started, status=Status.OPTIMAL, method=Method.EXACT,
            bound_method=BoundMethod.LAGRANGIAN,
        )  # fmt: skip
    fixed_bound = np.inf
    model_rules = rules
    if alternatives == 0:
        fixed_open, fixed_closed, fixed_bound = fix_sites(lagrangian, rules, objective, integral=integral)
        model_rules = rules.plus(Required(np.flatnonzero(fixed_open)), Excluded(np.flatnonzero(fixed_closed)))
    result = _exact(
        inst,
        model_rules,
        start=best,
        fixed_bound=fixed_bound,
        time_limit=time_limit,
        started=started,
        alternatives=alternatives,
        within=within,
        same=same,
    )
    if objective >= result.objective:
        return result
    # Fixing keeps only plans cheaper than the heuristic's, so it can cut off the heuristic's own plan
    # (when that plan is optimal): HiGHS then answers the best plan of what is left. Keep the better one;
    # both bounds together still bound every plan.
    lower = min(result.bound, fixed_bound)
    closed = objective - lower <= (1 - 1e-9 if integral else 1e-9 * max(1.0, abs(objective)))
    return Solution(
        open=sorted_positions(best), objective=objective, bound=objective if closed else lower, sense="min",
        seconds=time.perf_counter() - started, status=Status.OPTIMAL if closed else Status.TIME_LIMIT,
        method=Method.EXACT, bound_method=BoundMethod.MIP,
    )  # fmt: skip


def _exact(
    inst: Instance,
    rules: Rules,
    *,
    start: np.ndarray | None,
    fixed_bound: float,
    time_limit: float | None,
    started: float,
    alternatives: int,
    within: float,
    same: Callable[[np.ndarray], bytes] | None = None,
) -> Solution:
    """Solve with HiGHS from an optional start; ``fixed_bound`` bounds plans cut off by fixing."""
    from hubplan.optimise.exact import ExactSolver  # highspy, imported only when solving exactly

    left = None if time_limit is None else max(0.1, time_limit - (time.perf_counter() - started))
    solver = ExactSolver(inst, rules, time_limit=left)
    result = solver.solve(start=start)
    found: list[Solution] = []
    limit = result.objective * (1 + within) + 1e-9
    key = same or _positions_key
    seen = {key(sorted_positions(result.is_open))}
    previous = result.is_open
    passed_over = 0
    while len(found) < alternatives and passed_over <= MAX_SAME_PLANS:
        solver.exclude(previous)
        try:
            alt = solver.solve()
        except HubplanError:  # no further plan exists: stop looking
            break
        alt_objective = (
            alt.objective if rules.find(Capacity) else inst.objective(sorted_positions(alt.is_open))
        )
        if alt_objective > limit:
            break
        previous = alt.is_open
        if key(sorted_positions(alt.is_open)) in seen:  # the same plan as one before (twins swapped)
            passed_over += 1
            continue
        seen.add(key(sorted_positions(alt.is_open)))
        found.append(
            Solution(
                open=sorted_positions(alt.is_open),
                objective=alt_objective,
                bound=alt.bound,
                sense="min",
                seconds=alt.seconds,
                status=alt.status,
                method=Method.EXACT,
                bound_method=BoundMethod.MIP,
            )
        )
    # Without capacities a plan's cost is exact from its sites; HiGHS's own figure carries its tolerances.
    objective = result.objective if rules.find(Capacity) else inst.objective(sorted_positions(result.is_open))
    proven = objective if result.status == Status.OPTIMAL else min(result.bound, fixed_bound, objective)
    return Solution(
        open=sorted_positions(result.is_open), objective=objective, bound=proven, sense="min",
        seconds=time.perf_counter() - started, status=result.status, method=Method.EXACT,
        bound_method=BoundMethod.MIP, alternatives=tuple(found),
    )  # fmt: skip


def _heuristic_alternatives(
    inst: Instance,
    rules: Rules,
    best: np.ndarray,
    *,
    objective: float,
    seen: list[tuple[float, np.ndarray]],
    count: int,
    within: float,
    seed: int,
    same: Callable[[np.ndarray], bytes] | None = None,
) -> list[tuple[float, np.ndarray]]:
    """Return up to ``count`` distinct plans within ``within`` of ``objective``, best first.

    Besides the other local optima the search met, each of the best plan's least-used sites is
    excluded in turn, with its twins (the same weighted cost to every area), and the plan
    re-optimised: the best plan found without that place.
    """
    from hubplan.optimise.heuristic import feasible, search

    if count == 0:
        return []
    pool = {mask.tobytes(): (obj, mask) for obj, mask in seen}
    assigned = _nearest_open(inst, best)[1]
    load = np.bincount(assigned[assigned >= 0], minlength=inst.n_sites)
    required = set(np.flatnonzero(rules.view(inst.n_sites).required).tolist())
    removable = [int(j) for j in np.flatnonzero(best) if int(j) not in required]
    twins = {j: members for members in _twin_groups(inst) for j in members}
    for j in sorted(removable, key=lambda site: load[site])[: SOLVES_PER_ALTERNATIVE * count]:
        without = rules.plus(Excluded(np.array(twins.get(j, [j]))))  # the place, not one of its twins
        try:
            check_rules(without, inst.n_sites)
        except InfeasibleError:
            continue
        mask, _ = search(inst, without, seed=seed, iterations=20)
        if feasible(rules, mask):
            pool.setdefault(mask.tobytes(), (inst.objective(sorted_positions(mask)), mask))
    limit = objective * (1 + within) + 1e-9
    key = same or _positions_key
    met = {key(sorted_positions(best))}
    kept: list[tuple[float, np.ndarray]] = []
    for obj, mask in sorted(pool.values(), key=lambda item: item[0]):
        if obj <= limit and key(sorted_positions(mask)) not in met and len(kept) < count:
            met.add(key(sorted_positions(mask)))
            kept.append((obj, mask))
    return kept


def _positions_key(positions: np.ndarray) -> bytes:
    """Return a plan's key for telling plans apart: its sorted open positions."""
    return np.asarray(positions, dtype=np.int64).tobytes()


def _nearest_open(inst: Instance, is_open: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each area's weighted cost to its nearest open site (or far cost) and that site (-1: far)."""
    cost = inst.far.copy()
    site = np.full(inst.n_areas, -1, dtype=np.int64)
    open_pairs = is_open[inst.row_site]
    for u in range(inst.n_areas):
        lo, hi = inst.row_ptr[u], inst.row_ptr[u + 1]
        here = np.flatnonzero(open_pairs[lo:hi])
        if len(here):
            k = lo + here[int(np.argmin(inst.row_cost[lo:hi][here]))]
            if inst.row_cost[k] < cost[u]:
                cost[u] = inst.row_cost[k]
                site[u] = inst.row_site[k]
    return cost, site


def _integral(inst: Instance) -> bool:
    """Whether every plan's objective is a whole number (whole weighted costs and far costs)."""
    values = np.concatenate([inst.row_cost, inst.far])
    return bool(np.all(values == np.round(values)))


def solve_pmedian(
    cost: np.ndarray | sp.spmatrix | sp.sparray,
    weights: np.ndarray,
    p: int,
    *,
    method: Method | str = Method.EXACT,
    time_limit: float | None = None,
    seed: int = 0,
    rules: Rules | None = None,
) -> Solution:
    """Choose ``p`` sites minimising the weighted cost to each area's nearest open site (p-median).

    The p-median problem (Hakimi 1964; ReVelle and Swain 1970):
    ``minimise sum_i w_i * min_{j open} c_ij  subject to  exactly p sites open``.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs, e.g. minutes: dense (``inf`` for unusable pairs) or scipy sparse
        (only usable pairs listed; an area with none open pays a far cost of twice the largest cost + 1).
    weights
        (n_areas,) weights, e.g. families.
    p
        How many sites to open.
    method
        ``"exact"`` or ``"heuristic"``.
    time_limit
        Seconds.
    seed
        Seeds the heuristic.
    rules
        Further rules (required, excluded, district minimums, cover sets, a budget); ``p`` here wins.
        Without rules and with :data:`LARGE_SITES` sites or more, the large
        instance solver runs (:func:`hubplan.optimise.large_solve.solve_large`: neighbour lists, a
        default time limit of 40 s for the heuristic and 600 s for the exact method).

    Returns
    -------
    Solution
        ``open``, ``objective`` (sum of weight x cost to the nearest open site), ``lower_bound``,
        ``gap`` and ``seconds``.

    Examples
    --------
    >>> cost = np.array([[0.0, 4.0], [3.0, 0.0], [5.0, 1.0]])
    >>> s = solve_pmedian(cost, np.array([1.0, 1.0, 1.0]), 1)
    >>> s.open.tolist(), s.objective
    ([1], 5.0)
    """
    if rules is None and cost.shape[1] >= LARGE_SITES:
        from hubplan.optimise.large_solve import solve_large  # neighbour lists for large instances

        return solve_large(cost, weights, p, method=Method.parse(method), time_limit=time_limit, seed=seed)
    inst = build_instance(cost, weights)
    chosen = (rules or Rules()).with_count(p)
    return solve_instance(inst, chosen, method=method, time_limit=time_limit, seed=seed)


def solve_coverage(
    cost: np.ndarray | sp.spmatrix | sp.sparray,
    weights: np.ndarray,
    p: int,
    radius: float,
    *,
    method: Method | str = Method.EXACT,
    time_limit: float | None = None,
    seed: int = 0,
    rules: Rules | None = None,
) -> Solution:
    """Choose ``p`` sites maximising the weight within ``radius`` of an open site (maximal covering).

    The maximal covering location problem (Church and ReVelle 1974):
    ``maximise sum_i w_i * [some open j has c_ij <= radius]  subject to  exactly p sites open``,
    solved as a p-median on 0/1 costs.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs, dense or scipy sparse.
    weights
        (n_areas,) weights.
    p
        How many sites to open.
    radius
        The cost within which an area counts as covered (inclusive).
    method, time_limit, seed, rules
        As for :func:`solve_pmedian`.

    Returns
    -------
    Solution
        ``objective`` is the weight covered; ``bound`` a proven upper bound (``sense="max"``).
    """
    inst = coverage_instance(cost, weights, radius)
    chosen = (rules or Rules()).with_count(p)
    s = solve_instance(inst, chosen, method=method, time_limit=time_limit, seed=seed)
    return as_coverage(s, float(np.sum(weights)))


def coverage_instance(
    cost: np.ndarray | sp.spmatrix | sp.sparray, weights: np.ndarray, radius: float
) -> Instance:
    """Return the 0/1 instance for maximal covering: cost 0 within ``radius``, 1 (the far cost) beyond.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs, dense or scipy sparse.
    weights
        (n_areas,) weights.
    radius
        The covering radius (same unit as ``cost``).

    Returns
    -------
    Instance
        Only the covering pairs are listed, so the instance is as sparse as the coverage.
    """
    if sp.issparse(cost):
        coo = sp.coo_array(cost)
        keep = coo.data <= radius
        rows, cols = coo.row[keep], coo.col[keep]
        shape = coo.shape
    else:
        dense = np.asarray(cost, dtype=np.float64)
        rows, cols = np.nonzero(dense <= radius)
        shape = dense.shape
    covering = sp.csr_array((np.zeros(len(rows)), (rows, cols)), shape=shape)
    return build_instance(covering, weights, far=1.0)


def as_coverage(s: Solution, total: float) -> Solution:
    """Turn a minimised uncovered weight into a maximised covered weight (objective and bound).

    Parameters
    ----------
    s
        A solution of a :func:`coverage_instance`.
    total
        The total weight.

    Returns
    -------
    Solution
        ``sense="max"``, objective = covered weight, bound = an upper bound on it.
    """
    alts = tuple(as_coverage(a, total) for a in s.alternatives)
    return Solution(
        open=s.open,
        objective=total - s.objective,
        bound=total - s.bound,
        sense="max",
        seconds=s.seconds,
        status=s.status,
        method=s.method,
        bound_method=s.bound_method,
        alternatives=alts,
    )


def prefer_earlier_twins(inst: Instance, rules: Rules, open_sites: np.ndarray) -> np.ndarray:
    """Return the plan with each open site swapped for an earlier twin where the rules allow it.

    Twins are sites with identical columns in ``inst`` (the same weighted cost to every area, e.g.
    a children's centre and the library at the same postcode; under a coverage objective the
    columns say which areas a site covers, so twins are sites that cover the same areas, whatever
    their minutes): swapping one for the other leaves the objective exactly as it was, so the
    optimum and its bound stand. Which twin a solver opens otherwise depends on how the sites
    happen to be ordered; this makes the choice the earliest position, which
    :func:`hubplan.optimise.plan.plan` orders by cost and then id. A swap is kept only when every
    rule still holds (a required site stays, an excluded one stays shut, a district
    keeps its minimum); with capacities, where twins may hold different numbers, nothing is swapped.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules the plan keeps.
    open_sites
        Positions of the open sites.

    Returns
    -------
    numpy.ndarray
        Positions of the open sites, sorted, with the same objective.
    """
    if rules.find(Capacity) is not None:
        return sorted_positions(_mask(inst.n_sites, open_sites))

    def column(j: int) -> tuple[np.ndarray, np.ndarray]:
        span = slice(inst.col_ptr[j], inst.col_ptr[j + 1])
        return inst.col_area[span], inst.col_cost[span]

    is_open = _mask(inst.n_sites, open_sites)
    for members in _twin_groups(inst):
        for j in sorted((m for m in members if is_open[m]), reverse=True):
            for k in members:
                if k >= j:
                    break
                if is_open[k] or not all(map(np.array_equal, column(j), column(k))):
                    continue
                is_open[j], is_open[k] = False, True
                if rules.feasible(is_open):
                    break
                is_open[j], is_open[k] = True, False
    return sorted_positions(is_open)


def _mask(n_sites: int, positions: np.ndarray) -> np.ndarray:
    """Return an open mask over ``n_sites`` with ``positions`` open."""
    is_open = np.zeros(n_sites, dtype=bool)
    is_open[np.asarray(positions, dtype=np.int64)] = True
    return is_open


def _twin_groups(inst: Instance) -> list[list[int]]:
    """Return the groups of two or more sites whose columns in ``inst`` have the same digest.

    A 16-byte digest of each column keeps this small for large instances; callers that swap one
    twin for another compare the columns themselves.
    """
    groups: dict[bytes, list[int]] = {}
    for j in range(inst.n_sites):
        span = slice(inst.col_ptr[j], inst.col_ptr[j + 1])
        digest = hashlib.blake2b(inst.col_area[span].tobytes(), digest_size=16)
        digest.update(inst.col_cost[span].tobytes())
        groups.setdefault(digest.digest(), []).append(j)
    return [members for members in groups.values() if len(members) > 1]

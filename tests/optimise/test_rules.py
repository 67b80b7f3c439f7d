"""Each rule as one object: its rows, feasibility, bound and words; the registry; keyword results."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pytest
from numba.core.caching import FunctionCache

from hubplan.errors import HubplanError, InfeasibleError, InputError, ParameterError
from hubplan.modes import Mode
from hubplan.optimise import Rules, bound, build_instance, kernels, solve_instance
from hubplan.optimise.bound import LagrangianBound, fix_sites
from hubplan.optimise.plan import Objective, PlanSettings
from hubplan.optimise.rules import (
    REGISTRY,
    SPECS,
    Count,
    DistrictMin,
    Excluded,
    Required,
    Row,
    Rule,
    RuleSpec,
    parse_rules,
)
from hubplan.optimise.solution import BoundMethod, Method, Solution, Status


@dataclass(frozen=True, eq=False)
class AtMostAmong(Rule):
    """A rule the engines have never seen: at most ``k`` bases among ``sites``; one class, nothing else."""

    sites: np.ndarray
    k: int
    name: ClassVar[str] = "at-most-among"

    def describe(self) -> str:
        return f"at most {self.k} bases among {len(self.sites)} sites"

    def feasible(self, is_open: np.ndarray) -> bool:
        return int(is_open[self.sites].sum()) <= self.k

    def rows(self, n_sites: int) -> list[Row]:
        return [Row(self.sites, np.ones(len(self.sites)), -np.inf, float(self.k))]


def metric(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    areas = rng.uniform(0, 100, (n, 2))
    sites = rng.uniform(0, 100, (m, 2))
    cost = np.hypot(*(areas[:, None, :] - sites[None, :, :]).transpose(2, 0, 1))
    return cost, rng.integers(1, 10, n).astype(np.float64)


def brute_force(cost: np.ndarray, w: np.ndarray, rules: Rules, p: int) -> float:
    m = cost.shape[1]
    best = np.inf
    for plan in itertools.combinations(range(m), p):
        mask = np.zeros(m, dtype=bool)
        mask[list(plan)] = True
        if rules.feasible(mask):
            best = min(best, float(w @ cost[:, list(plan)].min(axis=1)))
    return best


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_new_rule_is_one_class_and_every_engine_keeps_it(seed: int) -> None:
    """The unconstrained best-3 plan's sites are crowded: at most one base among them changes the plan."""
    cost, w = metric(25, 9, seed)
    inst = build_instance(cost, w)
    free = solve_instance(inst, Rules(p=3))
    rule = AtMostAmong(free.open[:2], 1)
    rules = Rules(rule, p=3)
    best = brute_force(cost, w, rules, 3)
    assert best > free.objective  # the free optimum breaks the new rule, so it binds
    exact = solve_instance(inst, rules)
    assert exact.objective == pytest.approx(best)
    assert exact.status == Status.OPTIMAL
    try:
        heuristic = solve_instance(inst, rules, method="heuristic")
    except InfeasibleError:  # allowed: it then says the exact method can decide
        return
    mask = np.zeros(9, dtype=bool)
    mask[heuristic.open] = True
    assert rule.feasible(mask)
    assert heuristic.objective >= best - 1e-9
    assert heuristic.lower_bound <= best + 1e-9  # dropped from the relaxation: still a valid bound


def test_each_rule_owns_its_rows_bounds_and_conflicts() -> None:
    (row,) = Count(3).rows(4)
    assert row.sites.tolist() == [0, 1, 2, 3]
    assert (row.lower, row.upper) == (3.0, 3.0)
    district = DistrictMin(np.array([0, 0, 1, 1, 1]), np.array([0, 2]), ("A", "B"))
    (only,) = district.rows(5)  # district A asks for none, so only B has a row
    assert only.sites.tolist() == [2, 3, 4]
    assert only.lower == 2.0
    rules = Rules(Count(2), Required(np.array([1])), Excluded(np.array([3])))
    lower, upper = rules.bounds(5)
    assert lower.tolist() == [0, 1, 0, 0, 0]
    assert upper.tolist() == [1, 1, 1, 0, 1]
    view = Rules(Count(1), Required(np.array([0, 1]))).view(3)
    assert Count(1).conflicts(view) == ["2 sites are required but only 1 bases are allowed"]
    assert "exactly 2 bases" in rules.describe()


def test_fixing_by_the_bound_asks_every_rule() -> None:
    """rho = (-5, -1, 0, -4), p = 2: sites 0 and 3 chosen, L = 10, against a plan of 13.5.

    Opening site j costs at least L - rho_last + rho_j = 14 + rho_j (site 1: 13, site 2: 14);
    closing chosen j at least L - rho_j + rho_next = 9 - rho_j (site 0: 14, site 3: 13).
    """
    chosen = np.array([True, False, False, True])
    result = LagrangianBound(bound=10.0, rho=np.array([-5.0, -1.0, 0.0, -4.0]), chosen=chosen)
    fixed_open, fixed_closed, least = fix_sites(result, Rules(p=2), 13.5, integral=False)
    assert fixed_closed.tolist() == [False, False, True, False]
    assert fixed_open.tolist() == [True, False, False, False]
    assert least == 14.0
    unknown = Rules(AtMostAmong(np.array([0, 1]), 1), p=2)  # keeps_fixing defaults to False
    none_open, none_closed, least = fix_sites(result, unknown, 13.5, integral=False)
    assert not none_open.any()
    assert not none_closed.any()
    assert least == np.inf


def test_registry_parses_every_rule_and_names_mistakes() -> None:
    assert set(REGISTRY) == {"district-min", "required", "excluded", "deprived-max", "capacity"}
    settings = parse_rules(
        ["district-min=2", "required=cc-a, lib-b", "excluded=x", "deprived-max=25", "capacity"]
    )
    assert settings == {
        "district_min": 2,
        "required": ("cc-a", "lib-b"),
        "excluded": ("x",),
        "deprived_max_minutes": 25.0,
        "capacity": True,
    }
    with pytest.raises(HubplanError, match=r"^rules: unknown rule 'colour'"):
        parse_rules(["colour=red"])
    with pytest.raises(
        HubplanError, match=r"^rules: district-min=x: expected a number after 'district-min='"
    ):
        parse_rules(["district-min=x"])


def test_results_by_keyword_and_closed_sets() -> None:
    with pytest.raises(TypeError):
        Solution(np.array([0]), 1.0, 1.0, "min", 0.0, Status.OPTIMAL, Method.EXACT, BoundMethod.MIP)  # type: ignore[misc]
    s = Solution(
        open=np.array([0]), objective=1.0, bound=1.0, sense="min", seconds=0.0,
        status=Status.OPTIMAL, method=Method.EXACT, bound_method=BoundMethod.MIP,
    )  # fmt: skip
    assert s.status == "optimal"
    assert s.gap == 0.0
    assert PlanSettings(Objective("pmedian"), bases=2, method="heuristic").method is Method.HEURISTIC  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^method: expected 'exact' or 'heuristic'; got 'magic'$"):
        PlanSettings(Objective("pmedian"), bases=2, method="magic")  # type: ignore[arg-type]


def test_kernels_work_where_numba_cannot_cache() -> None:
    """With no cache location (a read-only install and no writable home), the kernels compile in place."""
    code = (
        "import numba.core.caching as c\n"
        "c.CacheImpl._locator_classes = []\n"
        "import numpy as np\n"
        "from hubplan.optimise import kernels\n"
        "gain = np.zeros(2)\n"
        "kernels.opening_gains(np.array([0, 2, 3]), np.array([0, 1, 0]), np.array([1.0, 2.0, 5.0]),"
        " np.array([4.0, 4.0]), gain)\n"
        "print(gain.tolist())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    # Site 0 saves 4 - 1 and 4 - 2 for areas 0 and 1; site 1 (cost 5 to area 0) saves nothing.
    assert done.stdout.strip() == "[5.0, 0.0]"
    # Where numba can cache (here), every kernel keeps its machine code between runs.
    for kernel in (kernels.assign, kernels.local_search, kernels.open_site, bound._site_values):
        assert isinstance(kernel._cache, FunctionCache)


@pytest.mark.parametrize(
    ("name", "value", "bad", "expected"),
    [
        ("bases", 15, "many", "a number after 'bases='"),
        ("budget", 5_200_000.0, "lots", "an amount such as 5.2m, £800k or 10200000"),
        ("required", ("cc-diss", "lib-cromer"), " , ", "site ids separated by commas"),
        ("excluded", ("cc-diss",), "", "site ids separated by commas"),
        ("district-min", 1, "-1", "a number of bases, 0 or more"),
        ("deprived-max", 30.0, "0", "minutes above 0"),
        ("capacity", True, "please", "no value (or 'true')"),
    ],
)
def test_each_built_in_rule_spec_reads_its_example_and_refuses_a_bad_value(
    name: str, value: object, bad: str, expected: str
) -> None:
    """Each spec's documented example parses to its value; a bad value names the parameter and what it takes."""
    spec = SPECS[name]
    key, _, text = spec.example.partition("=")
    assert key == name
    assert spec.read(text) == value
    assert spec.usage.startswith((name, f"--{name}"))
    with pytest.raises(ParameterError, match=re.escape(expected)) as caught:
        spec.read(bad)
    assert caught.value.parameter == "rules"
    assert expected in caught.value.expected
    assert caught.value.found == bad.strip()
    assert str(caught.value).startswith(f"rules: {name}")


def test_every_spec_records_what_the_scenario_file_holds() -> None:
    """The --rule rules parse into PlanSettings fields and record as the scenario file writes them."""
    texts = [spec.example for spec in REGISTRY.values()]
    settings = PlanSettings(Objective("pmedian"), bases=15, **parse_rules(texts))
    assert settings.record() == {
        "objective": "pmedian:bus",
        "bases": 15,
        "deprived_max_minutes": 30.0,
        "district_min": 1,
        "capacity": True,
        "required": ["cc-diss", "lib-cromer"],
        "excluded": ["cc-diss"],
        "method": "exact",
        "seed": 0,
    }
    assert [spec.name for spec in SPECS.values()] == [
        "bases", "budget", "required", "excluded", "district-min", "deprived-max", "capacity",
    ]  # fmt: skip
    assert set(SPECS) - set(REGISTRY) == {"bases", "budget"}  # given by --bases and --budget


def test_parameter_error_words_itself_for_each_face() -> None:
    exc = ParameterError("budget", expected="an amount", found="lots", hint="e.g. 5.2m")
    assert str(exc) == "budget: expected an amount; got 'lots'; e.g. 5.2m"
    assert exc.wording("--budget") == "--budget: expected an amount; got 'lots'; e.g. 5.2m"
    assert isinstance(exc, InputError)
    assert isinstance(exc, ValueError)
    # A mode read from hubplan.toml is a Mode (a StrEnum): it is shown as the user wrote it.
    assert (
        str(ParameterError("mode", expected="bus or car", found=Mode.WALK))
        == "mode: expected bus or car; got 'walk'"
    )
    with pytest.raises(ParameterError, match=r"^rules: unknown rule 'colour': expected one of capacity, "):
        parse_rules(["colour=red"])


def test_a_parser_raising_a_plain_value_error_still_names_the_rule() -> None:
    """A rule added later whose parser lets ``int()`` fail: the message still names the rule and its text."""
    spec = RuleSpec(
        name="every-kth", usage="every-kth=K", example="every-kth=2", parse=int, build=lambda k, c: None
    )
    assert spec.read("2") == 2
    with pytest.raises(
        ParameterError, match=r"^rules: every-kth=two: expected a value this rule accepts; got 'two'; "
    ):
        spec.read("two")

"""Stage 1, data: read and check a workspace (sites, areas, scenarios, assumptions)."""

from hubplan.data.assumptions import Assumptions, load_assumptions
from hubplan.data.bundled import bundled_workspace_path, write_bundled_workspace
from hubplan.data.scenario import Scenario, dump_scenario, read_scenario, write_scenario
from hubplan.data.workspace import Areas, Sites, Workspace, check_workspace, load_workspace

__all__ = [
    "Areas",
    "Assumptions",
    "Scenario",
    "Sites",
    "Workspace",
    "bundled_workspace_path",
    "check_workspace",
    "dump_scenario",
    "load_assumptions",
    "load_workspace",
    "read_scenario",
    "write_bundled_workspace",
    "write_scenario",
]

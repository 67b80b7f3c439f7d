"""The store: saved plans (with their history), analysis runs and consultation responses, in one database.

SQLite in the workspace by default, PostgreSQL by a URL the caller passes (the CLI and the web read
``HUBPLAN_STORE_URL``); the schema is kept by
Alembic migrations shipped with the package and run whenever a store is opened.
"""

from hubplan.store.engine import (
    STORE_FILE,
    DamagedStoreError,
    check_store,
    close_stores,
    create_store_engine,
    explain_store_error,
    migrate,
    open_store,
    store_errors,
    store_url,
    writing,
)
from hubplan.store.plans import ConflictError, SavedPlan, plan_versions, save_plan, saved_plan, saved_plans
from hubplan.store.runs import Run, Status, add_run, get_run, prune_results, update_run

__all__ = [
    "STORE_FILE",
    "ConflictError",
    "DamagedStoreError",
    "Run",
    "SavedPlan",
    "Status",
    "add_run",
    "check_store",
    "close_stores",
    "create_store_engine",
    "explain_store_error",
    "get_run",
    "migrate",
    "open_store",
    "plan_versions",
    "prune_results",
    "save_plan",
    "saved_plan",
    "saved_plans",
    "store_errors",
    "store_url",
    "update_run",
    "writing",
]

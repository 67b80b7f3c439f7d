"""Beside evaluation, consultation: responses, where they are about, who responded, and what to publish."""

from hubplan.consult.importer import COLUMNS, read_mapping, read_responses
from hubplan.consult.locate import area_of_postcodes, match_centres
from hubplan.consult.redact import postcode_sector, redact
from hubplan.consult.represent import Representation, affected_families, closing_scenarios, representation
from hubplan.consult.store import add_responses, all_petitions, all_responses, engine_for, record_petition

__all__ = [
    "COLUMNS",
    "Representation",
    "add_responses",
    "affected_families",
    "all_petitions",
    "all_responses",
    "area_of_postcodes",
    "closing_scenarios",
    "engine_for",
    "match_centres",
    "postcode_sector",
    "read_mapping",
    "read_responses",
    "record_petition",
    "redact",
    "representation",
]

"""The web map: try keeping and closing sites and see what changes for families (FastAPI + Leaflet)."""

from hubplan.web.app import create_app

__all__ = ["create_app"]

"""The caseworker service: the JSON API under /api and the web pages, one FastAPI app."""

from nlp_service.api.app import create_app

__all__ = ["create_app"]

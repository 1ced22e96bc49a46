"""The API's routes, all under /api. Thin: they read the store and hand work to the runner."""

from fastapi import APIRouter

from nlp_service.api.routes import batches, corrections, documents, exports, health, projects, users

api_router = APIRouter()
for module in (health, documents, batches, corrections, exports, projects, users):
    api_router.include_router(module.router)

__all__ = ["api_router"]

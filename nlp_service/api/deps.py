"""What routes get injected: the app's context (settings, store, runner), a database session, the
current user and role checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session

from nlp_service import auth
from nlp_service.api.runner import AnalysisRunner
from nlp_service.api.security import (CurrentUser, Forbidden, authenticate_request, bearer_scheme,
                                      cookie_scheme)
from nlp_service.config import Settings
from nlp_service.store import Store


@dataclass
class AppContext:
    settings: Settings
    store: Store
    runner: AnalysisRunner
    codec: auth.SessionCodec
    pages: object  # nlp_service.web.render.PageRenderer
    layouts: object  # nlp_service.web.evidence.LayoutCache


def get_ctx(request: Request) -> AppContext:
    return request.app.state.ctx


def get_db(ctx: Annotated[AppContext, Depends(get_ctx)]) -> Iterator[Session]:
    with ctx.store.session() as s:
        yield s


async def get_current_user(request: Request,
                           bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
                           cookie: Annotated[str | None, Depends(cookie_scheme)]) -> CurrentUser:
    return await authenticate_request(request, bearer, cookie)


def require(role: str):  # noqa: ANN201
    """A dependency that lets in users with ``role`` or a stronger one."""

    async def dependency(user: Annotated[CurrentUser, Depends(get_current_user)]) -> CurrentUser:
        if not user.can(role):
            raise Forbidden({"evaluator": "Bare evaluatorer og administratorer har tilgang til dette.",
                             "admin": "Bare administratorer har tilgang til dette."}.get(role,
                                                                                        "Du har ikke tilgang til dette."))
        return user

    return dependency


Ctx = Annotated[AppContext, Depends(get_ctx)]
Db = Annotated[Session, Depends(get_db)]
User = Annotated[CurrentUser, Depends(get_current_user)]
Evaluator = Annotated[CurrentUser, Depends(require("evaluator"))]
Admin = Annotated[CurrentUser, Depends(require("admin"))]

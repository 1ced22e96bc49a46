"""Users (administrators), one's own API tokens, and the audit log (administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy import select

from nlp_service import auth
from nlp_service.api import queries
from nlp_service.api.deps import Admin, Db, User
from nlp_service.api.schemas import (AuditOut, Problem, TokenCreate, TokenCreated, TokenOut, UserCreate, UserOut,
                                     UserUpdate)
from nlp_service.store.models import ApiToken, AuditEntry
from nlp_service.store.models import User as UserRow

router = APIRouter(tags=["brukere"])


def _user_out(u: UserRow) -> dict:
    return {"id": u.id, "username": u.username, "role": u.role, "active": u.active, "created_at": u.created_at}


def _token_out(t: ApiToken) -> dict:
    return {"id": t.id, "name": t.name, "created_at": t.created_at, "last_used_at": t.last_used_at,
            "revoked": t.revoked}


@router.get("/me", response_model=UserOut, summary="The user making the request")
def me(s: Db, user: User) -> dict:
    return _user_out(s.get(UserRow, user.id))


@router.get("/users", response_model=list[UserOut], summary="Every user (administrators)")
def list_users(s: Db, user: Admin) -> list[dict]:
    return [_user_out(u) for u in s.scalars(select(UserRow).order_by(UserRow.username))]


@router.post("/users", response_model=UserOut, status_code=201, summary="Create a user (administrators)",
             responses={422: {"model": Problem}})
def create_user(body: UserCreate, s: Db, user: Admin) -> dict:
    try:
        row = auth.create_user(s, body.username, body.password, body.role)
    except auth.AuthError as exc:
        raise HTTPException(422, str(exc)) from None
    queries.audit(s, user.id, "user_create", "user", str(row.id), role=row.role)
    s.commit()
    return _user_out(row)


@router.patch("/users/{user_id}", response_model=UserOut, summary="Change a user's role, access or password",
              responses={404: {"model": Problem}, 422: {"model": Problem}})
def update_user(user_id: int, body: UserUpdate, s: Db, user: Admin) -> dict:
    row = s.get(UserRow, user_id)
    if row is None:
        raise HTTPException(404, "Fant ikke brukeren.")
    if row.id == user.id and (body.active is False or (body.role and body.role != "admin")):
        raise HTTPException(422, "Du kan ikke fjerne din egen administratortilgang.")
    changed = {}
    if body.role is not None:
        row.role = changed["role"] = body.role
    if body.active is not None:
        row.active = changed["active"] = body.active
    if body.password is not None:
        try:
            auth.set_password(row, body.password)
        except auth.AuthError as exc:
            raise HTTPException(422, str(exc)) from None
        changed["password"] = True
    queries.audit(s, user.id, "user_update", "user", str(row.id), **changed)
    s.commit()
    return _user_out(row)


@router.get("/tokens", response_model=list[TokenOut], summary="Your API tokens")
def list_tokens(s: Db, user: User) -> list[dict]:
    return [_token_out(t) for t in s.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                             .order_by(ApiToken.id.desc()))]


@router.post("/tokens", response_model=TokenCreated, status_code=201, summary="Make an API token for yourself",
             responses={422: {"model": Problem}})
def create_token(body: TokenCreate, s: Db, user: User) -> dict:
    try:
        row, token = auth.create_api_token(s, s.get(UserRow, user.id), body.name)
    except auth.AuthError as exc:
        raise HTTPException(422, str(exc)) from None
    queries.audit(s, user.id, "token_create", "api_token", str(row.id))
    s.commit()
    return {**_token_out(row), "token": token}


@router.delete("/tokens/{token_id}", status_code=204, summary="Revoke one of your API tokens",
               responses={404: {"model": Problem}})
def revoke_token(token_id: int, s: Db, user: User) -> None:
    row = s.get(ApiToken, token_id)
    if row is None or (row.user_id != user.id and not user.can("admin")):
        raise HTTPException(404, "Fant ikke nøkkelen.")
    row.revoked = True
    queries.audit(s, user.id, "token_revoke", "api_token", str(row.id))
    s.commit()


@router.get("/audit", response_model=list[AuditOut], summary="The audit log, newest first (administrators)")
def audit_log(s: Db, user: Admin, limit: Annotated[int, Query(ge=1, le=10000)] = 500,
              offset: Annotated[int, Query(ge=0)] = 0, action: str | None = None) -> list[dict]:
    q = select(AuditEntry, UserRow.username).outerjoin(UserRow, UserRow.id == AuditEntry.user_id)
    if action:
        q = q.where(AuditEntry.action == action)
    rows = s.execute(q.order_by(AuditEntry.id.desc()).limit(limit).offset(offset)).all()
    return [{"id": e.id, "user": name, "action": e.action, "object_type": e.object_type, "object_id": e.object_id,
             "at": e.at, "detail": e.detail or {}} for e, name in rows]

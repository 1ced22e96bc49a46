"""Users, passwords, sessions, CSRF and API tokens of the caseworker service.

- Passwords are kept as argon2id hashes (argon2-cffi), rehashed on login when the parameters change.
- A browser session is a signed, time-limited cookie (itsdangerous) holding the user's id, a
  fingerprint of the password hash (a password change ends every session) and the session's CSRF
  token; the server keeps no session table.
- An API token is shown once, at creation; the store keeps its sha256 only.
- Roles, weakest first: ``saksbehandler`` (upload, read, correct, export), ``evaluator`` (also sees
  every correction, for the evaluation of the service), ``admin`` (also manages users and imports).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nlp_service.config import Settings
from nlp_service.store.models import ApiToken, User

ROLES: tuple[str, ...] = ("saksbehandler", "evaluator", "admin")
ROLE_LABELS: dict[str, str] = {"saksbehandler": "Saksbehandler", "evaluator": "Evaluator", "admin": "Administrator"}

SESSION_COOKIE = "nlps_session"
SESSION_MAX_AGE_S = 10 * 60 * 60  # a working day
TOKEN_PREFIX = "nlps_"
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()
#: Verified against when the user does not exist, so a wrong user name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AuthError(ValueError):
    """A request about users or tokens that cannot be done; the message is Norwegian, for the user."""


def role_at_least(role: str, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


# --- passwords ---------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"Passordet må ha minst {MIN_PASSWORD_LENGTH} tegn.")
    if password.strip() != password:
        raise AuthError("Passordet kan ikke begynne eller slutte med mellomrom.")


# --- users -------------------------------------------------------------------------------------------


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_username(username: str) -> str:
    name = normalise_username(username)
    if not (2 <= len(name) <= 120) or not all(c.isalnum() or c in "._-@" for c in name):
        raise AuthError("Brukernavnet må ha 2–120 tegn: bokstaver, tall og . _ - @.")
    return name


def create_user(s: Session, username: str, password: str, role: str) -> User:
    name = check_username(username)
    if role not in ROLES:
        raise AuthError(f"Ukjent rolle «{role}». Velg en av: {', '.join(ROLES)}.")
    check_password_rules(password)
    if s.scalar(select(User).where(func.lower(User.username) == name)) is not None:
        raise AuthError(f"Brukernavnet «{name}» er allerede i bruk.")
    user = User(username=name, password_hash=hash_password(password), role=role, active=True)
    s.add(user)
    s.flush()
    return user


def set_password(user: User, password: str) -> None:
    check_password_rules(password)
    user.password_hash = hash_password(password)


def authenticate(s: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (same cost either way)."""
    user = s.scalar(select(User).where(func.lower(User.username) == normalise_username(username)))
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


# --- sessions and CSRF -------------------------------------------------------------------------------


def secret_key(settings: Settings) -> str:
    """``NLP_SERVICE_SECRET_KEY``, else a random key made once and kept in the data folder (mode 600)."""
    env = os.environ.get("NLP_SERVICE_SECRET_KEY")
    if env:
        return env
    path = Path(settings.data_dir) / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    tmp = path.with_name(f".secret_key.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    try:
        os.link(tmp, path)  # the first process to make the key wins; the others read it
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
    finally:
        tmp.unlink(missing_ok=True)
    return key


def _password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


@dataclass
class SessionData:
    csrf: str
    user_id: int | None = None
    pw: str | None = None  # fingerprint of the password hash the session was made with


class SessionCodec:
    """Signs and reads the session cookie."""

    def __init__(self, key: str, max_age_s: int = SESSION_MAX_AGE_S) -> None:
        self._serializer = URLSafeTimedSerializer(key, salt="nlp-service-session")
        self.max_age_s = max_age_s

    def dumps(self, data: SessionData) -> str:
        return self._serializer.dumps({"c": data.csrf, "u": data.user_id, "p": data.pw})

    def loads(self, cookie: str | None) -> SessionData | None:
        if not cookie:
            return None
        try:
            raw = self._serializer.loads(cookie, max_age=self.max_age_s)
        except BadData:  # a wrong signature, an expired session, a damaged cookie
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("c"), str):
            return None
        uid = raw.get("u")
        return SessionData(csrf=raw["c"], user_id=uid if isinstance(uid, int) else None, pw=raw.get("p"))

    @staticmethod
    def anonymous() -> SessionData:
        return SessionData(csrf=secrets.token_urlsafe(32))

    @staticmethod
    def for_user(user: User) -> SessionData:
        """A fresh session (and CSRF token) on login: a session id planted before login is worthless."""
        return SessionData(csrf=secrets.token_urlsafe(32), user_id=user.id, pw=_password_fingerprint(user.password_hash))


def session_user(s: Session, data: SessionData | None) -> User | None:
    if data is None or data.user_id is None:
        return None
    user = s.get(User, data.user_id)
    if user is None or not user.active or data.pw != _password_fingerprint(user.password_hash):
        return None
    return user


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), given.encode())


# --- API tokens --------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(s: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token itself, which is never shown again."""
    label = name.strip()
    if not (1 <= len(label) <= 120):
        raise AuthError("Gi nøkkelen et navn (1–120 tegn), for eksempel navnet på integrasjonen.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=label, token_hash=_token_hash(token))
    s.add(row)
    s.flush()
    return row, token


def token_user(s: Session, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = s.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None or row.revoked:
        return None
    user = s.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = dt.datetime.now(dt.timezone.utc)
    return user

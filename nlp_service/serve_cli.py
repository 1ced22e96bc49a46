"""``nlp-service serve`` (the API and the pages, with uvicorn) and ``nlp-service users`` (accounts).

Registered in the CLI through ``nlp_service.cli._COMMAND_MODULES`` (``register(subparsers)``).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from nlp_service.api import create_app

    if args.first_admin:
        _ensure_first_admin()
    print(f"nlp-service: tjenesten starter på http://{'localhost' if args.host in ('0.0.0.0', '127.0.0.1') else args.host}"
          f":{args.port} (logg inn på /login)", file=sys.stderr, flush=True)
    # One process: the app holds the one Analyzer of the process (models loaded once) and its pool.
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info" if args.verbose else "warning",
                proxy_headers=args.proxy_headers, forwarded_allow_ips=args.forwarded_allow_ips)
    return 0


def _ensure_first_admin() -> None:
    """On a store without users: an «admin» with a random password, written to a file only root can read."""
    import os
    import secrets

    from sqlalchemy import func, select

    from nlp_service import auth
    from nlp_service.api.queries import audit
    from nlp_service.store.models import User

    with _store() as store:
        with store.session() as s:
            if s.scalar(select(func.count()).select_from(User)):
                return
            password = secrets.token_urlsafe(12)
            user = auth.create_user(s, "admin", password, "admin")
            audit(s, None, "user_create", "user", str(user.id), role=user.role, via="first-admin")
        path = store.settings.data_dir / "forste-admin-passord.txt"
    path.write_text(password + "\n", encoding="utf-8")
    os.chmod(path, 0o600)
    print(f"nlp-service: første bruker opprettet. Logg inn som «admin» med passordet i {path.resolve()}",
          file=sys.stderr, flush=True)


@contextlib.contextmanager
def _store():
    """The service's store, migrated, closed again when the command is done."""
    from nlp_service.store import Store
    from nlp_service.store.migrations import upgrade

    store = Store()
    try:
        upgrade(store)
        yield store
    finally:
        store.engine.dispose()


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Passord: ")
    if getpass.getpass("Gjenta passordet: ") != first:
        print("nlp-service users: passordene er ikke like", file=sys.stderr)
        return None
    return first


def cmd_users_create(args: argparse.Namespace) -> int:
    from nlp_service import auth
    from nlp_service.api.queries import audit

    password = _read_password(args.password_stdin)
    if password is None:
        return 2
    try:
        with _store() as store, store.session() as s:
            user = auth.create_user(s, args.username, password, args.role)
            audit(s, None, "user_create", "user", str(user.id), role=user.role, via="cli")
            name, role = user.username, user.role
    except auth.AuthError as exc:
        print(f"nlp-service users: {exc}", file=sys.stderr)
        return 2
    print(f"Brukeren «{name}» ({role}) er opprettet.", file=sys.stderr)
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from nlp_service.store.models import User

    with _store() as store, store.session() as s:
        for user in s.scalars(select(User).order_by(User.username)):
            print(f"{user.username}\t{user.role}\t{'aktiv' if user.active else 'sperret'}")
    return 0


def cmd_users_password(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from nlp_service import auth
    from nlp_service.api.queries import audit
    from nlp_service.store.models import User

    password = _read_password(args.password_stdin)
    if password is None:
        return 2
    try:
        with _store() as store, store.session() as s:
            user = s.scalar(select(User).where(func.lower(User.username) == auth.normalise_username(args.username)))
            if user is None:
                print(f"nlp-service users: fant ingen bruker «{args.username}»", file=sys.stderr)
                return 2
            auth.set_password(user, password)
            audit(s, None, "user_update", "user", str(user.id), password=True, via="cli")
    except auth.AuthError as exc:
        print(f"nlp-service users: {exc}", file=sys.stderr)
        return 2
    print("Passordet er endret.", file=sys.stderr)
    return 0


def register(subparsers) -> None:  # noqa: ANN001 - argparse's private subparsers action
    from nlp_service.auth import ROLES

    p = subparsers.add_parser("serve", help="run the API and the web pages (uvicorn)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--proxy-headers", action="store_true",
                   help="trust X-Forwarded-* from the proxy in front (https, client address)")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1", help="proxies to trust (default 127.0.0.1)")
    p.add_argument("--first-admin", action="store_true",
                   help="when there is no user yet, create «admin» with a random password written to the data folder")
    p.set_defaults(func=cmd_serve)

    users = subparsers.add_parser("users", help="manage the accounts of the web pages and the API")
    sub = users.add_subparsers(dest="users_command", required=True)
    p = sub.add_parser("create", help="create a user")
    p.add_argument("username")
    p.add_argument("--role", choices=ROLES, default="saksbehandler")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_users_create)
    p = sub.add_parser("list", help="list the users")
    p.set_defaults(func=cmd_users_list)
    p = sub.add_parser("password", help="set a user's password")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_users_password)

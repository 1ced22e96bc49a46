"""``nlp-service worker``: analyse documents from the distributed queue (Celery over Redis).

    NLP_SERVICE_BROKER_URL=redis://HOST:6379/0 \\
    NLP_SERVICE_DATABASE_URL=postgresql+psycopg://USER:PASSWORD@HOST/DB \\
    nlp-service worker [--concurrency N] [--name NAME]

Start one on every machine that should take part (the same two settings everywhere); each runs
``--concurrency`` processes (default: one per core) that load the models once. Batches sent with
``nlp-service triage DIR --out X --queue`` or through the API (when the service has the same
settings) are shared by all workers. SIGTERM (Ctrl-C) stops a worker after its current documents;
``kill -9`` loses nothing: its documents go back to the queue (see nlp_service/jobs/distributed.py).
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("worker", help="analyse documents from the distributed queue (Celery + Redis)",
                              description="A worker of the distributed queue: needs NLP_SERVICE_BROKER_URL "
                                          "(Redis) and NLP_SERVICE_DATABASE_URL (PostgreSQL), the same on "
                                          "every machine.")
    p.add_argument("--concurrency", type=int, default=None, metavar="N",
                   help="worker processes on this machine (default: one per core)")
    p.add_argument("--name", default=None, help="the worker's name in the logs (default: the host name)")
    p.add_argument("--loglevel", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    p.set_defaults(func=cmd_worker)


def cmd_worker(args: argparse.Namespace) -> int:
    from nlp_service.config import get_settings
    from nlp_service.jobs.distributed import run_worker

    settings = get_settings()
    if not settings.broker_url:
        print("nlp-service worker: NLP_SERVICE_BROKER_URL er ikke satt (for eksempel redis://localhost:6379/0).",
              file=sys.stderr)
        return 2
    if args.concurrency is not None and args.concurrency < 1:
        print("nlp-service worker: --concurrency må være minst 1.", file=sys.stderr)
        return 2
    run_worker(settings, concurrency=args.concurrency, name=args.name, loglevel=args.loglevel)
    return 0

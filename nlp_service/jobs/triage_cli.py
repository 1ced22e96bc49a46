"""``nlp-service triage DIR_OR_ZIP --out PATH``: the bulk triage on the command line.

    nlp-service triage DIR_OR_ZIP --out PATH [--workers N] [--batch-id ID] [--name NAME]
                       [--timeout SECONDS] [--memory-mb MB] [--retry-failed] [--quiet] [--queue]

Every PDF under DIR (or in the .zip) goes through the whole analysis in a pool of worker processes
(one per core by default). PATH ends in ``.jsonl`` (one JSON object per document, written as each
completes), ``.csv`` or ``.xlsx`` (written from the store at the end). A progress bar and messages
go to stderr, never document content. The batch lives in the store: the same command again (after a
crash, ``kill -9`` or Ctrl-C) finishes what is left; a ``.jsonl`` is then rewritten whole, one line
per document. ``--batch-id`` names the batch instead (the same id on a changed folder adds the new
and changed files to it).

With ``--queue`` the documents go to the distributed queue instead (``NLP_SERVICE_BROKER_URL``,
results in ``NLP_SERVICE_DATABASE_URL``) and are analysed by ``nlp-service worker`` processes on
any number of machines; the command sends the batch, waits and writes the output the same way.

Exit status: 0 when every document was analysed, 1 when at least one failed (its line still has
``error`` set) or the run was stopped before the end, 2 for a usage error (no such input, an output
of another kind, a refused zip).
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import tempfile
import threading
from pathlib import Path

_BATCH_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("triage", help="analyse every PDF in a folder or a .zip with a pool of workers",
                              description="Every PDF under DIR (or in the .zip) through the whole analysis in a "
                                          "pool of worker processes; resumable (the same command again finishes "
                                          "a stopped batch).")
    p.add_argument("source", metavar="DIR_OR_ZIP", help="a folder (every PDF under it) or a .zip file")
    p.add_argument("--out", required=True, metavar="PATH", help="output file: .jsonl, .csv or .xlsx")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--batch-id", dest="batch_id", default=None, metavar="ID",
                   help="name the batch (letters, digits, - and _, at most 32); default: from the input's content")
    p.add_argument("--name", default=None, help="a name for the batch (default: the input's name)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="time limit for one document's whole analysis (default: 60 s for a fresh reader to start + "
                        "3 x NLP_SERVICE_TIMEOUT_S)")
    p.add_argument("--memory-mb", dest="memory_mb", type=int, default=None, metavar="MB",
                   help="memory limit of a worker while it analyses a document (default: 1.5 x "
                        "NLP_SERVICE_MAX_MEMORY_MB)")
    p.add_argument("--retry-failed", dest="retry_failed", action="store_true",
                   help="analyse again the documents that failed in an earlier run of this batch")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--queue", action="store_true",
                   help="send the batch to the distributed queue (NLP_SERVICE_BROKER_URL) and let "
                        "`nlp-service worker` processes on any machine analyse it")
    p.set_defaults(func=cmd_triage)


def cmd_triage(args: argparse.Namespace) -> int:
    from nlp_service.jobs.runner import Limits

    if args.workers is not None and args.workers < 1:
        _say("nlp-service triage: --workers må være minst 1.")
        return 2
    if args.batch_id is not None and not _BATCH_ID.match(args.batch_id):
        _say("nlp-service triage: --batch-id kan bare ha bokstaver, sifre, - og _ (høyst 32 tegn).")
        return 2
    from nlp_service.config import get_settings

    settings = get_settings()
    if args.queue and not settings.broker_url:
        _say("nlp-service triage: --queue trenger NLP_SERVICE_BROKER_URL (for eksempel redis://localhost:6379/0).")
        return 2
    limits = Limits.from_settings(settings, timeout_s=args.timeout, memory_mb=args.memory_mb)
    return triage(Path(args.source), Path(args.out), workers=args.workers, batch_id=args.batch_id,
                  name=args.name, limits=limits, retry_failed=args.retry_failed, progress=not args.quiet,
                  settings=settings, queue=args.queue)


def triage(source: Path, out: Path, *, workers: int | None = None, batch_id: str | None = None,
           name: str | None = None, limits=None, retry_failed: bool = False, progress: bool = True,
           settings=None, store=None, pool=None, queue: bool = False) -> int:
    """The command's work; returns its exit status. ``pool`` (a started
    :class:`~nlp_service.jobs.runner.WorkerPool`) is used instead of a new one when given."""
    from nlp_service.config import get_settings
    from nlp_service.jobs.export import SUFFIXES, write_export
    from nlp_service.jobs.runner import (Limits, PoolError, SourceFile, WorkerPool, batch_results, collect_folder,
                                         derived_batch_id, file_sha256, folder_fingerprint, prepare_batch,
                                         run_batch)
    from nlp_service.jobs.zipsafe import ZipRefused, extract_pdfs
    from nlp_service.store import Store
    from nlp_service.store.models import Batch

    settings = settings or get_settings()
    limits = limits or Limits.from_settings(settings)
    if out.suffix.lower() not in SUFFIXES:
        _say(f"nlp-service triage: --out må slutte på .jsonl, .csv eller .xlsx (fikk «{out.name}»).")
        return 2
    if not out.parent.exists():
        _say(f"nlp-service triage: mappen for --out finnes ikke: {out.parent}")
        return 2
    is_zip = source.is_file() and source.suffix.lower() == ".zip"
    if not source.is_dir() and not is_zip:
        _say(f"nlp-service triage: {source} er verken en mappe eller en .zip-fil.")
        return 2
    store = store or Store(settings)
    store.create_all()

    # Which batch: the one named, or the one this input's content makes (then a rerun resumes it).
    label = name or source.resolve().name
    if is_zip:
        fingerprint, folder_files = file_sha256(source), None
    else:
        folder_files = collect_folder(source, exclude=settings.data_dir)
        if not folder_files:
            _say(f"nlp-service triage: fant ingen PDF-filer i {source}.")
            return 2
        fingerprint = folder_fingerprint(folder_files)
    batch_id = batch_id or derived_batch_id(source, fingerprint)
    with store.session() as s:
        known = s.get(Batch, batch_id) is not None
    if known:
        _say(f"Fortsetter bunke {batch_id}.")
    if not known or batch_id != derived_batch_id(source, fingerprint):
        try:
            if is_zip:
                tmp_root = settings.data_dir / "tmp"
                tmp_root.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
                    contents = extract_pdfs(source, Path(tmp))
                    if contents.skipped:
                        _say(f"Hoppet over {contents.skipped} filer i zip-filen som ikke er PDF.")
                    if not contents.entries:
                        _say("nlp-service triage: zip-filen inneholder ingen PDF-filer.")
                        return 2
                    files = [SourceFile(name=e.name, path=e.path, error=e.error) for e in contents.entries]
                    prepare_batch(store, files, name=label, source=str(source.resolve()), batch_id=batch_id)
            else:
                prepare_batch(store, folder_files, name=label, source=str(source.resolve()), batch_id=batch_id)
        except ZipRefused as exc:
            _say(f"nlp-service triage: {exc.message}")
            return 2

    # Output: .jsonl is written whole again (finished items first) and grows line by line.
    sink = open(out, "w", encoding="utf-8") if out.suffix.lower() == ".jsonl" else None

    def on_result(result: dict) -> None:
        if sink is not None:
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            sink.flush()

    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda _signum, _frame: stop.set())
    own_pool = pool is None and not queue
    try:
        if queue:
            from nlp_service.jobs.distributed import run_batch_distributed

            if progress:
                _say("Sender bunken til køen; dokumentene analyseres av «nlp-service worker» på maskinene.")
            summary = run_batch_distributed(store, batch_id, on_result=on_result, retry_failed=retry_failed,
                                            progress=progress, stop=stop)
        else:
            if own_pool:
                pool = WorkerPool(workers=workers, settings=settings)
            summary = run_batch(store, batch_id, pool, limits=limits, on_result=on_result,
                                retry_failed=retry_failed, progress=progress, stop=stop)
    except PoolError:
        _say("nlp-service triage: analysen kunne ikke starte (modellene lot seg ikke laste). Se loggen over. "
             "Kjør den samme kommandoen igjen når feilen er rettet; bunken fortsetter der den stoppet.")
        return 1
    finally:
        if own_pool and pool is not None:
            pool.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if sink is not None:
            sink.close()

    if out.suffix.lower() != ".jsonl":
        write_export(batch_results(store, batch_id), out)
    if not summary.finished:
        _say(f"Avbrutt: {summary.done + summary.failed} av {summary.total} dokumenter er ferdige. "
             "Kjør den samme kommandoen igjen for å fortsette.")
        return 1
    _say(f"Ferdig: {summary.done} uten feil, {summary.failed} med feil, av {summary.total} "
         + (f"({summary.analysed} ferdige i denne kjøringen, i køen). " if queue else
            f"({summary.analysed} analysert nå, {summary.reused} hentet fra tidligere analyser). ")
         + f"Bunke {batch_id}.")
    return summary.exit_code


def main(argv: list[str] | None = None) -> int:
    """``python -m nlp_service.jobs.triage_cli DIR_OR_ZIP --out PATH ...``: the same as ``nlp-service triage``."""
    import logging

    parser = argparse.ArgumentParser(prog="nlp-service")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(["triage", *(sys.argv[1:] if argv is None else argv)])
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

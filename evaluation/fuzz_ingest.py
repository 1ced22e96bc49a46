"""Fuzz the ingest through its sandbox: mutated real PDFs and random bytes, for a fixed time.

    nice -n 5 .venv/bin/python evaluation/fuzz_ingest.py [--minutes 10 | --seconds 25] [--timeout 20]
                                                          [--json-out PATH] [--crash-dir DIR]

Seeds are PDFs made by code in the repo: corpus applications rendered by
``nlp_service.corpus.render`` (letter, form, two columns, OCR damage), an uncompressed one-page PDF,
and the hostile set of ``nlp_service.corpus.hostile`` (encrypted, empty user password, circular page
tree, JavaScript with an embedded file, a decompression bomb just over the limit). Hypothesis draws
the cases: one to four mutations of a seed (byte flips, truncation, splices from another seed,
deleted or duplicated regions, PDF dictionary tokens such as ``/JavaScript``, ``obj``, ``stream``,
``/Length``, numbers in the file replaced by huge or negative ones), or random bytes with or without
a PDF header. Each case goes through ``IngestSandbox.parse`` exactly as the service calls it (child
process, RLIMIT_AS, timeout).

Every outcome must be a ``Document`` or an ``AnalysisError`` with a code of ``nlp_service.errors``
whose message is Norwegian text (no Python exception in it). Exit status 1 on any other exception
(an untyped crash), a call that outlives the timeout by more than the grace period (a hang), or a
process of a sandbox child still alive after the run (a leak); 0 otherwise. A watchdog thread ends
the run with status 3 if one call hangs past the timeout plus a minute (the sandbox itself failed).
Inputs that failed are written to ``--crash-dir``. The summary (counts per outcome code, calls per
second, the longest call, the highest peak RSS of a child) is printed and, with ``--json-out``,
written as JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import re
import resource
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nlp_service.errors import MESSAGES, AnalysisError  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

#: Tokens of the PDF syntax, inserted or written over the bytes of a seed.
TOKENS: tuple[bytes, ...] = (
    b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA", b"/Names",
    b"obj", b"endobj", b"stream", b"endstream", b"/Length", b"/Filter", b"/FlateDecode", b"/ASCIIHexDecode",
    b"/LZWDecode", b"/DCTDecode", b"/ObjStm", b"/XRef", b"/Encrypt", b"/Type", b"/Pages", b"/Page", b"/Kids",
    b"/Count", b"/Parent", b"/Contents", b"/Resources", b"/Font", b"/Image", b"/Width", b"/Height",
    b"/MediaBox", b"xref", b"trailer", b"startxref", b"%%EOF", b"%PDF-1.7", b"<<", b">>", b"[", b"]", b"(", b")",
    b"R", b"0 R", b"1 0 R", b"2 0 R", b"null", b"true", b"\\", b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"Do",
    b"q", b"Q", b"cm",
)
#: Numbers that make parsers allocate, loop or overflow.
NUMBERS: tuple[bytes, ...] = (
    b"0", b"-1", b"-2147483649", b"2147483647", b"2147483648", b"4294967295", b"4294967296",
    b"9223372036854775807", b"18446744073709551616", b"99999999999999999999999999999", b"1e308", b"-0",
    b"3.4028235e38", b"65535", b"1000000000",
)
_NUMBER = re.compile(rb"(?<![\w.])\d{1,10}(?![\w.])")


# --- seeds ---------------------------------------------------------------------------------------------


def make_seeds() -> dict[str, bytes]:
    """Real PDFs made by the repo's own code (nothing read from disk but the corpus sources)."""
    from nlp_service.corpus import hostile
    from nlp_service.corpus.render import Layout, render_pdf

    apps = REPO / "corpora" / "applications"
    seeds: dict[str, bytes] = {}
    for source, layout in (("a1-003", "letter"), ("a2-004", "form"), ("a4-005", "two_column"),
                           ("a5-007", "ocr_damaged")):
        text = (apps / f"{source}.txt").read_text(encoding="utf-8")
        seeds[f"{source}-{layout}"] = render_pdf(text, source, Layout(name=layout), header="Søknad om tilskudd 2025",
                                                 footer="Tilskudd til utvikling av kvalifiserings- og integreringstiltak")
    seeds["simple-uncompressed"] = hostile.simple_pdf(pages=2, pageCompression=0)
    seeds["encrypted"] = hostile.encrypted_pdf()
    seeds["empty-user-password"] = hostile.encrypted_pdf(user_password="")
    seeds["circular"] = hostile.circular_pdf()
    seeds["javascript"] = hostile.javascript_pdf()
    # Just over the default limit on one inflated stream (400 MB): found by the precheck in about a second.
    seeds["bomb-410mb"] = hostile.decompression_bomb(410)
    return seeds


# --- cases ---------------------------------------------------------------------------------------------

MUTATIONS = ("flip", "set_byte", "truncate", "splice", "delete", "duplicate", "token_insert", "token_overwrite",
             "number")


@dataclasses.dataclass
class Case:
    data: bytes
    label: str  # seed name and mutations, for the failure report (no content)

    def __repr__(self) -> str:  # Hypothesis prints the case it stops on: not megabytes of bytes
        return f"Case({self.label}, {len(self.data)} bytes)"


def _mutate(rng: random.Random, data: bytes, op: str, seeds: dict[str, bytes], names: list[str]) -> bytes:
    """One mutation; positions and lengths uniform over the file (Hypothesis's own integers lean to the
    ends, which would spend most cases on the first bytes, the PDF header)."""
    n = len(data)
    if n == 0:
        return rng.choice(TOKENS)
    pos = rng.randrange(n)
    if op == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            out[rng.randrange(n)] ^= 1 << rng.randrange(8)
        return bytes(out)
    if op == "set_byte":
        out = bytearray(data)
        for _ in range(rng.randint(1, 16)):
            out[rng.randrange(n)] = rng.choice((0, 0xFF, 0x0A, 0x0D, 0x25, 0x3C, 0x3E, 0x28, 0x29, 0x2F, 0x5C,
                                                0x20, 0x80))
        return bytes(out)
    if op == "truncate":
        return data[:pos]
    if op == "splice":
        other = seeds[rng.choice(names)]
        a = rng.randrange(len(other))
        length = rng.randint(1, min(65536, len(other) - a))
        replace = rng.randint(0, min(65536, n - pos))
        return data[:pos] + other[a:a + length] + data[pos + replace:]
    if op == "delete":
        return data[:pos] + data[pos + rng.randint(1, max(1, min(65536, n - pos))):]
    if op == "duplicate":
        length = rng.randint(1, max(1, min(65536, n - pos)))
        times = rng.randint(1, 64)
        return data[:pos] + data[pos:pos + length] * (times + 1) + data[pos + length:]
    if op == "token_insert":
        token = rng.choice(TOKENS + NUMBERS)
        sep = rng.choice((b" ", b"\n", b""))
        return data[:pos] + sep + token + sep + data[pos:]
    if op == "token_overwrite":
        token = rng.choice(TOKENS + NUMBERS)
        return data[:pos] + token + data[pos + len(token):]
    if op == "number":  # an existing number (an object number, /Length, /Count, an offset) made absurd
        numbers = [m.span() for m in _NUMBER.finditer(data, max(0, pos - 4096), pos + 4096)]
        if not numbers:
            return data
        a, b = rng.choice(numbers)
        return data[:a] + rng.choice(NUMBERS) + data[b:]
    raise ValueError(op)


def cases(seeds: dict[str, bytes]) -> st.SearchStrategy[Case]:
    names = sorted(seeds)

    @st.composite
    def case(draw) -> Case:
        kind = draw(st.sampled_from(("mutated",) * 8 + ("random", "random_pdf_header")))
        if kind == "random":
            return Case(draw(st.binary(min_size=0, max_size=4096)), "random")
        if kind == "random_pdf_header":
            return Case(b"%PDF-1." + draw(st.sampled_from(b"34567")).to_bytes(1, "big") + b"\n"
                        + draw(st.binary(min_size=0, max_size=4096)), "random_pdf_header")
        name = draw(st.sampled_from(names))
        data = seeds[name]
        ops = draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4))
        rng = draw(st.randoms(use_true_random=True))
        for op in ops:
            data = _mutate(rng, data, op, seeds, names)
        return Case(data, f"{name}:{'+'.join(ops)}")

    return case()


# --- processes ---------------------------------------------------------------------------------------


def _proc_stat(pid: int) -> tuple[int, int] | None:
    """(ppid, pgid) of a live process, or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2:].split()
    if fields[0] == "Z":
        return None
    return int(fields[1]), int(fields[2])


def processes_in_groups(pgids: set[int]) -> list[int]:
    """Live (not zombie) processes whose process group is one of ``pgids``."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _proc_stat(int(entry.name))
            if stat is not None and stat[1] in pgids:
                out.append(int(entry.name))
    return out


def peak_rss_mb(pid: int) -> float:
    """The peak resident set (VmHWM) of a live process, in MB; 0 when it is gone."""
    from nlp_service.jobs.runner import peak_rss_bytes

    return peak_rss_bytes(pid) / (1024 * 1024)


def _kb_to_mb(kb: int) -> float:
    return kb / 1024


# --- the run -----------------------------------------------------------------------------------------


@dataclasses.dataclass
class Failure:
    kind: str  # untyped | hang | bad_message | leak
    detail: str
    label: str
    sha256: str = ""


class Fuzzer:
    """Calls ``parse`` on each case and keeps the figures; ``sandbox`` (optional) for RSS and leaks."""

    def __init__(self, parse: Callable[[bytes], object], timeout_s: float, grace_s: float = 10.0,
                 sandbox=None, crash_dir: Path | None = None) -> None:  # noqa: ANN001
        self.parse = parse
        self.timeout_s = timeout_s
        self.grace_s = grace_s
        self.sandbox = sandbox
        self.crash_dir = crash_dir
        self.outcomes: Counter[str] = Counter()
        self.by_kind: Counter[str] = Counter()
        self.failures: list[Failure] = []
        self.calls = 0
        self.longest_s = 0.0
        self.longest_outcome = ""
        self.total_call_s = 0.0
        self.max_input_bytes = 0
        self.child_pids: set[int] = set()
        self.max_child_rss_mb = 0.0
        self.current_started: float | None = None
        self.slow: list[dict] = []  # the calls that hit a limit or took over half the timeout

    def _note_child(self) -> None:
        proc = getattr(self.sandbox, "_proc", None)
        if proc is not None and proc.pid is not None:
            self.child_pids.add(proc.pid)
            self.max_child_rss_mb = max(self.max_child_rss_mb, peak_rss_mb(proc.pid))

    def _keep(self, case: Case, kind: str, detail: str) -> None:
        sha = hashlib.sha256(case.data).hexdigest()
        self.failures.append(Failure(kind, detail, case.label, sha))
        if self.crash_dir is not None:
            self.crash_dir.mkdir(parents=True, exist_ok=True)
            (self.crash_dir / f"{kind}-{sha[:16]}.pdf").write_bytes(case.data)

    def one(self, case: Case) -> str:
        self.calls += 1
        self.max_input_bytes = max(self.max_input_bytes, len(case.data))
        self.by_kind[case.label.split(":")[0] if ":" not in case.label else "mutated"] += 1
        started = time.perf_counter()
        self.current_started = started
        try:
            self.parse(case.data)
            outcome = "ok"
        except AnalysisError as exc:
            outcome = exc.code
            message = exc.message
            if exc.code not in MESSAGES or "Error" in message or "Traceback" in message or len(message) < 10:
                self._keep(case, "bad_message", f"{exc.code}: message not a caseworker's sentence")
        except Exception as exc:  # noqa: BLE001 - the finding itself
            outcome = f"untyped:{type(exc).__name__}"
            self._keep(case, "untyped", type(exc).__name__)
        finally:
            self.current_started = None
        elapsed = time.perf_counter() - started
        self._note_child()
        self.total_call_s += elapsed
        if elapsed > self.longest_s:
            self.longest_s, self.longest_outcome = elapsed, outcome
        if outcome in ("timeout", "memory_limit") or elapsed > self.timeout_s / 2:
            self.slow.append({"outcome": outcome, "seconds": round(elapsed, 2), "input": case.label,
                              "bytes": len(case.data)})
        if elapsed > self.timeout_s + self.grace_s:
            self._keep(case, "hang", f"{elapsed:.1f} s (limit {self.timeout_s:g} s + {self.grace_s:g} s)")
        self.outcomes[outcome] += 1
        return outcome

    def run(self, strategy: st.SearchStrategy[Case], seconds: float) -> None:
        """Draw and run cases with Hypothesis until ``seconds`` have passed (no shrinking: a failing
        input is kept as it came and the run goes on)."""
        end = time.monotonic() + seconds

        class TimeUp(Exception):
            pass

        @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False, print_blob=False)
        @given(case=strategy)
        def fuzz(case: Case) -> None:
            if time.monotonic() >= end:
                raise TimeUp
            self.one(case)

        while time.monotonic() < end:
            try:
                fuzz()  # Hypothesis stops by itself after very many examples; then start again
            except TimeUp:
                break

    def check_leaks(self) -> list[int]:
        time.sleep(0.5)
        alive = processes_in_groups(self.child_pids)
        for pid in alive:
            self.failures.append(Failure("leak", f"process {pid} of a sandbox child still alive", ""))
        return alive

    def summary(self, seconds: float) -> dict:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        # ru_maxrss of RUSAGE_CHILDREN: the largest reaped child (the ones killed after a limit).
        max_rss = max(self.max_child_rss_mb, _kb_to_mb(children.ru_maxrss))
        return {
            "seconds": round(seconds, 1),
            "calls": self.calls,
            "calls_per_s": round(self.calls / seconds, 2) if seconds else 0.0,
            "outcomes": dict(self.outcomes.most_common()),
            "inputs": dict(self.by_kind.most_common()),
            "longest_call_s": round(self.longest_s, 2),
            "longest_call_outcome": self.longest_outcome,
            "mean_call_s": round(self.total_call_s / self.calls, 3) if self.calls else 0.0,
            "largest_input_bytes": self.max_input_bytes,
            "max_child_rss_mb": round(max_rss, 1),
            "sandbox_children": len(self.child_pids),
            "timeout_s": self.timeout_s,
            "limits_hit": self.slow[:50],
            "failures": [dataclasses.asdict(f) for f in self.failures],
        }


def _watchdog(fuzzer: Fuzzer, limit_s: float, stop: threading.Event) -> None:
    """Ends the process if one call outlives the sandbox's own timeout by ``limit_s``."""
    while not stop.wait(1.0):
        started = fuzzer.current_started
        if started is not None and time.perf_counter() - started > fuzzer.timeout_s + limit_s:
            print(f"fuzz_ingest: HANG: a call has run {time.perf_counter() - started:.0f} s, past the sandbox's "
                  f"timeout of {fuzzer.timeout_s:g} s", file=sys.stderr, flush=True)
            for pid in list(fuzzer.child_pids):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            os._exit(3)


def print_summary(s: dict) -> None:
    print(f"fuzz_ingest: {s['calls']} calls in {s['seconds']} s ({s['calls_per_s']} calls/s), "
          f"timeout {s['timeout_s']:g} s")
    print(f"  inputs: {s['inputs']}")
    print("  outcomes:")
    for code, n in s["outcomes"].items():
        print(f"    {code:22s} {n:7d}")
    print(f"  longest call: {s['longest_call_s']} s ({s['longest_call_outcome']}); mean {s['mean_call_s']} s")
    print(f"  largest input: {s['largest_input_bytes']} bytes")
    print(f"  max child RSS: {s['max_child_rss_mb']} MB; sandbox children started: {s['sandbox_children']}")
    for hit in s["limits_hit"][:20]:
        print(f"  limit or slow: {hit['outcome']} after {hit['seconds']} s on {hit['input']} ({hit['bytes']} bytes)")
    print(f"  failures: {len(s['failures'])}")
    for f in s["failures"][:50]:
        print(f"    {f['kind']}: {f['detail']} [{f['label']}] {f['sha256'][:16]}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = p.add_mutually_exclusive_group()
    g.add_argument("--minutes", type=float, default=10.0)
    g.add_argument("--seconds", type=float)
    p.add_argument("--timeout", type=float, default=20.0, help="the sandbox's time limit per document (s)")
    p.add_argument("--memory-mb", type=int, default=None, help="the sandbox's RLIMIT_AS (default: the settings)")
    p.add_argument("--json-out", type=Path)
    p.add_argument("--crash-dir", type=Path, default=Path("/tmp/reliability/fuzz-crashes"))
    args = p.parse_args(argv)
    seconds = args.seconds if args.seconds is not None else args.minutes * 60

    from nlp_service.analysis import ingest_options
    from nlp_service.config import get_settings
    from nlp_service.ingest.sandbox import IngestSandbox

    settings_ = get_settings()
    memory_mb = args.memory_mb or settings_.max_memory_mb
    seeds = make_seeds()
    sandbox = IngestSandbox(ingest_options(settings_), timeout_s=args.timeout, memory_mb=memory_mb)
    fuzzer = Fuzzer(sandbox.parse, args.timeout, sandbox=sandbox, crash_dir=args.crash_dir)
    stop = threading.Event()
    threading.Thread(target=_watchdog, args=(fuzzer, 60.0, stop), daemon=True).start()
    print(f"fuzz_ingest: {len(seeds)} seeds, {seconds:g} s, timeout {args.timeout:g} s, RLIMIT_AS {memory_mb} MB",
          file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        fuzzer.run(cases(seeds), seconds)
    finally:
        stop.set()
        fuzzer._note_child()
        sandbox.close()
    elapsed = time.monotonic() - started
    fuzzer.check_leaks()
    summary = fuzzer.summary(elapsed) | {"memory_limit_mb": memory_mb, "seeds": sorted(seeds)}
    print_summary(summary)
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

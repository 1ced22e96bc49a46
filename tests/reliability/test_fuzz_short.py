"""A short run of evaluation/fuzz_ingest.py (the 10-minute run is in evaluation/RELIABILITY.md), and
proof that its checks catch what they are there to catch: an untyped exception, a hang, a leaked
process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
SECONDS = 12  # about 120 calls here and 60 on CI's slower cores: enough for the checks below


def test_short_fuzz_run_gives_only_typed_outcomes(tmp_path):
    from nlp_service.errors import MESSAGES

    out = tmp_path / "fuzz.json"
    r = subprocess.run([sys.executable, str(REPO / "evaluation" / "fuzz_ingest.py"), "--seconds", str(SECONDS),
                        "--timeout", "20", "--json-out", str(out), "--crash-dir", str(tmp_path / "crashes")],
                       capture_output=True, text=True, timeout=SECONDS + 240)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    s = json.loads(out.read_text(encoding="utf-8"))
    assert s["failures"] == []
    assert s["calls"] >= 30, s
    assert set(s["outcomes"]) <= set(MESSAGES) | {"ok"}, s["outcomes"]
    # The cases reach deep: some are still read, and several different errors are found.
    assert s["outcomes"].get("ok", 0) > 0 and len(set(s["outcomes"]) - {"ok"}) >= 3, s["outcomes"]
    assert 0 < s["max_child_rss_mb"] < s["memory_limit_mb"]
    assert s["longest_call_s"] <= s["timeout_s"] + 10
    assert "fuzz_ingest:" in r.stdout and "failures: 0" in r.stdout


def test_the_harness_reports_untyped_crashes_and_hangs(tmp_path, load_module):
    fuzz = load_module("fuzz_ingest")
    from nlp_service.errors import AnalysisError

    def parse(data: bytes):
        if data[0] % 3 == 0:
            raise RuntimeError("a parser bug")
        if data[0] % 3 == 1:
            time.sleep(0.12)  # past timeout + grace below: a hang
            raise AnalysisError("timeout", limit="0.05")
        raise AnalysisError("corrupt_pdf")

    fuzzer = fuzz.Fuzzer(parse, timeout_s=0.05, grace_s=0.05, crash_dir=tmp_path / "crashes")
    strategy = st.builds(lambda b: fuzz.Case(b, "random"), st.binary(min_size=1, max_size=64))
    fuzzer.run(strategy, seconds=3)
    kinds = {f.kind for f in fuzzer.failures}
    assert {"untyped", "hang"} <= kinds, kinds
    assert fuzzer.outcomes["untyped:RuntimeError"] > 0 and fuzzer.outcomes["corrupt_pdf"] > 0
    assert any(p.name.startswith("untyped-") for p in (tmp_path / "crashes").iterdir())
    summary = fuzzer.summary(3.0)
    assert summary["failures"] and summary["calls"] == fuzzer.calls


def test_the_harness_finds_a_leaked_process(load_module):
    fuzz = load_module("fuzz_ingest")
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    try:
        fuzzer = fuzz.Fuzzer(lambda data: None, timeout_s=1)
        fuzzer.child_pids.add(proc.pid)  # as if it were a sandbox child (its own process group)
        assert fuzzer.check_leaks() == [proc.pid]
        assert fuzzer.failures[0].kind == "leak"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    fuzzer = fuzz.Fuzzer(lambda data: None, timeout_s=1)
    fuzzer.child_pids.add(proc.pid)
    assert fuzzer.check_leaks() == []

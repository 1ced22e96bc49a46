"""Live agreement: how often caseworkers agree with the service, from their corrections in the store.

A caseworker reviews an analysis by confirming or changing its area (a ``Correction`` with target
"area"; confirmed means the corrected value equals the service's) and marks a check wrong by a
correction with the check's id as target. So:

- area agreement: of the reviewed analyses, the share whose area the caseworker confirmed (an
  analysis where the service abstained counts as not agreed, and is counted apart);
- check agreement: in the reviewed analyses, every check the service judged (met, gap, uncertain)
  counts as agreed unless the caseworker corrected it to another status;
- per area: grouped by the caseworker's area (the truth), and by ISO week of the review.

When one analysis has several corrections of the same target, the latest counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import inspect, select

from nlp_service.store.models import AnalysisRecord, Correction


def _week(at: dt.datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def _monday(week: str) -> str:
    year, w = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(w), 1).isoformat()


def _share(agreed: int, n: int) -> float | None:
    return agreed / n if n else None


def live_agreement(store) -> dict:
    """Agreement between the service and the caseworkers, overall, per area, per check and per week.

    ``store`` is a :class:`nlp_service.store.Store`; a store without corrections (or without tables
    yet) gives zero counts and ``None`` shares."""
    empty = {"corrections": 0, "reviewed": 0,
             "area": {"n": 0, "agreed": 0, "agreement": None, "abstained": 0, "per_area": {}, "confusions": []},
             "checks": {"n": 0, "agreed": 0, "agreement": None, "per_check": {}}, "by_week": []}
    if not inspect(store.engine).has_table(Correction.__tablename__):
        return empty
    with store.session() as s:
        corrections = list(s.scalars(select(Correction).order_by(Correction.created_at, Correction.id)))
        if not corrections:
            return empty
        latest: dict[tuple[int, str], Correction] = {}
        for c in corrections:
            latest[(c.analysis_id, c.target)] = c
        reviewed_ids = sorted({aid for aid, target in latest if target == "area"})
        records = {r.id: r for r in s.scalars(select(AnalysisRecord).where(AnalysisRecord.id.in_(reviewed_ids)))}

    area = {"n": 0, "agreed": 0, "abstained": 0}
    per_area: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "agreed": 0})
    confusions: dict[tuple[str | None, str], int] = defaultdict(int)
    checks = {"n": 0, "agreed": 0}
    per_check: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "agreed": 0, "corrected": 0})
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: {"area_n": 0, "area_agreed": 0, "check_n": 0,
                                                            "check_agreed": 0})
    for aid in reviewed_ids:
        review = latest[(aid, "area")]
        week = weeks[_week(review.created_at)]
        agreed = review.service_value is not None and review.service_value == review.corrected_value
        area["n"] += 1
        area["agreed"] += agreed
        area["abstained"] += review.service_value is None
        per_area[review.corrected_value]["n"] += 1
        per_area[review.corrected_value]["agreed"] += agreed
        week["area_n"] += 1
        week["area_agreed"] += agreed
        if not agreed:
            confusions[(review.service_value, review.corrected_value)] += 1
        record = records.get(aid)
        for check in (record.result.get("checks") or []) if record is not None else []:
            if check.get("status") not in ("met", "gap", "uncertain"):
                continue
            fix = latest.get((aid, check["id"]))
            ok = fix is None or fix.corrected_value == check["status"]
            for bucket in (checks, per_check[check["id"]]):
                bucket["n"] += 1
                bucket["agreed"] += ok
            per_check[check["id"]]["corrected"] += not ok
            week["check_n"] += 1
            week["check_agreed"] += ok

    return {
        "corrections": len(corrections), "reviewed": len(reviewed_ids),
        "area": {**area, "agreement": _share(area["agreed"], area["n"]),
                 "per_area": {a: {**v, "agreement": _share(v["agreed"], v["n"])} for a, v in sorted(per_area.items())},
                 "confusions": [{"service": sv, "caseworker": cv, "n": n}
                                for (sv, cv), n in sorted(confusions.items(), key=lambda kv: -kv[1])]},
        "checks": {**checks, "agreement": _share(checks["agreed"], checks["n"]),
                   "per_check": {c: {**v, "agreement": _share(v["agreed"], v["n"])}
                                 for c, v in sorted(per_check.items())}},
        "by_week": [{"week": w, "monday": _monday(w), **v, "area_agreement": _share(v["area_agreed"], v["area_n"]),
                     "check_agreement": _share(v["check_agreed"], v["check_n"])} for w, v in sorted(weeks.items())],
    }

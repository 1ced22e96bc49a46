"""The report's figures as PNG files (matplotlib, Agg backend, no display, no pyplot state).

Each function takes the part of ``metrics.json`` it draws and the path to write; it returns the path.
Axis titles and labels are in bokmål, since evaluators read them.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

_DPI = 110
_BLUE, _ORANGE, _GREEN, _GREY, _RED = "#1f5fa8", "#e08a1e", "#2e8b57", "#888888", "#c0392b"


def _save(fig: Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=_DPI)
    return path


def per_area(area: dict, path: Path) -> Path:
    labels = area["labels"]
    x = np.arange(len(labels))
    fig = Figure(figsize=(7, 3.8))
    ax = fig.add_subplot()
    series = (("precision", "presisjon", _BLUE), ("recall", "treffrate (recall)", _ORANGE), ("f1", "F1", _GREEN))
    for i, (key, name, colour) in enumerate(series):
        ax.bar(x + (i - 1) * 0.27, [area["per_area"][a][key] for a in labels], 0.27, label=name, color=colour)
    ax.set_xticks(x, [f"område {a}\n(n={area['per_area'][a]['support']})" for a in labels])
    ax.set_ylim(0, 1.22)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylabel("andel")
    ax.set_title(f"Satsingsområde per område (macro-F1 {area['macro_f1']:.2f})")
    ax.legend(loc="upper center", ncol=3, fontsize=8, frameon=False)
    return _save(fig, path)


def confusion(area: dict, path: Path) -> Path:
    labels, m = area["labels"], np.array(area["confusion"])
    fig = Figure(figsize=(4.8, 4.2))
    ax = fig.add_subplot()
    ax.imshow(m, cmap="Blues")
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, str(m[i, j]), ha="center", va="center",
                    color="white" if m[i, j] > m.max() / 2 else "black")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("modellens område")
    ax.set_ylabel("riktig område (fasit)")
    ax.set_title("Forvekslingsmatrise")
    return _save(fig, path)


def reliability(area: dict, path: Path) -> Path:
    cal = area["calibration"]
    fig = Figure(figsize=(5, 4.4))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], "--", color=_GREY, label="perfekt kalibrert")
    rows = cal["reliability"]
    if rows:
        ax.bar([(r["lo"] + r["hi"]) / 2 for r in rows], [r["accuracy"] for r in rows], width=0.09, color=_BLUE,
               alpha=0.8, label="andel riktige")
        ax.plot([r["confidence"] for r in rows], [r["accuracy"] for r in rows], "o", color=_ORANGE,
                label="snitt av sikkerhet")
        for r in rows:
            ax.annotate(f"n={r['n']}", ((r["lo"] + r["hi"]) / 2, min(r["accuracy"] + 0.03, 1.02)), ha="center",
                        fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel("modellens sikkerhet (høyeste sannsynlighet)")
    ax.set_ylabel("andel riktige")
    ax.set_title(f"Pålitelighetsdiagram (ECE {cal['ece']:.3f}, Brier {cal['brier']:.3f})")
    ax.legend(loc="upper left", fontsize=8)
    return _save(fig, path)


def abstention(area: dict, path: Path) -> Path:
    rows = [r for r in area["abstention_curve"] if r["accuracy_answered"] is not None]
    fig = Figure(figsize=(5.6, 3.8))
    ax = fig.add_subplot()
    ax.plot([r["abstention"] for r in rows], [r["accuracy_answered"] for r in rows], "-o", color=_BLUE, ms=3)
    if area.get("threshold") is not None:
        ax.axvline(area["abstained"], color=_ORANGE, linestyle="--",
                   label=f"tjenestens terskel {area['threshold']:.2f}: avstår på {area['abstained']:.0%}")
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xlim(-0.02, min(1.0, max((r["abstention"] for r in rows), default=1.0) + 0.1))
    ax.set_ylim(max(0.0, min((r["accuracy_answered"] for r in rows), default=0) - 0.05), 1.02)
    ax.set_xlabel("andel dokumenter modellen avstår fra")
    ax.set_ylabel("andel riktige blant de besvarte")
    ax.set_title("Treffsikkerhet mot avståelse")
    return _save(fig, path)


def checks(checks: dict, path: Path) -> Path:
    per = {k: v for k, v in checks["per_check"].items() if v["n"]}
    names = list(per)
    y = np.arange(len(names))
    fig = Figure(figsize=(7, 0.42 * len(names) + 1.4))
    ax = fig.add_subplot()
    ax.barh(y - 0.2, [per[k]["agreement"] for k in names], 0.4, color=_BLUE, label="samsvar med fasit")
    ax.barh(y + 0.2, [per[k]["gap_recall"] or 0 for k in names], 0.4, color=_ORANGE, label="mangler funnet")
    for i, k in enumerate(names):
        ax.text(1.01, i, f"n={per[k]['n']}, mangler i fasit {per[k]['gold_gaps']}, falske {per[k]['false_gaps']}",
                va="center", fontsize=7)
    ax.set_yticks(y, names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.6)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("andel")
    ax.set_title("Vilkår: samsvar med fasit og mangler funnet")
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path)


def breakdown(groups: dict, title: str, path: Path, names: dict[str, str] | None = None) -> Path:
    keys = list(groups)
    x = np.arange(len(keys))
    series = (("area_accuracy", "område riktig", _BLUE), ("check_agreement", "vilkår i samsvar", _ORANGE),
              ("facts_exact", "fakta eksakt", _GREEN))
    series = [s for s in series if any(groups[k][s[0]] is not None for k in keys)]
    fig = Figure(figsize=(max(5.0, 1.3 * len(keys) + 2), 3.6))
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(series))
    for i, (key, label, colour) in enumerate(series):
        ax.bar(x + (i - (len(series) - 1) / 2) * width, [groups[k][key] or 0 for k in keys], width, label=label,
               color=colour)
    ax.set_xticks(x, [f"{(names or {}).get(k, k)}\n(n={groups[k]['documents']})" for k in keys], fontsize=8)
    ax.set_ylim(0, 1.22)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylabel("andel")
    ax.set_title(title)
    ax.legend(loc="upper center", ncol=len(series), fontsize=8, frameon=False)
    return _save(fig, path)


def compare(comparison: dict, path: Path) -> Path:
    models = comparison["models"]
    names = [m["name"] for m in models]
    f1 = np.array([m["macro_f1"] for m in models])
    lo = np.array([m["macro_f1_ci95"][0] for m in models])
    hi = np.array([m["macro_f1_ci95"][1] for m in models])
    fig = Figure(figsize=(7, 3.6))
    ax = fig.add_subplot()
    ax.bar(range(len(models)), f1, yerr=[f1 - lo, hi - f1], capsize=5,
           color=[_BLUE] * (len(models) - 1) + [_GREEN])
    for i, v in enumerate(f1):
        ax.text(i, 0.03, f"{v:.2f}", ha="center", color="white", fontsize=9)
    ax.set_xticks(range(len(models)), [n.replace(" + ", " +\n") for n in names], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("macro-F1 (95 % intervall)")
    ax.set_title(f"Modeller på de samme dokumentene (n={comparison['n']})")
    return _save(fig, path)


def learning_curve(curve: dict, path: Path) -> Path:
    points = [p for p in curve["points"] if not p["same_as_all"]]  # a size above what there is = "alle"
    xs = [max(p["per_area"].values()) for p in points]
    fig = Figure(figsize=(6, 3.8))
    ax = fig.add_subplot()
    ax.errorbar(xs, [p["mean"] for p in points], yerr=[p["std"] for p in points], fmt="-o", capsize=4, color=_BLUE)
    for x, p in zip(xs, points):
        ax.annotate(str(p["size"]), (x, p["mean"]), textcoords="offset points", xytext=(0, 8), ha="center",
                    fontsize=8)
    ax.set_xscale("log", base=2)
    ax.set_xticks(xs, [str(x) for x in xs])
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("merkede søknader per område (størst tilgjengelig)")
    ax.set_ylabel("macro-F1 (snitt ± standardavvik)")
    ax.set_title(f"Læringskurve ({curve['repeats']} trekninger per punkt)")
    return _save(fig, path)


def live_by_week(live: dict, path: Path) -> Path:
    weeks = live["by_week"]
    fig = Figure(figsize=(7, 3.6))
    ax = fig.add_subplot()
    x = np.arange(len(weeks))
    ax.plot(x, [w["area_agreement"] if w["area_agreement"] is not None else np.nan for w in weeks], "-o",
            color=_BLUE, label="område bekreftet")
    ax.plot(x, [w["check_agreement"] if w["check_agreement"] is not None else np.nan for w in weeks], "-s",
            color=_ORANGE, label="vilkår godtatt")
    ax.set_xticks(x, [f"{w['week']}\n(n={w['area_n']})" for w in weeks], fontsize=7)
    ax.set_ylim(0, 1.22)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylabel("andel enighet")
    ax.set_title("Enighet med saksbehandlerne per uke")
    ax.legend(loc="upper center", ncol=2, fontsize=8, frameon=False)
    return _save(fig, path)

"""From a raw e5 cosine to a score a caseworker can read: about the probability of "the same project".

multilingual-e5 cosines bunch between 0.8 and 0.95 for any two Norwegian texts on integration, so
the raw number says little. :class:`Calibration` maps it through a logistic curve
``score = 1 / (1 + exp(-(slope * cosine + intercept)))`` fitted on the corpus
(``corpora/similarity``: a text about an earlier project in other words, paired with that project
= "same"; the same text with every other earlier project = "other"). A score is therefore about
the probability that the two describe the same project, at the corpus's base rate of one matching
project among 210; it rises strictly with the cosine (slope > 0).

**Very similar** means ``score >= VERY_SIMILAR`` (0.8): more likely than not, by four to one, the
same project. ``evaluation/eval_similarity.py --fit`` fits the curve on one half of the pairs (a
fixed split by the sha256 of the pair id), writes it to ``calibration.json`` beside this module and
reports on the other half; without ``--fit`` it reports on that held-out half only.

The cosine scored is the one :meth:`ProjectIndex.search` returns: the best cosine between any chunk
passage embedding of the document and the project's passage embedding (title and summary).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["VERY_SIMILAR", "CALIBRATION_PATH", "Calibration", "fit_calibration", "load_calibration"]

VERY_SIMILAR = 0.8
CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
_SCALE = 100.0  # the cosine's useful range is a few hundredths wide; the fit sees it multiplied by this


@dataclass(frozen=True)
class Calibration:
    """A logistic map from raw cosine to a score in [0, 1]; persisted as JSON parameters."""

    slope: float
    intercept: float
    very_similar: float = VERY_SIMILAR
    meta: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not (math.isfinite(self.slope) and self.slope > 0 and math.isfinite(self.intercept)):
            raise ValueError(f"a calibration needs a finite positive slope, got {self.slope!r}, {self.intercept!r}")
        if not 0.0 < self.very_similar < 1.0:
            raise ValueError(f"very_similar must lie strictly between 0 and 1, got {self.very_similar!r}")

    def score(self, cosine):
        """The score of one cosine (a float) or of an array of cosines (an array), in [0, 1]."""
        z = self.slope * np.asarray(cosine, dtype=np.float64) + self.intercept
        s = 0.5 * (1.0 + np.tanh(0.5 * z))  # the logistic function, without overflow
        return float(s) if np.ndim(s) == 0 else s

    def is_very_similar(self, cosine: float) -> bool:
        return self.score(cosine) >= self.very_similar

    @property
    def very_similar_cosine(self) -> float:
        """The raw cosine at which the score reaches ``very_similar``."""
        p = self.very_similar
        return (math.log(p / (1.0 - p)) - self.intercept) / self.slope

    # -- persistence -----------------------------------------------------------------------
    def to_dict(self) -> dict:
        d = asdict(self)
        d["very_similar_cosine"] = round(self.very_similar_cosine, 6)
        return d

    def save(self, path: Path = CALIBRATION_PATH) -> None:
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def from_dict(cls, d: dict) -> Calibration:
        return cls(slope=float(d["slope"]), intercept=float(d["intercept"]),
                   very_similar=float(d.get("very_similar", VERY_SIMILAR)), meta=dict(d.get("meta", {})))

    @classmethod
    def load(cls, path: Path = CALIBRATION_PATH) -> Calibration:
        path = Path(path)
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise FileNotFoundError(
                f"{path} is missing: fit it with `python evaluation/eval_similarity.py --fit`") from None


@functools.lru_cache(maxsize=4)
def load_calibration(path: Path = CALIBRATION_PATH) -> Calibration:
    """The shipped calibration (``calibration.json`` beside this module), read once per process."""
    return Calibration.load(path)


def fit_calibration(cosines, same, *, very_similar: float = VERY_SIMILAR, meta: dict | None = None) -> Calibration:
    """Fit the logistic map on raw cosines of pairs and whether each pair is the same project.

    Plain (unweighted) logistic regression from scikit-learn, so the score keeps the base rate of
    the pairs it was fitted on; L2 penalty weak enough to leave a clean fit unbiased.
    """
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(cosines, dtype=np.float64).reshape(-1, 1)
    y = np.asarray(same, dtype=bool)
    if x.shape[0] != y.shape[0]:
        raise ValueError("cosines and labels differ in length")
    if y.all() or not y.any():
        raise ValueError("fitting needs both same-project and other-project pairs")
    center = float(np.median(x))
    model = LogisticRegression(C=100.0, max_iter=1000).fit((x - center) * _SCALE, y)
    slope = float(model.coef_[0, 0]) * _SCALE
    intercept = float(model.intercept_[0]) - slope * center
    info = {"method": "logistic regression (scikit-learn) on the raw cosine",
            "pairs": int(y.size), "same_pairs": int(y.sum())}
    info.update(meta or {})
    return Calibration(slope=slope, intercept=intercept, very_similar=very_similar, meta=info)

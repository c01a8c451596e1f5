"""A linear difficulty score with cut points, stored as plain numbers in JSON.

Why linear: with a few hundred calibration texts, a ridge regression on readable features
generalises better than anything with more knobs, and each feature's push on the score can
be shown to a teacher. The raw score is mapped piecewise-linearly so that the fitted cut
points land on CEFR boundaries (1.5 = A1|A2 ... 5.5 = C1|C2): `difficulty` then reads as a
CEFR number (3.2 = a low B1) and `level_name(difficulty)` is the level.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from toolkit.language.features import sentence_features
from toolkit.model.text import Sentence

MODEL_FILE = Path(__file__).with_name("level_model.json")
SPREAD_FEATURES = ("sentence_mean", "sentence_p75", "sentence_p90")


@dataclass
class LinearLevelModel:
    """Standardised ridge weights plus raw-score cut points and the boundaries they map to."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    intercept: float
    cuts: list[float]  # raw scores between classes, ascending
    boundaries: list[float]  # CEFR-scale value of each cut (e.g. 2.5, 3.5)

    def raw(self, feats: dict[str, float]) -> float:
        x = np.array([feats.get(k, 0.0) for k in self.features], float)
        return float(self.intercept + ((x - self.mean) / self.scale) @ np.array(self.weights))

    def contributions(self, feats: dict[str, float]) -> dict[str, float]:
        """Each feature's push on the raw score relative to the calibration average."""
        return {k: w * (feats.get(k, 0.0) - m) / s
                for k, w, m, s in zip(self.features, self.weights, self.mean, self.scale)}

    def difficulty(self, raw: float) -> float:
        """Raw score -> CEFR scale: linear between cut points, their mean slope beyond."""
        cuts, bounds = self.cuts, self.boundaries
        if len(cuts) == 1:
            slope = 1.0
        else:
            slope = (bounds[-1] - bounds[0]) / max(cuts[-1] - cuts[0], 1e-9)
        if raw <= cuts[0]:
            value = bounds[0] + (raw - cuts[0]) * slope
        elif raw >= cuts[-1]:
            value = bounds[-1] + (raw - cuts[-1]) * slope
        else:
            value = float(np.interp(raw, cuts, bounds))
        return float(min(max(value, 1.0), 6.0))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinearLevelModel:
        return cls(**d)


@dataclass
class Calibration:
    """The sentence model (CEFR-SP) and the text model (OneStopEnglish) with their provenance."""

    sentence: LinearLevelModel
    text: LinearLevelModel
    info: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence.to_dict(), "text": self.text.to_dict(), "info": self.info}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Calibration:
        return cls(LinearLevelModel.from_dict(d["sentence"]), LinearLevelModel.from_dict(d["text"]),
                   dict(d.get("info", {})))

    def save(self, path: Path = MODEL_FILE) -> None:
        """One line per field so refits give readable diffs."""
        parts = []
        for name, value in self.to_dict().items():
            inner = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in value.items())
            parts.append(f" {json.dumps(name)}: {{\n{inner}\n }}")
        path.write_text("{\n" + ",\n".join(parts) + "\n}\n", "utf-8")


@lru_cache(maxsize=4)
def load_calibration(path: Path = MODEL_FILE) -> Calibration:
    """The fitted numbers shipped in the package (refit: `python -m toolkit.language.research.calibrate`)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; refit it with `python -m toolkit.language.research.calibrate`")
    return Calibration.from_dict(json.loads(path.read_text("utf-8")))


def fit_ridge(X: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Ridge regression on standardised columns: (mean, scale, weights, intercept)."""
    mu = X.mean(0)
    sd = X.std(0)
    sd[sd < 1e-9] = 1.0
    Z = np.c_[np.ones(len(X)), (X - mu) / sd]
    penalty = lam * np.eye(Z.shape[1])
    penalty[0, 0] = 0.0
    w = np.linalg.solve(Z.T @ Z + penalty, Z.T @ y)
    return mu, sd, w[1:], float(w[0])


def classify(raw: np.ndarray | Sequence[float], cuts: np.ndarray | Sequence[float]) -> np.ndarray:
    """Class index 0..len(cuts) of each raw score."""
    return np.searchsorted(np.asarray(cuts), np.asarray(raw), side="right")


def fit_cuts(raw: np.ndarray, score_fn: Any, start: Sequence[float], width: float = 1.0,
             rounds: int = 3, steps: int = 41) -> list[float]:
    """Coordinate search for ascending cut points maximising score_fn(class indices)."""
    cuts = np.array(start, float)
    best = score_fn(classify(raw, cuts))
    for _ in range(rounds):
        for i in range(len(cuts)):
            lo = cuts[i - 1] if i else cuts[i] - width
            hi = cuts[i + 1] if i + 1 < len(cuts) else cuts[i] + width
            for c in np.linspace(lo, hi, steps):
                trial = cuts.copy()
                trial[i] = c
                value = score_fn(classify(raw, trial))
                if value > best:
                    best, cuts = value, trial
    return [round(float(c), 6) for c in cuts]


def make_model(features: Sequence[str], X: np.ndarray, y: np.ndarray, lam: float,
               cut_score: Any, start_cuts: Sequence[float], boundaries: Sequence[float],
               ) -> LinearLevelModel:
    """Fit ridge weights, then the cut points on the training scores."""
    mu, sd, w, b = fit_ridge(X, y, lam)
    raw = b + ((X - mu) / sd) @ w
    cuts = fit_cuts(raw, cut_score, start_cuts)
    r = lambda a: [round(float(v), 6) for v in a]  # noqa: E731
    return LinearLevelModel(list(features), r(mu), r(sd), r(w), round(b, 6), cuts, list(boundaries))


def sentence_spread(model: LinearLevelModel, sentences: Iterable[Sentence]) -> dict[str, float]:
    """Mean, 75th and 90th percentile of the sentence model's difficulty over a text."""
    d = [model.difficulty(model.raw(sentence_features(s))) for s in sentences if s.words]
    if not d:
        return {k: 0.0 for k in SPREAD_FEATURES}
    return {"sentence_mean": float(np.mean(d)), "sentence_p75": float(np.percentile(d, 75)),
            "sentence_p90": float(np.percentile(d, 90))}

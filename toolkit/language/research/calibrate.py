"""Fit the level estimator's numbers on real leveled data; `python -m toolkit.language.research.calibrate`.

- Sentence model: ridge regression from SENTENCE_FEATURES to the mean of CEFR-SP's two
  expert labels (train files), cut points chosen for macro-F1 counting either label.
- Text model: ridge regression from TEXT_FEATURES plus the sentence model's spread over the
  text (mean, 75th and 90th percentile) to OneStopEnglish anchors Elementary = A2,
  Intermediate = B1, Advanced = B2, cut points chosen for accuracy.

Only derived numbers are written (toolkit/language/level_model.json); no text is copied.
The functions here are also used by benchmarks/level_eval.py for cross-validation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from toolkit.language.analysis import analyze
from toolkit.model.text import Sentence
from toolkit.language.research.corpora import (LabelledSentence, OseText, load_cefr_sp, load_onestop,
                                      shared_data_dir)
from toolkit.language.features import SENTENCE_FEATURES, TEXT_FEATURES, text_features
from toolkit.language.level_model import (MODEL_FILE, SPREAD_FEATURES, Calibration,
                                          LinearLevelModel, classify, make_model,
                                          sentence_spread)

LAMBDA = 10.0  # ridge penalty on standardised features; chosen a priori, not tuned on test
OSE_ANCHORS = (2.0, 3.0, 4.0)  # Elementary ~ A2, Intermediate ~ B1, Advanced ~ B2
TEXT_MODEL_FEATURES = (*TEXT_FEATURES, *SPREAD_FEATURES)


def either_macro_f1(pred: np.ndarray | Sequence[int], a: np.ndarray | Sequence[int],
                    b: np.ndarray | Sequence[int]) -> float:
    """Macro-F1 where a prediction is right if it equals either label.

    For a wrong prediction the gold class is the label nearer to it (first on a tie).
    """
    p, a_, b_ = (np.asarray(v) for v in (pred, a, b))
    gold = np.where(p == b_, b_, np.where((p == a_) | (abs(p - a_) <= abs(p - b_)), a_, b_))
    scores = []
    for k in np.union1d(gold, p):
        tp = int(((p == k) & (gold == k)).sum())
        fp = int(((p == k) & (gold != k)).sum())
        fn = int(((p != k) & (gold == k)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores)) if scores else 0.0


def sentence_rows(items: list[LabelledSentence]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, label A, label B) for CEFR-SP items."""
    X = np.array([[f[k] for k in SENTENCE_FEATURES]
                  for f in (text_features(analyze(it.text)) for it in items)])
    return X, np.array([it.labels[0] for it in items]), np.array([it.labels[1] for it in items])


def fit_sentence_model(X: np.ndarray, a: np.ndarray, b: np.ndarray) -> LinearLevelModel:
    y = (a + b) / 2.0
    score = lambda cls: either_macro_f1(cls + 1, a, b)  # noqa: E731
    return make_model(SENTENCE_FEATURES, X, y, LAMBDA, score, [1.5, 2.5, 3.5, 4.5, 5.5],
                      [1.5, 2.5, 3.5, 4.5, 5.5])


def text_rows(texts: list[OseText], sentence_model: LinearLevelModel,
              analysed: list[list[Sentence]] | None = None) -> np.ndarray:
    """TEXT_MODEL_FEATURES for each text (pass `analysed` to reuse analyses)."""
    rows = []
    for i, t in enumerate(texts):
        sents = analysed[i] if analysed is not None else analyze(t.text)
        f = {**text_features(sents), **sentence_spread(sentence_model, sents)}
        rows.append([f[k] for k in TEXT_MODEL_FEATURES])
    return np.array(rows)


def fit_text_model(X: np.ndarray, levels: np.ndarray) -> LinearLevelModel:
    y = np.array(OSE_ANCHORS)[levels]
    score = lambda cls: float((cls == levels).mean())  # noqa: E731
    mids = [(OSE_ANCHORS[0] + OSE_ANCHORS[1]) / 2, (OSE_ANCHORS[1] + OSE_ANCHORS[2]) / 2]
    return make_model(TEXT_MODEL_FEATURES, X, y, LAMBDA, score, mids, mids)


def article_folds(topics: Sequence[str], k: int = 10, seed: int = 0) -> list[np.ndarray]:
    """Boolean test masks of k folds that never split an article's versions."""
    unique = sorted(set(topics))
    order = np.random.RandomState(seed).permutation(len(unique))
    topic_arr = np.asarray(topics)
    return [np.isin(topic_arr, [unique[j] for j in order[f::k]]) for f in range(k)]


def fit(root: Path | None = None, log: Any = print) -> Calibration:
    """Both models from the shared data folder."""
    root = root or shared_data_dir()
    train = load_cefr_sp("train", root)
    log(f"CEFR-SP train: {len(train)} sentences")
    Xs, a, b = sentence_rows(train)
    sentence_model = fit_sentence_model(Xs, a, b)
    texts = load_onestop(root)
    log(f"OneStopEnglish: {len(texts)} texts ({len({t.topic for t in texts})} articles)")
    Xt = text_rows(texts, sentence_model)
    levels = np.array([t.level for t in texts])
    text_model = fit_text_model(Xt, levels)
    train_acc = float((classify(np.array([text_model.raw(dict(zip(TEXT_MODEL_FEATURES, r)))
                                          for r in Xt]), text_model.cuts) == levels).mean())
    info = {"command": "python -m toolkit.language.research.calibrate",
            "features": "toolkit/language/features.py: words, word levels and frequencies, "
                        "the parse (depth, clauses), the hardest words",
            "sentence_data": f"CEFR-SP train ({len(train)} sentences: Wiki-Auto + SCoRE; "
                             "the dev files are held out for benchmarks/level_eval.py)",
            "text_data": f"OneStopEnglish dev topics ({len(texts)} texts, bad topics left out; "
                         "held-out numbers by cross-validation by article)",
            "text_anchors": "Elementary=A2, Intermediate=B1, Advanced=B2",
            "lambda": LAMBDA, "text_train_accuracy": round(train_acc, 4)}
    return Calibration(sentence_model, text_model, info)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.language.research.calibrate",
                                     description="refit the level estimator on ../shared/data")
    parser.add_argument("--data", type=Path, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="JSON file to write")
    args = parser.parse_args(argv)
    root = args.data or shared_data_dir()
    if not (root / "onestopenglish").is_dir() or not (root / "cefr-sp").is_dir():
        print(f"error: calibration data not found in {root} (needs onestopenglish/ and cefr-sp/)",
              file=sys.stderr)
        return 2
    cal = fit(root)
    cal.save(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

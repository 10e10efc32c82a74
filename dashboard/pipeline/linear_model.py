"""The learned parts of the extraction (``sector_model``, ``named_model``, ``project_model``): linear
models trained with scikit-learn by the scripts in ``scripts/`` on the development texts only, and
shipped as JSON beside their code: the features, one weight per label each, and the intercepts.
Predicting needs no library: a sum of weights.

    >>> model = LinearModel(("a", "b"), (0.0, 0.5), {"rule=a": (2.0, 0.0)}, "test")
    >>> model.predict({"rule=a": 1.0}), model.predict({"kind=x": 1.0})
    ('a', 'b')
    >>> round(model.probability({"kind=x": 1.0}, "b"), 3)  # 1 / (1 + e^-0.5)
    0.622
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature → one weight per label
    version: str

    def scores(self, features: dict[str, float]) -> dict[str, float]:
        known = [(self.weights[f], v) for f, v in features.items() if f in self.weights]
        return {
            label: self.intercepts[k] + sum(weights[k] * value for weights, value in known)
            for k, label in enumerate(self.labels)
        }

    def probability(self, features: dict[str, float], label: str) -> float:
        """The model's probability of ``label`` (the softmax of the scores)."""
        scores = self.scores(features)
        top = max(scores.values())
        return math.exp(scores[label] - top) / sum(math.exp(s - top) for s in scores.values())

    def predict(self, features: dict[str, float]) -> str:
        scores = self.scores(features)
        return max(scores, key=scores.__getitem__)

    def as_json(self, **about: object) -> str:
        return json.dumps(
            {
                **about,
                "labels": list(self.labels),
                "intercepts": [round(v, 6) for v in self.intercepts],
                "weights": {f: [round(v, 6) for v in w] for f, w in sorted(self.weights.items())},
            },
            ensure_ascii=False,
            indent=0,
        )


def parse_linear_model(text: str) -> LinearModel:
    raw = json.loads(text)
    return LinearModel(
        labels=tuple(raw["labels"]),
        intercepts=tuple(raw["intercepts"]),
        weights={feature: tuple(w) for feature, w in raw["weights"].items()},
        version=hashlib.sha256(text.encode()).hexdigest()[:16],
    )


@functools.cache
def load_linear_model(path: Path) -> LinearModel | None:
    """The model shipped at ``path``, or None where there is none (the rules' answer stands)."""
    try:
        return parse_linear_model(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def fit(rows: list[tuple[str, dict[str, float], str]], *, c: float, min_documents: int) -> LinearModel:
    """A multinomial logistic regression over ``rows`` of (document, features, label); a feature
    seen in fewer than ``min_documents`` documents is dropped (no single text's names). Needs
    scikit-learn (the ``test`` extra): only the training scripts call it."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    by_document: dict[str, set[str]] = {}
    for document, features, _ in rows:
        by_document.setdefault(document, set()).update(features)
    seen = Counter(feature for features in by_document.values() for feature in features)
    keep = {feature for feature, documents in seen.items() if documents >= min_documents}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: v for f, v in r[1].items() if f in keep} for r in rows])
    classifier = LogisticRegression(C=c, max_iter=5000).fit(matrix, [r[2] for r in rows])
    labels = tuple(str(s) for s in classifier.classes_)
    coef = classifier.coef_
    intercepts = tuple(float(v) for v in classifier.intercept_)
    if len(labels) == 2:  # one row of weights for the second label: the first's are their negation's half
        coef = [-coef[0] / 2, coef[0] / 2]
        intercepts = (-intercepts[0] / 2, intercepts[0] / 2)
    weights = {
        feature: tuple(float(coef[k][j]) for k in range(len(labels)))
        for feature, j in vectorizer.vocabulary_.items()
    }
    return LinearModel(labels, intercepts, weights, "trained")

"""An evaluation of the extraction (``query.evaluation``) in words, in the language asked for.

>>> from dashboard.query.evaluation import Evaluation, Score
>>> score = Score(required=2, found=1, listed=1, correct=1, missed=["江州云岭农场"])
>>> print(evaluation_text(Evaluation({"a": score}, {}), "en"))
a: recall 0.50 (1/2) · sector accuracy 1.00 · strict precision 1.00 (1/1) · named-flag agreement 1.00
  missed: 江州云岭农场
<BLANKLINE>
all (1 document): recall 0.50 (1/2) · sector accuracy 1.00 · strict precision 1.00 (1/1) · named-flag agreement 1.00
"""

from __future__ import annotations

from dashboard.present.glossary import t
from dashboard.query.evaluation import Evaluation, Score

# what a document's score lists by name, and the glossary key of its heading
NAMES = (("missed", "eval_missed"), ("wrong", "eval_wrong"), ("wrong_sector", "eval_wrong_sector"),
         ("named_disagree", "eval_named_flag"))  # fmt: skip


def _line(label: str, score: Score, lang: str) -> str:
    return t(
        "eval_line",
        lang,
        label=label,
        recall=score.recall,
        found=score.found,
        required=score.required,
        sector=score.sector_accuracy,
        precision=score.precision,
        correct=score.correct,
        listed=score.listed,
        named=score.named_agreement,
    )


def evaluation_text(evaluation: Evaluation, lang: str = "en") -> str:
    """The evaluation as lines to read: each document with what it missed and listed wrongly, each
    genre, and all documents together (micro-averaged)."""
    lines = []
    colon = "：" if lang == "zh" else ": "
    for document, score in evaluation.scores.items():
        lines.append(_line(document, score, lang))
        for field, key in NAMES:
            if names := getattr(score, field):
                lines.append(f"  {t(key, lang)}{colon}{'、'.join(names)}")
    lines.append("")
    genres = evaluation.by_genre()
    if len(genres) > 1:
        lines += [
            _line(t("eval_genre", lang, genre=g, documents=s.documents), s, lang) for g, s in genres.items()
        ]
    total = evaluation.total
    lines.append(_line(t("eval_all", lang, documents=total.documents), total, lang))
    return "\n".join(lines)

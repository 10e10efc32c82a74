"""From documents to evidence-linked projects, initiatives, organizations, places and term counts."""

from __future__ import annotations

import bisect
import functools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard import settings
from dashboard.pipeline import taxonomy as tx
from dashboard.pipeline.entities import ORGANIZATION, PLACE, PROJECT, EntityFinder, Found
from dashboard.pipeline.lexicon import Lexicon, load_lexicon
from dashboard.pipeline.name_model import load_name_model, within
from dashboard.pipeline.named_model import is_named, load_named_model, named_features
from dashboard.pipeline.project_model import found_name_features, is_project, load_project_model
from dashboard.pipeline.read import Document, IngestError, Reason
from dashboard.pipeline.sector_model import (
    load_sector_model,
    predict_sector,
    sector_features,
    words_and_pairs,
)
from dashboard.pipeline.structure import ParagraphContext, best_sector, paragraph_contexts, sector_scores
from dashboard.pipeline.text import Span, clauses, is_term, sentences, tokenizer, tokens

NAME_SECTOR_MINIMUM = 2  # sector-word weight in a name that outweighs the passage around it
_CLAUSE_CUTS = "，；;,：:"
_OBJECT_TAIL = re.compile(r"为(?:契机|抓手|重点|核心|中心|目标|载体|引领|支撑|突破口|主线)$")
_PREPOSITIONS = frozenset(
    {"在", "与", "同", "和", "联合", "依托", "以", "通过", "按照", "围绕", "借助", "携手", "对"}
)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name; ``start``/``end`` index into the paragraph's text."""

    category: str
    name: str
    kind: str
    document: str
    paragraph: int
    sentence: int
    clause: int  # index of the clause (cut at ，；：) in its sentence
    start: int
    end: int
    named: bool
    sector: str
    evidence: str


@dataclass(frozen=True)
class Initiative:
    document: str
    paragraph: int
    sentence: int
    action: str
    object: str
    sector: str
    pillar: str
    lead_in: bool
    evidence: str
    start: int  # the clause, as offsets into the paragraph's text
    end: int
    projects: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass
class DocumentExtraction:
    """Everything extracted from one document, before it is tabulated."""

    document: Document
    contexts: list[ParagraphContext]
    sentences: list[tuple[int, int, Span]]  # (paragraph, sentence index, span in paragraph)
    mentions: list[Mention] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    terms: list[tuple[int, int, str]] = field(default_factory=list)  # (paragraph, sentence, term)
    projects: list[dict] = field(default_factory=list)


def _initiatives_in(
    text: str, sentence: Span, toks: list[Span], lexicon: Lexicon
) -> list[tuple[str, str, int, int]]:
    """(action, object, start, end) for each action clause of a sentence; offsets index ``text``,
    the paragraph, as do the tokens'."""
    found = []
    starts = [t.start for t in toks]
    for relative in clauses(sentence.text, _CLAUSE_CUTS):
        clause = Span(sentence.start + relative.start, sentence.start + relative.end, relative.text)
        first = bisect.bisect_left(starts, clause.start)
        words = toks[first : bisect.bisect_right(starts, clause.end, lo=first)]
        while words and words[-1].end > clause.end:
            words = words[:-1]
        k = 0
        while k < len(words) and (words[k].text in lexicon.enumerators or words[k].text.isspace()):
            k += 1
        action_at = None
        if k < len(words) and words[k].text in _PREPOSITIONS:
            for m in range(k + 1, min(len(words), k + 14)):
                if words[m].text in lexicon.actions and words[m].text not in lexicon.action_modifiers:
                    action_at = m
                    break
        else:
            while k < len(words) and words[k].text in lexicon.action_modifiers:
                if words[k].text in lexicon.actions and (
                    k + 1 >= len(words) or words[k + 1].text not in lexicon.actions
                ):
                    break  # 加快 used as the action itself: 加快车…平台建设
                k += 1
            if k < len(words) and words[k].text in lexicon.actions:
                action_at = k
        if action_at is None:
            continue
        action = words[action_at].text
        obj = text[words[action_at].end : clause.end].strip()
        obj = _OBJECT_TAIL.sub("", obj).strip("“”，、 ")
        if obj.count("“") != obj.count("”"):
            obj = obj.replace("“", "").replace("”", "")
        if len(obj) < 2:
            continue
        found.append((action, obj, clause.start, clause.end))
    return found


def _is_lead_in(sentence: Span, index: int, spans: list[Span], actions: list) -> bool:
    """A paragraph's lead-in: a short first sentence made only of actions (扩大…，发展…。)."""
    if index != 0 or len(spans) < 2 or len(sentence.text) > 30 or not sentence.text.endswith("。"):
        return False
    return len(actions) >= 2 and len(actions) == len(clauses(sentence.text, _CLAUSE_CUTS))


class ExtractionTimeout(IngestError):
    """A document whose extraction ran past its time limit."""

    def __init__(self, reason: Reason = Reason.TIMEOUT, **details: object) -> None:
        super().__init__(reason, **details)


def extract_document(
    document: Document, lexicon: Lexicon | None = None, *, time_limit: float | None = None
) -> DocumentExtraction:
    """Segment a document once and extract its mentions, initiatives and terms; raises
    ExtractionTimeout when it takes longer than ``time_limit`` seconds (a pathological file must
    not stall the others)."""
    lexicon = lexicon or load_lexicon()
    tok = tokenizer(lexicon)
    keyword_stopwords = lexicon.keyword_stopwords
    is_keyword: dict[str, bool] = {}
    contexts = paragraph_contexts(document, lexicon)
    finder = EntityFinder(lexicon, tok)
    name_model = load_name_model()
    result = DocumentExtraction(document, contexts, [])
    raw: list[tuple[int, int, Span, Found]] = []
    deadline = time.monotonic() + (time_limit if time_limit is not None else settings.time_limit())
    for paragraph, context in zip(document.paragraphs, contexts, strict=True):
        if time.monotonic() > deadline:
            raise ExtractionTimeout(seconds=f"{time_limit or settings.time_limit():g}")
        text = paragraph.text
        spans = sentences(text)
        # one jieba call per paragraph; tokens keep offsets into the paragraph
        paragraph_tokens = tokens(text, tok)
        token_starts = [t.start for t in paragraph_tokens]
        learned = name_model.names(text, paragraph_tokens, finder.project_heads) if name_model else []
        for s_index, sentence in enumerate(spans):
            first = bisect.bisect_left(token_starts, sentence.start)
            toks = paragraph_tokens[first : bisect.bisect_left(token_starts, sentence.end, lo=first)]
            result.sentences.append((paragraph.index, s_index, sentence))
            here = within(learned, sentence.start, sentence.end)
            names = [Span(n.start, n.end, text[n.start : n.end]) for n in here]
            unsure = {(n.start, n.end) for n in here if n.confidence < name_model.threshold}
            for found in finder.with_learned(text, toks, finder.find(text, toks), names, unsure):
                raw.append((paragraph.index, s_index, sentence, found))
            actions = _initiatives_in(text, sentence, toks, lexicon)
            lead_in = context.role in ("heading", "item") or _is_lead_in(sentence, s_index, spans, actions)
            for action, obj, start, end in actions:
                result.initiatives.append(
                    Initiative(
                        document.id, paragraph.index, s_index, action, obj, context.sector, context.pillar,
                        lead_in, sentence.text, start, end,
                    )
                )  # fmt: skip
            for t in toks:
                term = is_keyword.get(t.text)
                if term is None:
                    term = is_keyword[t.text] = is_term(t.text, keyword_stopwords)
                if term:
                    result.terms.append((paragraph.index, s_index, t.text))
    mentions = _resolve_mentions(document, contexts, raw, finder)
    grouped = project_groups(mentions)
    result.projects = document_projects(grouped, mentions, lexicon, document_scores(contexts))
    # a name the project model does not list is not highlighted or counted as a project either
    listed = {p["name"] for p in result.projects}
    unlisted = {id(m) for name, group in grouped.items() if name not in listed for m in group}
    result.mentions = [m for m in mentions if id(m) not in unlisted]
    by_paragraph: dict[int, list[Mention]] = {}
    for mention in result.mentions:
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    result.initiatives = [
        _with_participants(i, by_paragraph.get(i.paragraph, [])) for i in result.initiatives
    ]
    return result


def _resolve_mentions(
    document: Document,
    contexts: list[ParagraphContext],
    raw: list[tuple[int, int, Span, Found]],
    finder: EntityFinder,
) -> list[Mention]:
    """Mentions with document-level knowledge applied: canonical place names, brands are not places."""
    mentions = []
    clause_starts: dict[str, list[int]] = {}
    for paragraph, s_index, sentence, found in raw:
        starts = clause_starts.get(sentence.text)
        if starts is None:
            starts = clause_starts[sentence.text] = [c.start for c in clauses(sentence.text, _CLAUSE_CUTS)]
        clause = max(0, bisect.bisect_right(starts, found.start - sentence.start) - 1)
        name, category = found.name, found.category
        if category == PLACE:
            if name in finder.brands:
                continue
            name = finder.place_stems.get(name, name)
        sector = contexts[paragraph].sector
        if found.described_as:  # an instance takes the sector its category's words say
            sector = best_sector(sector_scores(found.described_as, finder.lexicon), minimum=1) or sector
        mentions.append(
            Mention(
                category,
                name,
                found.kind,
                document.id,
                paragraph,
                s_index,
                clause,
                found.start,
                found.end,
                found.named,
                sector,
                sentence.text,
            )
        )
    return mentions


def _with_participants(initiative: Initiative, mentions: list[Mention]) -> Initiative:
    """The initiative with the names mentioned in its clause; ``mentions``: its paragraph's."""
    inside = [m for m in mentions if initiative.start <= m.start and m.end <= initiative.end]
    if not inside and not (initiative.projects or initiative.organizations or initiative.places):
        return initiative  # nobody named in its clause: it stays as it is
    pick = lambda category: tuple(dict.fromkeys(m.name for m in inside if m.category == category))  # noqa: E731
    return Initiative(
        **{
            **initiative.__dict__,
            "projects": pick(PROJECT),
            "organizations": pick(ORGANIZATION),
            "places": pick(PLACE),
        }
    )


# --- one record per project of a document ---------------------------------------------


def _name_sector_scores(name: str, lexicon: Lexicon) -> dict[str, float]:
    """The sector words of a project's name; a name of a work outside the digital economy with no
    sector word (甲风电项目, 乙高铁) says unclassified as clearly as a sector word would."""
    scores = sector_scores(name, lexicon)
    if not any(scores.values()) and any(word in name for word in lexicon.non_digital_works):
        scores[tx.UNCLASSIFIED] = 3.0
    return scores


def _project_sector(mentions: list[Mention], lexicon: Lexicon, scores: dict[str, float] | None = None) -> str:
    """The sector of a project by the rules: what its name's words clearly say (农业大数据中心),
    else its own type's (a data centre is digital industry wherever it stands), else where it is
    first mentioned in a classified passage, else whatever its name's words lean to. ``scores``:
    its name's sector scores, when they are at hand."""
    first = mentions[0]
    scores = scores if scores is not None else _name_sector_scores(first.name, lexicon)
    clear = best_sector(scores, minimum=NAME_SECTOR_MINIMUM)
    if clear:
        return clear
    own = lexicon.kind_sectors.get(first.kind)
    if own:
        return own
    for mention in mentions:
        if mention.sector != tx.UNCLASSIFIED:
            return mention.sector
    return best_sector(scores, minimum=1) or tx.UNCLASSIFIED


def document_scores(contexts: list[ParagraphContext]) -> dict[str, float]:
    """How strongly a whole document speaks of each sector: its paragraphs' scores summed."""
    totals: dict[str, float] = {}
    for context in contexts:
        for sector, score in context.scores.items():
            totals[sector] = totals.get(sector, 0.0) + score
    return totals


def project_features(
    mentions: list[Mention], lexicon: Lexicon, in_document: dict[str, float]
) -> dict[str, float]:
    """What the sector model sees of a project (``sector_model.sector_features``)."""
    first = mentions[0]
    name_scores = _name_sector_scores(first.name, lexicon)
    words, pairs = words_and_pairs(first.name, tokenizer(lexicon))
    return sector_features(
        first.name,
        first.kind,
        (m.sector for m in mentions),
        _project_sector(mentions, lexicon, name_scores),
        name_scores=name_scores,
        evidence_scores=_sentence_scores(first.evidence, lexicon),
        document_scores=in_document,
        clause_scores=_clause_scores(first, lexicon),
        words=words,
        pairs=pairs,
    )


def project_named_features(
    group: list[Mention], mentions: list[Mention], lexicon: Lexicon
) -> dict[str, float]:
    """What the named model sees of a project (``named_model.named_features``); ``mentions``: all
    of its document's, for the places and organizations found inside its first mention."""
    first = group[0]
    inside = [
        m
        for m in mentions
        if m.category != PROJECT
        and m.paragraph == first.paragraph
        and first.start <= m.start
        and m.end <= first.end
    ]
    return named_features(
        first.name,
        first.kind,
        any(g.named for g in group),
        evidence=first.evidence,
        inside=[m.category for m in inside],
        opens_with=[m.category for m in inside if m.start == first.start],
        repeated=len(group) > 1,
        lexicon=lexicon,
        tok=tokenizer(lexicon),
    )


def project_model_features(record: dict, lexicon: Lexicon) -> dict[str, float]:
    """What the project model sees of a found name's record (``project_model.found_name_features``)."""
    return found_name_features(
        record["name"],
        record["kind"],
        named=record["named"],
        evidence=record["evidence"],
        mentions=record["mentions"],
        with_organizations=bool(record["organizations"]),
        with_places=bool(record["places"]),
        lexicon=lexicon,
        tok=tokenizer(lexicon),
    )


def _clause_scores(mention: Mention, lexicon: Lexicon) -> dict[str, float]:
    """The sector words of the clause a project is first named in, its own name left out: what the
    clause says the thing is for (依托甲开发区重点发展智能制造)."""
    parts = clauses(mention.evidence, _CLAUSE_CUTS)
    if not parts:
        return {}
    clause = parts[min(mention.clause, len(parts) - 1)].text
    return _sentence_scores(clause.replace(mention.name, " "), lexicon)


@functools.lru_cache(maxsize=1024)
def _sentence_scores(sentence: str, lexicon: Lexicon) -> dict[str, float]:
    """A sentence's sector scores, once for all the projects it names (read only)."""
    return sector_scores(sentence, lexicon)


def project_groups(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """The mentions of each project of a document, by name: repeated mentions, and short forms
    without the place prefix (鸿途产业园 for 江州鸿途产业园), go with the full name."""
    places = {m.name for m in mentions if m.category == PLACE}
    stems = {p[:-1] for p in places if len(p) >= 3}
    projects = [m for m in mentions if m.category == PROJECT]
    alias = _aliases((m.name for m in projects), places | stems)
    grouped: dict[str, list[Mention]] = {}
    for m in projects:
        grouped.setdefault(alias.get(m.name, m.name), []).append(m)
    return grouped


def _aliases(names: Iterable[str], places: set[str]) -> dict[str, str]:
    """Short forms of a name without its place prefix (鸿途产业园 for 江州鸿途产业园) → the full form."""
    names = sorted(set(names), key=len, reverse=True)
    alias = {}
    for short in names:
        for full in names:
            if len(full) > len(short) >= 4 and full.endswith(short) and full[: -len(short)] in places:
                alias[short] = full
                break
    return alias


def document_projects(
    grouped: dict[str, list[Mention]],
    mentions: list[Mention],
    lexicon: Lexicon,
    in_document: dict[str, float],
) -> list[dict]:
    """One record per project of a document, from its mentions ``grouped`` by ``project_groups``
    (repeated mentions and short forms without the place prefix together), with the organizations
    and places named in the same clauses. The sector is the sector model's where one is shipped,
    else the rules'; whether it is named, the named model's where one is shipped, else the rule's.
    The model weighs what a project is even in a text with no sector word, where the rules would
    leave a data-resource centre unclassified. A name the project model (where one is shipped) does
    not take for a project is left out."""
    model, named_model, project_model = load_sector_model(), load_named_model(), load_project_model()
    by_clause: dict[tuple[int, int, int], list[Mention]] = {}
    for m in mentions:
        if m.category != PROJECT:
            by_clause.setdefault((m.paragraph, m.sentence, m.clause), []).append(m)
    records = []
    for name, group in grouped.items():
        first = group[0]
        together = [o for g in group for o in by_clause.get((g.paragraph, g.sentence, g.clause), ())]
        if named_model is None:
            named = any(g.named for g in group)
        else:
            named = is_named(named_model, project_named_features(group, mentions, lexicon))
        if model is None:
            sector = _project_sector(group, lexicon)
        else:
            sector = predict_sector(model, project_features(group, lexicon, in_document))
        record = {
            "name": name, "kind": first.kind, "named": named, "sector": sector,
            "pillar": tx.pillar_of(sector), "document": first.document, "paragraph": first.paragraph,
            "sentence": first.sentence, "evidence": first.evidence, "mentions": len(group),
            "organizations": list(dict.fromkeys(o.name for o in together if o.category == ORGANIZATION)),
            "places": list(dict.fromkeys(o.name for o in together if o.category == PLACE)),
            "paragraphs": sorted({g.paragraph for g in group}),
        }  # fmt: skip
        if project_model is None or is_project(*project_model, project_model_features(record, lexicon)):
            records.append(record)
    return records

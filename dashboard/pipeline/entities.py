"""Names in a sentence: projects, organizations and places, found by how their names end."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from dashboard.pipeline.gazetteer import divisions
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.text import Segmenter, Span, dictionary_tag, word_frequency

PROJECT, ORGANIZATION, PLACE = "project", "organization", "place"
_CATEGORY_ORDER = {PROJECT: 0, ORGANIZATION: 1, PLACE: 2}

_SEPARATORS = frozenset("，、；：。！？,;:!?（）()【】[]《》<>/|\\…—-~ \t\n") - frozenset("()（）")
_OPENING_QUOTES = frozenset("“‘「『\"'")
_QUOTE_PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", '"': '"', "'": "'"}
# “甲”和“乙”计划: quoted names that share one head across these
_SHARED_HEAD_JOINERS = frozenset("和与及、")
_MAX_QUOTED = 16
_MAX_TITLE = 32  # characters of a quoted title that a name may fill
_UNIT_BRACKET = re.compile(r"[（(]([^（）()，。、；,;：:“”\s]{2,10})[）)]")
_ALIAS_MARKERS = ("简称", "以下简称", "下称", "下同", "即", "又称", "原")
_YEARS = re.compile(r"[\d—\-–~～至年]+")
_NOT_IN_A_NAME = re.compile(
    r"(?:大会|博览会|峰会|论坛|洽谈会|推介会|交易会|发布会)(?:暨|(?![会展馆]))|(?<![平高中初同对])等(?![级值])|(?<=[\u4e00-\u9fff])暨(?!南)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_JOINERS = frozenset({"-", "—", "~", "至", "年", "年度"})
_TIME_WORD = re.compile(r"\d{4}年|前\d{1,2}|\d{1,2}月")
# a version after a name (甲平台2.0, “乙工程”3.0), not a quantity (2.0万亩, 3.0%, 1.0亿元)
_VERSION = re.compile(r"[”」]?(\d\.0)(?![\d.%％万亿千百余多个倍米吨亩元平])")
_QUOTED = re.compile(f"“([^“”，。、；]{{3,{_MAX_QUOTED}}})”")
_QUOTED_BUILD = re.compile(f"(?:“[^“”，。、；]{{3,{_MAX_QUOTED}}}”[、和与及]?)+(?=建设)")  # “甲”“乙”建设
_QUOTES = "“”‘’\"'「」『』《》"
_QUOTE_MARKS = ("“‘「『《", "”’」』》")  # opening and closing quotes and title marks
_ENCLOSING_MARKS = ("(（" + _QUOTE_MARKS[0], ")）" + _QUOTE_MARKS[1])  # and brackets
_BRACKETS = {"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）"}
_DOTS = re.compile(r"[•・‧∙·]")
_NON_NAME = frozenset(
    {"的", "等", "一批", "一个", "一系列", "多个", "各类", "各种", "若干", "一些", "其中", "之一"}
)
_LOCATIVES = frozenset("内里中外")
_PARTNER_OPENERS = frozenset({"联合", "与", "同", "携手", "会同"})
_EXAMPLE_MARKERS = frozenset({"如", "例如", "比如", "诸如"})  # 养殖场如甲养殖场: the example is the name
_CONJUNCTIONS = frozenset({"和", "与", "及", "同"})
# what joins two names in a list; 及 also joins the parts of one project (甲生产线及冷链项目)
_LISTING_MARKS = frozenset({"和", "与", "、"})
# Words that open a designation's title, which may hold verbs and conjunctions of its own
# (国家级知识产权强国建设示范园区, 国家基础软件协同攻关和创新中心).
_DESIGNATIONS = frozenset({"国家级", "国家", "全国", "省级"})
# Single-character openers that jieba's guesser glues onto a following unknown name (如鸿途 → one token).
_GLUED_OPENERS = frozenset("如在与和将以把对向由从及年月好")
# …and the ones it glues onto the end of the word before them (信息园是, 自助机向).
_GLUED_CLOSERS = frozenset("是向在把被让将")
# Single characters that close a verb (勾勒出, 来到, 位于, 坐落在) or link a clause (是): a name
# does not reach back over them.
_CLAUSE_LINKS = frozenset("出到于在是被")
# Single-character function words (conjunctions, prepositions, adverbs, 连 and 暨 as links) that
# open a clause, never a name: 而甲工厂, 据甲中心, 上连甲平台, 仪式暨甲项目, 距甲景区.
_CLAUSE_OPENERS = frozenset(
    "而据并且又还也就都再在从对向把将以为与和及或即连暨被让给于由但则乃距比离自按随像除"
)
_MODALS = frozenset("可能会要应")  # 就诊可“一码通用”: a modal verb says what can be done, in a clause
# Words that say which of a category, not what it is (主要产业园区, 相关平台, 这些基地).
_DETERMINERS = frozenset({"主要", "相关", "有关", "这些", "其他", "部分", "所有", "全部"})
_NOT_IN_NAMES = frozenset({"v", "p", "c", "r", "t", "u", "uj", "ul", "uz", "ud", "ug", "uv", "f", "vd", "ad"})
# A word this common in general Chinese describes; a rarer one may be part of a name.
_COMMON_WORD = 3000
LEARNED_KIND = "其他"  # the kind of a learned name that ends in no head of the grammar
_RARE_WORD = 200
_UNCOMMON_VERB = 50  # a verb this frequent does not open a name, though it may stand inside one
# …nor this frequent one just before the ending (适配基地 is a purpose, 查看大棚 is not)
_EVERYDAY_VERB = 1500
_COMMON_PLACE_WORD = 1000
_QUANTITY = re.compile(r"^[一二三四五六七八九十两几多数每各首]+[项个批家座条类种所期大排片块栋间]*$")
_CONNECTORS = frozenset("—－-")
_NUMBER = re.compile(r"^[\d.]+$")
_AREA = re.compile(r"^(?:[\d.]*[万千百]?(?:亩|平方米|平方公里|公顷|平米))$")
_LEADING_AREA = re.compile(r"^[\d.]+[万千百]?(?:亩|平方米|平方公里|公顷|平米)")
# Heads of category phrases: a 项目, 工程, 计划 or 行动 whose words are all generic (重点项目,
# 建设项目, 专项行动) is a kind of work, not a project, and is not listed at all.
# Kinds whose heads name a category more often than a thing (重点项目, 二级以上医院): listed only
# when the words before the head name one.
_CATEGORY_KINDS = frozenset({"项目", "公共设施"})
# …of which a place in the name, or the project it is a unit of, is enough to name one (甲市综合医院,
# 甲新城综合医院); a place is not enough for a 项目 (江州市重点项目).
_PLACE_NAMES_ONE = frozenset({"公共设施"})
# 甲、乙和丙三大基地: as many items as the count says, each with the head.
_COUNTED_HEAD = re.compile(r"[“\"]?([两二三四五六七八九十]|(?<![0-9])[2-9])[大个项]([\u4e00-\u9fff]{0,4})$")
_COUNT_OF_ITEMS = re.compile(r"[“\"]?(?:[两二三四五六七八九十]|(?<![0-9])[2-9])[大个项]")  # 三大, 3个
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_COUNTS |= {str(n): n for n in range(2, 10)}
_LIST_REACH = 80  # characters a list of items reaches over
_CLAUSE_ENDS = frozenset("，。；！？,;!?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_MARKS = re.compile(r"[，。；：！？,;:!?（(]")
_LAST_ITEM_JOINERS = re.compile(r"以及|和|及|与")
# A plan's programmes: 实施甲行动、乙行动、丙行动 names each, whatever its words (推进, 提升…).
_PROGRAMME_HEADS = ("行动", "工程", "计划")
# A place's digital programme (数字甲省, 智慧乙市, 数智丙省), and the building said before it (建设,
# 打造更高水平的…), with no clause mark between.
_DIGITAL_PREFIXES = frozenset({"数字", "智慧", "数智"})
_BUILDING_BEFORE = re.compile(r"(?:建设|打造|建成|加快|推进)[^，。；、,;:：“”\s]{0,6}$")
_ITEM_CUT = re.compile(r"[、，。；：,;:！？!?\s]")
# A name never reaches back across the head of another piece of work (省级重点项目江州产业园).
_WORK_HEADS = frozenset({"项目", "工程"})
# Parts of speech that do not open a name: a verb, adverb or pronoun before the words of a name
# says what is done with it (保证景区…, 不少博物馆).
_NOT_OPENING_NAMES = frozenset({"v", "vd", "d", "p", "c", "r", "m"})
_NATIONAL = frozenset({"国家", "国家级", "全国"})
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"})
_COUNT_OPENING = re.compile(r"[\d一二三四五六七八九十两百千万]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_CJK_OR_LATIN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# jieba's dictionary tags many common words as places; one this frequent is a word, not a place.
_MAX_PLACE_FREQUENCY = 20000
_SHORT_PLACE_KINDS = frozenset({"省", "市", "县区", "乡镇"})


def _brackets_balance(text: str) -> bool:
    """Whether every bracket opened in ``text`` is closed in it, and none closed that was not."""
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _after_stray_bracket(found: Found, sentence: str) -> Found | None:
    """A project whose name starts with the end of a bracket opened before it (甲区）乙园区), from
    after that bracket; None for one that ends inside a bracket."""
    text = sentence[found.start : found.end]
    cut = max(text.rfind("）"), text.rfind(")")) + 1
    rest = text[cut:]
    if not cut or len(rest) < 2 or not _brackets_balance(rest):
        return None
    return replace(found, name=normalise_name(rest), start=found.start + cut)


def _within(toks: list[Span], span: Span) -> list[Span]:
    """The tokens that lie wholly inside ``span``."""
    return [t for t in toks if span.start <= t.start and t.end <= span.end]


def _enclosed(sentence: str, span: Span, opening: str, closing: str) -> set[int]:
    """The positions of ``span`` in ``sentence`` that stand inside a pair of ``opening`` and
    ``closing`` marks opened within the span (quotes, brackets)."""
    depth = 0
    inside = set()
    for k in range(span.start, span.end):
        depth += sentence[k] in opening
        if depth:
            inside.add(k)
        depth -= depth > 0 and sentence[k] in closing
    return inside


def _body_it_ends_as(span: Span, found: list[Found]) -> Found | None:
    """An organization or place the grammar found that ends where ``span`` ends, inside it."""
    return next(
        (f for f in found if f.category != PROJECT and f.end == span.end and span.start <= f.start), None
    )


def _from_its_quote(sentence: str, item: Found) -> Found:
    """A project whose name starts inside a quote that closes within it starts at the quote:
    “我在乡村有块田”智慧农场 is one name, not 有块田智慧农场 (a walk or the tagger may stop at a
    word inside the quote)."""
    opening = max(sentence.rfind("“", 0, item.start), sentence.rfind("「", 0, item.start))
    if opening < 0 or any(c in sentence[opening + 1 : item.start] for c in "”」，。；"):
        return item  # not inside a quote
    if not any(sentence[k] in "”」" for k in range(item.start, item.end)):
        return item  # a name inside a quote that goes on after it
    return replace(item, name=normalise_name(sentence[opening : item.end]), start=opening, named=True)


def _with_version(sentence: str, item: Found) -> Found:
    """A project with the version number written after it (甲城市大脑2.0, “乙工程”3.0): the
    version is part of its name, where no unit or further number follows it."""
    version = _VERSION.match(sentence, item.end)
    if version is None:
        return item
    return replace(item, name=normalise_name(sentence[item.start : version.end(1)]), end=version.end(1))


def _whole(sentence: str, item: Found) -> Found:
    """A project's name with what the finder or the tagger left of it around it."""
    return _with_version(sentence, _from_its_quote(sentence, item)) if item.category == PROJECT else item


def normalise_name(name: str) -> str:
    """A name as listed: brackets full-width, one kind of middle dot, no quotes or list punctuation.

    >>> normalise_name("“A(B)C产业园”、")
    'A（B）C产业园'
    """
    for half, full in _BRACKETS.items():
        name = name.replace(half, full)
    name = _DOTS.sub("·", name)
    name = "".join(ch for ch in name if ch not in _QUOTES and not ch.isspace())
    return name.strip("、，,;；:：。.!！?？·")


def _project_word(name: str) -> int:
    """The length of a 项目 that ends a name (甲产业园项目 is the project 甲产业园, as the grammar
    names it), else 0."""
    return 2 if name.endswith("项目") else 0


def _without_area(span: Span) -> Span:
    """A learned name without the area before it (1.7万亩甲基地 → 甲基地): an area says how large."""
    area = _LEADING_AREA.match(span.text)
    return Span(span.start + area.end(), span.end, span.text[area.end() :]) if area else span


@dataclass(frozen=True)
class Found:
    """A name found in a sentence; offsets index into the sentence."""

    category: str
    name: str
    kind: str
    start: int
    end: int
    named: bool = True
    described_as: str = ""  # the category an instance is listed under (“甲”等电商平台 → 电商平台)


@dataclass(frozen=True)
class _Grammar:
    """What the finder derives from a lexicon, once per lexicon rather than once per document."""

    endings: dict[str, list[tuple[str, str, str]]]  # last character → (ending, category, kind), longest first
    generic: frozenset[str]
    hard_stops: frozenset[str]
    walk_stops: frozenset[str]
    after_quotes_only: frozenset[str]
    titled_by: re.Pattern | None
    project_heads: frozenset[str]  # the words a project's name ends in (what the name model is told)


@functools.lru_cache(maxsize=8)
def _grammar(lexicon: Lexicon) -> _Grammar:
    endings: dict[str, list[tuple[str, str, str]]] = {}
    for category, pairs in (
        (PROJECT, lexicon.project_endings + lexicon.quoted_project_endings),
        (ORGANIZATION, lexicon.organization_endings),
        (PLACE, lexicon.place_endings),
    ):
        for ending, kind in pairs:
            endings.setdefault(ending[-1], []).append((ending, category, kind))
    for candidates in endings.values():
        candidates.sort(key=lambda item: (-len(item[0]), _CATEGORY_ORDER[item[1]]))
    sector_vocabulary = {w for words in lexicon.sector_words.values() for w in words}
    ending_words = {e for e, _ in lexicon.project_endings + lexicon.organization_endings}
    hard_stops = lexicon.name_openers | lexicon.action_modifiers | _NON_NAME
    words = "|".join(re.escape(w) for w in sorted(lexicon.titled_by, key=len, reverse=True))
    return _Grammar(
        endings=endings,
        generic=lexicon.generic_words
        | lexicon.domain_vocabulary
        | frozenset(sector_vocabulary | ending_words),
        hard_stops=hard_stops,
        # 和/与/及 join two names only where the first is complete, and a complete name already
        # stops the walk; inside a name they are characters like any other (江南和美…平台).
        walk_stops=hard_stops - _CONJUNCTIONS,
        after_quotes_only=frozenset(ending for ending, _ in lexicon.quoted_project_endings),
        titled_by=re.compile(f"({words})(“[^“”]{{2,{_MAX_QUOTED}}}”|《[^《》]{{2,{_MAX_QUOTED}}}》)")
        if words
        else None,
        project_heads=frozenset(e for e, _ in lexicon.project_endings + lexicon.quoted_project_endings),
    )


def project_heads(lexicon: Lexicon) -> frozenset[str]:
    """The words a project's name ends in (产业园, 平台, 小镇…), as the grammar reads them."""
    return _grammar(lexicon).project_heads


class EntityFinder:
    """Finds names in the sentences of one document; learns the document's place names as it goes."""

    def __init__(self, lexicon: Lexicon, tok: Segmenter) -> None:
        self.lexicon = lexicon
        self.tok = tok
        grammar = _grammar(lexicon)
        self.endings = grammar.endings
        self.generic = grammar.generic
        self.hard_stops = grammar.hard_stops
        self.walk_stops = grammar.walk_stops
        self.after_quotes_only = grammar.after_quotes_only
        self.titled_by = grammar.titled_by
        self.project_heads = grammar.project_heads
        self._hidden_ending = re.compile(f"[{re.escape(''.join(self.endings))}][{''.join(_LOCATIVES)}]")
        self.place_stems: dict[str, str] = {}  # 江州 → 江州市, learned from the document
        self.brands: set[str] = set()  # heads of organization names (…集团): not places

    # -- boundaries -----------------------------------------------------------------------------

    def _stops_name(self, toks: list[Span], j: int) -> bool:
        word = toks[j].text
        if word in _CLAUSE_LINKS:  # 勾勒出甲集聚区, 位于乙园区: the clause's verb ends before the name
            return True
        if word in _CONNECTORS and 0 < j < len(toks) - 1:  # 中国—东盟信息港: one dash joins two names
            return not (
                _CJK_OR_LATIN.search(toks[j - 1].text[-1]) and _CJK_OR_LATIN.search(toks[j + 1].text[0])
            )
        if j > 0 and _NUMBER.match(toks[j - 1].text) and _QUANTITY.match("一" + word):
            return True  # 3条…通道: a count says how many, it does not name
        if _AREA.match(word) or (
            _NUMBER.match(word) and j + 1 < len(toks) and _AREA.match(toks[j + 1].text)
        ):  # 1.7万亩大数据产业园: an area says how large, it does not name
            return True
        if word in _SEPARATORS or word.isspace() or word in _OPENING_QUOTES:
            return True
        if word in ".．" and j > 0 and _NUMBER.match(toks[j - 1].text):  # 1.甲产业集群: an item's number
            return j == 1 or toks[j - 2].text in _SEPARATORS or toks[j - 2].text.isspace()
        if word in self.walk_stops or word in _WORK_HEADS:
            return True
        if word in self.lexicon.words_inside_names:
            return False
        if len(word) >= 2 and word[-1] in _GLUED_CLOSERS and word_frequency(self.tok, word) == 0:
            return True  # jieba glued a 是 or 向 onto the word before it (…园是, …机向)
        if word in self.lexicon.actions:
            if word in self.lexicon.actions_inside_names:
                return j == 0 or self._stops_name(toks, j - 1)
            return True
        if word in self.generic or word in _CONJUNCTIONS or _QUANTITY.match(word):
            return bool(_QUANTITY.match(word))
        # jieba keeps some adverb+verb pairs whole (不断完善, 加快建设)
        if len(word) >= 3 and word[-2:] in self.lexicon.actions:
            return True
        # verbs, prepositions, pronouns, time words and particles do not stand in names, except
        # just before the ending, where they say what the place is for (适配基地, 展示中心)
        following = toks[j + 1].text if j + 1 < len(toks) else ""
        if len(word) < 2 or self._ends_project(following):
            return False
        # a rare word that jieba tags as a verb is more likely a name (宣和, 沾益)
        return (
            dictionary_tag(word) in _NOT_IN_NAMES
            and word_frequency(self.tok, word) >= _RARE_WORD
            and not self._opens_an_item(toks, j)
            and not self._says_what_it_does(toks, j)
        )

    def _says_what_it_does(self, toks: list[Span], j: int) -> bool:
        """Whether a verb less frequent than an everyday one, right after a word of the genre's
        vocabulary, says what the named thing does (算力集成调度平台, 智慧停车监管平台): after a
        person or a place it is a clause's verb (记者获悉…, 甲市跻身…), and so it is after a word
        that ends a name (甲大数据中心开通…, 乙集团下属…)."""
        word = toks[j].text
        if j == 0 or dictionary_tag(word) != "v" or word_frequency(self.tok, word) >= _EVERYDAY_VERB:
            return False
        before = toks[j - 1].text
        return before in self.generic and not any(
            before.endswith(e) for e, _, _ in self.endings.get(before[-1], ())
        )

    def _opens_an_item(self, toks: list[Span], j: int) -> bool:
        """Whether a word that jieba calls a verb or an adverb, but not an everyday one, opens an
        item of a list (…、联想智慧产业园): there it is a name's first word, not an action."""
        return j > 0 and toks[j - 1].text == "、" and word_frequency(self.tok, toks[j].text) < _EVERYDAY_VERB

    # -- decisions ------------------------------------------------------------------------------

    def _is_generic(self, word: str) -> bool:
        """A generic word, or one made of generic words (公共信息 = 公共 + 信息)."""
        if word in self.generic:
            return True
        if len(word) < 4:
            return False
        reachable = [True] + [False] * len(word)
        for end in range(2, len(word) + 1):
            reachable[end] = any(
                reachable[k] and word[k:end] in self.generic for k in range(max(0, end - 6), end - 1)
            )
        return reachable[-1]

    def _is_proper(self, word: str) -> bool:
        if self._is_generic(word) or not _CJK_OR_LATIN.search(word):
            return False
        if word in self.place_stems or word in self.place_stems.values() or word in self.brands:
            return True
        if _LATIN_OR_DIGIT.search(word):
            return True
        frequency = word_frequency(self.tok, word)
        if frequency == 0 and len(word) >= 2:
            return True  # not in jieba's dictionary: a coined name
        return dictionary_tag(word) in _PROPER_TAGS and frequency < _MAX_PLACE_FREQUENCY

    def _is_named(
        self,
        sentence: str,
        toks: list[Span],
        first: int,
        ending_start: int,
        end: int,
        inner: list[Found],
    ) -> bool:
        """Whether a name names one thing (鸿途数字经济产业园) rather than a kind of thing (智能工厂)."""
        prefix = [t for t in toks[first:] if t.start < ending_start]
        surface = sentence[toks[first].start : ending_start]
        if inner or any(ch in surface for ch in "()（）·“”「」"):
            return True
        if toks[first].text in _NATIONAL:  # 国家数字经济创新发展试验区: a designation, one of a kind
            return True
        if any(self._is_proper(t.text) for t in prefix):
            return True
        distinctive = [
            t.text for t in prefix if _CJK_OR_LATIN.search(t.text) and not self._is_generic(t.text)
        ]
        if not any(word_frequency(self.tok, w) < _COMMON_WORD for w in distinctive):
            return False
        # 甲、乙、丙等平台: items of an enumeration are the named instances of a category.
        before = sentence[max(0, toks[first].start - 1) : toks[first].start]
        after = sentence[end : end + 1]
        return before == "、" or after in ("、", "等")

    def _names_a_thing(self, toks: list[Span], first: int, ending_start: int, inner: list[Found]) -> bool:
        """Whether the words before a 项目/工程 head, places and organizations left aside, name one
        piece of work (正宁调峰煤电项目) rather than a kind (市重点项目, 集中开工项目)."""
        words = [
            t.text
            for t in toks[first:]
            if t.start < ending_start
            and _CJK_OR_LATIN.search(t.text)
            and not any(f.start <= t.start and t.end <= f.end for f in inner)
        ]
        return any(not self._is_generic(w) and self._is_proper(w) for w in words) or any(
            _LATIN_OR_DIGIT.search(w) for w in words
        )

    # -- the scan -------------------------------------------------------------------------------

    def _ending_at(self, sentence: str, toks: list[Span], i: int) -> tuple[str, str, str] | None:
        token = toks[i]
        candidates = self.endings.get(token.text[-1])
        if not candidates:
            return None
        following = toks[i + 1].text if i + 1 < len(toks) else ""
        for ending, category, kind in candidates:
            if not sentence.endswith(ending, 0, token.end):
                continue
            if ending in self.after_quotes_only:
                before = token.end - len(ending) - 1
                if before < 0 or sentence[before] not in _QUOTE_PAIRS:
                    continue
            if category != PLACE and following in self.lexicon.not_after_ending:
                continue
            if category == PROJECT and token.text in self.lexicon.not_projects:
                continue
            if category == PROJECT and self._ends_project(following):
                return None  # 商城平台: the name goes on to the next ending
            return ending, category, kind
        return None

    def _split_locatives(self, sentence: str, toks: list[Span]) -> list[Span]:
        """Cut a locative off a token that hides an ending (众创园内 → 众创园 + 内)."""
        if not toks or not self._hidden_ending.search(sentence, toks[0].start, toks[-1].end):
            return toks  # no ending followed by a locative anywhere in the sentence
        out = []
        for t in toks:
            if len(t.text) >= 2 and t.text[-1] in _LOCATIVES and t.text[-2] in self.endings:
                cut = t.end - 1
                out += [Span(t.start, cut, sentence[t.start : cut]), Span(cut, t.end, t.text[-1])]
            else:
                out.append(t)
        return out

    def _ends_project(self, word: str) -> bool:
        return (
            bool(word)
            and word not in self.lexicon.not_projects
            and any(
                word.endswith(e)
                for e, c, _ in self.endings.get(word[-1], ())
                if c == PROJECT and e not in self.after_quotes_only
            )
        )

    def find(self, sentence: str, toks: list[Span]) -> list[Found]:
        """Projects, organizations and places in one sentence, in order of their ends.

        ``toks`` are the sentence's tokens; their offsets, and those of what is found, index
        ``sentence`` (which may be the whole paragraph the tokens come from)."""
        toks = self._split_locatives(sentence, toks)
        found: list[Found] = []
        for i, token in enumerate(toks):
            hit = self._ending_at(sentence, toks, i) if token.text[-1] in self.endings else None
            if hit is not None:
                ending, category, kind = hit
                items = (
                    self._counted_items(sentence, toks, token.end, ending, kind)
                    or self._listed_items(sentence, toks, token.end, ending, kind)
                    if category == PROJECT
                    else []
                )
                if items:
                    found += items
                    continue
                item = (
                    self._place(sentence, toks, i, ending, kind, found)
                    if category == PLACE
                    else self._named_thing(sentence, toks, i, ending, category, kind, found)
                )
                if item is not None:
                    if item.category == PLACE:  # …大湾区 replaces the 大湾 found inside it
                        found = [f for f in found if not (f.category == PLACE and f.start >= item.start)]
                    whole = self._with_unit(sentence, found, item)
                    if whole is not item:
                        found = [f for f in found if f.end <= whole.start or f.category != PROJECT]
                    if whole.category == PROJECT:
                        whole = self._with_bracket(sentence, whole)
                    if whole.category == PROJECT:  # a programme may hold a project found before
                        found = [f for f in found if f.category != PROJECT or f.start < whole.start]
                        found += self.shared_heads(sentence, whole, ending)
                        found += self.quoted_instances(sentence, whole)
                    found.append(whole)
                    continue
            if len(token.text) >= 2:
                place = self._dictionary_place(token)
                if place is not None:
                    found.append(place)
        span = (toks[0].start, toks[-1].end) if toks else (0, 0)  # the sentence, in ``sentence``
        titled: list[Found] = []
        for item in (
            *self._titled_shows(sentence, span),
            *self._quoted_builds(sentence, span, found),
            *self._digital_places(sentence, found),
        ):  # “数字甲市”建设 is both quoted and built: one project
            if not any(
                f.category == PROJECT and f.start < item.end and item.start < f.end for f in (*found, *titled)
            ):
                titled.append(item)
        found = [  # 甲区）乙园区 → 乙园区; a name left open inside a bracket (甲企业（乙车间) is none
            f if f.category != PROJECT or _brackets_balance(f.name) else _after_stray_bracket(f, sentence)
            for f in found
        ]
        found = [f for f in found if f is not None]
        return sorted(found + titled, key=lambda f: f.end) if titled else found

    def with_learned(
        self,
        sentence: str,
        toks: list[Span],
        found: list[Found],
        learned: list[Span],
        unsure: AbstractSet[tuple[int, int]] = frozenset(),
    ) -> list[Found]:
        """``found`` with the names the name model found in the same sentence (offsets into
        ``sentence``): where the model's name reaches beyond a project found by its head, the
        model's name stands; one inside it (乙平台 in 甲乙平台) gives way, and so does one that
        ends in the count of a list the grammar itemised (甲、乙和丙三大行动). A name whose (start, end)
        is in ``unsure`` (the model is less sure of it) is kept only if it reads as one named
        project. Every project's name is then made whole: from its quote, with its version."""
        projects = [f for f in found if f.category == PROJECT]
        made = []
        for whole in learned:
            less_sure = (whole.start, whole.end) in unsure
            for span in self._listed_names(sentence, toks, whole):
                item = self._learned_name(sentence, toks, found, projects, span, less_sure=less_sure)
                if item is not None:
                    made.append(item)
        if made:
            found = sorted(
                [
                    f
                    for f in found
                    if f.category != PROJECT or not any(f.start < n.end and n.start < f.end for n in made)
                ]
                + made,
                key=lambda f: f.end,
            )
        return [_whole(sentence, f) for f in found]

    def _listed_names(self, sentence: str, toks: list[Span], span: Span) -> list[Span]:
        """A learned name cut where it lists names: at 和, 与 or 、 outside brackets and quotes
        that follows a name ending in a head of the grammar (甲产业园和乙产业园 are two; 文化和
        科技融合示范基地 is one, as 文化 ends in no head)."""
        enclosed = _enclosed(sentence, span, *_ENCLOSING_MARKS)
        parts, start = [], span.start
        for t in _within(toks, span):
            if t.text in _LISTING_MARKS and t.start not in enclosed and t.start > start:
                ending = self._project_ending(sentence[start : t.start])[0]
                if ending and t.start - start > len(ending):
                    parts.append(Span(start, t.start, sentence[start : t.start]))
                    start = t.end
        if not parts or start >= span.end:
            return [span]
        return [*parts, Span(start, span.end, sentence[start : span.end])]

    def _learned_name(
        self,
        sentence: str,
        toks: list[Span],
        found: list[Found],
        projects: list[Found],
        span: Span,
        *,
        less_sure: bool,
    ) -> Found | None:
        """The project a learned name stands for, or None where it gives way or reads as none."""
        n = self._after_its_lead(sentence, toks, _without_area(span))
        if (
            any(f.start <= n.start and n.end - _project_word(n.text) <= f.end for f in projects)
            # 甲、乙和丙三大行动: the count closes a list whose items the grammar named
            or any(
                n.start <= f.start and f.end < n.end and _COUNT_OF_ITEMS.match(sentence, f.end, n.end)
                for f in projects
            )
            or any(n.text.endswith(word) for word in self.lexicon.not_projects)  # 数字田园
            or self._reaches_over_a_stop(sentence, toks, n, projects)
            or not _brackets_balance(n.text)  # 甲医院（乙平台: a name does not end inside a bracket
            or self._reads_as_no_name(sentence, toks, n)  # 投料、供水; 支持甲集团建设智慧仓储
        ):
            return None
        body = _body_it_ends_as(n, found)
        # 联合甲交易中心: what ends as a body the grammar found is that partner (an institute may
        # be a project being built: 筹建甲研究院); a less sure name gives way to any body or place
        if body is not None and (
            less_sure
            or (body.category == ORGANIZATION and not body.name.endswith(self.lexicon.built_institutes))
        ):
            return None
        item = self._learned(sentence, toks, n, found)
        if less_sure and not (item.named and self._one_name(sentence, toks, n)):
            return None
        if self._a_kind_of_work(toks, n, item):
            return None
        return item

    def _a_kind_of_work(self, toks: list[Span], span: Span, item: Found) -> bool:
        """Whether a learned 项目 is a kind of work named by the genre's words only (工程建设项目,
        智能化改造项目), which the grammar does not list either; one with a head of its own inside
        (…产业园建设项目) or a programme (…行动, …工程) stands."""
        return (
            item.kind in _CATEGORY_KINDS
            and not item.named
            and span.text.endswith("项目")
            and not any(self._heads_a_place(t.text) for t in _within(toks, span)[:-1])
        )

    def _heads_a_place(self, word: str) -> bool:
        """Whether a word is a head of the grammar that names a place or facility (产业园, 平台),
        not a piece of work (项目, 工程)."""
        return any(
            e == word and c == PROJECT and k not in _CATEGORY_KINDS
            for e, c, k in self.endings.get(word[-1:], ())
        )

    def _after_its_lead(self, sentence: str, toks: list[Span], span: Span) -> Span:
        """A learned name without what it took in before it: a launch (甲部门联合启动乙试点 → 乙试点;
        a launching action stands in a name only just before its head, 数字经济推进工程, or inside
        quotes), or a category before the example marker that introduces it (养殖场如甲集团养殖场 →
        甲集团养殖场, jieba's guess that glues 如 onto an unknown name included)."""
        enclosed = _enclosed(sentence, span, *_ENCLOSING_MARKS)
        inside = _within(toks, span)
        start = span.start
        for k, t in enumerate(inside[:-1]):
            if t.start in enclosed:
                continue
            launched = t.text in self.lexicon.launching_actions and k < len(inside) - 2
            if launched or (k > 0 and t.text in _EXAMPLE_MARKERS):
                start = inside[k + 1].start
            elif k > 0 and t.text[0] in _EXAMPLE_MARKERS and word_frequency(self.tok, t.text) == 0:
                start = t.start + 1
        return span if start == span.start else Span(start, span.end, sentence[start : span.end])

    def _project_ending(self, name: str) -> tuple[str, str]:
        """The head of the grammar a name ends in and its kind; ("", 其他) for none (大唐不夜城)."""
        return next(
            (
                (e, k)
                for e, category, k in self.endings.get(name[-1:], ())
                if category == PROJECT and name.endswith(e)
            ),
            ("", LEARNED_KIND),
        )

    def _reads_as_no_name(self, sentence: str, toks: list[Span], span: Span) -> bool:
        """Whether a learned name that ends in no head of the grammar reads as no name: one word of
        the dictionary that is no proper name, unquoted (供水: an activity or a thing), or words
        with an action or a modal verb after the first, outside quotes (甲集团建设智慧仓储,
        在医院就诊可“一码通用”: a clause)."""
        if self._project_ending(span.text)[0]:
            return False
        inside = _within(toks, span)
        if len(inside) == 1:
            return (
                sentence[span.start - 1 : span.start] not in _OPENING_QUOTES
                and word_frequency(self.tok, span.text) > 0
                and not self._is_proper(span.text)
            )
        quoted = _enclosed(sentence, span, *_QUOTE_MARKS)
        return any(
            (
                (t.text in self.lexicon.actions and t.text not in self.lexicon.actions_inside_names)
                or t.text in _MODALS
            )
            and t.start not in quoted
            for t in inside[1:]
        )

    @staticmethod
    def _one_name(sentence: str, toks: list[Span], span: Span) -> bool:
        """Whether a name holds no conjunction or 、 outside brackets and quotes (亚马逊、美利云
        are two; 甲（乙、丙）馆 is one)."""
        enclosed = _enclosed(sentence, span, *_ENCLOSING_MARKS)
        return not any(
            (t.text in _CONJUNCTIONS or t.text in ("、", "暨")) and t.start not in enclosed
            for t in _within(toks, span)
        )

    def _reaches_over_a_stop(
        self, sentence: str, toks: list[Span], span: Span, projects: list[Found]
    ) -> bool:
        """Whether a learned name reaches beyond a project found by its head over a word the
        grammar's walk stops at, outside quotes (古城推出沉浸式戏剧“甲”: 推出 opens no name)."""
        overlapped = [f for f in projects if f.start < span.end and span.start < f.end]
        if not overlapped:
            return False
        quoted = _enclosed(sentence, span, *_QUOTE_MARKS)
        return any(
            (
                t.text in self.walk_stops
                or t.text in _LOCATIVES  # 甲智能工厂里机械臂
                or t.text in self.lexicon.actions
                or (
                    self._opens_no_name(t.text, just_before_ending=False)
                    and not self._says_what_it_does(toks, j)
                )
            )
            and t.start not in quoted
            for j, t in enumerate(toks)
            if span.start <= t.start
            and t.end <= span.end
            and not any(f.start <= t.start and t.end <= f.end for f in overlapped)
        )

    def _learned(self, sentence: str, toks: list[Span], span: Span, found: list[Found]) -> Found:
        """A project the name model found: its kind from the head it ends in (其他 where it ends in
        none the grammar knows, 大唐不夜城); named as the grammar would call it."""
        name = normalise_name(span.text)
        ending, kind = self._project_ending(name)
        inside = _within(toks, span)
        inner = [f for f in found if f.category != PROJECT and span.start <= f.start and f.end <= span.end]
        ending_start = span.end - len(ending) if ending else span.end
        quoted = sentence[span.start - 1 : span.start] in _OPENING_QUOTES or any(
            q in span.text for q in "“”「」"
        )
        words = [t.text for t in inside if t.start < ending_start and _CJK_OR_LATIN.search(t.text)]
        if quoted:  # a quoted name: not a kind of thing
            named = True
        elif not ending:  # one without a head: named unless all its words are the genre's (数字新基建)
            named = not words or not all(self._is_generic(w) for w in words)
        elif not words:
            named = False
        elif kind in _CATEGORY_KINDS:  # a piece of work the model found: named unless 重点项目
            named = bool(inner) or not all(self._is_generic(w) for w in words)
        else:
            named = self._is_named(sentence, inside, 0, ending_start, span.end, inner)
        return Found(PROJECT, name, kind, span.start, span.end, named=named)

    @staticmethod
    def _quoted_builds(sentence: str, span: tuple[int, int], found: list[Found]) -> list[Found]:
        """A quoted name with a place in it that the sentence builds: “数字甲市”建设 names a programme."""
        if sentence.find("”建设", *span) < 0:
            return []
        return [
            Found(PROJECT, normalise_name(match.group(1)), "项目", match.start(1), match.end(1), True)
            for run in _QUOTED_BUILD.finditer(sentence, *span)
            for match in _QUOTED.finditer(sentence, run.start(), run.end())
            if any(f.category == PLACE and match.start(1) <= f.start and f.end <= match.end(1) for f in found)
        ]

    @staticmethod
    def _digital_places(sentence: str, found: list[Found]) -> list[Found]:
        """数字, 智慧 or 数智 and a place that the text builds (数字甲省建设, 加快建设智慧乙市, 打造更高
        水平数字丙市) name the place's digital programme."""
        programmes = []
        for f in found:
            prefix = sentence[f.start - 2 : f.start]
            place = sentence[f.start : f.end]
            if (
                f.category != PLACE
                or prefix not in _DIGITAL_PREFIXES
                or (len(place.rstrip("省市县区州")) < 2 and place not in divisions())  # 数字强省; 数字广州
            ):
                continue
            after = sentence[f.end : f.end + 3].lstrip("”’\"'")
            before = sentence[max(0, f.start - 12) : f.start - 2]
            if after.startswith("建设") or _BUILDING_BEFORE.search(before):
                name = prefix + place
                programmes.append(Found(PROJECT, name, "项目", f.start - 2, f.end, True))
        return programmes

    def _titled_shows(self, sentence: str, span: tuple[int, int]) -> list[Found]:
        """Titles a word before them says are shows or exhibitions: 沉浸式戏剧“甲乙”, 实景演出《丙丁》."""
        if not self.titled_by or (sentence.find("“", *span) < 0 and sentence.find("《", *span) < 0):
            return []
        return [
            Found(
                PROJECT,
                normalise_name(match.group(2)[1:-1]),
                "演出",
                match.start(2) + 1,
                match.end(2) - 1,
                True,
            )
            for match in self.titled_by.finditer(sentence, *span)
            if len(_CJK_OR_LATIN.findall(match.group(2))) >= 2
        ]

    def _with_bracket(self, sentence: str, item: Found) -> Found:
        """A bracket that closes a project's name and says which part or site it is belongs to the
        name (…数据中心（甲园区）投入运营, …中心（一期）。); an alias (（简称…）), a span of years, the
        street of a zone, or a bracket that more name follows (甲谷（乙市）科技园) does not."""
        match = _UNIT_BRACKET.match(sentence, item.end)
        if match is None or match.group(1).startswith(_ALIAS_MARKERS) or _YEARS.fullmatch(match.group(1)):
            return item
        rest = sentence[match.end() : match.end() + 2]
        closes = (
            not rest or rest[0] in _SEPARATORS or rest[0] in "等是将已正于在" or rest in self.lexicon.actions
        )
        if not closes or item.kind == "园区":
            return item
        name = normalise_name(sentence[item.start : match.end()])
        return Found(PROJECT, name, item.kind, item.start, match.end(), item.named, item.described_as)

    @staticmethod
    def _with_unit(sentence: str, found: list[Found], item: Found) -> Found:
        """A project named right after another one, with nothing between, is a unit of it
        (…交易中心东丽分中心, …示范园区西红柿种植基地): one project, the whole span."""
        before = [f for f in found if f.category == PROJECT and f.end == item.start]
        if item.category != PROJECT or not before:
            return item
        start = before[-1].start
        name = normalise_name(sentence[start : item.end])
        return Found(PROJECT, name, item.kind, start, item.end, item.named or before[-1].named)

    @staticmethod
    def _first_token(toks: list[Span], position: int) -> int:
        """Index of the token that holds ``position``."""
        k = bisect.bisect_right([t.end for t in toks], position)
        return min(k, len(toks) - 1)

    def _named_thing(
        self,
        sentence: str,
        toks: list[Span],
        i: int,
        ending: str,
        category: str,
        kind: str,
        found: list[Found],
    ) -> Found | None:
        ending_start = toks[i].end - len(ending)
        last = self._first_token(toks, ending_start)
        # A name never reaches back into the project before it; places and organizations can be
        # part of it (江州市…平台, …集团养殖场).
        previous_end = max((f.end for f in found if f.category == PROJECT), default=0)
        if category == PROJECT and ending.endswith(_PROGRAMME_HEADS):
            item = self._programme_item(sentence, toks, i, last, ending, kind)
            if item is not None:
                return item
        j = last - 1
        opening = self._quote_opening(sentence, toks, last)
        quoted = opening is not None
        if quoted:  # “珠峰攀登”计划: the quotes hold the name, whatever its words
            j = opening
        first = j + 1 if quoted else self._walk_left(toks, j, last, previous_end)
        for k in range(last - 1, first - 1, -1):  # 江州学院与园区, “甲区”和乙区: the name starts after 与
            if toks[k].text in _CONJUNCTIONS and any(
                f.end == toks[k].start or (f.end + 1 == toks[k].start and sentence[f.end] in _QUOTE_PAIRS)
                for f in found
            ):
                first = k + 1
                break
        while first < last and (
            toks[first].text in self.hard_stops
            or toks[first].text in _SEPARATORS
            or (
                not quoted
                and self._opens_no_name(toks[first].text, just_before_ending=first == last - 1)
                and not self._opens_an_item(toks, first)
            )
        ):
            first += 1
        titled = False
        if not quoted:
            first = self._trimmed_start(sentence, toks, first, last, ending_start, category, previous_end)
            if category == PROJECT:
                title_first = self._title_start(sentence, toks, first, ending_start, toks[i].end)
                titled, first = title_first != first, title_first
        start = toks[first].start if first <= last else ending_start
        if (
            first > 0 and toks[first - 1].text in _OPENING_QUOTES
        ):  # 江州市“鸿途”农场: the place leads the name
            place = next((f for f in found if f.category == PLACE and f.end == toks[first - 1].start), None)
            if place is not None:  # …and what leads the place leads the name too (某公司甘肃庆阳“…”产业园)
                before = self._first_token(toks, place.start) - 1
                lead = self._walk_left(toks, before, before + 1, previous_end)
                while lead <= before and toks[lead].text in self.hard_stops:
                    lead += 1
                start = toks[lead].start if lead <= before else place.start
        if (
            not quoted
            and first < last
            and word_frequency(self.tok, toks[first].text) == 0
            and toks[first].text[0] in _GLUED_OPENERS
        ):
            start += 1
        prefix = sentence[start:ending_start]
        if len(_CJK_OR_LATIN.findall(prefix)) < 2:
            return None
        if category == ORGANIZATION:  # 甲移动与乙公司: two organizations, the name starts after 与
            joined = [
                k for k in range(first, last) if toks[k].text in _CONJUNCTIONS and toks[k].start >= start
            ]
            if joined:
                first = joined[-1] + 1
                start = toks[first].start
                prefix = sentence[start:ending_start]
                if len(_CJK_OR_LATIN.findall(prefix)) < 2:
                    return None
        inner = [f for f in found if f.start >= start and f.category in (ORGANIZATION, PLACE)]
        name = normalise_name(sentence[start : toks[i].end])
        if category == ORGANIZATION:
            if not any(t.text not in self.generic for t in toks[first:last] if _CJK_OR_LATIN.search(t.text)):
                return None
            head = normalise_name(prefix)
            self.brands.add(head)
            if ending in self.lexicon.built_institutes and self._founded(sentence, toks, first, i):
                return Found(PROJECT, name, kind, start, toks[i].end, True)
            return Found(ORGANIZATION, name, kind, start, toks[i].end)
        named = titled or self._is_named(sentence, toks, first, ending_start, toks[i].end, inner)
        if ending == "项目" and self._names_itself(sentence, start, ending_start):
            # “百馆之城”项目, …产业园项目: the name is what 项目 follows
            return Found(
                PROJECT, normalise_name(sentence[start:ending_start]), kind, start, ending_start, True
            )
        if (
            kind in _CATEGORY_KINDS
            and not quoted
            and not self._names_a_thing(toks, first, ending_start, inner)
            and not (kind in _PLACE_NAMES_ONE and self._placed(found, start))
        ):
            return None  # 重点项目, 二级以上医院; but 甲市综合医院 is one hospital
        opener = toks[first - 1].text if first > 0 else ""
        if kind in ("中心", "交易中心") and opener in _PARTNER_OPENERS:
            self.brands.add(normalise_name(prefix))
            return Found(ORGANIZATION, name, "机构", start, toks[i].end)  # 联合…交易中心: a partner
        return Found(PROJECT, name, kind, start, toks[i].end, named)

    def _counted_items(
        self, sentence: str, toks: list[Span], end: int, ending: str, kind: str
    ) -> list[Found]:
        """甲、乙和丙三大基地: each item with the shared head (甲基地, 乙基地, 丙基地), when the items
        before the count are exactly as many as it says; [] otherwise."""
        head_start = end - len(ending)
        window = max(0, head_start - _LIST_REACH)  # the sentence may be a whole paragraph
        count = _COUNTED_HEAD.search(sentence, max(0, head_start - 8), head_start)
        if count is None or (count.group(2) and not self._is_generic(count.group(2))):
            return []
        if sentence[count.start() - 1 : count.start()] == "等":
            return []  # 甲、乙等八个工程: the items are named in full before
        marks = _CLAUSE_MARKS.finditer(sentence, window, count.start())
        clause_start = max((m.end() for m in marks), default=window)
        spans, position = [], clause_start
        for part in re.split(r"(、)", sentence[clause_start : count.start()]):
            if part != "、":
                spans.append((position, position + len(part)))
            position += len(part)
        if spans and len(spans) == _COUNTS[count.group(1)] - 1:
            last_start, last_end = spans.pop()
            joiners = list(_LAST_ITEM_JOINERS.finditer(sentence, last_start, last_end))
            if joiners:  # 乙和丙: the last joiner parts the last two items (but 网络和数据安全 is one)
                joiner = joiners[-1]
                spans += [(last_start, joiner.start()), (joiner.end(), last_end)]
            else:
                spans.append((last_start, last_end))
        if len(spans) != _COUNTS[count.group(1)] or any(
            sentence[: count.start()].endswith(a) for a in self.lexicon.launching_actions
        ):  # 从甲、乙方面实施五项行动: what the list names is not what is launched
            return []
        first_start, first_end = spans[0]
        for t in toks:  # 江州市将建成甲…: the first item starts after the last action or opener
            if (
                first_start <= t.start
                and t.end <= first_end
                and (t.text in self.hard_stops or t.text in self.lexicon.actions)
            ):
                spans[0] = (t.end, first_end)
                if ending in _PROGRAMME_HEADS:  # 开展甲提质升级、乙…五大行动: a programme's words
                    break  # may be actions themselves; only the verb that opens the list is not
        head = count.group(2) + ending
        items = []
        for start, stop in spans:
            words = sentence[start:stop]
            if len(_CJK_OR_LATIN.findall(words)) < 2 or self._ends_project(normalise_name(words)):
                return []  # 甲中心、乙中心两个中心: the items are named in full already
            items.append(Found(PROJECT, normalise_name(words + head), kind, start, stop, True))
        return items

    def _listed_items(self, sentence: str, toks: list[Span], end: int, ending: str, kind: str) -> list[Found]:
        """甲乙、丙丁等算力中心: a list closed by 等 right before a head names one project per item
        (甲乙算力中心, 丙丁算力中心), when every item holds a proper word; [] otherwise. An item
        that ends in a head of its own is left to that head (甲风景区、乙云顶等景区: 甲风景区 by its
        head, 乙云顶景区 from the list)."""
        head_start = end - len(ending)
        # 枣庄锂电、济宁装备等产业集群: each item is a place's industry, and takes 产业 with the head
        # (甲、乙等重点项目, 等龙头项目 list instances of a category instead, named in full)
        if sentence[head_start - 3 : head_start] == "等产业":
            ending, head_start = sentence[head_start - 2 : end], head_start - 2
        in_full = ending == "项目"  # 甲高铁、乙机场改扩建等(重点)项目: the items are the projects' names
        if in_full and sentence[head_start - 1 : head_start] != "等":
            closing = sentence.rfind("等", max(0, head_start - 5), head_start)
            if closing < 0 or not self._is_generic(sentence[closing + 1 : head_start]):
                return []
            head_start = closing + 1
        if sentence[head_start - 1 : head_start] != "等" or head_start < 2:
            return []
        window = max(0, head_start - 1 - _LIST_REACH)
        marks = _CLAUSE_MARKS.finditer(sentence, window, head_start - 1)
        clause_start = max((m.end() for m in marks), default=window)
        spans, position = [], clause_start
        for part in sentence[clause_start : head_start - 1].split("、"):
            spans.append((position, position + len(part)))
            position += len(part) + 1
        if len(spans) < 2:
            return []
        first_start, first_end = spans[0]
        for t in toks:  # 推进甲乙、…: the first item starts after the last action or opener
            if (
                first_start <= t.start
                and t.end <= first_end
                and (t.text in self.hard_stops or t.text in self.lexicon.actions)
            ):
                spans[0] = (t.end, first_end)
                if in_full and t.text in self.lexicon.actions:  # 建设甲大道改造: a work's own verb stays
                    break
        items = []
        for start, stop in spans:
            words = [t.text for t in toks if start <= t.start and t.end <= stop]
            if (
                not 2 <= stop - start <= (14 if in_full else 8)
                or "".join(words) != sentence[start:stop]
                or not any(_CJK.search(w) and self._is_proper(w) for w in words)
            ):
                return []
            # a work is named by what it is (甲高铁, 乙机场改扩建), not by a company's name (华为)
            if in_full:
                named_by = [w for w in words if _CJK.search(w)]
                if all(self._is_proper(w) for w in named_by) or any(_QUANTITY.match(w) for w in words):
                    return []
            name = normalise_name(sentence[start:stop])
            if self._ends_project(name):  # 甲产业园, 甲风景区: found by its own head, not 甲风景区景区
                continue
            if not in_full:
                name = normalise_name(sentence[start:stop] + ending)
            items.append(Found(PROJECT, name, kind, start, stop, True))
        return items

    def _programme_item(
        self, sentence: str, toks: list[Span], i: int, last: int, ending: str, kind: str
    ) -> Found | None:
        """A programme listed with others of the same head (实施甲行动、乙行动): the whole item,
        action words and all (数据治理能力提升行动), is a named project; None if not such an item."""
        if self._quote_opening(sentence, toks, last) is not None:
            return None
        end, ending_start = toks[i].end, toks[i].end - len(ending)
        j = last - 1
        while j >= 0 and last - j <= 12:  # it may hold a project (一体化大数据中心打造工程)
            word = toks[j].text
            if word in _SEPARATORS or word in _OPENING_QUOTES or word in self.lexicon.name_openers:
                break
            j -= 1
        first = j + 1
        while first < last and (
            toks[first].text in self.lexicon.actions
            or toks[first].text in self.hard_stops
            or self._opens_no_name(toks[first].text, just_before_ending=False)
        ):
            first += 1
        start = toks[first].start
        if first >= last or len(_CJK_OR_LATIN.findall(sentence[start:ending_start])) < 2:
            return None
        if self._launched(sentence, toks, first, start, ending_start, end):
            return Found(PROJECT, normalise_name(sentence[start:end]), kind, start, end, True)
        before = after = ""
        if sentence[start - 1 : start] == "、":
            before = _ITEM_CUT.split(sentence[max(0, start - 1 - _LIST_REACH) : start - 1])[-1]
        if sentence[end : end + 1] == "、":
            after = _ITEM_CUT.split(sentence[end + 1 : end + 1 + _LIST_REACH], maxsplit=1)[0]
        if not (before.endswith(ending) or after.endswith(ending)):
            return None
        return Found(PROJECT, normalise_name(sentence[start:end]), kind, start, end, True)

    def _launched(
        self, sentence: str, toks: list[Span], first: int, start: int, ending_start: int, end: int
    ) -> bool:
        """Whether a programme is the whole object of the action that launches it, alone in its
        clause (实施甲乙提质行动。开展丙丁攻坚行动，…): then all its words are its name."""
        return (
            first > 0
            and toks[first - 1].text in self.lexicon.launching_actions
            and (end == len(sentence) or sentence[end] in _CLAUSE_ENDS)
            and len(_CJK.findall(sentence[start:ending_start])) >= 4
            and not _LATIN_OR_DIGIT.search(sentence[start:end])
        )

    def _names_itself(self, sentence: str, start: int, ending_start: int) -> bool:
        """Whether the words before a 项目 are a name on their own: quoted, or ending as a project's
        name ends (…产业园), but not as another piece of work (…工程)."""
        words = sentence[start:ending_start]
        if words[-1:] in _QUOTE_PAIRS:
            return len(_CJK_OR_LATIN.findall(words)) >= 2
        return any(
            words.endswith(e) and k not in _CATEGORY_KINDS and len(words) - len(e) >= 2
            for e, c, k in self.endings.get(words[-1:], ())
            if c == PROJECT and e not in self.after_quotes_only
        )

    def _opens_no_name(self, word: str, *, just_before_ending: bool) -> bool:
        """A verb, adverb or pronoun of everyday Chinese, which a name does not start with; a verb
        right before the ending may say what the place is for (适配基地), an adverb may not."""
        if len(word) < 2 or word in self.lexicon.words_inside_names or word in self.generic:
            return False
        tag, frequency = dictionary_tag(word), word_frequency(self.tok, word)
        if just_before_ending and tag == "v":  # 查看大棚, 结合景区: an everyday verb, not a purpose
            return frequency >= _EVERYDAY_VERB
        tags = _NOT_OPENING_NAMES - {"v", "vd"} if just_before_ending else _NOT_OPENING_NAMES
        return tag in tags and frequency >= _UNCOMMON_VERB

    def _walk_left(self, toks: list[Span], j: int, last: int, previous_end: int) -> int:
        """Index of the first token of a name whose words end at token ``j`` (before the ending at
        ``last``): the walk goes left over name words, across bracketed parts, and stops at a word
        that cannot stand in a name, at the project before, or after twelve tokens."""
        depth = 0
        while j >= 0 and last - j <= 12:
            word = toks[j].text
            if word in ")）":
                depth += 1
            elif word in "(（":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and self._stops_name(toks, j):
                break
            if toks[j].start < previous_end:
                break
            j -= 1
        return j + 1

    def _trimmed_start(
        self,
        sentence: str,
        toks: list[Span],
        first: int,
        last: int,
        ending_start: int,
        category: str,
        previous_end: int,
    ) -> int:
        """The first token of an unquoted name once what leads it without naming it is left out:
        a note in brackets opening the sentence, and, for a project, an event's title or a list's 等,
        a verb of the generic vocabulary, a word that opens a clause, a determiner (主要, 相关), a time
        phrase; a designation reaches back to its rank."""
        if (  # （记者…）甲学校: a bracket that opens the sentence is a note, not a name's start
            first < last
            and toks[first].text in "(（"
            and (first == 0 or toks[first - 1].text in _SEPARATORS or toks[first - 1].text.isspace())
        ):
            close = next((k for k in range(first + 1, last) if toks[k].text in ")）"), None)
            first = first if close is None else close + 1
        if category != PROJECT:
            return first
        first = self._designation_start(toks, first, previous_end)
        cuts = list(_NOT_IN_A_NAME.finditer(sentence, toks[min(first, last)].start, ending_start))
        while cuts and first < last and toks[first].start < cuts[-1].end():
            first += 1  # …大会暨…, 甲等…: an event, or the 等 closing a list, is not part of a name
        then = first + 2 if first < last - 2 and toks[first + 1].text == "好" else first + 1
        if (  # 运营(好)甲数据中心: a verb of the generic vocabulary before a proper name is the action
            then < last
            and self._is_proper(toks[then].text)
            and (  # 来甲市…园: an everyday verb before a proper name is not part of it either
                (toks[first].text in self.generic and dictionary_tag(toks[first].text) in ("v", "vn"))
                or (
                    dictionary_tag(toks[first].text) == "v"
                    and word_frequency(self.tok, toks[first].text) >= _EVERYDAY_VERB
                )
                or (  # 标志着甲市高新区: any verb jieba knows, before a place's name
                    dictionary_tag(toks[first].text) == "v"
                    and word_frequency(self.tok, toks[first].text) >= _UNCOMMON_VERB
                    and self._is_place_word(toks[then].text)
                )
            )
        ):
            first = then
        while first < last - 1 and toks[first].text in _CLAUSE_OPENERS:
            first += 1
        while first < last and toks[first].text in _DETERMINERS:  # 主要产业园区: which ones, not what
            first += 1
        while first < last - 1:  # 2022年甲新区, 2019-2020年度…: a time phrase says when, not what
            if _YEAR.fullmatch(toks[first].text) or toks[first].text in _YEAR_JOINERS:
                first += 1
            elif _TIME_WORD.fullmatch(toks[first].text + toks[first + 1].text):
                first += 2
            else:
                break
        return first

    @staticmethod
    def _placed(found: list[Found], start: int) -> bool:
        """Whether a place stands in a name starting at ``start``, or a project ends right where it
        starts (甲新城综合医院: a unit of 甲新城)."""
        return any(
            (f.category == PLACE and f.start >= start) or (f.category == PROJECT and f.end == start)
            for f in found
        )

    def _designation_start(self, toks: list[Span], first: int, previous_end: int) -> int:
        """Where a designated title starts: a name the walk cut at a verb or conjunction reaches back
        to a 国家级 (国家, 全国, 省级) within its clause and eight words, when a noun follows it
        (国家级知识产权强国建设示范园区, not 全国推广建设智慧农场)."""
        for k in range(first - 1, max(-1, first - 9), -1):
            word = toks[k].text
            if toks[k].start < previous_end or word in _SEPARATORS or word.isspace():
                return first
            if word in _OPENING_QUOTES or word == "的" or word in self.lexicon.action_modifiers:
                return first
            if word in _DESIGNATIONS:
                after = toks[k + 1].text
                verb = after in self.lexicon.actions or self._opens_no_name(after, just_before_ending=False)
                return first if verb or after in _CONJUNCTIONS or after in self.hard_stops else k
        return first

    def _founded(self, sentence: str, toks: list[Span], first: int, last: int) -> bool:
        """Whether the clause around a name reports its founding: an action such as 筹建 before it in
        the clause, or 建设 right after it (…创新院等建设)."""
        for k in range(first - 1, -1, -1):
            word = toks[k].text
            if word in "，,；;。：:！？!?":
                break
            if word in self.lexicon.founding_actions:
                return True
        after = [t.text for t in toks[last + 1 : last + 4] if t.text not in _QUOTES]
        return bool(after) and (after[0] in self.lexicon.founding_actions or after[:2] == ["等", "建设"])

    def quoted_instances(self, sentence: str, item: Found) -> list[Found]:
        """Quoted names listed before 等 and a category: “甲”“乙”等电商平台 names 甲 and 乙, each a
        project of the category's kind."""
        if item.named or item.start < 2 or sentence[item.start - 1] != "等":
            return []
        instances = []
        close = item.start - 2
        while close >= 0 and sentence[close] in _QUOTE_PAIRS and sentence[close] not in "\"'":
            opening = sentence.rfind(_QUOTE_PAIRS[sentence[close]], max(0, close - _MAX_QUOTED), close)
            inner = sentence[opening + 1 : close] if opening >= 0 else ""
            if len(_CJK_OR_LATIN.findall(inner)) < 2 or any(ch in _SEPARATORS for ch in inner):
                break
            name = normalise_name(inner)
            instances.append(Found(PROJECT, name, item.kind, opening + 1, close, True, item.name))
            close = opening - 1
            if close >= 0 and sentence[close] == "、":
                close -= 1
        return instances[::-1]

    def _title_start(self, sentence: str, toks: list[Span], first: int, ending_start: int, end: int) -> int:
        """A name that closes a quoted title is the whole title, whatever its words
        (“基于数字孪生的精密检测装备智能工厂”): the first token after the opening quote."""
        if sentence[end : end + 1] not in _QUOTE_PAIRS or first == 0:
            return first
        if toks[first - 1].text == "的" and toks[first].start >= ending_start:
            return first  # “…最先进的工厂”: a description, not a title
        opening = _QUOTE_PAIRS[sentence[end]]
        k = first - 1
        while k >= 0 and end - toks[k].start <= _MAX_TITLE:
            word = toks[k].text
            if word == opening:
                opener = toks[k + 1].text if k + 1 < len(toks) else ""
                if (
                    opener in self.lexicon.actions
                    or opener in self.hard_stops
                    or dictionary_tag(opener) == "v"  # “勇当…先行区”: a slogan, not a title
                    or _COUNT_OPENING.match(opener)  # “一区四园”: a count of places, not a title
                ):
                    return first
                return k + 1
            if (word in _SEPARATORS and word not in "·-—+") or word in _QUOTE_PAIRS:
                return first
            k -= 1
        return first

    @staticmethod
    def _quote_opening(sentence: str, toks: list[Span], last: int) -> int | None:
        """Index of the opening quote of a quoted name that ends right before token ``last``."""
        if last < 2 or toks[last - 1].text not in _QUOTE_PAIRS:
            return None
        opening_quote = _QUOTE_PAIRS[toks[last - 1].text]
        for k in range(last - 2, max(-1, last - 2 - _MAX_QUOTED), -1):
            word = toks[k].text
            if word == opening_quote:
                return k if k < last - 2 else None
            if word in _SEPARATORS and word not in "·-—、":
                return None
        return None

    def shared_heads(self, sentence: str, item: Found, ending: str) -> list[Found]:
        """The quoted names before a quoted name with a head, joined to it by 和, 与, 及 or 、,
        each with the same head: “甲”和“乙”计划 names 甲计划 and 乙计划."""
        head_start = item.end - len(ending)
        if head_start < 1 or sentence[head_start - 1] not in _QUOTE_PAIRS:
            return []
        opening = sentence.rfind(_QUOTE_PAIRS[sentence[head_start - 1]], item.start - 1, head_start - 1)
        siblings = []
        while opening > 0:
            k = opening
            if sentence[k - 1] in _SHARED_HEAD_JOINERS:
                k -= 1
            if k < 1 or sentence[k - 1] not in _QUOTE_PAIRS or k == opening and sentence[k - 1] in "\"'":
                break
            close = k - 1
            opening = sentence.rfind(_QUOTE_PAIRS[sentence[close]], max(0, close - _MAX_QUOTED), close)
            inner = sentence[opening + 1 : close] if opening >= 0 else ""
            if not inner or any(ch in _SEPARATORS for ch in inner if ch not in "·-—"):
                break
            name = normalise_name(inner + ending)
            siblings.append(Found(PROJECT, name, item.kind, opening + 1, close, True))
        return siblings[::-1]

    def _place(
        self, sentence: str, toks: list[Span], i: int, ending: str, kind: str, found: list[Found]
    ) -> Found | None:
        token = toks[i]
        if kind in _SHORT_PLACE_KINDS:
            if len(token.text) > len(ending):
                start = token.start
            elif (
                i > 0 and _CJK_OR_LATIN.fullmatch(toks[i - 1].text[-1]) and not self._stops_name(toks, i - 1)
            ):
                start = toks[i - 1].start
            else:
                return None
            name = sentence[start : token.end]
            stem = name[: -len(ending)]
            if dictionary_tag(name) in _NOT_IN_NAMES:
                return None  # a word of its own (返乡, 城乡), not a place
            if not 1 <= len(stem) <= 4 or stem in self.generic or stem in self.hard_stops:
                return None
        else:
            # a region never reaches back into a name before it, but 大湾 inside 大湾区 is replaced
            previous_end = max((f.end for f in found if f.category != PLACE or f.kind == "区域"), default=0)
            j = i - 1
            while j >= 0 and i - j <= 4 and toks[j].start >= previous_end and not self._stops_name(toks, j):
                j -= 1
            j += 1
            while j < i and toks[j].text in self.hard_stops:
                j += 1
            start = toks[j].start
            name = sentence[start : token.end]
            if len(name) <= len(ending):
                return None
            stem = ""
        if name in self.lexicon.not_places or any(
            name.endswith(w) for w in self.lexicon.not_places if len(w) > 1
        ):
            return None
        name = normalise_name(name)
        if stem and kind in ("省", "市", "县区"):
            self.place_stems.setdefault(stem, name)
        return Found(PLACE, name, kind, start, token.end)

    def _is_place_word(self, word: str) -> bool:
        """A place's name as the document or the divisions know it (江州, 武汉)."""
        return word in self.place_stems or word in self.place_stems.values() or word in divisions()

    def _reads_as_place(self, word: str, level: int) -> bool:
        """Whether the bare name of a province or a prefecture-level city reads as the place rather
        than as an everyday word: jieba knows it as a place (武汉), or as a name or noun it seldom
        meets (合肥, 银川), but not as a foreign name (阿里 is a company first). A county's or a
        district's bare name is not enough (新建, 古城, 滨海 are words first)."""
        if level > 1:
            return False
        frequency, tag = word_frequency(self.tok, word), dictionary_tag(word)
        return tag == "ns" or (tag in ("n", "s", "nr", "nz", "j") and frequency < _COMMON_PLACE_WORD)

    def _dictionary_place(self, token: Span) -> Found | None:
        word = token.text
        if word in self.place_stems:
            return Found(PLACE, self.place_stems[word], "市", token.start, token.end)
        if len(word) < 2 or word in self.generic or word in self.brands:
            return None
        division = divisions().get(word)
        if division is not None and self._reads_as_place(word, level=division[1]):  # 武汉 → 武汉市
            kind = "省" if division[1] == 0 else "市"
            return Found(PLACE, division[0], kind, token.start, token.end)
        if len(word) > 3:
            return None
        if word in self.lexicon.regions:
            return Found(PLACE, word, "地名", token.start, token.end)
        # jieba tags many common words as places (古城, 高原); a rarer one is more likely a place
        if dictionary_tag(word) != "ns" or not 50 <= word_frequency(self.tok, word) < _COMMON_PLACE_WORD:
            return None
        return Found(PLACE, word, "地名", token.start, token.end)

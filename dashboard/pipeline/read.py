"""Read an article file into a Document: encoding, front matter, paragraphs, boilerplate, metadata."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import opencc
import yaml

from dashboard import settings

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


def human_size(size: int) -> str:
    """``human_size(5_000_000) == "5.0 MB"``."""
    for unit, factor in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


class Reason(StrEnum):
    """Why a file was not read, as a code: the UI words each one in its own language
    (``present/glossary.py``, key ``reason_<code>``); ``IngestError`` and ``ReadError`` carry one."""

    EMPTY = "empty"
    BINARY = "binary"
    UNREADABLE = "unreadable"
    NO_BODY = "no_body"
    TOO_LARGE = "too_large"  # details: size, limit (bytes)
    NOT_A_FILE = "not_a_file"
    NO_SUCH_FILE = "no_such_file"
    NO_SUCH_PATH = "no_such_path"
    PERMISSION = "permission"
    SAME_ID = "same_id"  # details: document (the id another file has already)
    DUPLICATE_OF = "duplicate_of"  # details: file (the file with the same content)
    TIMEOUT = "timeout"  # details: seconds
    EXTRACTION_FAILED = "extraction_failed"  # details: error


# Each reason in plain English, with its details: the text of the exception (``str(error)``) and
# what the command line prints when no language is asked for.
PLAIN: dict[Reason, str] = {
    Reason.EMPTY: "empty file",
    Reason.BINARY: "binary file, not text",
    Reason.UNREADABLE: "not readable text (unknown encoding or binary content)",
    Reason.NO_BODY: "no body text",
    Reason.TOO_LARGE: "file is {size}, over the {limit} limit",
    Reason.NOT_A_FILE: "not a file",
    Reason.NO_SUCH_FILE: "no such file",
    Reason.NO_SUCH_PATH: "no such file or folder",
    Reason.PERMISSION: "permission denied",
    Reason.SAME_ID: "another file has the same document id '{document}'",
    Reason.DUPLICATE_OF: "duplicate of {file}",
    Reason.TIMEOUT: "extraction took longer than {seconds} s",
    Reason.EXTRACTION_FAILED: "extraction failed: {error}",
}


def plain(reason: Reason, **details: object) -> str:
    """A reason in plain English: ``plain(Reason.TOO_LARGE, size=6_000_000, limit=5_000_000)`` is
    ``'file is 6.0 MB, over the 5.0 MB limit'`` (sizes in bytes are given as sizes)."""
    sized = {
        k: human_size(v) if k in ("size", "limit") and isinstance(v, int) else v for k, v in details.items()
    }
    return PLAIN[reason].format(**sized)


class Note(StrEnum):
    """What had to be repaired or left out to read an article that was read all the same, as a
    code: the UI words each one in its own language (``present/glossary.py``, key ``note_<code>``);
    a ``ReadingNote`` carries one with its details."""

    INVALID_UTF8 = "invalid_utf8"  # details: count (sequences shown as U+FFFD)
    MIXED_ENCODINGS = "mixed_encodings"  # details: lines (read as GB18030)
    ENCODING_DETECTED = "encoding_detected"  # details: encoding
    FRONT_MATTER_NOT_YAML = "front_matter_not_yaml"
    FRONT_MATTER_NOT_YAML_AT = "front_matter_not_yaml_at"  # details: line
    FRONT_MATTER_NOT_MAPPING = "front_matter_not_mapping"
    NOT_A_DATE = "not_a_date"  # details: value (the front matter's, as written)
    TRADITIONAL = "traditional"
    PINYIN_GLOSSES = "pinyin_glosses"  # details: count


# Each note in plain English: ``str(note)``, and what the command line prints without --lang.
PLAIN_NOTES: dict[Note, str] = {
    Note.INVALID_UTF8: "{count} invalid UTF-8 sequence(s) shown as \ufffd",
    Note.MIXED_ENCODINGS: "mixed encodings: {lines} line(s) read as GB18030",
    Note.ENCODING_DETECTED: "encoding detected as {encoding}",
    Note.FRONT_MATTER_NOT_YAML: "front matter is not valid YAML; ignored",
    Note.FRONT_MATTER_NOT_YAML_AT: "front matter is not valid YAML (line {line}); ignored",
    Note.FRONT_MATTER_NOT_MAPPING: "front matter is not a YAML mapping; ignored",
    Note.NOT_A_DATE: "front matter date {value!r} is not a date; ignored",
    Note.TRADITIONAL: "traditional Chinese, read in simplified characters",
    Note.PINYIN_GLOSSES: "{count} pinyin reading(s) after characters left out",
}


@dataclass(frozen=True)
class ReadingNote:
    """A note on how an article was read: ``code`` (a ``Note`` value) and its ``details``;
    ``str(note)`` is the note in plain English.

    >>> str(ReadingNote.of(Note.NOT_A_DATE, value="soon"))
    "front matter date 'soon' is not a date; ignored"
    """

    code: str
    details: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return PLAIN_NOTES[Note(self.code)].format(**self.details)

    @classmethod
    def of(cls, note: Note, **details: object) -> ReadingNote:
        return cls(note.value, details)


@dataclass(frozen=True)
class ReadError:
    """A file of a corpus that could not be read or extracted, and why: ``reason`` in plain English,
    ``code`` (a ``Reason`` value, None for a reason of no known kind) and ``details`` for the UI to
    word it in its own language."""

    path: str
    reason: str
    code: str | None = None
    details: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    @classmethod
    def of(cls, path: str | Path, reason: Reason, **details: object) -> ReadError:
        return cls(str(path), plain(reason, **details), reason.value, details)


class IngestError(ValueError):
    """An article that cannot be read: ``reason`` (a ``Reason``) and its ``details``;
    ``str(error)`` is the reason in plain English."""

    def __init__(self, reason: Reason, **details: object) -> None:
        self.reason = reason
        self.details = details
        super().__init__(plain(reason, **details))

    def __reduce__(self):  # rebuilt from its code and details when it crosses to another process
        return functools.partial(type(self), self.reason, **self.details), ()

    def at(self, path: str | Path) -> ReadError:
        """This reason, for the file at ``path``."""
        return ReadError.of(path, self.reason, **self.details)


@dataclass(frozen=True)
class Paragraph:
    index: int
    text: str
    heading: bool = False  # marked as a heading by the markup itself (<h2>, "## …")


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    date: str | None = None  # ISO 8601, with its time zone when the source gives one
    outlet: str | None = None  # 文章来源
    source_url: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    path: str = ""
    content_hash: str = ""
    warnings: tuple[ReadingNote, ...] = field(default=())  # how it was read: repairs, what was ignored

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


# --- bytes → str -------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    return decode_with_warnings(data)[0]


def decode_with_warnings(data: bytes) -> tuple[str, list[ReadingNote]]:
    """Decode article bytes, and say what had to be repaired.

    UTF-8 (with or without BOM) first; a UTF-8 file with a few invalid sequences keeps its text,
    with each bad sequence shown as U+FFFD; then GB18030 (a superset of GBK); then detection."""
    if not data.strip():
        raise IngestError(Reason.EMPTY)
    if b"\x00" in data[:8192]:
        raise IngestError(Reason.BINARY)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd")
    if bad <= max(3, len(data) // 100):
        return repaired, [ReadingNote.of(Note.INVALID_UTF8, count=bad)]
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text):
            return text, []
    except UnicodeDecodeError:
        pass
    mixed = _decode_lines(data)
    if mixed is not None:
        return mixed
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)):
        return str(best), [ReadingNote.of(Note.ENCODING_DETECTED, encoding=best.encoding)]
    raise IngestError(Reason.UNREADABLE)


def _decode_lines(data: bytes) -> tuple[str, list[ReadingNote]] | None:
    """Files pasted together from UTF-8 and GBK sources: each line in whichever decodes it."""
    lines, legacy = [], 0
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            legacy += 1
    text = "\n".join(lines)
    notes = [ReadingNote.of(Note.MIXED_ENCODINGS, lines=legacy)]
    return (text, notes) if _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\r\n\t"
    )
    return bad <= max(2, len(sample) // 200) and "\ufffd" not in sample[:2000]


# --- markup → paragraphs -----------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_AUTOLINK = re.compile(r"^\s*<(https?://[^>\s]+)>\s*$", re.M)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_OUTLET = re.compile(r"^[（(]?\s*(?:文章|新闻|稿件)?来源[:：]\s*(.+?)\s*[)）]?$")
_BOILERPLATE = re.compile(
    r"^(?:返回|点击|责任编辑|编辑[:：]|校对[:：]|审核[:：]|分享到|扫一扫|上一篇|下一篇|【打印】|【关闭】)"
)
_BLOCK_TAGS = (
    "p", "div", "section", "article", "li", "tr", "td", "th", "table", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "ul", "ol", "header", "footer", "pre",
)  # fmt: skip
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SPACE = re.compile(r"[ \t\u00a0\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _clean_line(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    return _SPACE.sub(" ", line).strip()


# A body of bare paragraphs (<p>…</p> and nothing else: no attribute, entity or other tag), such as
# generated and many Jekyll posts have: its lines are read without an HTML parser.
_BARE_PARAGRAPHS = re.compile(r"\s*(?:<p>[^<>&]*</p>\s*)*")
_PARAGRAPH_TAG = re.compile(r"</?p>")


def _html_lines(markup: str) -> tuple[list[tuple[str, bool]], str | None, str | None]:
    """Block-level lines of an HTML fragment, with heading flags; also the outlet and <title>."""
    if _BARE_PARAGRAPHS.fullmatch(markup):  # what BeautifulSoup gives, a line break at each tag
        lines = (_clean_line(raw) for raw in _PARAGRAPH_TAG.sub("\n", markup).splitlines())
        return [(line, False) for line in lines if line], None, None
    return _soup_lines(markup)


def _soup_lines(markup: str) -> tuple[list[tuple[str, bool]], str | None, str | None]:
    from bs4 import BeautifulSoup  # imported by the first body that needs it (a second at start)

    soup = BeautifulSoup(markup, "html.parser")
    for junk in soup(["script", "style", "noscript", "iframe", "template"]):
        junk.decompose()
    outlet = None
    for media in soup.select(".em_media"):
        match = _OUTLET.match(_clean_line(media.get_text()))
        if match:
            outlet = match.group(1)
        media.decompose()
    title_tag = soup.find("title")
    page_title = _clean_line(title_tag.get_text()) if title_tag else None
    if title_tag:
        title_tag.decompose()
    headings = {_clean_line(h.get_text()) for h in soup.find_all(_HEADING_TAGS)}
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.append("\n")
    lines = []
    for raw in soup.get_text().splitlines():
        line = _clean_line(raw)
        if line:
            lines.append((line, line in headings))
    return lines, outlet, page_title


def _markdown_lines(body: str) -> list[tuple[str, bool]]:
    lines = []
    for raw in body.splitlines():
        heading = _MD_HEADING.match(raw)
        text = heading.group(1) if heading else raw
        text = _clean_line(_MD_LINK.sub(r"\1", text))
        if text:
            lines.append((text, bool(heading)))
    return lines


def _load_yaml(text: str) -> object:
    """``yaml.safe_load`` by libyaml where PyYAML has it; text libyaml refuses is read again by
    PyYAML itself, whose error (and its line) the reading note reports."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def _parse_front_matter(text: str) -> tuple[dict, str, list[ReadingNote]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        meta = _load_yaml(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        note = (
            ReadingNote.of(Note.FRONT_MATTER_NOT_YAML_AT, line=mark.line + 2)
            if mark
            else ReadingNote.of(Note.FRONT_MATTER_NOT_YAML)
        )
        return {}, text[match.end() :], [note]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, text[match.end() :], [ReadingNote.of(Note.FRONT_MATTER_NOT_MAPPING)]
    return meta, text[match.end() :], []


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value)


def _as_list(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return tuple(str(value).split())


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> str | None:
    """ISO 8601 text for a front-matter date: ``parse_date("2022-04-22 09:24:56 +0800")``."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        return parsed.date().isoformat() if fmt == "%Y-%m-%d" else parsed.isoformat()
    try:
        return dt.datetime.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def document_id(path: str | Path) -> str:
    """The stable id of an article: its file name without the extension."""
    return Path(path).stem


_HAN = re.compile(r"[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.2  # of Han characters changed by the conversion (traditional articles: 35–40 %)


@functools.cache
def _to_simplified() -> opencc.OpenCC:
    # Characters (and the few phrases that pick between simplified forms: 乾燥 → 干燥, 乾隆 stays),
    # never regional rewording (智慧 stays 智慧); the length of the text never changes.
    return opencc.OpenCC("t2s")


def simplified(text: str) -> tuple[str, bool]:
    """Text in traditional characters converted to simplified ones, which the lexicon and jieba's
    dictionary are written in, and whether it was. A simplified text that quotes a few traditional
    characters is left as it is."""
    converted = _to_simplified().convert(text)
    if converted == text:
        return text, False
    changed = sum(a != b for a, b in zip(text, converted, strict=False))
    return (converted, True) if changed >= TRADITIONAL_SHARE * len(_HAN.findall(text)) else (text, False)


# A reading in pinyin printed after a character or a word, as some pages gloss them (經(jīng)濟區(qū),
# 数据中心(shùjùzhōngxīn)): lower-case letters in brackets, at least one of them with a tone mark,
# that read as syllables of Mandarin (a final r of erhua included: huār), no more of them than the
# characters right before the bracket.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([a-zü\u00e0-\u00fc\u0101-\u01dc]{1,36})[)）]")
_MARKED_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_MARKS = frozenset(_MARKED_VOWELS)
_TONED = str.maketrans(_MARKED_VOWELS, "aaaaeeeeiiiioooouuuuüüüü")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# the syllables of Mandarin as pypinyin's dictionary spells them, without tone marks
_SYLLABLES = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca
    cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
    chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den
    deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang
    fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang
    gui gun guo ha hai han hang hao he hei hen heng hm hng hong hou hu hua huai huan huang hui hun
    huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken
    keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian
    liang liao lie lin ling liu lo long lou lu luan lun luo lü lüe m ma mai man mang mao me mei men
    meng mi mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nia
    nian niang niao nie nin ning niu nong nou nu nuan nun nuo nü nüe o ou pa pai pan pang pao pei
    pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu
    quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se
    sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
    shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting
    tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie
    xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za
    zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
    zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
# and as pages also spell some of them: nüe as nue, ju as jü
_SPELLED_ALSO = "lue nue jü jüe jüan jün qü qüe qüan qün xü xüe xüan xün yü yüe yüan yün"
_PINYIN_SYLLABLES = frozenset(_SYLLABLES.split() + _SPELLED_ALSO.split())


def _syllable(plain: str) -> bool:
    """Whether ``plain`` (without tone marks) is one syllable of Mandarin, erhua's r included."""
    return plain in _PINYIN_SYLLABLES or (
        plain[-1:] == "r" and plain != "er" and plain[:-1] in _PINYIN_SYLLABLES
    )


def _pinyin_syllables(letters: str) -> int | None:
    """How few syllables of Mandarin ``letters`` (tone marks and all) reads as, each with at most
    one tone mark; None if they cannot be read so (coopération, café).

    >>> _pinyin_syllables("shùjùzhōngxīn"), _pinyin_syllables("café"), _pinyin_syllables("yìdiǎnr")
    (4, None, 2)
    """
    plain = letters.translate(_TONED)
    fewest: list[int | None] = [0] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 7), end):
            before = fewest[start]
            if (
                before is not None
                and _syllable(plain[start:end])
                and sum(ch in _TONE_MARKS for ch in letters[start:end]) <= 1
                and (fewest[end] is None or before + 1 < fewest[end])
            ):
                fewest[end] = before + 1
    return fewest[-1]


def without_pinyin_glosses(text: str) -> tuple[str, int]:
    """Text without the pinyin readings printed after its characters, and how many there were; a
    bracket of letters without a tone mark (甲(AI)), or that cannot be read as syllables of
    Mandarin (合作项目(coopération)), stays. A word of another language that can (été: e, te) is
    taken for a reading.

    >>> without_pinyin_glosses("經(jīng)濟開發(fā)區(qū)(AI)")
    ('經濟開發區(AI)', 3)
    >>> without_pinyin_glosses("大数据产业园(chǎnyèyuán)(BDA)，中法合作项目(coopération)")
    ('大数据产业园(BDA)，中法合作项目(coopération)', 1)
    """
    count = 0

    def drop(match: re.Match) -> str:
        nonlocal count
        letters = match.group(1)
        if _TONE_MARKS.isdisjoint(letters):
            return match.group()
        syllables, start = _pinyin_syllables(letters), match.start()
        if syllables is None or syllables > start or not _HAN_RUN.fullmatch(text, start - syllables, start):
            return match.group()  # not as many characters before it as it reads syllables
        count += 1
        return ""

    return _PINYIN_GLOSS.sub(drop, text), count


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", ".": "。", "(": "（", ")": "）"}
_HALF_WIDTH_MARK = re.compile(r"[,;:!?.()]")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff08\uff09“”《》]")


def full_width_punctuation(text: str) -> str:
    """Half-width punctuation that stands among Chinese characters made full-width, as Chinese text
    is written (web copies often carry ``,`` ``(`` ``:``); the length never changes, and numbers,
    times and Latin text keep theirs (1,000 · 10:30 · 3.5 · AI).

    >>> full_width_punctuation("郑(州)庆(阳),共1,000个项目:AI(人工智能).")
    '郑（州）庆（阳），共1,000个项目：AI（人工智能）。'
    """
    marks = list(_HALF_WIDTH_MARK.finditer(text))
    if not marks:
        return text
    chars = list(text)
    opened: list[int] = []
    for match in marks:
        k, ch = match.start(), match.group()
        before = chars[k - 1] if k else ""
        after = text[k + 1] if k + 1 < len(text) else ""
        beside = bool(_CJK_CHAR.match(before) or _CJK_CHAR.match(after))
        if ch == "(":
            opened.append(k)
            if beside:
                chars[k] = "（"
        elif ch == ")":
            opening = opened.pop() if opened else None
            if beside or (opening is not None and chars[opening] == "（"):
                chars[k] = "）"
        elif ch == ".":
            if _CJK_CHAR.match(before) and (not after or after.isspace() or _CJK_CHAR.match(after)):
                chars[k] = "。"
        elif beside:
            chars[k] = _HALF_TO_FULL[ch]
    return "".join(chars)


def parse_document(
    text: str,
    *,
    doc_id: str,
    suffix: str = ".md",
    path: str = "",
    warnings: list[ReadingNote] | None = None,
) -> Document:
    """Parse decoded article text (front matter + HTML/Markdown body, or plain text) into a Document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, glosses = without_pinyin_glosses(text)
    text, traditional = simplified(text)
    meta, body, found = _parse_front_matter(text) if suffix != ".txt" else ({}, text, [])
    warnings = [*(warnings or []), *found]
    if traditional:
        warnings.append(ReadingNote.of(Note.TRADITIONAL))
    if glosses:
        warnings.append(ReadingNote.of(Note.PINYIN_GLOSSES, count=glosses))

    source_url = None
    autolinks = _AUTOLINK.findall(body)
    if autolinks:
        source_url = autolinks[0]
        body = _AUTOLINK.sub("", body)

    outlet = page_title = None
    if suffix in (".html", ".htm") or re.search(r"<(p|div|br|h[1-6])\b", body, re.I):
        lines, outlet, page_title = _html_lines(body)
        lines = [(_clean_line(_MD_LINK.sub(r"\1", t)), h) for t, h in lines]
    else:
        lines = _markdown_lines(body)

    title = _as_text(meta.get("title"))
    if suffix == ".txt" and lines:
        title, lines = lines[0][0], lines[1:]
    if not title:
        title = page_title or next((t for t, h in lines if h), None)
        if title and lines and lines[0][0] == title:
            lines = lines[1:]

    paragraphs: list[Paragraph] = []
    for line, heading in lines:
        outlet_match = _OUTLET.match(line)
        if outlet_match and len(line) < 40:
            outlet = outlet or outlet_match.group(1)
            continue
        if _BOILERPLATE.match(line) or line == title:
            continue
        paragraphs.append(Paragraph(len(paragraphs), full_width_punctuation(line), heading))
    if not paragraphs:
        raise IngestError(Reason.NO_BODY)

    date = parse_date(meta.get("date"))
    if meta.get("date") is not None and date is None:
        warnings.append(ReadingNote.of(Note.NOT_A_DATE, value=str(meta.get("date"))))
    if date is None:
        named = _DATE_IN_NAME.search(doc_id)
        if named:
            date = parse_date("-".join(named.groups()))
    return Document(
        id=doc_id,
        title=full_width_punctuation(_clean_line(title or doc_id)),
        paragraphs=tuple(paragraphs),
        date=date,
        outlet=_as_text(meta.get("source")) or outlet,
        source_url=source_url or _as_text(meta.get("source_url")),
        categories=_as_list(meta.get("categories")),
        tags=_as_list(meta.get("tags")),
        path=path,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        warnings=tuple(warnings),
    )


def read_bytes(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of an article file, refused with a readable reason when missing or too large."""
    path = Path(path)
    limit = max_bytes if max_bytes is not None else settings.max_bytes()
    try:
        if not path.is_file():
            raise IngestError(Reason.NOT_A_FILE if path.exists() else Reason.NO_SUCH_FILE)
        size = path.stat().st_size
        if size > limit:
            raise IngestError(Reason.TOO_LARGE, size=size, limit=limit)
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(Reason.NO_SUCH_FILE) from None
    except PermissionError:
        raise IngestError(Reason.PERMISSION) from None
    except IsADirectoryError:
        raise IngestError(Reason.NOT_A_FILE) from None


def document_from_bytes(data: bytes, path: str | Path) -> Document:
    """Decode and parse an article file's bytes; ``content_hash`` is the hash of these bytes."""
    path = Path(path)
    text, warnings = decode_with_warnings(data)
    document = parse_document(
        text, doc_id=document_id(path), suffix=path.suffix.lower(), path=str(path), warnings=warnings
    )
    return dataclasses.replace(document, content_hash=content_hash(data))


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read one article file (.md, .txt, .html); raises IngestError with a readable reason."""
    return document_from_bytes(read_bytes(path, max_bytes=max_bytes), path)


def article_paths(paths: list[str | Path]) -> tuple[list[Path], list[ReadError]]:
    """Expand files and folders into article files; returns (files, errors for missing ones)."""
    found: list[Path] = []
    missing: list[ReadError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            )
        elif path.exists():
            found.append(path)
        else:
            missing.append(ReadError.of(raw, Reason.NO_SUCH_PATH))
    return found, missing

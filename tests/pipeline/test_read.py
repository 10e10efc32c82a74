import pytest
from conftest import SEED

from dashboard import IngestError, extract_paths, parse_document, read_document
from dashboard.pipeline.extraction import extract_document
from dashboard.pipeline.read import ReadingNote, decode, decode_with_warnings


class TestReadDocument:
    def test_front_matter_and_metadata(self):
        doc = read_document(SEED)
        assert doc.id == "2022-04-22-wuzhou-digital-economy"
        assert doc.title == "让经济发展插上“数字”的翅膀"
        assert doc.date == "2022-04-22T09:24:56+08:00"
        assert doc.categories == ("wuzhouribao",)
        assert doc.outlet == "梧州日报"
        assert doc.source_url.startswith("http://finews.zning.xyz/")

    def test_boilerplate_is_not_content(self):
        texts = [p.text for p in read_document(SEED).paragraphs]
        assert len(texts) == 20
        assert not any(t.startswith("返回") or "文章来源" in t or "http" in t for t in texts)
        assert texts[2] == "推进数字产业化，培育产业主体"

    def test_gbk_copy_gives_the_same_projects(self, tmp_path):
        copy = tmp_path / SEED.name
        copy.write_bytes(SEED.read_text(encoding="utf-8").encode("gbk"))
        assert read_document(copy).paragraphs == read_document(SEED).paragraphs
        original = extract_paths([SEED]).projects[["name", "sector"]]
        gbk = extract_paths([copy]).projects[["name", "sector"]]
        assert original.equals(gbk)

    def test_utf8_with_bom(self, tmp_path):
        path = tmp_path / "a.md"
        path.write_bytes("\ufeff".encode() + SEED.read_bytes())
        assert read_document(path).title == "让经济发展插上“数字”的翅膀"

    def test_plain_text_first_line_is_the_title(self, tmp_path):
        path = tmp_path / "2024-01-02-note.txt"
        path.write_text("标题一行\n\n第一段。\n第二段。\n", encoding="utf-8")
        doc = read_document(path)
        assert (doc.title, [p.text for p in doc.paragraphs], doc.date) == (
            "标题一行",
            ["第一段。", "第二段。"],
            "2024-01-02",
        )

    def test_html_page(self, tmp_path):
        path = tmp_path / "page.html"
        path.write_text(
            "<html><head><title>页面标题</title></head><body><h1>页面标题</h1><h2>一、小标题</h2>"
            "<p>正文&amp;内容<b>加粗</b>继续。</p><p>责任编辑：某某</p><script>alert(1)</script></body></html>",
            encoding="utf-8",
        )
        doc = read_document(path)
        assert doc.title == "页面标题"
        assert [(p.text, p.heading) for p in doc.paragraphs] == [
            ("一、小标题", True),
            ("正文&内容加粗继续。", False),
        ]

    def test_markdown_body(self):
        doc = parse_document("---\ntitle: 题\n---\n## 小标题\n\n第一段[链接](http://x)。\n", doc_id="m")
        assert [(p.text, p.heading) for p in doc.paragraphs] == [
            ("小标题", True),
            ("第一段链接。", False),
        ]

    def test_front_matter_that_is_not_yaml_is_reported_not_fatal(self):
        doc = parse_document("---\ntitle: [unclosed\n---\n<p>正文。</p>", doc_id="x")
        assert doc.paragraphs[0].text == "正文。"
        assert doc.warnings[0].code == "front_matter_not_yaml_at" and "not valid YAML" in str(doc.warnings[0])

    def test_a_date_that_is_not_a_date(self):
        doc = parse_document("---\ntitle: t\ndate: soon\n---\n<p>正文。</p>", doc_id="2020-01-01-x")
        assert doc.date == "2020-01-01"
        assert doc.warnings[0] == ReadingNote("not_a_date", {"value": "soon"})
        assert str(doc.warnings[0]) == "front matter date 'soon' is not a date; ignored"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x00\x01\x02binary" * 100, "binary file"),
        ("---\ntitle: 只有标题\n---\n".encode(), "no body text"),
    ],
)
def test_bad_input_is_refused_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        read_document(path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("标题\n" + "数字经济。" * 1000, encoding="utf-8")
    with pytest.raises(IngestError, match="over the"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=100_000).title == "标题"


def test_gb18030_is_detected():
    assert decode("数字经济产业园".encode("gb18030")) == "数字经济产业园"


class TestTraditionalChinese:
    def test_a_traditional_article_is_read_in_simplified_characters(self):
        text = "---\ntitle: 臨川數字經濟觀察\n---\n<p>加快建設臨川雲計算數據中心，推進農業數字化轉型。</p>\n"
        document = parse_document(text, doc_id="linchuan")
        assert document.title == "临川数字经济观察"
        assert document.paragraphs[0].text == "加快建设临川云计算数据中心，推进农业数字化转型。"
        assert document.warnings == (ReadingNote("traditional"),)

    def test_a_simplified_article_quoting_traditional_characters_is_left_as_it_is(self):
        text = "江州数字经济观察\n江州与台湾“數位經濟”论坛合作，推进数字产业化，建设江州数据中心和智慧农场。"
        document = parse_document(text, doc_id="jiangzhou", suffix=".txt")
        assert "數位經濟" in document.paragraphs[0].text and not document.warnings

    def test_pinyin_printed_after_characters_is_left_out_with_a_note(self):
        text = "---\ntitle: 臨川數(shù)字經(jīng)濟\n---\n<p>加快建設(shè)臨川雲計算數據中心，推進優（yōu）質應用(AI)。</p>\n"
        document = parse_document(text, doc_id="linchuan")
        assert document.title == "临川数字经济"
        assert document.paragraphs[0].text == "加快建设临川云计算数据中心，推进优质应用（AI）。"
        assert document.warnings == (ReadingNote("traditional"), ReadingNote("pinyin_glosses", {"count": 4}))
        projects = extract_document(document).projects
        assert "临川云计算数据中心" in {p["name"] for p in projects}

    def test_a_reading_printed_after_a_whole_word_is_left_out_too(self):
        text = "临川数字经济\n建设临川云岭大数据产业园(chǎnyèyuán)，打造全国(quánguó)算力枢纽(Hub)。\n"
        document = parse_document(text, doc_id="linchuan", suffix=".txt")
        assert document.paragraphs[0].text == "建设临川云岭大数据产业园，打造全国算力枢纽（Hub）。"
        assert document.warnings == (ReadingNote("pinyin_glosses", {"count": 2}),)
        assert "临川云岭大数据产业园" in {p["name"] for p in extract_document(document).projects}

    def test_readings_with_erhua_and_other_spellings_are_left_out(self):
        text = "临川一点儿(yìdiǎnr)花儿(huār)不虐(nuè)待数据(shǔjǜ)。"
        document = parse_document(f"临川数字经济\n{text}\n", doc_id="linchuan", suffix=".txt")
        assert document.paragraphs[0].text == "临川一点儿花儿不虐待数据。"

    def test_a_bracketed_word_of_another_language_stays(self):
        text = "江州中法合作项目(coopération)开工，数字咖啡馆(café)与创新平台(Hub)上线。"
        document = parse_document(f"江州数字经济\n{text}\n", doc_id="jiangzhou", suffix=".txt")
        assert document.paragraphs[0].text.count("（") == 3 and not document.warnings

    def test_the_seed_article_is_not_converted(self):
        assert not read_document(SEED).warnings


def test_a_repaired_encoding_is_a_note_with_its_count():
    text, notes = decode_with_warnings("数字经济产业园建设".encode() * 40 + b"\xff")
    assert text.endswith("\ufffd") and notes == [ReadingNote("invalid_utf8", {"count": 1})]
    lines = "第一行数字经济\n".encode() + "第二行产业园区\n".encode("gbk") * 5
    _, notes = decode_with_warnings(lines)
    assert [n.code for n in notes] in (["mixed_encodings"], [])  # GB18030 may read it all


@pytest.mark.parametrize(
    "markup",
    [
        "<p>甲市建设数据中心。</p><p>乙园区</p>\n",
        "\n<p> 第一行\n第二行 </p>\n\n<p></p><p>\u3000丙 丁\t戊</p>",
        "<p>\n</p>",
        "",
    ],
)
def test_bare_paragraphs_are_read_as_beautifulsoup_reads_them(markup):
    from dashboard.pipeline.read import _BARE_PARAGRAPHS, _html_lines, _soup_lines

    assert _BARE_PARAGRAPHS.fullmatch(markup)
    assert _html_lines(markup) == _soup_lines(markup)


@pytest.mark.parametrize(
    "markup", ["<p class='x'>甲</p>", "<p>甲&amp;乙</p>", "<p>甲<b>乙</b></p>", "甲</p>乙", "<p>甲<p>乙</p>"]
)
def test_other_html_goes_to_beautifulsoup(markup):
    from dashboard.pipeline.read import _BARE_PARAGRAPHS

    assert not _BARE_PARAGRAPHS.fullmatch(markup)

"""Adding and removing articles: checked and extracted first, written atomically, never twice."""

from pathlib import Path

import pytest
from corpus_factory import article_text, named_projects, write_corpus

from dashboard.pipeline.corpus import extract_paths, read_files
from dashboard.pipeline.read import Document, Paragraph, Reason
from dashboard.present.glossary import reason
from dashboard.store.articles import (
    ADDED,
    DUPLICATE,
    LOCK_FILE,
    REFUSED,
    Refusal,
    add_article,
    check_article,
    file_name_for,
    remove_article,
    session_articles,
    slug,
    writable,
)

ORDER = ["agriculture", "services", "manufacturing", "digital-industry"]
NEW = article_text("安宁", "天承", "2024-03-08", ORDER, title="安宁：数字经济/发展观察").encode()


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "articles"
    write_corpus(folder, 3)
    return folder


class TestFileName:
    @pytest.mark.parametrize(
        "title, expected",
        [
            ("江州数字经济发展观察", "江州数字经济发展观察"),
            ("江州：数字经济/发展 观察!", "江州-数字经济-发展-观察"),
            ("../../etc/passwd", "etc-passwd"),
            ("Digital Economy_Report 2023", "digital-economy-report-2023"),
            ("？！…", "article"),
            ("数" * 100, "数" * 40),
        ],
    )
    def test_slug_is_safe(self, title, expected):
        assert slug(title) == expected

    def test_date_and_title_and_the_extension_kept(self):
        document = Document(
            id="x", title="江州观察", paragraphs=(Paragraph(0, "正文"),), date="2023-01-15T08:00:00+08:00"
        )
        assert file_name_for(document, ".HTML") == "2023-01-15-江州观察.html"
        assert file_name_for(Document(id="x", title="江州观察", paragraphs=()), ".txt") == "江州观察.txt"


class TestAdd:
    def test_an_article_is_written_under_its_date_and_title_with_what_was_found(self, folder):
        result = add_article(folder, "upload.md", NEW)
        assert result.status == ADDED and result.accepted
        assert result.name == "2024-03-08-安宁-数字经济-发展观察.md"
        assert (folder / result.name).read_bytes() == NEW
        assert result.document.title == "安宁：数字经济/发展观察"
        # two per section, and the opening's 数字安宁 (the city's programme: services)
        assert result.projects == {s: 3 if s == "services" else 2 for s in ORDER}
        assert [p.name for p in folder.glob(".*")] == [LOCK_FILE]  # no temporary file left
        extraction = extract_paths([folder])
        assert set(named_projects("安宁", "天承", "agriculture")) <= set(extraction.named_projects["name"])

    def test_the_same_content_is_a_duplicate_whatever_its_name(self, folder):
        first = sorted(folder.iterdir())[0]
        result = add_article(folder, "another-name.md", first.read_bytes())
        assert result.status == DUPLICATE
        assert (result.reason, result.details) == (Refusal.IN_CORPUS, {"file": first.name})
        assert reason(result.reason, "en", **result.details) == f"already in the corpus as {first.name}"
        assert reason(result.reason, "zh", **result.details) == f"文章库中已有相同内容的文章 {first.name}"
        assert len(list(folder.iterdir())) == 3

    def test_adding_twice_adds_once(self, folder):
        assert add_article(folder, "a.md", NEW).status == ADDED
        assert add_article(folder, "b.md", NEW).status == DUPLICATE
        assert len([p for p in folder.iterdir() if p.name != LOCK_FILE]) == 4

    @pytest.mark.parametrize(
        "upload, data, code, en, zh",
        [
            ("broken.md", b"\x00\x01binary", Reason.BINARY, "binary file, not text", "二进制文件，不是文本"),
            ("empty.txt", b"  \n", Reason.EMPTY, "empty file", "空文件"),
            ("only-front-matter.md", b"---\ntitle: x\n---\n", Reason.NO_BODY, "no body text", "没有正文"),
            (
                "sheet.pdf",
                b"%PDF-1.4",
                Refusal.NOT_ARTICLE,
                "not an article file (accepted: .md, .markdown, .txt, .html, .htm)",
                "不是文章文件（可接受 .md、.markdown、.txt、.html、.htm）",
            ),
        ],
    )
    def test_a_broken_file_is_refused_with_its_reason_and_nothing_written(
        self, folder, upload, data, code, en, zh
    ):
        result = add_article(folder, upload, data)
        assert (result.status, result.reason) == (REFUSED, code)
        assert reason(result.reason, "en", **result.details) == en
        assert reason(result.reason, "zh", **result.details) == zh
        assert len(list(folder.iterdir())) == 3

    def test_a_file_over_the_size_limit_is_refused(self):
        result = check_article("big.txt", "标题\n正文".encode() * 10, [], max_bytes=50)
        assert (result.status, result.reason, result.details) == (
            REFUSED,
            Reason.TOO_LARGE,
            {"size": 130, "limit": 50},
        )
        assert reason(result.reason, "en", **result.details) == "file is 130 bytes, over the 50 bytes limit"
        assert reason(result.reason, "zh", **result.details) == "文件大小为 130 字节，超过上限 50 字节"

    def test_an_article_whose_name_is_taken_gets_a_number(self, folder):
        other = NEW.replace("天承".encode(), "天成".encode())
        assert add_article(folder, "a.md", NEW).name == "2024-03-08-安宁-数字经济-发展观察.md"
        assert add_article(folder, "b.md", other).name == "2024-03-08-安宁-数字经济-发展观察-2.md"

    def test_a_date_in_the_upload_name_is_used_when_the_text_has_none(self, folder):
        result = add_article(
            folder, "2021-05-04-notes.txt", "江州数字经济观察\n加快建设江州智慧物流港。\n".encode()
        )
        assert result.name == "2021-05-04-江州数字经济观察.txt"

    def test_a_folder_that_cannot_be_written_raises(self, tmp_path):
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(OSError):
            add_article(blocker / "articles", "a.md", NEW)


class TestSession:
    def test_uploads_in_a_session_are_checked_against_the_folder_and_each_other(self, folder):
        existing, _ = read_files([folder])
        result = check_article("a.md", NEW, existing)
        kept = {result.name: result.data}
        assert check_article("b.md", NEW, [*existing, *session_articles(kept)]).status == DUPLICATE
        extraction = extract_paths([folder], extra=session_articles(kept))
        assert Path(result.name).stem in set(extraction.documents["document"])
        assert len(extraction.documents) == 4

    def test_with_a_session_an_upload_is_kept_there_and_the_folder_left_alone(self, folder):
        session: dict[str, bytes] = {}
        result = add_article(folder, "a.md", NEW, session=session)
        assert session == {result.name: NEW}
        assert add_article(folder, "b.md", NEW, session=session).status == DUPLICATE
        assert len(list(folder.iterdir())) == 3
        assert remove_article(folder, Path(result.name).stem, session=session) == result.name
        assert session == {}


class TestRemove:
    def test_removing_deletes_the_file(self, folder):
        assert remove_article(folder, "2023-02-15-article-0001") == "2023-02-15-article-0001.md"
        assert not (folder / "2023-02-15-article-0001.md").exists()
        assert len(extract_paths([folder]).documents) == 2

    @pytest.mark.parametrize("document", ["nope", "../articles", ""])
    def test_an_unknown_document_is_not_found(self, folder, document):
        with pytest.raises(FileNotFoundError):
            remove_article(folder, document)
        assert len(list(folder.iterdir())) == 3


class TestWritable:
    def test_a_folder_is_writable_unless_told_otherwise(self, folder, monkeypatch):
        assert writable(folder)
        monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
        assert not writable(folder)

    def test_a_folder_that_cannot_be_created_is_not_writable(self, tmp_path):
        (tmp_path / "file").write_text("x")
        assert not writable(tmp_path / "file" / "articles")

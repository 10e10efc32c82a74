from dashboard.pipeline.lexicon import load_lexicon, read_lexicon_files
from dashboard.store.lexicon_edits import (
    build_lexicon,
    edit_files,
    edit_sector_words,
    edit_word_list,
    preview,
    save_lexicon,
    split_words,
)

PARAGRAPH = "加快建设星河云脑算力港湾，推动制造业数字化。"


def test_word_list_edits_keep_comments_and_do_not_repeat():
    text = "# comment\n物联网\n云计算\n"
    assert edit_word_list(text, add=["云脑", "物联网"], remove=["云计算"]) == "# comment\n物联网\n云脑\n"


def test_sector_words_are_added_and_removed():
    files = read_lexicon_files()
    edited = build_lexicon(
        {
            **files,
            "sectors.yaml": edit_sector_words(
                files["sectors.yaml"], "services", add=["算力枢纽"], remove=["物流"]
            ),
        }
    )
    assert edited.sector_words["services"]["算力枢纽"] == 1
    assert "物流" not in edited.sector_words["services"]
    assert edited.version != load_lexicon().version


def test_a_new_domain_word_and_ending_change_segmentation_and_projects(without_name_model):
    """The grammar alone: what an edit of its endings changes, whatever the name tagger reads."""
    files = read_lexicon_files()
    before = preview(PARAGRAPH, load_lexicon())
    files["domain_words.txt"] = edit_word_list(files["domain_words.txt"], add=["算力港湾"])
    files["grammar.yaml"] = files["grammar.yaml"].replace(
        "  项目: [项目, 工程, 计划, 行动]", "  项目: [项目, 工程, 计划, 行动, 算力港湾]"
    )
    after = preview(PARAGRAPH, build_lexicon(files))
    assert "算力港湾" not in before.tokens and "算力港湾" in after.tokens
    assert not any(name.endswith("算力港湾") for name, _, _ in before.projects)
    assert ("星河云脑算力港湾", True) in [(name, named) for name, named, _ in after.projects]


def test_saving_writes_every_file(tmp_path):
    base = read_lexicon_files()
    files = {**base, "stopwords.txt": edit_word_list(base["stopwords.txt"], add=["看板"])}
    save_lexicon(files, tmp_path, base=base)
    assert "看板" in load_lexicon(tmp_path).stopwords
    assert read_lexicon_files(tmp_path) == files
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.rglob(".unfinished-*"))


def test_words_typed_in_a_box_are_split_on_spaces_commas_and_enumeration_commas():
    assert split_words(" 云脑、算力枢纽, 数据港，智算；\n") == ["云脑", "算力枢纽", "数据港", "智算"]


def test_editing_files_changes_one_list_and_nothing_else():
    files = read_lexicon_files()
    assert edit_files(files, "sectors", sector="services") == files
    domain = edit_files(files, "domain", add=["算力枢纽"])
    assert "算力枢纽" in build_lexicon(domain).domain_vocabulary
    assert {n for n in files if files[n] != domain[n]} == {"domain_words.txt"}
    stop = edit_files(files, "stopwords", add=["看板"])
    assert "看板" in build_lexicon(stop).stopwords
    sectors = edit_files(files, "sectors", add=["算力"], sector="agriculture", weight=3)
    assert build_lexicon(sectors).sector_words["agriculture"]["算力"] == 3


def test_a_diff_applied_to_the_original_gives_the_edited_lexicon():
    from dashboard.store.lexicon_edits import apply_edits, lexicon_diff

    before = read_lexicon_files()
    after = dict(before)
    after["domain_words.txt"] = edit_word_list(after["domain_words.txt"], add=["算力券"], remove=["物联网"])
    after["sectors.yaml"] = edit_sector_words(after["sectors.yaml"], "agriculture", add=["预制菜"])
    edits = lexicon_diff(before, after)
    assert edits == {
        "domain": {"added": ["算力券"], "removed": ["物联网"]},
        "agriculture": {"added": ["预制菜"], "removed": []},
    }
    assert build_lexicon(apply_edits(before, edits)).version == build_lexicon(after).version

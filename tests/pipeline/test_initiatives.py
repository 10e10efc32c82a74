def test_section_lead_ins_are_initiatives(seed_extraction):
    lead_ins = seed_extraction.initiatives.query("lead_in")
    pairs = set(zip(lead_ins["action"], lead_ins["object"], strict=True))
    assert {
        ("扩大", "数字产业规模"),
        ("发展", "数字产业龙头"),
        ("推进", "制造业数字化"),
        ("发展", "智慧农业"),
    } <= pairs
    assert set(lead_ins.query("object == '智慧农业'")["sector"]) == {"agriculture"}


def test_an_action_clause_lists_the_projects_it_involves(seed_extraction):
    row = seed_extraction.initiatives.query("action == '建设' and paragraph == 3").iloc[0]
    assert row["projects"][:3] == [
        "京东（梧州）数字经济产业园",
        "苍海数字经济产业园",
        "粤桂云数据中心",
    ]
    assert row["sector"] == "digital-industry" and row["pillar"] == "digital-industrialization"
    assert row["object"] in row["evidence"]


def test_a_clause_opened_by_a_preposition_finds_its_action(seed_extraction):
    row = seed_extraction.initiatives.query("object == '公共茶仓'").iloc[0]
    assert row["action"] == "建设"
    assert set(row["organizations"]) == {"广西国际茶业交易中心", "京东集团"}


def test_every_initiative_points_into_its_paragraph(seed_extraction):
    paragraphs = seed_extraction.paragraphs.set_index(["document", "paragraph"])["text"]
    for row in seed_extraction.initiatives.itertuples():
        clause = paragraphs[(row.document, row.paragraph)][row.start : row.end]
        assert row.action in clause and clause in row.evidence

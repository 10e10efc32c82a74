"""How names are found on published text: punctuation as web copies write it, category phrases,
units of a named centre, names joined by a dash, areas before a name, the sector of an object's own
type. Invented sentences of the genre; no name of any real article."""

import re

import pytest
from conftest import GOLD_ARTICLES

from dashboard import extract_documents, parse_document
from dashboard.pipeline.read import full_width_punctuation, read_document

HALF_WIDTH = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";", "！": "!", "？": "?"})


def projects(*paragraphs: str) -> dict[str, tuple[str, bool]]:
    document = parse_document("标题\n" + "\n".join(paragraphs), doc_id="t", suffix=".txt")
    table = extract_documents([document]).projects
    return {n: (s, bool(k)) for n, s, k in zip(table["name"], table["sector"], table["named"], strict=True)}


@pytest.mark.parametrize("path", GOLD_ARTICLES, ids=lambda p: p.stem)
def test_half_width_punctuation_gives_what_full_width_gives(path):
    full = read_document(path)
    text = path.read_text(encoding="utf-8")
    half = parse_document(text.translate(HALF_WIDTH), doc_id=full.id, suffix=path.suffix)
    assert [p.text for p in half.paragraphs] == [p.text for p in full.paragraphs]
    one, other = extract_documents([full]).projects, extract_documents([half]).projects
    assert one[["name", "sector", "named"]].equals(other[["name", "sector", "named"]])


def test_numbers_times_and_latin_keep_their_punctuation():
    assert full_width_punctuation("2023年产值1,200亿元,会期10:30开始,增长3.5%") == (
        "2023年产值1,200亿元，会期10:30开始，增长3.5%"
    )


def test_category_phrases_ending_in_project_are_not_listed():
    found = projects("江州市今年推进重点项目20个，建设项目进展顺利，这些项目全部开工。")
    assert not [n for n in found if re.search(r"项目$", n)]
    assert "云岭2×100万千瓦调峰电站项目" in projects("开工建设云岭2×100万千瓦调峰电站项目。")


def test_a_unit_of_a_named_centre_is_one_project():
    found = projects("江州大数据交易中心云岭分中心正式揭牌。")
    assert list(found) == ["江州大数据交易中心云岭分中心"]


def test_a_dash_joins_two_names_and_a_double_dash_does_not():
    assert "中国—东盟数字合作平台" in projects("中国—东盟数字合作平台在江州上线。")
    assert "云岭数字合作平台" in projects("数实融合——云岭数字合作平台在江州上线。")


def test_an_area_before_a_name_is_not_part_of_it():
    found = projects("江州县建成3.5万亩云岭智慧茶园示范基地。")
    assert "云岭智慧茶园示范基地" in found and not any(n.startswith("3.5") for n in found)


def test_an_objects_own_type_outweighs_the_passage_around_it():
    found = projects("制造业数字化转型加快。江州市推动工业企业上云，建设智能工厂，江州云岭数据中心投入运营。")
    assert found["江州云岭数据中心"][0] == "digital-industry"
    assert found["江州云岭数据中心"][1]


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("江州打造“云岭数谷”，集聚软件企业。", "云岭数谷"),
        ("江州国家级互联网骨干直联点正式开通。", "江州国家级互联网骨干直联点"),
        ("江州市电子信息产业集群产值突破千亿。", "江州市电子信息产业集群"),
        ("江州云岭实验室揭牌成立。", "江州云岭实验室"),
        ("江州数字文化博物馆正式开馆。", "江州数字文化博物馆"),
        ("茶农点开“云岭白茶产业大脑”查看行情。", "云岭白茶产业大脑"),
        ("江州滨江数字化转型示范带初具规模。", "江州滨江数字化转型示范带"),
        ("云岭大数据产业聚集区加快建设。", "云岭大数据产业聚集区"),
        ("江州国家网络直连节点获批。", "江州国家网络直连节点"),
        ("游客从青峰南湖夜市走到临川老街，再参观云岭城市规划馆。", "青峰南湖夜市"),
        ("游客从青峰南湖夜市走到临川老街，再参观云岭城市规划馆。", "临川老街"),
        ("游客从青峰南湖夜市走到临川老街，再参观云岭城市规划馆。", "云岭城市规划馆"),
        ("江州配套建设云岭星空营地和临川遗址公园。", "云岭星空营地"),
        ("江州配套建设云岭星空营地和临川遗址公园。", "临川遗址公园"),
    ],
)
def test_heads_of_published_texts_are_known(sentence, name):
    assert name in projects(sentence)


def test_quoted_names_before_a_head_are_whole_and_share_it():
    found = projects("江州市实施“云岭攀登”和“青峰领航”计划，开展“百千万”工程，推进“智慧江河”系统建设。")
    for name in ("云岭攀登计划", "青峰领航计划", "百千万工程", "智慧江河系统"):
        assert found[name][1] is True, name


def test_a_name_that_starts_inside_a_quote_starts_at_the_quote():
    """A word inside the quote (在, 有, 畅游) would stop a walk or cut the tagger's name there."""
    found = projects(
        "项目总投资3亿元，分为“我在云岭有块田”智慧数字农场和“我在云岭有个家”民俗文化体验中心两个部分。",
        "市文旅局上线了“畅游青峰”APP平台，游客可一键预约。",
    )
    for name in ("我在云岭有块田智慧数字农场", "我在云岭有个家民俗文化体验中心", "畅游青峰APP平台"):
        assert found[name][1] is True, name
    assert not any(name.startswith(("云岭有", "青峰APP")) for name in found)


@pytest.mark.parametrize(
    ("sentence", "name", "number"),
    [
        ("江州市高级别自动驾驶示范区3.0是临川经开区的重点任务。", "江州市高级别自动驾驶示范区3.0", None),
        ("江州产业园2.5万亩土地平整完成，青峰产业园1.0%的用地已出让。", "江州产业园", "江州产业园2.5"),
    ],
)
def test_a_version_after_a_name_is_part_of_it_and_a_quantity_is_not(sentence, name, number):
    found = projects(sentence)
    assert name in found
    assert number not in found
    assert "青峰产业园1.0" not in found


def test_a_visit_opens_no_name():
    """Who visits and the verb of the visit are not part of the name visited (jieba tags 参观 a noun)."""
    found = projects("张三参观江州云岭数据中心。游客再参观临川城市规划馆，随后前往青峰智慧农场。")
    assert {"江州云岭数据中心", "临川城市规划馆", "青峰智慧农场"} <= set(found)
    assert not any(word in name for name in found for word in ("张三", "参观", "游客", "前往"))


def test_system_and_network_make_a_project_only_after_a_quoted_name():
    found = projects("江州市新建地埋式喷灌系统和自动控制系统。")
    assert not [n for n in found if n.endswith("系统")]


def test_quoted_instances_of_a_category_are_projects_of_its_sector():
    found = projects("江州县创建“云岭优品馆”“青峰e购”等电商平台，农产品线上销售。")
    assert found["云岭优品馆"] == ("services", True)
    assert found["青峰e购"] == ("services", True)


def test_an_institute_is_a_project_where_the_clause_reports_its_founding():
    founded = projects("江州市正积极筹建“江州数字产业研究院”，完善服务体系。")
    assert "江州数字产业研究院" in founded
    acting = projects("江州数字产业研究院发布了年度报告。")
    assert "江州数字产业研究院" not in acting


def test_a_compass_region_stands_inside_a_name():
    assert "西部云基地" in projects("江州市建设西部云基地。")


def test_what_leads_a_place_before_a_quoted_name_leads_the_name():
    found = projects("江州市与青峰能建签约。青峰能建云岭江州“数算一体”智慧零碳产业园开工。")
    assert "青峰能建云岭江州数算一体智慧零碳产业园" in found


def test_names_do_not_start_with_adverbs_or_cross_another_works_head():
    found = projects("江州市不少博物馆开放夜场。记者来到省级重点项目江州数字经济产业园。")
    assert "博物馆" not in found and "不少博物馆" not in found
    assert "江州数字经济产业园" in found
    assert not [n for n in found if "项目" in n]


def test_a_rare_verb_that_opens_an_item_of_a_list_is_the_names_first_word():
    """jieba calls 大成 a verb: after 、 it opens the item's name; an everyday verb there (打造) is
    still the action, not part of the name."""
    found = projects(
        "江州建成云岭数据中心、大成智能产业园和青峰农业基地。临川将建设云岭园区、打造青峰智能产业园。"
    )
    assert {"大成智能产业园", "青峰智能产业园"} <= set(found)
    assert "智能产业园" not in found and not [n for n in found if "打造" in n]


def test_a_verb_after_a_word_of_the_genre_says_what_the_named_thing_does():
    """算力集成, 智慧停车: a verb less frequent than an everyday one, after a word of the genre's
    vocabulary, stands inside the name; after a person or a place it is the clause's verb."""
    found = projects(
        "江州市建成算力集成调度平台，临川区上线智慧停车监管平台。",
        "记者获悉临川人工智能产业园已经投入使用。江州市跻身国家大数据综合试验区。临川区挂牌云岭大数据产业园。",
    )
    assert {"算力集成调度平台", "智慧停车监管平台"} <= set(found)
    assert "调度平台" not in found and "监管平台" not in found
    assert {"临川人工智能产业园", "国家大数据综合试验区", "云岭大数据产业园"} <= set(found)
    assert not [n for n in found if re.search("获悉|跻身|挂牌", n)]
    # after a word that ends a name, the verb opens the clause about that name
    found = projects("江州市大数据中心开通数据共享交换平台。鸿途集团下属数字科技产业园正式开园。")
    assert {"江州市大数据中心", "数据共享交换平台", "数字科技产业园"} <= set(found)
    assert not [n for n in found if re.search("开通|下属", n)]


def test_a_word_that_opens_the_clause_is_no_part_of_the_name_after_it():
    """像 (like) and 除 (apart from) open a clause; the name is what follows them."""
    found = projects(
        "有的集聚区已具备基础，像江州新能源汽车产业集聚区，产业规模接近千亿元。",
        "除云岭银行金融科技中心外，临川数据中心也已投用。",
    )
    assert {"江州新能源汽车产业集聚区", "云岭银行金融科技中心", "临川数据中心"} <= set(found)
    assert not [n for n in found if n[0] in "像除"]


def test_a_determiner_is_no_part_of_a_category():
    """主要 and 相关 say which of a category, not what: 主要产业园区 is the category 产业园区, which
    alone is no entry; 相关数据平台 is 数据平台."""
    found = projects("千兆光网覆盖主要产业园区。江州市建设相关数据平台。")
    assert "主要产业园区" not in found and "相关数据平台" not in found
    assert found["数据平台"][1] is False


def test_a_plans_listed_programmes_are_named_projects_action_words_and_all():
    found = projects(
        "未来三年，江州市将实施云岭网络推进工程、一体化算力中心打造工程、数字民生提升工程等三个重点工程。"
    )
    for name in ("云岭网络推进工程", "一体化算力中心打造工程", "数字民生提升工程"):
        assert found[name][1] is True, name
    assert "一体化算力中心" not in found


def test_a_programme_launched_alone_in_its_clause_is_named_whole():
    found = projects("实施园区数据服务提质行动。开展企业上云攻坚行动，实施强链行动，推进3个示范工程。")
    assert found["园区数据服务提质行动"][1] is True
    assert found["企业上云攻坚行动"][1] is True
    assert "提质行动" not in found and "攻坚行动" not in found
    assert not any(named for name, (_, named) in found.items() if "3个" in name)


def test_items_listed_with_deng_before_a_head_each_take_it():
    found = projects("推进江州云帆、临川星河等算力中心建设。引进5G、大数据等产业园。")
    assert found["江州云帆算力中心"] == ("digital-industry", True)
    assert found["临川星河算力中心"] == ("digital-industry", True)
    assert not any(named for name, (_, named) in found.items() if name.endswith("产业园"))


def test_an_item_listed_with_deng_that_ends_in_its_own_head_is_named_whole():
    found = projects("在江州湖风景区、临川云顶等景区举办赛事。推进江州大数据中心、临川云帆等算力中心建设。")
    assert {"江州湖风景区", "临川云顶景区", "江州大数据中心", "临川云帆算力中心"} <= found.keys()
    assert not any(name.endswith(("风景区景区", "数据中心算力中心")) for name in found)


def test_places_industries_listed_before_an_industry_cluster_each_take_it():
    found = projects("提升江州光伏新材料、临川智能装备等产业集群能级。壮大5G、人工智能等产业集群。")
    assert found["江州光伏新材料产业集群"][1] is True
    assert found["临川智能装备产业集群"][1] is True
    assert not any(named for name, (_, named) in found.items() if name.startswith(("5G", "人工智能")))
    category = projects("集中开工云岭科技、青峰电器等重点项目。")  # instances of a category
    assert not any(name.endswith("重点项目") and name != "重点项目" for name in category)


def test_a_quoted_title_ending_in_a_head_is_the_whole_name():
    found = projects(
        "江州机床公司的“基于数字孪生的精密机床智能工厂”、临川电器“数据驱动的空调智能工厂”入选，"
        "被称为“世界上最先进的工厂”。江州“一区四园”建设加快。"
    )
    assert found["基于数字孪生的精密机床智能工厂"] == ("manufacturing", True)
    # with or without the maker's name before it (GUIDE.md: an organization prefix belongs to a name)
    assert (found.get("数据驱动的空调智能工厂") or found.get("临川电器数据驱动的空调智能工厂")) == (
        "manufacturing",
        True,
    )
    assert not any("最先进" in name or "一区四园" in name for name in found)


def test_digital_and_a_place_that_is_built_is_a_programme():
    found = projects("青阳市印发《2024年数字青阳建设工作要点》，推进数字临川建设，争创数字强市建设标杆。")
    assert found["数字青阳"][1] is True
    assert found["数字临川"][1] is True
    assert "数字强市" not in found
    # 智慧 and 数智 too, and the building said before the place (打造更高水平的…, 加快建设…)
    more = projects("青阳市加快建设智慧青阳，临川县打造更高水平数智临川，推进数字乡村和数字经济发展。")
    assert {"智慧青阳", "数智临川"} <= set(more)
    assert not {"数字乡村", "数字经济"} & set(more)


def test_a_name_after_a_quoted_project_and_he_starts_after_he():
    found = projects("作为“江州大数据产业聚集区”和国家数字经济创新试验区的组成部分。")
    assert "国家数字经济创新试验区" in found
    assert not any("和国家" in name for name in found)


def test_an_items_number_is_not_part_of_its_name():
    found = projects(
        "新增产业集群名单",
        "1.云岭电子信息产业集群",
        "2.临川智能装备产业集群",
        "江州建成1.5万亩智慧茶园示范基地。",
    )
    assert found["云岭电子信息产业集群"][1] is True
    assert found["临川智能装备产业集群"][1] is True
    assert not any(name[0].isdigit() and name[1] == "." for name in found)


def test_an_everyday_verb_before_a_place_is_not_part_of_a_name():
    found = projects("来杨凌智慧农业示范园参观的游客络绎不绝。")
    assert "杨凌智慧农业示范园" in found and not any(name.startswith("来") for name in found)


def test_a_project_followed_by_xiangmu_is_named_without_it():
    found = projects("江州市签署青峰大数据交易中心云岭分中心项目，启动“百馆之城”项目。")
    assert "青峰大数据交易中心云岭分中心" in found and "百馆之城" in found
    assert not [n for n in found if n.endswith("项目")]


def test_a_designation_verb_ends_the_name_before_it():
    found = projects("江州云岭产业园获评省级示范产业基地。")
    assert "江州云岭产业园" in found
    assert not [n for n in found if "获评" in n]


def test_venues_of_a_tourism_story_are_projects():
    found = projects("游客可以走进江州古城历史文化街区，在青峰书场听评书，到云岭剧场看演出。")
    assert {"江州古城历史文化街区", "青峰书场", "云岭剧场"} <= set(found)


def test_items_counted_before_a_shared_head_each_take_it():
    found = projects("江州市将建成云岭算力示范、青峰数据标注、国家级数据流通培育“三大基地”，全力推进建设。")
    for name in ("云岭算力示范基地", "青峰数据标注基地", "国家级数据流通培育基地"):
        assert found[name][1] is True, name
    digits = projects("启动江州云帆、临川星河、青峰智算3个算力重点项目。")
    assert {"江州云帆算力重点项目", "临川星河算力重点项目", "青峰智算算力重点项目"} <= set(digits)
    summary = projects("江州市现有云岭数据基地、青峰数据基地两个数据基地。")
    assert set(summary) == {"云岭数据基地", "青峰数据基地"}


def test_programmes_counted_after_their_list_keep_their_own_verbs():
    found = projects("江州市开展算力设施提质升级、数据流通利用、网络和数据安全护航三大行动，到2026年底见效。")
    assert {"算力设施提质升级行动", "数据流通利用行动", "网络和数据安全护航行动"} <= set(found)
    assert "开展算力设施提质升级行动" not in found
    # the areas a programme covers are not its names: 从甲、乙方面实施 … 行动
    areas = projects("江州市从科技创新、产业数字化和数字产业化方面实施三项行动。")
    assert not {"科技创新行动", "产业数字化行动", "数字产业化行动"} & set(areas)


def test_a_function_word_opening_the_clause_is_not_part_of_a_name():
    found = projects(
        "江州市建成政务数据共享交换平台，上连国家数据共享交换平台，下连各区县。",
        "而临川智能制造示范工厂聚焦装备制造，据青峰县大数据中心介绍，设备已经上线。",
        "签约仪式暨云岭数据产业园开园活动在江州举行。",
    )
    assert {"国家数据共享交换平台", "临川智能制造示范工厂", "青峰县大数据中心", "云岭数据产业园"} <= set(
        found
    )
    assert not [n for n in found if n[0] in "连而据" or "暨" in n]


def places(*paragraphs: str) -> set[str]:
    document = parse_document("标题\n" + "\n".join(paragraphs), doc_id="t", suffix=".txt")
    return set(extract_documents([document]).places["name"])


def test_a_province_or_a_city_written_bare_is_the_division():
    assert {"合肥市", "宁夏回族自治区", "延边朝鲜族自治州"} <= places(
        "合肥与宁夏、延边签署数字经济合作协议，共建算力中心。"
    )
    found = projects("银川大数据产业园开园以来，入驻企业超过百家。")
    assert found["银川大数据产业园"][1] is True  # a city's name makes the park a named one
    # a county's or district's bare name is an everyday word first (新建区, 古城区, 滨海县, 灯塔市)
    assert not places("江州市新建古城智慧景区，滨海新城推广灯塔工厂经验。") & {
        "新建区",
        "古城区",
        "滨海县",
        "灯塔市",
    }


def test_works_listed_before_deng_xiangmu_are_named_in_full():
    found = projects("青峰城际铁路、云岭大道改造、临川机场改扩建等项目建成运营。")
    assert {"青峰城际铁路", "云岭大道改造", "临川机场改扩建"} <= set(found)
    assert not [n for n in found if n.endswith("项目")]
    heavy = projects("开工建设江州大道改造、青峰污水处理厂扩建等重大项目。")
    assert {"江州大道改造", "青峰污水处理厂扩建"} <= set(heavy)
    # companies before 等重点项目 are not the works' names
    firms = projects("江州集群已集聚华为、抖音、三大运营商等重点项目。")
    assert not {"华为", "抖音", "三大运营商"} & set(firms)


def test_a_verb_or_a_preposition_before_a_place_is_not_part_of_its_name():
    found = projects("这标志着合肥高新区迈入新阶段，距青峰古镇景区仅几公里，比传统果园增产两成。")
    assert "合肥高新区" in found
    assert not [n for n in found if n[0] in "标距比"]
    outlined = projects("一幅图景勾勒出江州数字农业集聚区的发展蓝图。")
    assert "江州数字农业集聚区" in outlined and not [n for n in outlined if "勾勒" in n]
    assert {"数字鄂尔多斯", "数字辽宁"} <= set(projects("将建设数字鄂尔多斯，加快数字辽宁、智造强省建设。"))


def test_energy_and_transport_works_of_a_signing_list_have_no_digital_sector():
    found = projects(
        "推进数字产业化。江州市集中签约青峰风电项目、云岭光伏发电项目和江州云谷数据中心，",
        "临川城际铁路、江州机场改扩建等项目同步开工。",
    )
    for name in ("青峰风电项目", "云岭光伏发电项目", "临川城际铁路"):
        assert found[name][0] == "unclassified", name
    # an airport may serve: the development gold gives some airports services (甲国际机场)
    assert found["江州机场改扩建"][0] in ("unclassified", "services")
    assert found["江州云谷数据中心"][0] == "digital-industry"


def test_no_name_ends_inside_a_bracket_or_starts_after_one_it_did_not_open():
    found = projects(
        "项目在江州经济技术开发区(以下简称江州开发区)青峰工业园区开工，推进省级智能制造示范企业（示范车间）建设。",
        "云岭国际医院(中国—东盟医药信息交流平台)、青峰新媒体中心等项目加紧建设。",
    )
    assert "青峰工业园区" in found
    for name in found:
        assert name.count("（") == name.count("）"), name
        assert not re.search(r"^[^（]*）", name), name


def test_a_designation_reaches_back_to_its_rank_over_its_titles_verbs():
    found = projects("江州市获批国家级知识产权强国建设示范园区，青峰县创建国家职业教育虚拟仿真示范实训基地。")
    assert found["国家级知识产权强国建设示范园区"][1] is True
    assert "国家职业教育虚拟仿真示范实训基地" in found
    assert not {"示范园区", "示范实训基地"} & set(found)
    assert "全国推广建设智慧农场" not in projects("这一模式将在全国推广建设智慧农场。")


def test_titled_shows_and_exhibitions_are_services_projects():
    found = projects(
        "云岭古城推出沉浸式戏剧“青峰夜话”，设有数字艺术展“江州——光的旅程”，",
        "大型实景演出《云岭长歌》吸引游客，广场上演“星河”大墙投影秀。",
    )
    for name in ("青峰夜话", "江州——光的旅程", "云岭长歌", "星河大墙投影秀"):
        assert found[name] == ("services", True), name
    assert not projects("他说起《江州市数字经济发展规划》的要点。")


def test_a_quoted_name_with_a_place_that_is_built_is_a_programme():
    found = projects("江州市围绕“数字江州”建设出台政策，推进“实景三维云岭”“透视云岭”建设。")
    assert {"数字江州", "实景三维云岭", "透视云岭"} <= set(found)
    assert not projects("江州市加强“智慧城市”建设。")


def test_a_bracket_saying_which_site_closes_the_name():
    found = projects("江州电信云岭数据中心（青峰园区）正式开服，江州大数据交易中心（简称“江数所”）揭牌。")
    assert "江州电信云岭数据中心（青峰园区）" in found and "江州大数据交易中心" in found
    assert "江州软件园" in projects("江州软件园（2021-2025年）建设规划发布。")


def test_names_do_not_hold_a_time_phrase_an_event_or_a_lists_etc():
    found = projects(
        "2022年江州新区产值增长，青峰数字经济大会暨2023年一季度重大项目集中签约。",
        "推进云岭科技产业城等项目建设，青峰电子等外资智能工厂投产，游客前来查看大棚。",
    )
    assert "江州新区" in found
    assert not [n for n in found if re.search(r"\d|等|大会|查看", n)], found
    assert "青峰工业互联网大会会议中心" in projects("建设青峰工业互联网大会会议中心。")


def test_parks_hubs_and_public_works_of_city_news_are_projects():
    found = projects(
        "青峰镇云岭葡萄园引入智能灌溉，江州大学创新港揭牌，全国一体化算力网络国家枢纽节点落户云岭。",
        "江州市综合医院二期开工，云岭新城综合医院同期建设，二级以上医院实现数据互通。",
    )
    assert {"青峰镇云岭葡萄园", "江州大学创新港", "全国一体化算力网络国家枢纽节点"} <= set(found), found
    assert found["全国一体化算力网络国家枢纽节点"][0] == "digital-industry"
    assert any(n.startswith("江州市综合医院") for n in found)  # its phase (二期) is the name model's call
    assert not [n for n in found if n.startswith("二级")]
    assert "江州市人民医院" not in projects("江州市人民医院与云岭公司签约。")
    more = projects("建成电子政务云、云岭旅游云，获批数字货币应用试点城市，建设青峰文化体验区和张家大院。")
    assert {"云岭旅游云", "数字货币应用试点城市", "青峰文化体验区", "张家大院"} <= set(more), more


def test_a_verb_of_the_generic_vocabulary_before_a_proper_name_is_not_part_of_it():
    found = projects("江州市建成并运营云岭数据中心，运营好青峰博物馆。")
    assert {"云岭数据中心", "青峰博物馆"} <= set(found), found
    assert "运营管理中心" in projects("江州市建设运营管理中心。")


def test_a_titled_show_is_found_once_in_its_own_sentence():
    document = parse_document(
        "标题\n云岭古城推出沉浸式戏剧“青峰夜话”。游客络绎不绝，推进“数字江州”建设。夜游人数增长。\n",
        doc_id="t",
        suffix=".txt",
    )
    table = extract_documents([document]).projects.set_index("name")
    assert table.loc["青峰夜话", "mentions"] == 1
    assert table.loc["青峰夜话", "evidence"] == "云岭古城推出沉浸式戏剧“青峰夜话”。"
    assert table.loc["数字江州", "mentions"] == 1 and table.loc["数字江州", "evidence"].startswith("游客")

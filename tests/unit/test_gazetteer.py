"""The gazetteer: every province named before 2025 with the province it became in the 2025 merger, national
bodies as places an article may be about, and names that cannot be a place refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.knowledge import PLACES_FILE, KnowledgeError, load_knowledge, place_name_problem

# The 34 provinces and centrally-run cities since 1/7/2025 (Nghị quyết 202/2025/QH15), as the gazetteer names them.
SINCE_2025 = {"Hà Nội", "Thừa Thiên Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
              "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
              "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
              "Lâm Đồng", "Đắk Lắk", "TP Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp",
              "Cà Mau", "An Giang"}


def test_the_63_provinces_map_onto_the_34_of_the_2025_merger(engine):
    provinces = [p for p in engine.kb.places if p.kind == "province"]
    assert len(provinces) == 63
    became = {p.name: p.merged_into or p.name for p in provinces}
    assert set(became.values()) == SINCE_2025
    assert became["Hải Dương"] == "Hải Phòng" and became["Bình Dương"] == "TP Hồ Chí Minh"
    assert became["Bắc Kạn"] == "Thái Nguyên" and became["Quảng Nam"] == "Đà Nẵng"
    assert sum(1 for p in provinces if p.merged_into is None) == 34


def test_ministries_and_national_bodies_are_places_an_article_may_be_about(engine):
    national = {p.name for p in engine.kb.places if p.national}
    assert {"Bộ Y tế", "Bộ Nội vụ", "Bộ Tài chính", "Kiểm toán Nhà nước", "Thanh tra Chính phủ",
            "Ngân hàng Nhà nước"} <= national
    assert "Sở Nội vụ" not in national  # an office every province has is no article's place
    assert "Bộ Y tế" in engine.analyse("BYT giảm bao nhiêu lãnh đạo?").places


def test_a_name_run_together_is_read_typed_with_its_tones_too(engine):
    for said, place in (("sở khcn lạngsơn có bao nhiêu người", "Lạng Sơn"), ("đôngtriều có mấy trí thức", "Đông Triều")):
        assert place in engine.analyse(said).places
    assert not engine.analyse("gấp mấy lần, mình hay lẫn").places


def test_an_office_is_read_by_the_initials_it_is_written_with(engine):
    labour = "Sở Lao động - Thương binh và Xã hội"
    for said in ("Sở LĐ-TB&XH Hải Dương có mấy phòng?", "sở lđtb&xh hải dương có mấy phòng", "so ldtbxh hai duong"):
        analysis = engine.analyse(said)
        assert labour in analysis.places and "lanh" not in analysis.tokens  # "LĐ" is no "lãnh đạo" here
    assert "Bộ Nội vụ" in engine.analyse("bộ nv đề nghị thu hồi bao nhiêu quyết định").places  # not "bộ nhiệm vụ"


@pytest.mark.parametrize("entry, said", [
    ("  - {name: Đông Triều, parent: Hải Dương}\n", "listed twice"),
    ("  - {name: công chức}\n", "not a place name"),
    ('  - {name: "Thạch\\nAn", parent: Cao Bằng}\n', "one line"),
])
def test_a_duplicate_a_common_noun_or_a_name_on_two_lines_is_refused(knowledge_copy: Path, entry: str, said: str):
    places = knowledge_copy / PLACES_FILE
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("districts:\n", "districts:\n" + entry, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    assert any(said in str(p) for p in error.value.problems), error.value.problems


def test_a_merged_province_must_point_at_one_of_the_34(knowledge_copy: Path):
    places = knowledge_copy / PLACES_FILE
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("merged_into: Hải Phòng}", "merged_into: Bắc Kạn}", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    assert any("merged_into 'Bắc Kạn'" in str(p) for p in error.value.problems)


@pytest.mark.parametrize("name, ok", [("Thạch An", True), ("Bộ Lao động - Thương binh và Xã hội", True),
                                      ("công chức", False), ("Thạch\nAn", False), ("", False)])
def test_place_names(name: str, ok: bool):
    assert (place_name_problem(name) == "") is ok


def test_a_province_s_abbreviation_after_a_district_named_by_its_kind_is_the_province(engine):
    # "q. long biên hn": a district the gazetteer lacks, then the province it is in
    assert engine.analyse("q. long biên hn hiện có bn cb ko chuyên trách").places == {"Hà Nội"}
    assert engine.analyse("huyện Cẩm Xuyên ls có mấy người").places == {"Lạng Sơn"}
    assert not engine.analyse("quận có bao nhiêu hd").places  # "hướng dẫn", no district's name before it


def test_a_word_ending_a_compound_before_a_place_is_no_administrative_prefix(engine):
    # "hải quan" (customs), "cơ quan" (an agency): their "quan" is no "quận" of the place after it
    for typed in ("hải quan Lạng Sơn", "Hai quan Lang Son", "cơ quan Lạng Sơn"):
        read = engine.analyse(typed)
        assert read.places == frozenset({"Lạng Sơn"}) and "quan" in read.tokens, typed
    # (the prefix is still taken where it is one)
    assert not {"thi", "xa", "quan"} & set(engine.analyse("thị xã Đông Triều, quận Lạng Sơn").tokens)

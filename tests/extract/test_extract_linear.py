"""Cost of extraction against article length: the position helpers, and a long article read in
time proportional to its length (issue 25: 32 KB took 30 s, quadratically)."""

from __future__ import annotations

import time

from kg.extract.pipeline import extract_text
from kg.extract.spans import ByPosition, Coverage, sentence_at
from kg.extract.text import split_sentences

ARTICLE = (
    "Ngày 15/3/2023, tại huyện Đô Lương (Nghệ An), huyện Đô Lương và huyện Hòa Vang (Đà Nẵng) đã tổ "
    "chức lễ ký kết chương trình kết nghĩa giai đoạn 2023 - 2028.\nTham dự buổi lễ có ông Trần Văn Minh "
    "- Bí thư Huyện ủy Đô Lương và bà Phạm Thị Lan, Phó Chủ tịch UBND huyện Hòa Vang.\nDịp này, huyện "
    "Hòa Vang trao tặng huyện Đô Lương 500 triệu đồng để hỗ trợ xây dựng nhà đại đoàn kết.\nThực hiện "
    "Chỉ thị số 07-CT/TU ngày 10/1/2023 của Ban Thường vụ Tỉnh ủy Nghệ An, hai huyện tổ chức cuộc thi.\n"
)


def test_coverage_answers_like_a_scan_of_the_spans():
    spans = [(3, 7), (10, 11), (20, 30)]
    cover = Coverage(40, spans)
    for pos in range(40):
        assert cover.covers(pos) == any(a <= pos < b for a, b in spans)
    for a in range(35):
        for b in range(a + 1, 40):
            assert cover.overlaps(a, b) == any(a < y and x < b for x, y in spans), (a, b)


def test_sentence_at_and_by_position_find_what_a_scan_finds():
    sentences = split_sentences(ARTICLE)
    for pos in range(len(ARTICLE)):
        assert sentence_at(sentences, pos) is next((s for s in sentences if s.start <= pos < s.end), None)
    items = [(5, "a"), (1, "b"), (9, "c"), (5, "d")]
    index = ByPosition(items, key=lambda i: i[0])
    assert index.between(5, 9) == [(5, "a"), (5, "d")]
    assert index.between(0, 100) == [(1, "b"), (5, "a"), (5, "d"), (9, "c")]
    assert index.first_in(6, 9) is None


def _cpu(text: str) -> float:
    start = time.process_time()
    result = extract_text(text)
    result.draft(validate=False)
    return time.process_time() - start


def test_32_times_the_text_costs_far_less_than_1024_times():
    extract_text(ARTICLE)  # the gazetteer lexicon is built once per process
    small, large = ARTICLE * 20, ARTICLE * 640
    result = extract_text(large)
    assert len(result.twinnings) == 1 and len(result.sentences) == 4 * 640  # all of it was read
    ratio = _cpu(large) / max(_cpu(small), 0.05)
    # Linear is ~32× (28× measured); quadratic 1024×. Loose, for a shared machine.
    assert ratio < 80, f"32× the text cost {ratio:.0f}× the time"

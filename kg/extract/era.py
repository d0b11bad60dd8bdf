"""The era of an article's units: before the 2025 reform (pre2025) or after it (2025), from its
publication date, the dates it states or the way it speaks of the reform."""

from __future__ import annotations

import re

from kg.extract.text import Note
from kg.iris import ERA_2025, ERA_PRE2025

_POST_REFORM = re.compile(
    r"chính quyền (?:địa phương )?(?:2|hai) cấp|sau (?:khi )?(?:sáp nhập|hợp nhất)|\(cũ\)|"
    r"từ ngày 1/7/2025|deux niveaux|two-level (?:local )?government",
    re.I,
)


def article_era(text: str, dates, published) -> tuple[str, str]:
    """pre2025 unless the article is dated from 1 July 2025 on, states such a date, or speaks
    of the post-reform structure. Returns (era, why)."""
    import datetime as dt

    reform = dt.date(2025, 7, 1)
    # A date from July 2025 on, at any precision: "8/8/2025", "tháng 9/2025", "2026".
    if published is not None:
        why = Note(f"published {published}", f"đăng ngày {published}")
        return (ERA_2025, why) if published >= reform else (ERA_PRE2025, why)
    late = [
        d
        for d in dates
        if not d.relative
        and not d.year_from_context
        and d.year
        and d.lexical[: len("2025-07")] >= "2025-07"
        and (d.datatype != "gYear" or d.year >= 2026)
    ]
    if late:
        return ERA_2025, Note(f"the article states the date {late[0].text!r}", f"bài nêu ngày {late[0].text!r}")
    marker = _POST_REFORM.search(text)
    if marker:
        return ERA_2025, Note(
            f"the article speaks of the reform ({marker.group()!r})", f"bài nói đến cuộc sắp xếp ({marker.group()!r})"
        )
    return ERA_PRE2025, UNDATED


UNDATED = Note(
    "no date from 1 July 2025 on and no mention of the reform",
    "không có ngày nào từ 1/7/2025 trở đi và không nhắc đến cuộc sắp xếp",
)

"""Events: ceremonies, working visits, contests, conferences, construction works, survey trips.

One event per kind per sentence. A mention is a new event when it has a date of its own or is
introduced as one ("tổ chức cuộc thi", "diễn ra lễ ký kết", "a eu lieu"); otherwise it refers to
the latest event of its kind ("Tham dự lễ ký kết", "Tại hội nghị"). Two mentions of one kind on
the same date are one event. An event the article places only relatively ("buổi lễ kết nghĩa
... cách đây 54 năm") is left to the twinning it dates. Figures in the sentence (7.597 bài dự
thi, 34 em) become its kn:figure; "tại X" its place; "do ông X" its leader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.amounts import QuantityMention
from kg.extract.carried_dates import carried_day
from kg.extract.dates import DAYS, DateMention
from kg.extract.spans import ByPosition
from kg.extract.text import Sentence

TYPES = [
    ("ceremony", r"lễ ký kết|lễ kết nghĩa|lễ kỷ niệm|buổi lễ|lễ trao|cérémonie|(?:signing |anniversary )?ceremony"),
    (
        "working-visit",
        r"đoàn công tác|thăm và làm việc|thăm,? làm việc|đến làm việc|délégation de travail"
        r"|visite de travail|a visité et travaillé|working visit|working delegation",
    ),
    ("contest", r"cuộc thi|hội thi|thi vẽ tranh|thi tìm hiểu|concours|contest|competition"),
    ("conference", r"(?<!Đại )hội nghị|hội thảo|conférence|conference"),
    ("construction-work", r"khởi công|khánh thành|xây dựng công viên|công trình|inauguration"),
    ("survey-trip", r"chuyến khảo sát|đợt khảo sát|survey trip|mission de prospection"),
]
_TRIGGERS = [(kind, re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.I)) for kind, pattern in TYPES]
# "ký kết ... vào ngày 12/8": a signing on a stated day is a ceremony even without "lễ".
_SIGNING_ON_DAY = re.compile(r"\bký kết\b|\bsigned\b|\bsigné", re.I)
_INTRODUCED = re.compile(r"(?:tổ chức|diễn ra|khởi công|organisé|a eu lieu|held|organi[sz]ed)\s+(?:\S+\s+){0,2}$", re.I)
_INTRODUCED_AFTER = re.compile(r"^\s*(?:\S+\s+){0,6}?(?:a eu lieu|diễn ra|được tổ chức|took place)", re.I)
_ANAPHORIC_START = re.compile(r"^(?:Công trình|Buổi lễ|Hội nghị|Cuộc thi|Đoàn)\b")
_PLACE = re.compile(r"(?<![\w])(?:tại|ở|dans le|dans la|à|in)\s+$", re.I)
_LED_BY = re.compile(r"(?:do|conduite? par|led by)\s+(?:\S+\s+){0,2}$", re.I)


@dataclass(eq=False)
class Event:
    kind: str
    start: int
    end: int
    sentence: Sentence
    date: DateMention | None = None
    evidence: list = field(default_factory=list)
    figures: list[QuantityMention] = field(default_factory=list)
    place: object = None  # a UnitMention
    participants: list = field(default_factory=list)
    led_by: object = None  # a Person
    amount: object = None  # the works' cost (an AmountMention)
    confidence: float = 0.75
    index: int = 0  # n-th event of its kind, for the IRI
    end_date: DateMention | None = None  # the last of several days ("ngày 26, 27/3")

    @property
    def slug(self) -> str:
        when = self.date.lexical.lstrip("-") if self.date else str(self.index)
        return f"{self.kind}-{when}"


def find_events(
    text: str, sentences: list[Sentence], dates: list[DateMention], quantities: list[QuantityMention], units, people
) -> list[Event]:
    events: list[Event] = []
    order = {id(d): i for i, d in enumerate(dates)}
    dates_at = ByPosition(dates, key=lambda d: d.start)
    quantities_at, units_at = ByPosition(quantities, key=lambda q: q.start), ByPosition(units, key=lambda m: m.start)
    names = [(start, n, p) for n, (start, p) in enumerate((s, p) for p in people for s, _ in p.spans)]
    names_at = ByPosition(names, key=lambda n: n[0])
    for sentence in sentences:
        sentence_dates = sorted(
            (d for d in dates_at.between(sentence.start, sentence.end) if d.range_role in ("", DAYS)),
            key=lambda d: order[id(d)],
        )
        for kind, trigger in _TRIGGERS:
            match = trigger.search(sentence.text)
            if match is None and kind == "ceremony" and any(not d.relative for d in sentence_dates):
                match = _SIGNING_ON_DAY.search(sentence.text)
            if match is None:
                continue
            if any(d.relative and d.offset for d in sentence_dates) and not any(not d.relative for d in sentence_dates):
                continue  # "cách đây 54 năm": the twinning keeps it as a relative time
            start = sentence.start + match.start()
            date = next((d for d in sentence_dates if not d.relative), None)
            if date is None and not sentence_dates and kind == "ceremony":
                date = carried_day(sentences, dates_at, sentence)  # "Cùng ngày, ... tổ chức lễ kết nghĩa"
            # "Trong 2 ngày 26, 27/3, đoàn công tác ...": the event lasts from the first day to the last.
            days = [d for d in sentence_dates if date is not None and d.range_role == DAYS]
            mention = Event(
                kind,
                start,
                sentence.start + match.end(),
                sentence,
                date,
                [(sentence.start, sentence.end)],
                confidence=0.8 if date else 0.65,
            )
            if date is not None and date.range_role == DAYS and len(days) > 1:
                mention.end_date = days[-1]
            _details(mention, text, sentence, quantities_at, units_at, names_at)
            _place_or_merge(events, mention, text)
    counts: dict[str, int] = {}
    for event in events:
        counts[event.kind] = counts.get(event.kind, 0) + 1
        event.index = counts[event.kind]
    return events


def _place_or_merge(events: list[Event], mention: Event, text: str) -> None:
    before = text[mention.sentence.start : mention.start]
    after = text[mention.end : mention.sentence.end]
    same_kind = [e for e in events if e.kind == mention.kind]
    if mention.date is not None:
        same = next((e for e in same_kind if e.date and e.date.lexical == mention.date.lexical), None)
        if same is None and same_kind and same_kind[-1].date is None and _ANAPHORIC_START.match(mention.sentence.text):
            same = same_kind[-1]  # "Công trình được khởi công năm 2024": the works just named
    elif _INTRODUCED.search(before) or _INTRODUCED_AFTER.match(after):
        same = None
    elif _ANAPHORIC_START.match(mention.sentence.text) or same_kind:
        same = same_kind[-1] if same_kind else None
    else:
        same = None
    if same is None:
        events.append(mention)
        return
    same.evidence += mention.evidence
    same.figures += [f for f in mention.figures if f not in same.figures]
    same.participants += [p for p in mention.participants if p not in same.participants]
    same.place = same.place or mention.place
    same.led_by = same.led_by or mention.led_by
    same.date = same.date or mention.date
    same.confidence = max(same.confidence, mention.confidence)


def _details(event: Event, text: str, sentence: Sentence, quantities, units, people) -> None:
    """`quantities`, `units` and `people` (start, order, person of every name) are indexed by
    position; each is looked up by the sentence, not scanned."""
    event.figures = quantities.between(sentence.start, sentence.end)
    for mention in units.between(sentence.start, sentence.end):
        if mention.unit is None:
            continue
        if mention.kind in ("parent",):
            continue
        if _PLACE.search(text[max(sentence.start, mention.evidence_start - 12) : mention.evidence_start]):
            event.place = event.place or mention
    for start, _order, person in sorted(people.between(sentence.start, sentence.end), key=lambda n: n[1]):
        if _LED_BY.search(text[max(sentence.start, start - 30) : start]):
            event.led_by = person
        elif person not in event.participants:
            event.participants.append(person)

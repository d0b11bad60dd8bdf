"""How a pair (or group) of parties read in a twinning clause becomes a relation: its kind
(sister localities, sponsorship, cooperation programme, a foreign kind), its status, its date,
the units of the year it was made, its agreement type, and one relation per set of parties.

Apart from kg.extract.twinnings, which decides who is paired with whom in a clause; the
TwinningFinder takes these methods from TwinningRecorder and calls _add or _add_many per pair.
"""

from __future__ import annotations

import re

from kg.extract import history
from kg.extract.foreign_names import foreign_kind, is_foreign
from kg.extract.carried_dates import carried_day
from kg.extract.former_parties import REFORM_YEAR, of_the_past, to_former_era
from kg.extract.relations import (
    Twinning,
    as_party,
    eras_apart,
    historical,
    mention_end,
    mention_start,
    names_key,
    nested,
    year_of_old_party,
)
from kg.extract.spans import sentence_at
from kg.extract.text import Sentence

# "hợp tác" alone is any cooperation ("các hoạt động hợp tác"); a programme or agreement is a relation.
COOPERATION = re.compile(
    r"chương trình hợp tác|ký kết hợp tác|hợp tác giữa|(?:biên bản ghi nhớ|thỏa thuận|thoả thuận) hợp tác"
    r"|(?:programme|accord|convention) de coopération|cooperation (?:programme|program|agreement)"
    # establishing relations: "thiết lập quan hệ", "coopération décentralisée", "partnership agreement"
    r"|thiết lập quan hệ|coopération décentralisée|partenariat|partnership"
    r"|(?:establish|établi)\w* (?:\w+ ){0,3}?(?:relations?|relationships?|ties|liens)\b",
    re.I,
)
_SPONSOR = re.compile(r"đỡ đầu|parrain|sponsor", re.I)
_SISTER = re.compile(r"kết nghĩa|jumel|twinn|sister", re.I)
SIGNED = re.compile(
    r"\b(?:lễ ký kết|ký kết|lễ kết nghĩa|buổi lễ|đã tổ chức|tổ chức lễ|chính thức(?:\s+\w+){0,2}\s+kết nghĩa|cérémonie"
    r"|a eu lieu|signé"
    r"|signed|signing|ceremony"
    # "agreed on August 28 to establish a twinning partnership", "ont convenu d'établir"
    r"|agreed(?=[^.;]{0,40}?\bto (?:establish|set up|form|forge)\b)|convenu(?= d'établir| de créer| de nouer)"
    # "X on November 22 was twinned with Y": the act, not a state ("X is twinned with Y")
    r"|(?:was|were) twinned|(?:a|ont) été jumelé(?:e|s|es)?)\b",
    re.I,
)
# "ngày 1/9/1960, tỉnh A cũng đã kết nghĩa với tỉnh B", "đầu năm 1960, A và B đã chính thức trở
# thành hai tỉnh kết nghĩa", "were twinned in 1994": the clause reports the act, so its date is the
# relation's, as a ceremony's is (not when the clause states an age: "năm 2020, đã kết nghĩa 60 năm").
_ACT = re.compile(
    r"\b(?:đã|được)\s+(?:(?:chính thức|cũng|cùng|long trọng)\s+)*kết nghĩa\b"
    r"|\btrở thành\s+(?:hai|2|những)\s+\w+\s+kết nghĩa\b"
    r"|\b(?:were|was|have been|has been|became)\s+(?:officially\s+)?(?:twinned|sister)\b"
    r"|\b(?:ont|a)\s+été\s+(?:officiellement\s+)?jumelée?s?\b"
    # "On October 8, 1960, ... the twinning between A - B - C materialized", "quan hệ kết nghĩa được
    # xác lập": the relation itself came into being
    r"|\b(?:took place|materiali[sz]ed|(?:was|were) (?:officially )?(?:established|formed|set up))\b"
    r"|\bđược\s+(?:chính thức\s+)?(?:thiết lập|xác lập|hình thành)\b"
    # "Ngày 3/4/1960 là ngày hai tỉnh A và B kết nghĩa": the date is named the day of the act
    r"|\blà\s+(?:ngày|năm)\s+[^.;:!?]{0,80}?\bkết nghĩa\b",
    re.I,
)
# "A kết nghĩa với B", "A kết nghĩa cùng B": the twinning word used as the verb of the clause.
# Not after a noun it qualifies: "đoàn công tác tỉnh A, tỉnh kết nghĩa với B", "quan hệ kết nghĩa với".
_NOT_AFTER_A_NOUN = (
    r"(?<!\blễ )(?<!\bký )(?<!\btỉnh )(?<!\bhuyện )(?<!\bxã )(?<!\bphường )(?<!\bphố )(?<!\bphương )"
    r"(?<!\bvị )(?<!\bhệ )(?<!\btình )"
)
_VERB = re.compile(_NOT_AFTER_A_NOUN + r"(?<!\bxã, )\bkết nghĩa\s+(?:với|cùng)\b", re.I)
_VERB_ONLY = re.compile(_NOT_AFTER_A_NOUN + r"\bkết nghĩa\b", re.I)
_OPENING = re.compile(
    # "Cách đây 65 năm, ngày 5/3/1960, ...": the age before the date names the same moment
    r"\W*(?:cách đây\s+(?:hơn\s+|gần\s+|tròn\s+)?\d+\s+năm\s*(?:về trước\s*)?,\s*)?"
    r"(?:(?:vào|từ|đến|cuối|đầu|giữa|ngày|hôm|sáng|chiều|tối|trưa|tháng \d+)\s+)*",
    re.I,
)
# "A kết nghĩa với B vào năm 1960", "A và B kết nghĩa ngày 5/3/1960": between the verb and its
# date, only the object's name (capitalised words), type words and the date's own lead words.
_OBJECT_WORDS = frozenset("với cùng và tỉnh huyện xã phường thành phố thị trấn quận vào ngày hôm tháng".split())
_ANNIVERSARY = re.compile(r"\bkỷ niệm\b|\banniversary\b|\banniversaire\b", re.I)
_AGE_ABROAD = re.compile(r"anniversa|\d+(?:\s+|-)(?:years?|ans)\b", re.I)
_WARTIME = re.compile(r"kháng chiến chống Mỹ|chống Mỹ,? cứu nước|against the US|contre les Américains", re.I)
_AGE = re.compile(r"\b\d{1,3}\s+(?:năm|years?|ans)\b", re.I)  # an age: "đã kết nghĩa được 60 năm"
_LEVEL_RANK = {"province": 0, "district": 1, "commune": 2, "below-commune": 3}


class TwinningRecorder:
    """The relations of TwinningFinder, kept in self.found by key."""

    def _add_many(self, group, clause: Sentence, planned: bool) -> None:
        parties = [as_party(c, "sister-localities") for c in group]
        if (
            len({p.key for p in parties}) < len(parties)
            or any(p.org is not None for p in parties)
            or not self._one_era(parties, group, clause)
        ):
            return
        status = (
            "planned"
            if planned and not re.search(r"đã ký|vừa ký|a eu lieu|signé|signed", clause.text, re.I)
            else "active"
        )
        signed = bool(SIGNED.search(clause.text))
        kind = self._foreign_kind(parties, clause) or self._local_kind(parties)
        twinning = Twinning(kind, parties, status, 0.9 if signed or planned else 0.75, [(clause.start, clause.end)])
        self._dates(twinning, clause, signed)
        self._of_its_time(twinning, clause)
        twinning.agreement_type = _agreement_type(clause.text) if signed and status == "active" else None
        twinning.policies = [p for p in self.policies if clause.start <= p.start < clause.end]
        # The pairs read inside the group are parts of this one relation, not relations of their own.
        keys = {p.key for p in parties}
        for key in [
            k
            for k, t in self.found.items()
            if {p.key for p in t.parties} < keys
            and any(mention_start(c) >= clause.start and mention_end(c) <= clause.end for c in group)
        ]:
            del self.found[key]
        self._merge(twinning)

    def _local_kind(self, parties) -> str:
        """Communes and wards of after the 2025 reform, twinned in an article about a lowland-mountain
        programme ("60 xã, phường đồng bằng kết nghĩa với 33 xã miền núi"): a lowland-mountain pair."""
        units = [p.unit for p in parties]
        if getattr(self, "uplands", False) and all(
            u is not None and u.era == "2025" and u.level == "commune" for u in units
        ):
            return "lowland-mountain"
        return "sister-localities"

    def _kind(self, clause_text: str, a, b) -> str:
        if _SPONSOR.search(clause_text):
            return "sponsorship"
        if COOPERATION.search(clause_text) and not _SISTER.search(clause_text):
            return "cooperation-programme"
        return "sister-localities"

    def _add(self, a, b, clause: Sentence, planned: bool) -> None:
        kind = self._kind(clause.text, a, b)
        first, second = as_party(a, kind), as_party(b, kind)
        if first.key == second.key:
            return
        if not self._one_era([first, second], [a, b], clause):
            return  # a unit of before the 2025 reform and one of after it never coexisted
        foreign = self._foreign_kind([first, second], clause)
        if foreign is not None:
            if is_foreign(first) and is_foreign(second):
                return  # a relation between two foreign places is not this graph's
            kind = foreign if kind == "sister-localities" else kind
        elif kind != "sponsorship" and first.unit is not None and second.unit is not None:
            if nested(first.unit, second.unit):
                return  # "thành phố Bạc Liêu" and "Bạc Liêu" (the province); "đỡ đầu" may stay inside one
        if kind == "sister-localities" and foreign is None:
            if first.org is not None and second.org is not None:
                kind = "cooperation-programme"
            elif first.org is not None or second.org is not None or first.level != second.level:
                kind = "sponsorship"  # an agency, or a higher unit, sponsoring a commune
        if kind == "sister-localities" and foreign is None:
            kind = self._local_kind([first, second])
        if kind == "sponsorship":
            first, second = sorted((first, second), key=lambda p: -1 if p.org else _LEVEL_RANK.get(p.level, 9))
        signed = bool(SIGNED.search(clause.text))
        status = (
            "planned"
            if planned and not re.search(r"đã ký|vừa ký|a eu lieu|signé|signed", clause.text, re.I)
            else "active"
        )
        confidence = 0.9 if signed or planned else 0.75
        twinning = Twinning(kind, [first, second], status, confidence, [(clause.start, clause.end)])
        self._dates(twinning, clause, signed)
        self._of_its_time(twinning, clause)
        twinning.agreement_type = _agreement_type(clause.text) if signed and status == "active" else None
        twinning.policies = [p for p in self.policies if clause.start <= p.start < clause.end]
        self._merge(twinning)

    def _one_era(self, parties, candidates, clause: Sentence) -> bool:
        """True when the parties coexisted, once those of a relation of the past ("Năm 1960",
        "(cũ)") are named by the pre-2025 units of their names (kg.extract.former_parties)."""
        if not eras_apart(parties):
            return True
        sentence = sentence_at(self.sentences, clause.start) or clause
        stated = self._all_dates.between(sentence.start, sentence.end)
        years = [d.year for d in stated if not d.relative and d.year]
        # "Tối 2/4, tỉnh A tổ chức lễ kỷ niệm 64 năm ngày kết nghĩa với tỉnh B" (2025): made 64 years ago
        ages = [
            int(d.offset[1:-1]) for d in stated if d.relative and d.of_relation and re.fullmatch(r"P\d+Y", d.offset)
        ]
        founded_before = bool(ages) and self._published is not None and self._published.year - max(ages) < REFORM_YEAR
        return (of_the_past(candidates, years) or founded_before) and to_former_era(parties)

    def _foreign_kind(self, parties, clause: Sentence) -> str | None:
        """border-cluster or sister-city when a party is a foreign locality."""
        if not any(is_foreign(p) for p in parties):
            return None
        # "bản A (xã B) kết nghĩa với bản C (Lào)": villages across a land border are a cluster.
        neighbour = any(is_foreign(p) and p.unit.country in ("LA", "CN", "KH") for p in parties)
        if neighbour and any(getattr(p, "level", None) == "below-commune" for p in parties):
            return "border-cluster"
        return foreign_kind((sentence_at(self.sentences, clause.start) or clause).text)

    def _of_its_time(self, twinning: Twinning, clause: Sentence) -> None:
        """Name the units of the year the relation was made: its date, else a year its sentence
        states, else (an article about the past) the earliest year the article states if before
        reunification. "Hải Dương kết nghĩa với Phú Yên" in 1960 is hist:tinh-hai-duong."""
        year = twinning.established.year if twinning.established is not None else None
        sentence = sentence_at(self.sentences, clause.start)
        age = twinning.established_relative
        if year is None and age is not None and re.fullmatch(r"P\d+Y", age.offset or ""):
            # "Năm 2020 đánh dấu tròn 60 năm kết nghĩa": made in 1960.
            stated = [d.year for d in self._all_dates.between(sentence.start, sentence.end) if d.year]
            base = max(stated) if stated else self._published.year if self._published else self._latest_day
            year = base - int(age.offset[1:-1]) if base else None
        if year is None and _WARTIME.search(sentence.text):
            year = 1965  # "trong thời kỳ kháng chiến chống Mỹ": the units of the war years
        if year is None:
            stated = self._all_dates.between(sentence.start, sentence.end)
            years = [d.year for d in stated if not d.relative and d.year]
            # "Cách đây 60 năm" in an article published in 2020: 1960.
            ago = [int(d.offset[1:-1]) for d in stated if d.relative and re.fullmatch(r"P\d+Y", d.offset or "")]
            if not years and ago and self._published is not None:
                years = [self._published.year - max(ago)]
            year = min(years) if years else self._past_year
        if year is None:
            year = year_of_old_party(twinning.parties)
        if year is None or year >= 1997:  # every 2024 province existed by then
            return
        for party in twinning.parties:
            if party.unit is not None:
                party.unit = history.unit_at(party.unit, year)

    def _dates_in(self, lo: int, hi: int) -> list:
        return sorted(self._dates_at.between(lo, hi), key=lambda d: self._date_order[id(d)])

    def _dates(self, twinning: Twinning, clause: Sentence, signed: bool) -> None:
        inside = [d for d in self._dates_in(clause.start, clause.end) if d.range_role == ""]
        if not inside:  # "Theo kế hoạch cuối tuần này, A ...; B ...": the sentence's opening words
            sentence = sentence_at(self.sentences, clause.start)
            inside = [d for d in self._dates_in(sentence.start, clause.start) if d.range_role == ""]
        if not inside and signed:  # "Cụ thể, ...", "Cùng ngày, ...": the day of the sentences before
            carried = carried_day(self.sentences, self._dates_at, sentence_at(self.sentences, clause.start))
            inside = [carried] if carried is not None else []
        absolute = [d for d in inside if not d.relative]
        relative = [d for d in inside if d.relative]
        since = [
            d
            for d in absolute
            if re.match(r"(?:depuis|since)\b", d.text, re.I)
            or re.search(
                r"(?:từ|kể từ|depuis|since)\s+(?:ngày\s+|năm\s+)?$", self.text[max(0, d.start - 12) : d.start], re.I
            )
        ]
        if any(d.of_relation and _AGE_ABROAD.search(d.text) for d in relative):
            signed = False  # "a ceremony on August 25 to mark the 55th anniversary of ...": not the signing
        # "Lễ kỷ niệm 60 năm kết nghĩa A – B (20/7/1963 – 20/7/2023)": the range starts at the founding.
        founded = [d for d in self._dates_in(clause.start, clause.end) if d.range_role == "start" and not d.relative]
        # "Tối 3/4, ... tổ chức lễ kỷ niệm 65 năm ngày kết nghĩa với tỉnh B": the day is the
        # anniversary's, the age tells the founding.
        anniversary = bool(_ANNIVERSARY.search(clause.text)) and any(
            re.fullmatch(r"P\d+Y", d.offset or "") for d in relative
        )
        if founded and not since:
            twinning.established = founded[0]
        elif since or (signed and absolute and not anniversary):
            twinning.established = (since or absolute)[0]
        elif anniversary:
            twinning.established_relative = relative[0]
        elif absolute and _ACT.search(clause.text) and not _AGE.search(clause.text):
            twinning.established = absolute[0]
        elif absolute and self._opened_by(absolute[0], clause) and _VERB.search(clause.text):
            twinning.established = absolute[0]
        elif absolute and self._after_verb(absolute[0], clause):
            twinning.established = absolute[0]
        elif relative:
            twinning.established_relative = relative[0]

    def _after_verb(self, date, clause: Sentence) -> bool:
        """ "Tỉnh A kết nghĩa với tỉnh B vào năm 1960": the date right after the verb and its object."""
        verb = _VERB_ONLY.search(self.text, clause.start, date.start)
        if verb is None or re.search(r"[^\w\s]", self.text[verb.end() : date.start]):
            return False
        words = self.text[verb.end() : date.start].split()
        return all(w.lower() in _OBJECT_WORDS or w[:1].isupper() for w in words)

    def _opened_by(self, date, clause: Sentence) -> bool:
        """ "Năm 1960, tỉnh A kết nghĩa với tỉnh B": the date opens the sentence, before its subject."""
        sentence = sentence_at(self.sentences, clause.start) or clause
        return bool(_OPENING.fullmatch(self.text[sentence.start : date.start])) and self.text[
            date.end : date.end + 2
        ].startswith(",")

    def _merge(self, twinning: Twinning) -> None:
        known = self.found.get(twinning.key)
        if known is None:
            # "A và B kết nghĩa trong kháng chiến ... tình kết nghĩa A – B hôm nay": one relation
            # named by the units of its founding (historical) and of today; it keeps the founding's.
            same = next((t for t in self.found.values() if names_key(t) == names_key(twinning)), None)
            if same is None:
                self.found[twinning.key] = twinning
                return
            if historical(twinning) and not historical(same):
                del self.found[same.key]
                same.parties = twinning.parties
                self.found[same.key] = same
            if same.kind == "cooperation-programme" != twinning.kind:
                # "ký kết hợp tác" in one clause, "kết nghĩa" in another: one relation, a twinning.
                del self.found[same.key]
                same.kind = twinning.kind
                self.found[same.key] = same
            known = same
        known.evidence += twinning.evidence
        known.confidence = max(known.confidence, twinning.confidence)
        if twinning.status == "active" and known.status == "planned" and twinning.confidence >= 0.9:
            known.status = "active"  # a later sentence reports the signing
        known.established = known.established or twinning.established
        known.established_relative = known.established_relative or twinning.established_relative
        known.agreement_type = known.agreement_type or twinning.agreement_type
        known.policies += [p for p in twinning.policies if p not in known.policies]


def _agreement_type(text: str) -> str | None:
    if re.search(r"biên bản ghi nhớ|mémorandum|memorandum", text, re.I):
        return "memorandum"
    if re.search(r"biên bản", text, re.I):
        return "signed-minutes"
    if re.search(r"chương trình|programme|program", text, re.I):
        return "cooperation-programme-document"
    return None

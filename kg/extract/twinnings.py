"""Twinning statements: who is twinned with whom, which kind, signed or planned, since when.

A clause (a sentence cut at ';') is read only when it has a twinning word (kết nghĩa, đỡ đầu,
hợp tác, jumelage, twinning...). Its parties are the units and organizations it names (not the
organizations inside a person's post, not a parent written in brackets), read by the patterns:
- "giữa A và B", "entre A et B", "between A and B";
- "A ... kết nghĩa với B (và với C)": A is the clause's first party, B and C the objects;
  "A và B lần lượt ... với C và D" pairs them respectively;
- "A - B" (two units of one level), "A và B" (two coordinated parties).
Kind: đỡ đầu/parrainage/sponsor -> sponsorship; hợp tác without kết nghĩa -> cooperation
programme; otherwise sister localities, except that two sides of different levels (a city and
a commune) or an agency/enterprise with a unit are a sponsorship, the higher side sponsoring.
Status: planned when the sentence says so ("theo kế hoạch", "sẽ", "dự kiến", "prévu", "will"),
else active. A twinning signed "A và B ký kết" by two Party Committees or People's Committees is
a twinning of their units; a cooperation programme keeps its organizations as parties. The kind,
status, dates and merging of a pair are kg.extract.twinning_records'.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.cues import (
    dashed_pairs,
    headings,
    most_named,
    named_since_last_pair,
    speaks_of_kinship,
    speaks_of_uplands,
)
from kg.extract.dates import DateMention
from kg.extract.foreign_names import friendship, is_foreign
from kg.extract.organizations import NAMED_KINDS, OrgMention
from kg.extract.possessives import placed_after, possessors, without_possessor
from kg.extract.relations import Twinning, chain_ends, glued, mention_end, mention_start
from kg.extract.sponsors import (
    VILLAGE_BODY,
    may_sponsor,
    not_a_party,
    parent_bodies,
    sponsored_villages,
    twinned_at,
    twinned_unit,
    witnesses,
)
from kg.extract.spans import ByPosition, Coverage
from kg.extract.text import Sentence
from kg.extract.twinning_records import TwinningRecorder
from kg.extract.unit_mentions import UnitMention
from kg.extract.twinning_words import (
    PLANNED,
    TRIGGER,
    ADDRESS,
    AND,
    BETWEEN,
    COORDINATION,
    COUNTED,
    COUNT_WORDS,
    DASH,
    GENERIC_BETWEEN,
    ITEM_LEAD,
    LIST_INTRO,
    NOW,
    OBJECT_LEAD,
    OF_VIETNAM,
    PLACE_BEFORE,
    RESPECTIVELY,
    SIGNING_AFTER,
    THEIR_PLACES,
    THE_TWO,
    TOGETHER,
    TWO_LEVELS,
    TYPED_ADDRESS,
    WITH,
    WITH_ONLY,
)


class TwinningFinder(TwinningRecorder):
    def __init__(
        self,
        text,
        sentences: list[Sentence],
        units: list[UnitMention],
        orgs: list[OrgMention],
        posts,
        dates: list[DateMention],
        policies=(),
    ):
        self.text, self.sentences, self.dates, self.policies = text, sentences, dates, list(policies)
        self.uplands = speaks_of_uplands(text)  # a lowland-mountain programme: its commune pairs
        # Organizations inside a post ("Bí thư Huyện ủy X") or a policy ("Nghị quyết số 02 của
        # Thành ủy") are not parties; neither is a body written without its unit ("UBND tỉnh").
        in_posts = [(p.start, p.end) for p in posts] + [(p.start, p.end) for p in self.policies]
        context = {m.parent_hint_start for m in units if m.unit is not None and m.hint_is_parent}
        in_posts = Coverage(len(text), in_posts)
        in_orgs = Coverage(len(text), [(o.start, o.end) for o in orgs])
        self.orgs = [
            o
            for o in orgs
            if o.kind != "national" and o.key and (o.named or o.kind in NAMED_KINDS) and not in_posts.covers(o.start)
        ]
        self.all_units = [m for m in units if m.unit is not None and m.kind != "below" and m.level != "below-commune"]
        self._all_units_at = ByPosition(self.all_units, key=lambda m: m.evidence_start)  # parents too
        self.units = [
            m
            for m in units
            if m.unit is not None
            and m.kind not in ("parent", "below")
            and m.start not in context
            and m.level != "below-commune"
            and not in_orgs.covers(m.evidence_start)
            and not in_posts.covers(m.start)
        ]
        # Villages ("bản Y", "thôn Z"): only as the side an agency sponsors (sponsors.py).
        self.units += [
            m
            for m in units
            if m.kind == "below" and m.unit is not None and m.start not in context and not in_posts.covers(m.start)
        ]
        self.units.sort(key=lambda m: m.start)
        self._order = {id(c): i for i, c in enumerate(self.units + self.orgs)}
        self._units_at = ByPosition(self.units, key=lambda m: m.evidence_start)
        self._orgs_at = ByPosition(self.orgs, key=lambda o: o.start)
        self._date_order = {id(d): i for i, d in enumerate(self.dates)}
        self._dates_at = ByPosition(self.dates, key=lambda d: d.start)
        self._read: dict[tuple[int, int], list] = {}
        self.set_time(self.dates, None)

    def set_time(self, dates, published) -> None:
        self._all_dates = ByPosition(dates, key=lambda d: d.start)
        self._published = published
        years = [d.year for d in dates if not d.relative and d.year]
        self._past_year = min(years) if years and min(years) < 1976 else None
        # An undated article is written after the last day it states: its ages count from then.
        self._latest_day = max((d.year for d in dates if d.datatype == "date" and d.year), default=None)
        self.found: dict[str, Twinning] = {}
        self._named_so_far: dict = {}

    def find(self) -> list[Twinning]:
        listing = False  # a twinning word and a colon introduce a list of pairs
        titles = headings(self.text, self.sentences)  # "Thanh Hóa - Quảng Nam, 60 năm ..."
        kinship = speaks_of_kinship(self.text)
        wrapped = False  # a twinning sentence cut by a line break goes on in lower case
        previous = None
        for sentence in self.sentences:
            planned = bool(PLANNED.search(sentence.text))
            continued = wrapped and sentence.text[:1].islower()
            read = False
            paired = False  # the last clause read ends with "A với B"
            for clause in sentence.clauses():
                read = (continued and clause.start == sentence.start) or (
                    sentence.start in titles
                    or TRIGGER.search(clause.text)
                    or (kinship and dashed_pairs(clause.text))  # "như A - B, C - D"
                    or bool(friendship(clause.text) and self._foreign_in(clause))
                    # "..., sau đến các tỉnh A với B; C với D; E với F": the pairs go on
                    or (paired and self._pair_item(clause) is not None)
                )
                if read:
                    self._clause(clause, planned)
                    listing = bool(LIST_INTRO.search(clause.text))
                    paired = self._ends_with_pair(clause)
                elif listing:
                    # "twinning, including: A with B; C with D", one item per clause or per line;
                    # the list ends with the first item that names fewer than two parties.
                    listing = len(self._candidates(clause)) >= 2 or _named_pair(clause.text)
                    if listing:
                        self._clause(clause, planned)
            if not read and previous is not None:
                self._signed_after(sentence, previous)
            if sentence.text.rstrip()[-1:] in (".", "!", "?"):
                listing = False  # a list on the following lines has no full stop before it
            wrapped = read and sentence.text.rstrip()[-1:] not in (".", "!", "?", "…", ":")
            previous = sentence
        return list(self.found.values())

    def _ends_with_pair(self, clause: Sentence) -> bool:
        """The clause ends with two places joined by "với" ("... các tỉnh Hà Đông với Cần Thơ")."""
        candidates = self._candidates(clause)
        return (
            len(candidates) >= 2
            and bool(WITH_ONLY.fullmatch(self._gap(candidates[-2], candidates[-1])))
            and bool(re.fullmatch(r"[\s.;,…]*", self.text[mention_end(candidates[-1]) : clause.end]))
        )

    def _pair_item(self, clause: Sentence):
        """A clause that is only a pair "(và) A với B" (or "A - B"), an item of a list of pairs."""
        candidates = self._candidates(clause)
        if len(candidates) != 2 or not isinstance(candidates[0], UnitMention):
            return None
        a, b = candidates
        before = self.text[clause.start : mention_start(a)]
        after = self.text[mention_end(b) : clause.end]
        if (
            (WITH_ONLY.fullmatch(self._gap(a, b)) or DASH.fullmatch(self._gap(a, b)))
            and ITEM_LEAD.fullmatch(before)
            and re.fullmatch(r"[\s.;,…]*", after)
        ):
            return a, b
        return None

    def _signed_after(self, sentence: Sentence, before: Sentence) -> None:
        """ "A and B are twinned with C and D. The signing ceremony in X on November 3 ...": the
        day of the signing told in the next sentence dates the relation the sentence before
        stated, when that one is its only, undated relation."""
        if not SIGNING_AFTER.search(sentence.text):
            return
        days = [d for d in self._dates_in(sentence.start, sentence.end) if d.datatype == "date" and not d.relative]
        stated = [t for t in self.found.values() if any(before.start <= a < before.end for a, _ in t.evidence)]
        if len(days) == 1 and len(stated) == 1 and stated[0].established is None:
            stated[0].established = days[0]

    def _foreign_in(self, clause: Sentence) -> bool:
        return any(is_foreign(m) for m in self._units_at.between(clause.start, clause.end))

    def _candidates(self, clause: Sentence) -> list:
        """The parties a clause may name (read once per clause: the list of pairs asks again)."""
        key = (clause.start, clause.end)
        if key not in self._read:
            self._read[key] = self._candidates_in(clause)
        return list(self._read[key])

    def _candidates_in(self, clause: Sentence) -> list:
        found = sorted(
            (m for m in self._units_at.between(clause.start, clause.end) if m.end <= clause.end),
            key=lambda c: self._order[id(c)],
        )
        found += sorted(
            (o for o in self._orgs_at.between(clause.start, clause.end) if o.end <= clause.end),
            key=lambda c: self._order[id(c)],
        )
        # "tại huyện X", "à Vinh", "in Da Nang": where it happened, not who is twinned (but "Sở X
        # ... kết nghĩa tại xã Y": the commune an agency sponsors); "theo chỉ đạo của Sở X": no party.
        found.sort(key=mention_start)
        places = {
            id(c)
            for c in found
            if PLACE_BEFORE.search(self.text[max(clause.start, mention_start(c) - 12) : mention_start(c)])
            and not twinned_at(self.text, clause.start, c, found)
        }
        # "X province's Y district": X is where Y is; "in X's Y": Y is a place as X is.
        context = possessors(self.text, found) | placed_after(self.text, found, places)
        found = [c for c in found if id(c) not in context]
        found = [c for c in found if not not_a_party(self.text, clause.start, c)]
        witnessing = witnesses(self.text, clause.start, found)  # "với sự chứng kiến của lãnh đạo tỉnh X"
        found = [c for c in found if id(c) not in witnessing]
        parents = parent_bodies(self.text, clause.start, found)  # "Đồn X (Bộ đội Biên phòng tỉnh Y)"
        found = [c for c in found if id(c) not in parents]
        found.sort(key=lambda c: c.evidence_start if isinstance(c, UnitMention) else c.start)
        found = sponsored_villages(self.text, found, across=any(map(is_foreign, found)))
        # "(nay là thành phố Thanh Hóa)": what a party is called today, not a party of its own.
        found = [
            c for c in found if not NOW.search(self.text[max(clause.start, mention_start(c) - 25) : mention_start(c)])
        ]
        # One candidate per span: plural organizations ("hai địa phương") are not parties.
        return [c for c in found if not getattr(c, "plural_of", None)]

    def _gap(self, a, b) -> str:
        start = a.evidence_end if isinstance(a, UnitMention) else a.end
        end = mention_start(b)
        # "xã A, thành phố X, tỉnh Y và xã B", "A village of B commune and C": the units above A
        # written after it are where it is.
        above = _ancestors(getattr(a, "unit", None))
        while above and (comma := re.match(r"(?:,|[ \u00a0]+(?:of|in)\b)\s*", self.text[start:end])) is not None:
            parent = next(
                (m for m in self._all_units_at.between(start, end) if m.evidence_start == start + comma.end()), None
            )
            if parent is None or parent.unit not in above or parent.end > end:
                break
            start = parent.evidence_end  # "Tam Hop commune": its type word too
        # "(Quảng Nam)", "Quang Tri's": a parent, not a gap; nor the address written after a
        # village ("ấp A, xã B, tỉnh C, Việt Nam và ấp D")
        gap = re.sub(r"\([^)]*\)", "", self.text[start:end])
        if isinstance(a, UnitMention) and a.level == "below-commune":
            gap = ADDRESS.sub("", gap, count=1)
        if getattr(b, "level", None) == "below-commune":
            gap = VILLAGE_BODY.sub("", gap, count=1)  # "phường A và Chi bộ thôn B": the village's body
        elif isinstance(a, UnitMention) and is_foreign(b):
            gap = TYPED_ADDRESS.sub("", gap, count=1)  # "thị trấn A, huyện B, tỉnh C và trấn D (Trung Quốc)"
        # "Ho Chi Minh City of Vietnam and Chongqing city of China": the country is no gap
        gap = OF_VIETNAM.sub("", gap, count=1)
        return without_possessor(gap)

    def _glued(self, a, b) -> bool:
        """ "hai tỉnh Bạc LiêuNinh Bình": two names whose separator the copy lost are coordinated."""
        return glued(self.text, a.evidence_end if isinstance(a, UnitMention) else a.end, mention_start(b))

    def _groups(self, candidates) -> list[list]:
        """Runs of coordinated candidates: "A và B", "A, B và C"."""
        groups = []
        for candidate in candidates:
            if (
                groups
                and (
                    COORDINATION.fullmatch(self._gap(groups[-1][-1], candidate))
                    or self._glued(groups[-1][-1], candidate)
                )
                and not WITH.search(self._gap(groups[-1][-1], candidate))
            ):
                groups[-1].append(candidate)
            else:
                groups.append([candidate])
        return groups

    def _clause(self, clause: Sentence, planned: bool) -> None:
        candidates = self._candidates(clause)
        if len(candidates) < 2:
            self._the_two(clause, planned)
            return
        listed = self._pair_list(clause, candidates)
        if listed:
            for a, b in listed:
                self._add(a, b, clause, planned)
            return
        pairs = []
        groups = self._groups(candidates)
        objects = set()  # groups introduced by "với"/"avec"/"with"
        for index in range(1, len(groups)):
            start = groups[index][0]
            start = start.evidence_start if isinstance(start, UnitMention) else start.start
            previous = groups[index - 1][-1]
            previous_all = [c for group in groups[:index] for c in group]
            lead = re.sub(r"\([^)]*\)", "", self.text[mention_end(previous) : start])
            lead_match = OBJECT_LEAD.search(lead)
            if lead_match and lead_match.group().lower().startswith("kết nghĩa") and self._dashed(groups[index][-1]):
                continue  # "quan hệ kết nghĩa A – B": the dash pairs them, no subject before
            if lead_match or (twinned_unit(self.text, groups[index][0]) and any(map(may_sponsor, previous_all))):
                objects.add(index)  # "kết nghĩa với xã B": B right after "với"; "Sở X ... tại xã kết nghĩa B"
        for index in range(1, len(groups)):
            # "Xã B được phường A nhận kết nghĩa", "xã B do Sở A đỡ đầu": A twinned with (sponsors) B.
            if re.fullmatch(
                r"\s*(?:được|do)(?:\s+Ngân hàng)?\s*", self._gap(groups[index - 1][-1], groups[index][0])
            ) and re.match(r"\s*(?:nhận\s+)?(?:kết nghĩa|đỡ đầu)", self.text[mention_end(groups[index][-1]) :]):
                pairs.append((groups[index][-1], groups[index - 1][-1]))
                objects.add(index)
        for index, group in enumerate(groups):
            if index in objects:
                # The subject is the nearest group before that is not itself an object: "A với B
                # ... hay C với D", "A twinned with B, and C with D" pair C with D, not A with D.
                subjects = next((groups[i] for i in range(index - 1, -1, -1) if i not in objects), groups[0])
                if RESPECTIVELY.search(clause.text) and len(subjects) == len(group) > 1:
                    pairs += list(zip(subjects, group))
                elif len(subjects) > 1 and (
                    (len(group) == 1 and (is_foreign(group[0]) or _one_level(subjects)))
                    or (all(map(is_foreign, group)) and not any(map(is_foreign, subjects)))
                ):
                    # "A, B, C (huyện X) với trấn Y", "hai xã A và B kết nghĩa với phường C": the
                    # curators record coordinated subjects and their one object as one relation;
                    # so also a cluster of places on each side of a border ("A and B communes
                    # are twinned with C and D communes of Cambodia"), unless "respectively"
                    self._add_many([*subjects, *group], clause, planned)
                elif len(group) == 1 and len(subjects) > 1 and all(isinstance(s, OrgMention) for s in subjects):
                    pairs += [(s, group[0]) for s in subjects]  # "các Đồn A, B và C kết nghĩa với Đại đội X"
                else:
                    pairs += [(subjects[0], obj) for obj in group]
            elif (
                len(group) == 2
                and index + 1 not in objects
                and not (index == 0 and objects)
                and not (index == 0 and self._object_of_nobody(clause, group[0]))
                and not GENERIC_BETWEEN.search(clause.text)
                and not THEIR_PLACES.search(clause.text)  # "A and B twinned their border villages"
            ):
                pairs.append((group[0], group[1]))  # not "giữa các địa phương ...": A và B do it
        chains: list[list] = []  # "A - B", "Hà Nội - Huế - Sài Gòn": units of one level joined by dashes
        for a, b in zip(candidates, candidates[1:]):
            if (
                isinstance(a, UnitMention)
                and isinstance(b, UnitMention)
                and DASH.fullmatch(self._gap(a, b))
                and (a.level == b.level or is_foreign(a) != is_foreign(b))
            ):
                if chains and chains[-1][-1] is a:
                    chains[-1].append(b)
                else:
                    chains.append([a, b])
        pairs += [(chain[0], chain[1]) for chain in chains if len(chain) == 2]
        # "A - B và C - D": "B và C" are the ends of two dashed pairs, not a pair of their own.
        dashed = {id(c) for chain in chains for c in chain}
        pairs = [
            (a, b) for a, b in pairs if not (id(a) in dashed and id(b) in dashed and (a, b) not in chain_ends(chains))
        ]
        for a, b in pairs:
            self._add(a, b, clause, planned)
        for group in groups:
            together = len(groups) == 1 and TOGETHER.match(self.text, mention_end(group[-1]))
            if len(group) >= 3 and (together or self._between(group, clause)):
                self._add_many(group, clause, planned)
        for chain in chains:
            if len(chain) >= 3:
                self._add_many(chain, clause, planned)

    def _object_of_nobody(self, clause: Sentence, first) -> bool:
        """ "Phường 15 (unread) kết nghĩa với xã A, thành phố X và xã B": the two objects of "với"
        whose subject was not read are not a pair of their own."""
        before = self.text[clause.start : mention_start(first)]
        return bool(re.search(r"\b(?:với|avec|with)\s*$", before, re.I))

    def _dashed(self, candidate) -> bool:
        return bool(re.match(r"\s*[-–]\s*\w", self.text[mention_end(candidate) : mention_end(candidate) + 5]))

    def _pair_list(self, clause: Sentence, candidates) -> list:
        """ "A kết nghĩa với B, C với D, E và F, G với H và I với K": pairs listed between commas.
        Taken when at least two items are "X với Y" (or a dash) and no item names more than two
        places; each item then gives its own pair."""
        cuts = [clause.start] + [clause.start + m.end() for m in re.finditer(r"[,;…]", clause.text)] + [clause.end]
        items = []
        for lo, hi in zip(cuts, cuts[1:]):
            inside = [c for c in candidates if lo <= mention_start(c) and mention_end(c) <= hi]
            if len(inside) == 4 and re.fullmatch(rf"\s*{AND}\s*", self._gap(inside[1], inside[2]), re.I):
                items += [inside[:2], inside[2:]]  # "C với D và E với F"
            elif inside:
                items.append(inside)
        if any(len(item) > 2 for item in items):
            return []
        # An item whose gap holds a capitalised word names a place the gazetteer did not link
        # ("Hà Đông với Cần Thơ và Sơn Tây với Tây Ninh" without Hà Đông and Sơn Tây): no pair.
        pairs = [
            item for item in items if len(item) == 2 and not any(w[:1].isupper() for w in self._gap(*item).split())
        ]
        joined = [p for p in pairs if re.search(r"(?:\b(?:với|with|avec)|[-–])\s*$", self._gap(*p), re.I)]
        if len(joined) < 2:
            return []
        return [p for p in pairs if re.search(rf"(?:\b(?:với|with|avec|{AND[3:-1]})|[-–])\s*$", self._gap(*p), re.I)]

    def _between(self, group, clause: Sentence) -> bool:
        """ "giữa xã A, xã B và phường C", "Đảng ủy các xã: A, B và C": one relation of all of
        them, when the group follows "giữa"/"between" or a plural body and a colon."""
        lead = self.text[max(clause.start, mention_start(group[0]) - 40) : mention_start(group[0])]
        if GENERIC_BETWEEN.search(lead):
            return False
        if BETWEEN.search(lead) or re.search(r"\b(?:các|những|the|les)\s+\w+\s*:\s*$", lead, re.I):
            return True
        # "Ba địa phương tổ chức kết nghĩa sau cùng là A, B và C": as many places as it counts.
        lead = self.text[max(clause.start, mention_start(group[0]) - 90) : mention_start(group[0])]
        counted = COUNTED.search(lead)
        return bool(counted) and COUNT_WORDS.get(counted.group(1).lower()) == len(group)

    def _the_two(self, clause: Sentence, planned: bool) -> None:
        """ "Hai tỉnh kết nghĩa từ năm 1960": the two units of that level the article names most."""
        match = THE_TWO.search(clause.text)
        if match is None:
            return
        levels = TWO_LEVELS.get(match.group(1).lower())
        top = named_since_last_pair(self.found, self._units_at, levels, clause.start)
        top = top if len(top) == 2 else self._most_named(levels, clause.end)
        if len(top) == 2 and top[0].level == top[1].level:
            before = len(self.found)
            self._add(top[0], top[1], clause, planned)
            if len(self.found) > before:
                list(self.found.values())[-1].confidence = 0.6

    def _most_named(self, levels, end: int) -> list:
        """The two units of these levels named most often before `end` (each by its first
        mention). Clauses come in text order, so the counts are carried forward, not redone."""
        key = tuple(sorted(levels)) if levels is not None else None
        state = self._named_so_far.setdefault(key, {"next": 0, "counts": Counter(), "first": {}, "end": -1})
        if end < state["end"]:  # not in text order: count afresh
            return most_named((m for m in self.all_units if m.start < end), levels)
        while state["next"] < len(self.all_units) and self.all_units[state["next"]].start < end:
            m = self.all_units[state["next"]]
            state["next"] += 1
            if levels is None or m.level in levels:
                state["counts"][id(m.unit)] += 1
                state["first"].setdefault(id(m.unit), m)
        state["end"] = end
        return [state["first"][k] for k, _ in state["counts"].most_common(2)]


def _one_level(group) -> bool:
    """Units of one level, as "hai xã A và B" coordinates (not a body beside a unit)."""
    return all(isinstance(c, UnitMention) for c in group) and len({c.level for c in group}) == 1


def _named_pair(text: str) -> bool:
    """An item naming two places, even one the gazetteer could not settle: "An Thang Commune
    with Ben Hien Commune" keeps the list going."""
    return bool(re.search(r"\w\s+(?:với|avec|with|[-–])\s+\w", text))


def find_twinnings(
    text, sentences, units, orgs, posts, dates, policies=(), all_dates=None, published=None
) -> list[Twinning]:
    """`dates` are those free to date a relation; `all_dates` (policy dates included) and the
    publication date say which year a relation belongs to."""
    finder = TwinningFinder(text, sentences, units, orgs, posts, dates, policies)
    finder.set_time(all_dates if all_dates is not None else dates, published)
    return finder.find()


def _ancestors(unit) -> list:
    """The units a unit lies in: its district and province."""
    found = []
    while unit is not None and (unit := getattr(unit, "parent", None)) is not None:
        found.append(unit)
    return found

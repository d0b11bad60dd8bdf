"""Names to entities: what a person writes for a unit, organization or person, made an IRI.

    resolve("Quế Sơn")            -> the 2025 commune (valid today), with the district as an alternative
    resolve("huyen que son")      -> Huyện Quế Sơn (pre2025/509): the level word narrows it
    resolve("Quế Sơn (pre2025)")  -> the district; "(2025)", "(1970)" or "(1970-05-01)" pick an era
    resolve("Tân Thành, Long An") -> the one Tân Thành whose province is Long An
    resolve("pre2025/99999")      -> NameNotFound "no such unit"

Answers come from the search index `kg build` writes (kg.graph.search), so resolving is a
few tens of milliseconds and never opens the store. A name matches an entity when its folded
form (no case, no diacritics) equals one of the entity's folded labels. Several matches are
narrowed to those valid on the date of the query (today by default), then to pre-2025 units; if
more than one is left the name is ambiguous and the error lists the candidates.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import KgError
from kg.iris import ID_BASE
from kg.vietnamese import search_key, split_unit_type

from kg.graph import search

REFORM_DAY = "2025-07-01"
_KEY = re.compile(r"(pre2025|2025|hist)[/:]([0-9A-Za-z-]+)")
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:\S+")
# "Quế Sơn (2025)", "(pre2025)", "(trước 2025)", "(1970)", "(1970-05-01)"
_ERA_SUFFIX = re.compile(
    r"\s*\(\s*(pre-?2025|trước\s*2025|truoc\s*2025|2025|hist|historical|[0-9]{4}(?:-[0-9]{2}-[0-9]{2})?)\s*\)\s*$", re.I
)
KIND_WORDS = {"unit": ("unit", "đơn vị"), "organization": ("organization", "tổ chức"), "person": ("person", "người")}


class NameNotFound(KgError):
    """No entity of that name or key; the message carries the closest names."""


class AmbiguousName(KgError):
    """The name fits several entities; the message lists them with keys, level, province, validity."""


def key_of(iri: str) -> str:
    """'https://w3id.org/ketnghia/id/unit/pre2025/509' -> 'pre2025/509'; other IRIs of the
    project lose the id/ base ('org/party-office-pre2025-49'); outside IRIs stay whole."""
    if iri.startswith(ID_BASE + "unit/"):
        return iri[len(ID_BASE) + 5 :]
    return iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else iri


def full_name(hit: search.Hit) -> str:
    """'Huyện Quế Sơn': the unit's type word (kept in its type, 'district (huyện)') and its name."""
    found = re.search(r"\(([^)]*)\)", hit.type or "")
    word = found.group(1).removesuffix(" trực thuộc trung ương") if found else ""
    if hit.kind == "unit" and word and not search_key(hit.label).startswith(search_key(word)):
        return f"{word[:1].upper()}{word[1:]} {hit.label}"
    return hit.label


def describe(hit: search.Hit) -> str:
    """'Huyện Quế Sơn, Quảng Nam (pre2025/509)'."""
    name = ", ".join(part for part in (full_name(hit), hit.parent) if part)
    return f"{name} ({key_of(hit.iri)})"


LEVEL_VI = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


def describe_long(hit: search.Hit, lang: str = "en") -> str:
    """A candidate in an ambiguity error: key, name, level, province, validity."""
    level = hit.level or hit.type
    if lang == "vi":
        level = LEVEL_VI.get(level, level)
    details = [part for part in (level, hit.parent, hit.validity(lang) or hit.era) if part]
    return f"{key_of(hit.iri)} {full_name(hit)} ({', '.join(details)})"


def _valid_on(hit: search.Hit, day: str) -> bool:
    start, end = hit.valid_from, hit.valid_until
    if not start and not end:  # an organization: the era of its unit
        start, end = {"pre2025": ("", "2025-06-30"), "2025": (REFORM_DAY, "")}.get(hit.era, ("", ""))
    # bounds may be a year or a month ("1976"): compare as its first/last day
    return (not start or start[:10].ljust(10, "0") <= day) and (not end or _last_day(end) >= day)


def _last_day(bound: str) -> str:
    return bound + "-12-31" if len(bound) == 4 else bound + "-31" if len(bound) == 7 else bound


def keep_written_marks(name: str, items: list, names=lambda item: (item,)) -> list:
    """Written with its marks, a name keeps them: of the items that fold alike ('Tân Thành',
    'Tân Thạnh'), those one of whose `names` is the name as written (its level word or not)."""
    written = " ".join(name.split()).casefold()
    if written.isascii():
        return items
    bare = split_unit_type(written)[1].casefold()
    same = [item for item in items if {n.casefold() for n in names(item)} & {written, bare}]
    return same or items


def split_era(text: str) -> tuple[str, str | None]:
    """'Quế Sơn (2025)' -> ('Quế Sơn', '2025'); a year or a date comes back as a date."""
    m = _ERA_SUFFIX.search(text)
    if not m:
        return text.strip(), None
    hint = search_key(m.group(1)).replace(" ", "")
    if hint in ("pre2025", "truoc2025"):
        hint = "pre2025"
    elif hint == "hist":
        hint = "historical"
    elif re.fullmatch(r"[0-9]{4}", m.group(1)) and m.group(1) != "2025":
        hint = f"{m.group(1)}-07-01"
    elif len(m.group(1)) == 10:
        hint = m.group(1)
    return text[: m.start()].strip(), hint


def is_key_or_iri(text: str) -> bool:
    return bool(_KEY.fullmatch(text.strip()) or _IRI.fullmatch(text.strip()))


def no_such(raw: str, kind: str, what: str, what_vi: str = "") -> NameNotFound:
    """The error for a key or IRI the graph does not have (pre2025/99999); `what_vi`: the
    Vietnamese for `what` (the parameter or option at fault)."""
    return NameNotFound(
        f"{what}: no such {KIND_WORDS[kind][0]} {raw!r} in the graph",
        vi=f"{what_vi or what}: không có {KIND_WORDS[kind][1]} {raw!r} trong đồ thị",
    )


class Resolver:
    """Names of one search index (by default the built graph's)."""

    def __init__(self, index: Path | None = None):
        self.index = Path(index) if index is not None else search.index_path()
        self._entries: list | None = None

    def available(self) -> bool:
        return self.index.exists()

    def entries(self) -> list:
        if self._entries is None:
            try:
                self._entries = search.load_index(self.index)
            except search.IndexUnavailable as exc:
                raise search.IndexUnavailable(
                    f"{exc}: names need the search index of `kg build` (or give a key such as pre2025/509)",
                    vi="chưa có chỉ mục tìm kiếm: chạy `kg build`, hoặc ghi mã đơn vị như pre2025/509",
                ) from None
        return self._entries

    def matches(self, name: str, kinds=("unit",), level: str | None = None) -> list[search.Hit]:
        """Entities one of whose labels folds to the name's folded form ('Tân Thành, Long An':
        also of that parent)."""
        parent_key = ""
        if "," in name:
            name, parent = name.split(",", 1)
            parent_key = search_key(parent)
        wanted = "\0" + search_key(name) + "\0"
        if wanted == "\0\0":
            return []
        found = []
        for entry in self.entries():
            if entry[1] not in kinds or (level and entry[5] != level):
                continue
            if wanted in "\0" + "\0".join(entry[9]) + "\0":
                if parent_key and parent_key not in search_key(entry[6]):
                    continue
                found.append(search._hit(entry, "exact"))
        found.sort(key=lambda h: (search.LEVEL_ORDER.get(h.level, 9), h.era != "2025", h.parent, h.iri))
        return keep_written_marks(name, found, lambda h: (h.label, full_name(h)))

    def suggestions(self, name: str, kinds=("unit",), level: str | None = None, n: int = 5) -> list[str]:
        """The closest names (3-5): the index's own prefix/word matches, then difflib's."""
        name = name.split(",", 1)[0]
        hits = [
            h
            for h in search.search(self.index, name, limit=50, kind=kinds[0] if len(kinds) == 1 else None)
            if h.kind in kinds and (not level or h.level == level)
        ]
        names: dict[str, search.Hit] = {}
        for hit in hits:
            names.setdefault(search_key(hit.label), hit)
        labels: dict[str, search.Hit] = {}
        era_rank = {"2025": 0, "pre2025": 1}
        for entry in self.entries():
            if entry[1] in kinds and (not level or entry[5] == level):
                known = labels.get(search_key(entry[2]))
                if known is None or era_rank.get(entry[4], 2) < era_rank.get(known.era, 2):
                    labels[search_key(entry[2])] = search._hit(entry, "close")
        for close in closest(name, labels, n):
            names.setdefault(close, labels[close])
        return [describe(hit) for hit in list(names.values())[:n]]

    def resolve(
        self,
        text: str,
        kinds=("unit",),
        *,
        day: str | None = None,
        level: str | None = None,
        what: str = "",
        what_vi: str = "",
    ) -> tuple[search.Hit | None, list[search.Hit]]:
        """(the entity, the other exact matches left aside), or NameNotFound / AmbiguousName.
        A key or an IRI is not a name: (None, []), for the caller to check (see no_such).
        `what` / `what_vi`: what the errors name (a parameter, an option) in English / Vietnamese."""
        raw = text.strip()
        what_vi = what_vi or (what if what else KIND_WORDS[kinds[0]][1])
        what = what or KIND_WORDS[kinds[0]][0]
        if is_key_or_iri(raw):
            return None, []
        name, hint = split_era(raw)
        found = self.matches(name, kinds, level)
        if not found:
            close = self.suggestions(name, kinds, level)
            also = f"; closest: {'; '.join(close)}" if close else ""
            raise NameNotFound(
                f"{what}: no {level or KIND_WORDS[kinds[0]][0]} named {raw!r}{also}",
                vi=f"{what_vi}: không có {KIND_WORDS[kinds[0]][1]} nào tên {raw!r}"
                + (f"; tên gần nhất: {'; '.join(close)}" if close else ""),
            )
        chosen = _narrow(found, hint, day)
        top = [h for h in chosen if h.level == chosen[0].level]
        if len(top) == 1 and chosen[0].level in ("province", "district"):
            chosen = top  # 'Nam Giang': the district rather than the communes of that name
        if len(chosen) == 1:
            return chosen[0], [h for h in found if h is not chosen[0]]
        shown = chosen[:12]
        left = len(chosen) - len(shown)
        more, more_vi = (f"; … and {left} more", f"; … và {left} nơi khác") if left > 0 else ("", "")
        raise AmbiguousName(
            f"{what}: {raw!r} names {len(chosen)} {KIND_WORDS[kinds[0]][0]}s, give a key or add the "
            f"province ('{name.split(',')[0]}, PROVINCE'): {'; '.join(map(describe_long, shown))}{more}",
            vi=f"{what_vi}: tên {raw!r} ứng với {len(chosen)} {KIND_WORDS[kinds[0]][1]}, hãy ghi mã hoặc thêm tỉnh "
            f"('{name.split(',')[0]}, TỈNH'): {'; '.join(describe_long(h, 'vi') for h in shown)}{more_vi}",
        )


def closest(name: str, folded_names, n: int = 5) -> list[str]:
    """The folded names (search_key) nearest to `name`'s, best first (difflib)."""
    import difflib  # only on the way to an error

    return difflib.get_close_matches(search_key(name), list(folded_names), n=n, cutoff=0.6)


def _narrow(found: list[search.Hit], hint: str | None, day: str | None) -> list[search.Hit]:
    """The matches of the era asked for; else those valid on `day` (today), else pre-2025 ones."""
    if hint in ("2025", "pre2025", "historical"):
        return [h for h in found if h.era == hint] or found
    if hint:
        day = hint
    from datetime import date

    today = day or date.today().isoformat()
    for keep in (lambda h: _valid_on(h, today), lambda h: h.era == "pre2025"):
        kept = [h for h in found if keep(h)]
        if kept:
            return kept
    return found

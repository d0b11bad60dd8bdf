"""The extraction pipeline: article file -> facts -> draft, and what went wrong, in words.

Input problems never raise: an empty, binary, undecodable file or an unsupported language gives
a result whose `status` says so, with an empty draft (the source description and a kne:todo
saying why) whenever the file could be read at all. Only a missing file has no draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import amounts as amounts_mod
from kg.extract import dates as dates_mod
from kg.extract.ages import date_ages
from kg.extract import language, text as text_mod
from kg.extract.events import find_events
from kg.extract.foreign import find_foreign
from kg.extract.foreign_lists import link_bare_lists
from kg.extract.lexicon import lexicon
from kg.extract.organizations import OrganizationFinder, founding_dates
from kg.extract.org_parents import bodies_of_a_list, bodies_of_the_parent
from kg.extract.people import find_people, reserve_names
from kg.extract.policies import find_policies
from kg.extract.supports import find_supports, inferred_sponsorships
from kg.extract.twinnings import TRIGGER, find_twinnings
from kg.extract.text import Note, note_text
from kg.extract.era import UNDATED, article_era
from kg.extract.units import find_unit_mentions
from kg.iris import ERA_2025

OK, NO_TWINNING, UNSUPPORTED, UNREADABLE, MISSING = "ok", "no-twinning", "unsupported-language", "unreadable", "missing"


@dataclass
class ExtractionResult:
    file_name: str
    sha256: str = ""
    size: int = 0
    status: str = OK
    message: str = ""
    message_vi: str = ""  # the message when it reports a failure (kg extract's error line)
    lang: str = ""
    lang_detected: str = ""
    published: dt.date | None = None
    url: str | None = None
    article: text_mod.Article | None = None
    era: str = "pre2025"
    era_reason: str = ""
    notes: list[str] = field(default_factory=list)  # how the article was read
    todos: list[str] = field(default_factory=list)  # what the steward must complete
    sentences: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    free_dates: list = field(default_factory=list)  # dates not taken by a policy
    amounts: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    units: list = field(default_factory=list)
    orgs: list = field(default_factory=list)
    people: list = field(default_factory=list)
    posts: list = field(default_factory=list)
    twinnings: list = field(default_factory=list)
    foreign: list = field(default_factory=list)  # mentions of localities outside Vietnam
    policies: list = field(default_factory=list)
    events: list = field(default_factory=list)
    supports: list = field(default_factory=list)
    statistics: list = field(default_factory=list)
    source_id_override: str | None = None
    dates_written: int | None = None  # set when a draft is built

    @property
    def source_id(self) -> str:
        """The first 16 hex characters of the file's SHA-256, unless the caller names the source."""
        return self.source_id_override or self.sha256[:16]

    @property
    def has_draft(self) -> bool:
        return bool(self.sha256)

    def counts(self) -> dict[str, int]:
        return {
            "units": len({id(m.unit) for m in self.units if m.unit is not None}),
            "organizations": len({o.key for o in self.orgs if o.key and (o.unit is not None or o.kind == "national")}),
            "people": len(self.people),
            "posts": len(self.posts),
            "twinnings": len(self.twinnings),
            "policies": len(self.policies),
            "events": len(self.events),
            "supports": len(self.supports),
            "amounts": len(self.amounts),
            # the dates the draft states (a date found in the text but attached to no fact is
            # not written); before a draft is built, the dates found
            "dates": self.dates_written
            if self.dates_written is not None
            else len([d for d in self.dates if not d.relative]),
        }

    def draft(self, validate: bool = True):
        from rdflib.namespace import DCTERMS, XSD

        from kg.extract.draft_facts import build_draft
        from kg.iris import KN

        ds = build_draft(self, validate=validate)
        date_types = {XSD.date, XSD.gYearMonth, XSD.gYear, XSD.gMonthDay}
        not_facts = {DCTERMS.issued, KN.validFrom, KN.validUntil}  # the article's own date, unit validity
        self.dates_written = sum(
            1
            for _s, p, o, _g in ds.quads((None, None, None, None))
            if getattr(o, "datatype", None) in date_types and p not in not_facts
        )
        return ds

    def draft_trig(self, validate: bool = True) -> str:
        from kg.extract.draft_facts import serialize

        return serialize(self.draft(validate=validate))


def extract_file(
    path: Path,
    lang: str = "auto",
    published: dt.date | None = None,
    url: str | None = None,
    max_chars: int = text_mod.MAX_CHARS,
) -> ExtractionResult:
    path = Path(path)
    result = ExtractionResult(path.name, published=published, url=url)
    try:
        article = text_mod.read_article(path, max_chars=max_chars)
    except text_mod.UnreadableInput as exc:
        result.status = MISSING if exc.reason == text_mod.MISSING else UNREADABLE
        result.message, result.sha256, result.size = exc.detail, exc.sha256, exc.size
        result.message_vi = exc.message("vi")
        result.todos.append(f"Nothing was extracted: {exc.detail}.")
        return result
    return extract_article(article, result, lang)


def extract_text(
    text: str,
    lang: str = "auto",
    published: dt.date | None = None,
    url: str | None = None,
    file_name: str = "article.txt",
) -> ExtractionResult:
    """For tests and callers holding the text already: as if read from a UTF-8 file."""
    data = text.encode("utf-8")
    result = ExtractionResult(file_name, published=published, url=url)
    try:
        article = text_mod.article_from_bytes(data, file_name)
    except text_mod.UnreadableInput as exc:
        result.status, result.message, result.sha256, result.size = UNREADABLE, exc.detail, exc.sha256, exc.size
        result.message_vi = exc.message("vi")
        result.todos.append(f"Nothing was extracted: {exc.detail}.")
        return result
    return extract_article(article, result, lang)


def extract_article(article: text_mod.Article, result: ExtractionResult, lang: str = "auto") -> ExtractionResult:
    result.article, result.sha256, result.size = article, article.sha256, article.size
    result.notes += article.notes
    guess = language.detect(article.text)
    result.lang_detected = guess.code
    if lang == "auto":
        if not guess.supported:
            result.status, result.lang = UNSUPPORTED, guess.code
            result.message = (
                f"{article.file_name}: the article seems to be in {guess.name}; only Vietnamese, "
                "French and English are handled (use --lang to force one)"
            )
            result.message_vi = (
                f"{article.file_name}: bài viết có vẻ viết bằng {language.NAMES_VI.get(guess.code, guess.code)}; "
                "chỉ xử lý được tiếng Việt, tiếng Pháp và tiếng Anh (dùng --lang để chọn một)"
            )
            result.todos.append(f"Nothing was extracted: {result.message}.")
            return result
        result.lang = guess.code
    else:
        result.lang = lang
        if guess.supported and guess.code != lang:
            result.notes.append(
                Note(
                    f"--lang {lang} was given; the text looks {language.NAMES[guess.code]}",
                    f"đã cho --lang {lang}; văn bản có vẻ viết bằng {language.NAMES_VI.get(guess.code, guess.code)}",
                )
            )
    _run(result, article.text)
    if not result.twinnings:
        result.status = NO_TWINNING
        result.message = f"{article.file_name}: no twinning statement found"
        result.message_vi = f"{article.file_name}: không thấy câu nào nói về quan hệ kết nghĩa"
        result.todos.append(
            "No twinning statement was found in this article; the draft holds only the other "
            "facts it states (if any). Check whether the article is about twinning at all."
        )
    else:
        result.message = f"{article.file_name}: {len(result.twinnings)} twinning(s) proposed"
        result.message_vi = f"{article.file_name}: đề xuất {len(result.twinnings)} quan hệ kết nghĩa"
    if article.truncated_at:
        result.todos.append(
            f"Only the first {article.truncated_at:,} characters were processed; facts stated "
            "later in the article are missing."
        )
    return result


def _run(result: ExtractionResult, text: str) -> None:
    lang = result.lang
    result.sentences = sentences = text_mod.split_sentences(text)
    result.dates = dates = dates_mod.find_dates(text)
    year = dates_mod.reference_year(text, dates, result.published)
    dates_mod.complete_years(dates, year)
    result.era, result.era_reason = article_era(text, dates, result.published)
    if any(d.year_from_context for d in dates):
        source = "--published" if result.published else "the latest year the article states"
        source_vi = "--published" if result.published else "năm muộn nhất bài nêu"
        result.notes.append(
            Note(
                f"day-month dates without a year were given the year {year} ({source})",
                f"các ngày-tháng không có năm được gán năm {year} ({source_vi})",
            )
        )
    result.amounts, rates = amounts_mod.split_rates(text, amounts_mod.find_amounts(text, lang))
    taken = [(d.start, d.end) for d in dates] + [(a.start, a.end) for a in result.amounts + rates]
    result.quantities = sorted(amounts_mod.find_quantities(text, lang, taken) + rates, key=lambda q: q.start)
    names = reserve_names(text)
    reserved = [(n.start, n.end) for n in names]
    result.units = find_unit_mentions(text, sentences, result.era, reserved, lang)
    if result.published is None and result.era_reason == UNDATED:
        # Nothing dates the article: the era whose units its names link to, when one does better
        # ("xã Avương" exists only since the reform).
        later = find_unit_mentions(text, sentences, ERA_2025, reserved, lang)
        own = len([m for m in result.units if getattr(m.unit, "era", None) == result.era])
        own_later = len([m for m in later if getattr(m.unit, "era", None) == ERA_2025])
        if own_later > own:
            result.units, result.era = later, ERA_2025
            result.era_reason = Note(
                f"nothing dates the article; {own_later} of its place names are units since "
                f"the 2025 reform, {own} units of before it",
                f"không có gì định ngày bài viết; {own_later} địa danh của bài là đơn vị từ cuộc sắp xếp "
                f"2025, {own} là đơn vị trước đó",
            )
    # Localities outside Vietnam ("trấn Điền Bồng (Phú Ninh)", "Daegu (South Korea)"): never a
    # Vietnamese unit of that name; the bare Vietnamese names listed beside them are linked.
    result.foreign, result.units = find_foreign(text, sentences, result.units)
    result.units = link_bare_lists(text, result.units, result.foreign, lexicon(), result.era)
    result.notes.append(
        Note(
            f"units were linked in the era {result.era}: {result.era_reason}",
            f"đơn vị được liên kết theo thời kỳ {result.era}: {note_text(result.era_reason, 'vi')}",
        )
    )
    org_finder = OrganizationFinder(text, sentences, result.units, result.era)
    result.orgs = org_finder.find()
    # "Ban Huoi Lot (Laos)": a village abroad, not a board ("Ban") of that name.
    abroad = {m.evidence_start for m in result.foreign if m.type_word == "bản"}
    result.orgs = [o for o in result.orgs if o.start not in abroad]
    bodies_of_the_parent(result.orgs, org_finder.linked)  # "the City Party Committee" among its wards
    bodies_of_a_list(text, result.orgs)  # "Tỉnh ủy, HĐND, UBND tỉnh X": all of X
    result.people, result.posts = find_people(text, names, result.orgs, org_finder)
    founding_dates(text, result.orgs, dates)
    result.policies = find_policies(text, sentences, result.orgs, dates)
    # A policy's own dates (issued, in force from) are not the date of what the sentence reports.
    used = {id(d) for p in result.policies for d in (p.issued, p.start_date) if d is not None}
    result.free_dates = free = [d for d in dates if id(d) not in used]
    parties = sorted(result.units + result.foreign, key=lambda m: m.start)
    result.twinnings = find_twinnings(
        text, sentences, parties, result.orgs, result.posts, free, result.policies, dates, result.published
    )
    # "Năm 2020 là tròn 60 năm kết nghĩa": the age of a relation read against the article's years.
    date_ages(text, sentences, result.twinnings, dates, result.units, result.orgs, year)
    result.events = find_events(text, sentences, free, result.quantities, result.units, result.people)
    result.supports, result.statistics = find_supports(
        text, sentences, result.amounts, result.quantities, result.units, result.orgs, result.posts, free, result.events
    )
    # A paragraph repeated word for word (a lead printed twice) states its facts once.
    result.supports = _once(text, result.supports, lambda f: f.amount.text if f.amount else "")
    result.statistics = _once(text, result.statistics, lambda f: f.amount.text)
    known = {t.key for t in result.twinnings}
    for twinning in inferred_sponsorships(result.supports, len(TRIGGER.findall(text))):
        if twinning.key not in known:
            result.twinnings.append(twinning)
            known.add(twinning.key)
    for mention in result.units:
        if mention.unit is None and mention.note:
            result.todos.append(
                f"{mention.surface!r} at character {mention.start}: {mention.note}; "
                "none was linked, link the right one if it matters."
            )


def _once(text: str, facts: list, detail) -> list:
    """The facts whose sentence and figure were not already stated earlier in the same words."""
    seen, kept = set(), []
    for fact in facts:
        key = (" ".join(text[fact.start : fact.end].split()), detail(fact))
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept

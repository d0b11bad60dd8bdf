"""Where a twinning is stated without a twinning word in its clause, or without its parties
(kg.extract.twinnings reads the clauses these point to):

- "hai tỉnh" in a clause that names no party speaks of the two provinces named most since the
  last relation was stated, not of the two the whole article names most (an article telling
  several twinnings one after the other).
"""

from __future__ import annotations


def named_since_last_pair(found, all_units, levels, end: int) -> list:
    """The two units of these levels named most often since the last relation found before
    `end` was stated (each by its first mention there); [] when no relation was found before."""
    starts = [t.evidence[0][0] for t in found.values() if t.evidence and t.evidence[0][1] <= end]
    if not starts:
        return []
    since = max(starts)
    counts: dict = {}
    first: dict = {}
    for mention in all_units:
        if since <= mention.start < end and (levels is None or mention.level in levels):
            counts[id(mention.unit)] = counts.get(id(mention.unit), 0) + 1
            first.setdefault(id(mention.unit), mention)
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k].start))
    return [first[k] for k in ranked[:2]]

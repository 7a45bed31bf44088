"""The learner's own pace: how their logged hours compare with the library's estimates.

The model, stated once (docs/progress.md repeats it for learners):

- Evidence is a **finished** skill with logged study time. Its ratio is logged hours over the
  library's estimate. A skill with less than a quarter of its estimate logged is taken as
  studied mostly elsewhere (books on the train, a course before the app) and does not count.
- Ratios are averaged **in log space** (taking twice as long and half as long are equally far
  from the estimate), each clipped to [1/4, 4] so that one odd skill cannot swing the figure,
  and weighted by the skill's estimate, capped at 40 h (a long skill is more evidence, up to a
  point).
- The average is **shrunk toward 1** (log 0) by a prior worth 30 estimated hours: with no
  evidence the factor is exactly 1, a first short skill moves it a little, and it settles on
  the learner's own figure as the evidence grows. Per area, the same average is shrunk toward
  the learner's overall factor by a prior worth 15 hours.

Properties (tests/core/test_personal_pace.py): exactly 1 with no evidence; always within
[1/4, 4]; adding a skill whose ratio is above the current factor never lowers it (and below,
never raises it); the order of the evidence does not matter.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MIN_RATIO = 0.25
MAX_RATIO = 4.0
MIN_SHARE_LOGGED = 0.25  # below this share of the estimate logged, a skill is no evidence
MAX_WEIGHT_HOURS = 40.0
PRIOR_HOURS = 30.0
AREA_PRIOR_HOURS = 15.0


@dataclass(frozen=True)
class Evidence:
    """One finished skill: its area, the library's estimate and the hours the learner logged."""

    skill_id: str
    area: str
    estimate_hours: float
    logged_hours: float

    @property
    def counts(self) -> bool:
        """Whether this skill says anything about the learner's pace."""
        return self.estimate_hours > 0 and self.logged_hours >= MIN_SHARE_LOGGED * (
            self.estimate_hours
        )

    @property
    def log_ratio(self) -> float:
        ratio = min(MAX_RATIO, max(MIN_RATIO, self.logged_hours / self.estimate_hours))
        return math.log(ratio)

    @property
    def weight(self) -> float:
        return min(self.estimate_hours, MAX_WEIGHT_HOURS)


@dataclass(frozen=True)
class PersonalPace:
    """Factors to multiply the library's estimates by: overall and per area."""

    overall: float = 1.0
    by_area: Mapping[str, float] = field(default_factory=dict)
    skills: int = 0  # how many finished skills the figures rest on

    def factor(self, area: str) -> float:
        """The factor for a skill of this area (the overall one where the area has no evidence)."""
        return self.by_area.get(area, self.overall)

    def hours(self, estimate_hours: float, area: str) -> float:
        """What a skill of this estimate and area is likely to take this learner."""
        return estimate_hours * self.factor(area)

    @property
    def known(self) -> bool:
        """Whether there is any evidence at all (otherwise every factor is 1)."""
        return self.skills > 0


def _shrunk(pairs: Iterable[tuple[float, float]], prior_weight: float, prior: float) -> float:
    """The weighted mean of (weight, value) pairs, pulled toward `prior` by `prior_weight`."""
    total = prior_weight * prior
    weight = prior_weight
    for w, value in pairs:
        total += w * value
        weight += w
    return total / weight


def personal_pace(evidence: Iterable[Evidence]) -> PersonalPace:
    """The learner's pace from their finished skills (see the module's docstring)."""
    counted = sorted((e for e in evidence if e.counts), key=lambda e: e.skill_id)
    if not counted:
        return PersonalPace()
    overall = _shrunk(((e.weight, e.log_ratio) for e in counted), PRIOR_HOURS, 0.0)
    areas: dict[str, list[Evidence]] = defaultdict(list)
    for e in counted:
        areas[e.area].append(e)
    by_area = {
        area: math.exp(_shrunk(((e.weight, e.log_ratio) for e in items), AREA_PRIOR_HOURS, overall))
        for area, items in sorted(areas.items())
    }
    return PersonalPace(math.exp(overall), by_area, len(counted))


def pace_words(pace: PersonalPace) -> str:
    """One line for a learner: how their pace compares with the estimates."""
    if not pace.known:
        return "Your pace: not known yet (finish a skill with its study time logged)"
    percent = round((pace.overall - 1) * 100)
    basis = f"{pace.skills} finished skill{'s' if pace.skills != 1 else ''}"
    if abs(percent) < 5:
        return f"Your pace: about as estimated (from {basis})"
    if percent > 0:
        return f"Your pace: skills take you about {percent} % longer than estimated (from {basis})"
    return f"Your pace: skills take you about {-percent} % less than estimated (from {basis})"

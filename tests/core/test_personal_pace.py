"""The learner's own pace: 1 without evidence, bounded, moved by evidence the right way, and
not swung by a few skills."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from planner.core.personal_pace import (
    MAX_RATIO,
    MIN_RATIO,
    Evidence,
    PersonalPace,
    pace_words,
    personal_pace,
)

AREAS = ("Mathematics", "Programming", "Deep learning")

evidence = st.builds(
    Evidence,
    skill_id=st.text("abcdefgh", min_size=1, max_size=6),
    area=st.sampled_from(AREAS),
    estimate_hours=st.floats(0.5, 200),
    logged_hours=st.floats(0, 800),
)


def skill(estimate: float, logged: float, area: str = "Mathematics", name: str = "s") -> Evidence:
    return Evidence(name, area, estimate, logged)


def test_no_evidence_is_exactly_the_estimate() -> None:
    pace = personal_pace([])
    assert pace == PersonalPace()
    assert pace.factor("Mathematics") == 1.0
    assert pace.hours(12, "Mathematics") == 12
    assert not pace.known
    assert "not known yet" in pace_words(pace)


def test_a_skill_studied_mostly_elsewhere_is_no_evidence() -> None:
    # 2 h logged on a 20 h skill: the rest was done away from the app.
    assert personal_pace([skill(20, 2)]) == PersonalPace()


def test_one_short_skill_does_not_swing_the_figure() -> None:
    pace = personal_pace([skill(5, 20)])  # four times the estimate, but only 5 h of evidence
    assert 1.0 < pace.overall < 1.3


def test_the_figure_settles_on_the_learners_own_ratio() -> None:
    many = [skill(20, 30, name=f"s{i}") for i in range(30)]  # always one and a half times
    assert math.isclose(personal_pace(many).overall, 1.5, rel_tol=0.05)


def test_areas_have_their_own_factor_pulled_toward_the_overall_one() -> None:
    maths = [skill(20, 40, "Mathematics", f"m{i}") for i in range(6)]
    tools = [skill(20, 10, "Programming", f"p{i}") for i in range(6)]
    pace = personal_pace(maths + tools)
    assert pace.factor("Mathematics") > pace.overall > pace.factor("Programming")
    assert pace.factor("Deep learning") == pace.overall  # no evidence there: the overall one
    assert pace.factor("Mathematics") < 2.0 and pace.factor("Programming") > 0.5


def test_words_for_a_slow_and_a_quick_learner() -> None:
    slow = personal_pace([skill(20, 40, name=f"s{i}") for i in range(10)])
    quick = personal_pace([skill(20, 10, name=f"s{i}") for i in range(10)])
    assert "longer than estimated (from 10 finished skills)" in pace_words(slow)
    assert "less than estimated" in pace_words(quick)


@given(st.lists(evidence, max_size=30))
def test_bounded(items: list[Evidence]) -> None:
    pace = personal_pace(items)
    for factor in (pace.overall, *pace.by_area.values()):
        assert MIN_RATIO <= factor <= MAX_RATIO


@given(st.lists(evidence, max_size=30), st.randoms(use_true_random=False))
def test_the_order_of_the_evidence_does_not_matter(items: list[Evidence], rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = personal_pace(items), personal_pace(shuffled)
    assert math.isclose(a.overall, b.overall, rel_tol=1e-9)
    assert a.by_area.keys() == b.by_area.keys()


@given(st.lists(evidence, max_size=30), evidence)
def test_monotone_in_the_evidence(items: list[Evidence], new: Evidence) -> None:
    before = personal_pace(items).overall
    after = personal_pace([*items, new]).overall
    if not new.counts:
        assert after == before
        return
    ratio = math.exp(new.log_ratio)
    if ratio >= before:
        assert after >= before * (1 - 1e-12)
    if ratio <= before:
        assert after <= before * (1 + 1e-12)

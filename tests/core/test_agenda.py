"""This week's agenda: reviews first, the plan's order kept, never more than the slots or the
hours a week, the same agenda for the same plan."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.agenda import (
    MIN_BLOCK_MINUTES,
    REVIEW_MINUTES,
    REVIEW_SHARE,
    Block,
    BlockKind,
    StudySlot,
    Workload,
    lay_out_week,
    lay_out_weeks,
    parse_slots,
    slots_text,
)
from planner.errors import UsageError

MONDAY = date(2026, 12, 7)
EVENINGS = parse_slots("Mon 19:00-21:00, Wed 19:00-21:00, Sat 10:00-13:00")


def test_slots_are_read_as_a_learner_writes_them() -> None:
    assert [
        StudySlot(0, time(19), time(21)),
        StudySlot(2, time(19), time(21)),
        StudySlot(5, time(10), time(13)),
    ] == EVENINGS
    assert slots_text(EVENINGS) == "Mon 19:00-21:00, Wed 19:00-21:00, Sat 10:00-13:00"
    assert parse_slots(slots_text(EVENINGS)) == EVENINGS
    assert parse_slots("saturday 9:30 – 11:00") == [StudySlot(5, time(9, 30), time(11))]
    assert parse_slots("") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mon", "'Mon' is not a study slot"),
        ("Xyz 10:00-11:00", "is not a study slot"),
        ("Mon 21:00-19:00", "ends before it starts"),
        ("Mon 19:00-25:00", "times run from 00:00 to 23:59"),
        ("Mon 19:00-21:00, Mon 20:00-22:00", "overlap"),
    ],
)
def test_bad_slots_get_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_slots(text)


def test_a_week_of_evenings_and_a_saturday_morning() -> None:
    steps = [("python", 90), ("linear-algebra", 600)]
    agenda = lay_out_week(MONDAY, Workload(EVENINGS, 6, steps, [("statistics", MONDAY)]))
    lines = [
        (b.day.isoformat(), f"{b.start:%H:%M}-{b.end:%H:%M}", b.skill_id, b.kind)
        for b in agenda.blocks
    ]
    assert lines == [
        ("2026-12-07", "19:00-19:20", "statistics", BlockKind.REVIEW),
        ("2026-12-07", "19:20-20:50", "python", BlockKind.STUDY),
        # 10 min left on Monday evening: not worth starting linear algebra.
        ("2026-12-09", "19:00-21:00", "linear-algebra", BlockKind.STUDY),
        ("2026-12-12", "10:00-12:10", "linear-algebra", BlockKind.STUDY),
    ]
    # The hours a week cap the week (6 h), not the slots (7 h).
    assert agenda.minutes == 6 * 60
    assert agenda.left == {"linear-algebra": 600 - 120 - 130}


def test_a_short_end_of_slot_is_left_free() -> None:
    # 10 min left on Monday after python: not worth starting linear algebra there.
    agenda = lay_out_week(MONDAY, Workload(EVENINGS, 10, [("python", 110), ("linear-algebra", 60)]))
    monday = [b for b in agenda.blocks if b.day == MONDAY]
    assert [(b.skill_id, b.minutes) for b in monday] == [("python", 110)]
    assert agenda.blocks[1].day == MONDAY + timedelta(days=2)


def test_days_already_past_stay_empty_and_overdue_reviews_come_first() -> None:
    thursday = MONDAY + timedelta(days=3)
    agenda = lay_out_week(MONDAY, Workload(
        EVENINGS, 10, [("python", 600)], [("sql", MONDAY - timedelta(days=20))],
        from_day=thursday,
    ))  # fmt: skip
    assert {b.day for b in agenda.blocks} == {MONDAY + timedelta(days=5)}
    assert agenda.blocks[0].skill_id == "sql" and agenda.blocks[0].kind is BlockKind.REVIEW


def test_next_week_carries_on_where_this_one_stopped() -> None:
    this, following = lay_out_weeks(
        MONDAY, 2, EVENINGS, 7, [("a", 300), ("b", 300)], [("r", MONDAY)]
    )
    assert this.left == {"b": 300 - (7 * 60 - REVIEW_MINUTES - 300)}
    assert following.blocks[0].skill_id == "b"
    assert BlockKind.REVIEW not in {b.kind for b in following.blocks}  # reviewed already
    assert following.week == MONDAY + timedelta(days=7)


def test_time_logged_today_fills_todays_slot_from_its_start_and_is_not_laid_out_again() -> None:
    """ "Log this" on Monday's block: the block stays, logged, and the skill's next chunk goes
    to the next study time, not into the same hours."""
    before = lay_out_week(MONDAY, Workload(EVENINGS, 6, [("python", 300)], from_day=MONDAY))
    first = before.blocks[0]
    assert (first.day, first.start, first.minutes) == (MONDAY, time(19), 120)
    after = lay_out_week(MONDAY, Workload(
        EVENINGS, 6, [("python", 300 - 120)], from_day=MONDAY,
        logged=[("python", MONDAY, 120)],
    ))  # fmt: skip
    monday = [b for b in after.blocks if b.day == MONDAY]
    assert [(b.start, b.end, b.skill_id, b.logged) for b in monday] == [
        (time(19), time(21), "python", True)
    ]
    assert [(b.day.weekday(), b.minutes, b.logged) for b in after.blocks[1:]] == [
        (2, 120, False),  # Wednesday: the 180 minutes left
        (5, 60, False),
    ]
    assert after.planned_minutes + 120 <= 6 * 60


def test_a_part_logged_today_leaves_the_rest_of_the_slot_for_the_plan() -> None:
    agenda = lay_out_week(MONDAY, Workload(
        EVENINGS, 10, [("python", 600)], from_day=MONDAY,
        logged=[("sql", MONDAY, 45)],
    ))  # fmt: skip
    first, second = agenda.blocks[:2]
    assert (first.skill_id, first.start, first.end, first.logged) == (
        "sql",
        time(19),
        time(19, 45),
        True,
    )
    assert (second.skill_id, second.start, second.end, second.logged) == (
        "python", time(19, 45), time(21), False,
    )  # fmt: skip


def test_study_logged_earlier_this_week_counts_against_its_hours() -> None:
    wednesday = MONDAY + timedelta(days=2)
    agenda = lay_out_week(MONDAY, Workload(
        EVENINGS, 4, [("python", 600)], from_day=wednesday,
        logged=[("python", MONDAY, 150), ("git", MONDAY + timedelta(days=1), 30),
                ("python", MONDAY - timedelta(days=1), 600)],  # last week's: not this week's
    ))  # fmt: skip
    assert agenda.planned_minutes == 4 * 60 - 150 - 30
    assert all(not b.logged for b in agenda.blocks)  # nothing logged today (Wednesday)


def test_a_review_studied_today_is_not_laid_out_again() -> None:
    agenda = lay_out_week(MONDAY, Workload(
        EVENINGS, 6, [("python", 600)], [("sql", MONDAY - timedelta(days=3))],
        from_day=MONDAY, logged=[("sql", MONDAY, REVIEW_MINUTES)],
    ))  # fmt: skip
    reviews = [b for b in agenda.blocks if b.kind is BlockKind.REVIEW]
    assert [(b.skill_id, b.start, b.logged) for b in reviews] == [("sql", time(19), True)]


def test_reviews_take_at_most_a_quarter_of_the_week_the_most_overdue_first() -> None:
    """A first start with thirty skills ticked as known: all due at once, and the week is
    still mostly study; the rest wait for the weeks after."""
    due = [(f"known-{k:02}", MONDAY - timedelta(days=30 - k)) for k in range(30)]
    this, following = lay_out_weeks(MONDAY, 2, EVENINGS, 6, [("python", 900)], due)
    for week in (this, following):
        reviews = [b for b in week.blocks if b.kind is BlockKind.REVIEW]
        assert sum(b.minutes for b in reviews) <= 6 * 60 * REVIEW_SHARE
        assert len(reviews) == 6 * 60 * REVIEW_SHARE // REVIEW_MINUTES
    first = [b.skill_id for b in this.blocks if b.kind is BlockKind.REVIEW]
    assert first == [f"known-{k:02}" for k in range(len(first))]  # the most overdue first
    second = [b.skill_id for b in following.blocks if b.kind is BlockKind.REVIEW]
    assert second[0] == f"known-{len(first):02}"
    # However few the hours, one review fits.
    small = lay_out_week(MONDAY, Workload(EVENINGS, 1, [], due))
    assert [b.kind for b in small.blocks] == [BlockKind.REVIEW]


slots = st.lists(
    st.builds(
        lambda day, start, length: StudySlot(
            day, time(start // 60, start % 60), time((start + length) // 60, (start + length) % 60)
        ),
        st.integers(0, 6),
        st.integers(0, 20 * 60),
        st.integers(5, 3 * 60),
    ),
    max_size=8,
).map(lambda ss: sorted({s.weekday: s for s in ss}.values()))  # one slot a day: no overlaps
steps = st.lists(
    st.tuples(st.text("abcdef", min_size=1, max_size=3), st.integers(0, 900)), max_size=10
)
reviews = st.lists(
    st.tuples(st.sampled_from(["r1", "r2", "r3"]), st.dates(date(2026, 11, 1), date(2026, 12, 20))),
    max_size=3,
)


@given(slots, st.floats(0.5, 40), steps, reviews)
def test_never_more_than_the_slots_or_the_hours_and_the_plans_order_kept(
    week_slots: list[StudySlot],
    hours: float,
    plan: list[tuple[str, int]],
    due: list[tuple[str, date]],
) -> None:
    plan = list({s: (s, m) for s, m in plan}.values())  # a skill appears once in a plan
    agenda = lay_out_week(MONDAY, Workload(week_slots, hours, plan, due))
    assert agenda.minutes <= round(hours * 60)
    assert agenda.minutes <= sum(s.minutes for s in week_slots)
    by_slot: dict[date, list[Block]] = {}
    for b in agenda.blocks:
        slot = week_slots_by_day(week_slots)[b.day.weekday()]
        assert slot.start <= b.start < b.end <= slot.end
        by_slot.setdefault(b.day, []).append(b)
    for blocks in by_slot.values():  # no overlaps within a slot
        assert all(a.end <= b.start for a, b in itertools.pairwise(blocks))
    study = [b for b in agenda.blocks if b.kind is BlockKind.STUDY]
    order = [s for s, _ in plan]
    firsts = list(dict.fromkeys(b.skill_id for b in study))
    assert firsts == [s for s in order if s in firsts]  # the plan's order
    for skill in firsts[:-1]:  # every skill but the last is laid out in full before the next
        assert sum(b.minutes for b in study if b.skill_id == skill) == dict(plan)[skill]
    for b in study:
        assert b.minutes >= MIN_BLOCK_MINUTES or b.minutes == dict(plan)[b.skill_id] - sum(
            x.minutes for x in study if x.skill_id == b.skill_id and x is not b
        )
    assert lay_out_week(MONDAY, Workload(week_slots, hours, plan, due)) == agenda  # deterministic


def week_slots_by_day(week_slots: list[StudySlot]) -> dict[int, StudySlot]:
    return {s.weekday: s for s in week_slots}


logged = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "r1", "x"]),
        st.dates(MONDAY - timedelta(days=2), MONDAY + timedelta(days=6)),
        st.integers(1, 300),
    ),
    max_size=4,
)


@given(slots, st.floats(0.5, 40), steps, reviews, logged, st.integers(0, 6))
def test_with_study_logged_never_more_than_the_slots_or_the_hours(
    week_slots: list[StudySlot],
    hours: float,
    plan: list[tuple[str, int]],
    due: list[tuple[str, date]],
    studied: list[tuple[str, date, int]],
    weekday: int,
) -> None:
    plan = list({s: (s, m) for s, m in plan}.values())
    today = MONDAY + timedelta(days=weekday)
    agenda = lay_out_week(
        MONDAY, Workload(week_slots, hours, plan, due, from_day=today, logged=studied)
    )
    this_week = sum(m for _, d, m in studied if MONDAY <= d <= MONDAY + timedelta(days=6))
    assert agenda.planned_minutes <= max(0, round(hours * 60) - this_week)
    assert agenda.minutes <= sum(s.minutes for s in week_slots)
    for b in agenda.blocks:
        slot = week_slots_by_day(week_slots)[b.day.weekday()]
        assert slot.start <= b.start < b.end <= slot.end and b.day >= today
        assert not b.logged or b.day == today
    by_day: dict[date, list[Block]] = {}
    for b in agenda.blocks:
        by_day.setdefault(b.day, []).append(b)
    for blocks in by_day.values():  # no overlaps; what was logged first, from the start
        assert all(a.end <= b.start for a, b in itertools.pairwise(blocks))
        assert [b.logged for b in blocks] == sorted((b.logged for b in blocks), reverse=True)
    logged_today = sum(m for _, d, m in studied if d == today)
    assert sum(b.minutes for b in agenda.blocks if b.logged) == min(
        logged_today, sum(s.minutes for s in week_slots if s.weekday == weekday)
    )
    study = [b for b in agenda.blocks if b.kind is BlockKind.STUDY and not b.logged]
    firsts = list(dict.fromkeys(b.skill_id for b in study))
    assert firsts == [s for s, _ in plan if s in firsts]  # the plan's order
    again = lay_out_week(
        MONDAY, Workload(week_slots, hours, plan, due, from_day=today, logged=studied)
    )
    assert again == agenda  # deterministic

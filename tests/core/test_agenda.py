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
    BlockKind,
    StudySlot,
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
    agenda = lay_out_week(MONDAY, EVENINGS, 6, steps, [("statistics", MONDAY)])
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
    agenda = lay_out_week(MONDAY, EVENINGS, 10, [("python", 110), ("linear-algebra", 60)])
    monday = [b for b in agenda.blocks if b.day == MONDAY]
    assert [(b.skill_id, b.minutes) for b in monday] == [("python", 110)]
    assert agenda.blocks[1].day == MONDAY + timedelta(days=2)


def test_days_already_past_stay_empty_and_overdue_reviews_come_first() -> None:
    thursday = MONDAY + timedelta(days=3)
    agenda = lay_out_week(
        MONDAY, EVENINGS, 10, [("python", 600)], [("sql", MONDAY - timedelta(days=20))],
        from_day=thursday,
    )  # fmt: skip
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
    agenda = lay_out_week(MONDAY, week_slots, hours, plan, due)
    assert agenda.minutes <= round(hours * 60)
    assert agenda.minutes <= sum(s.minutes for s in week_slots)
    by_slot: dict[date, list] = {}
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
    assert lay_out_week(MONDAY, week_slots, hours, plan, due) == agenda  # deterministic


def week_slots_by_day(week_slots: list[StudySlot]) -> dict[int, StudySlot]:
    return {s.weekday: s for s in week_slots}

"""Issue 20 through the service, on both engines: reviews of finished skills (answers appended,
the schedule moved by them, refusals that change nothing), the learner's pace in the plan, study
slots in the profile, and the agenda laid into them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from planner.core.agenda import BlockKind, StudySlot
from planner.core.reviews import Answer, ReviewEvent, ReviewState, schedule_skill
from planner.db import tables
from planner.errors import NotFoundError, PlannerError, UsageError
from planner.service import Planner

TODAY = date(2026, 3, 10)  # a Tuesday
FINISHED = date(2025, 9, 20)
SLOTS = "Mon 19:00-21:00, Wed 19:00-21:00, Sat 10:00-13:00"


def open_planner(path: str) -> Planner:
    return Planner.open(path, today=lambda: TODAY)


@pytest.fixture
def db(db_location: str) -> str:
    """A learner aiming at ml-engineer who finished python-basics on 20 September 2025, having
    logged 72 hours on it (the library says 40)."""
    planner = open_planner(db_location)
    planner.profiles.update(role="ml-engineer", hours_per_week=10)
    planner.progress.log_study("python-basics", 72 * 60 // 2, day=date(2025, 8, 1))
    planner.progress.log_study("python-basics", 72 * 60 // 2, day=date(2025, 9, 1))
    planner.progress.set_status("python-basics", "done", day=FINISHED)
    planner.close()
    return db_location


@pytest.fixture
def planner(db: str) -> Iterator[Planner]:
    p = open_planner(db)
    yield p
    p.close()


def review_rows(planner: Planner) -> int:
    with planner.db.session() as session:
        return session.scalar(select(func.count()).select_from(tables.review_event)) or 0


# ---------------------------------------------------------------------------- reviews
def test_a_finished_skill_comes_up_for_review_and_answers_are_appended(planner: Planner) -> None:
    (state,) = planner.reviews.states()
    assert (state.skill_id, state.finished, state.last_reviewed) == (
        "python-basics",
        FINISHED,
        None,
    )
    assert state.due < TODAY  # finished months ago: overdue
    assert [s.skill_id for s in planner.reviews.due()] == ["python-basics"]

    first = planner.reviews.answer("python-basics", "solid", date(2026, 3, 1))
    assert first.change.reviews and first.change.skills == ("python-basics",)
    assert not first.change.statuses
    second = planner.reviews.answer("python-basics", Answer.SOLID)
    assert second.value.reviews == 2 and second.value.last_reviewed == TODAY
    assert [(e.day, e.answer) for e in planner.reviews.events()] == [
        (date(2026, 3, 1), Answer.SOLID),
        (TODAY, Answer.SOLID),
    ]
    assert review_rows(planner) == 2
    assert planner.reviews.due() == []


def test_solid_answers_grow_the_interval_and_rusty_shrinks_it(planner: Planner) -> None:
    day = planner.reviews.states()[0].due
    intervals = []
    while day <= TODAY:  # answered on each due day
        state = planner.reviews.answer("python-basics", "solid", day).value
        intervals.append((state.due - day).days)
        day = state.due
    assert len(intervals) >= 2 and intervals == sorted(intervals) and intervals[0] < intervals[-1]
    rusty = planner.reviews.answer("python-basics", "rusty", TODAY).value
    assert (rusty.due - TODAY).days < intervals[-1]
    assert rusty.rusty_in_a_row == 1


def test_due_within_days_looks_ahead(planner: Planner) -> None:
    state = planner.reviews.answer("python-basics", "solid", TODAY).value
    assert planner.reviews.due() == []
    ahead = (state.due - TODAY).days
    assert planner.reviews.due(ahead - 1) == []
    assert [s.skill_id for s in planner.reviews.due(ahead)] == ["python-basics"]
    with pytest.raises(UsageError):
        planner.reviews.due(-1)


def test_skipped_and_implied_skills_are_not_reviewed(planner: Planner) -> None:
    planner.progress.set_status("git", "skipped", TODAY)
    planner.progress.set_status("python-packaging", "done", TODAY)  # python-basics stays done
    planner.progress.set_status("software-engineering-fundamentals", "done", TODAY)
    reviewed = {s.skill_id for s in planner.reviews.states()}
    # data-structures-algorithms is implied by software-engineering-fundamentals: known, not
    # reviewed; git was skipped.
    assert reviewed == {"python-basics", "python-packaging", "software-engineering-fundamentals"}
    assert planner.reviews.states()[0].skill_id == "python-basics"  # due first


def test_a_skill_reopened_and_finished_again_counts_from_the_second_time(
    planner: Planner,
) -> None:
    planner.reviews.answer("python-basics", "rusty", date(2026, 1, 5))
    planner.progress.set_status("python-basics", "in-progress", date(2026, 1, 6))
    assert planner.reviews.states() == []
    planner.progress.set_status("python-basics", "done", date(2026, 2, 1))
    (state,) = planner.reviews.states()
    assert (state.finished, state.reviews, state.last_reviewed) == (date(2026, 2, 1), 0, None)


@pytest.mark.parametrize(
    ("skill", "answer", "day", "error", "words"),
    [
        ("no-such-skill", "solid", None, NotFoundError, "unknown skill 'no-such-skill'"),
        ("sql", "solid", None, UsageError, "'sql' is not finished (it is to do)"),
        ("python-basics", "meh", None, UsageError, "unknown answer 'meh' (answer solid or rusty)"),
        ("python-basics", "solid", TODAY + timedelta(days=1), UsageError, "in the future"),
        ("python-basics", "rusty", date(2025, 9, 19), UsageError, "before 'python-basics' was"),
    ],
)
def test_refusals_say_one_line_and_leave_the_database_untouched(
    planner: Planner,
    skill: str,
    answer: str,
    day: date | None,
    error: type[PlannerError],
    words: str,
) -> None:
    before = planner.reviews.states()
    with pytest.raises(error) as raised:
        planner.reviews.answer(skill, answer, day)
    assert words in str(raised.value) and "\n" not in str(raised.value)
    assert review_rows(planner) == 0
    assert planner.reviews.states() == before


def test_skipped_skill_refusal_says_why(planner: Planner) -> None:
    planner.progress.set_status("git", "skipped", TODAY)
    with pytest.raises(UsageError, match="'git' is not finished \\(it was skipped\\)"):
        planner.reviews.answer("git", "solid")


# ---------------------------------------------------------------------------- pace
def test_the_plan_carries_the_learners_pace_and_can_be_dated_by_it(planner: Planner) -> None:
    pace = planner.planning.pace()
    assert pace.known and pace.skills == 1 and 1 < pace.overall < 72 / 40
    plan = planner.planning.plan()
    assert not plan.at_pace
    assert plan.finish == plan.finish_as_estimated
    assert plan.finish_at_pace is not None and plan.finish_as_estimated is not None
    assert plan.finish_at_pace > plan.finish_as_estimated
    step = next(s for s in plan.steps if s.remaining)
    assert step.personal_hours == pytest.approx(pace.hours(step.skill.hours, step.skill.area))

    at_pace = planner.planning.plan(at_pace=True)
    assert at_pace.at_pace and at_pace.finish == plan.finish_at_pace
    assert [s.skill.id for s in at_pace.steps] == [s.skill.id for s in plan.steps]
    assert at_pace.steps[-1].skill.hours == plan.steps[-1].skill.hours  # the estimate stays

    planner.profiles.update(plan_by_pace=True)
    assert planner.profile().plan_by_pace
    assert planner.planning.plan().finish == plan.finish_at_pace
    assert planner.planning.plan(at_pace=False).finish == plan.finish


def test_without_evidence_the_pace_is_one_and_the_plan_unchanged(db_location: str) -> None:
    planner = open_planner(db_location)
    try:
        planner.profiles.update(role="ml-engineer", plan_by_pace=True)
        pace = planner.planning.pace()
        assert not pace.known and pace.overall == 1
        plan = planner.planning.plan()
        assert plan.finish_at_pace is None and not plan.at_pace
        assert all(s.personal_hours is None for s in plan.steps)
    finally:
        planner.close()


# ---------------------------------------------------------------------------- slots, agenda
def test_study_slots_are_stored_as_written_and_cleared(planner: Planner) -> None:
    changed = planner.profiles.update(study_slots="sat 10:00-13:00; Mon 19:00-21:00")
    assert changed.change.profile
    assert planner.profile().study_slots == (
        StudySlot(0, time(19), time(21)),
        StudySlot(5, time(10), time(13)),
    )
    with pytest.raises(UsageError, match="is not a study slot"):
        planner.profiles.update(study_slots="Someday 10-12", hours_per_week=12)
    assert planner.profile().hours_per_week == 10  # nothing of a refused update is kept
    planner.profiles.update(study_slots="")
    assert planner.profile().study_slots == ()


def test_without_slots_the_agenda_has_weeks_and_no_blocks(planner: Planner) -> None:
    weeks = planner.agenda.weeks()
    assert [a.week for a in weeks] == [date(2026, 3, 9), date(2026, 3, 16)]
    assert all(a.blocks == () for a in weeks)


def test_the_agenda_fills_the_slots_in_plan_order_with_due_reviews(planner: Planner) -> None:
    planner.profiles.update(study_slots=SLOTS)
    planner.progress.log_study("unix-shell", 30, TODAY)  # in progress: first
    weeks = planner.agenda.weeks()
    this_week, next_week = weeks
    assert all(b.day >= TODAY for b in this_week.blocks)  # Monday is past
    review = [b for b in this_week.blocks if b.kind is BlockKind.REVIEW]
    assert [b.skill_id for b in review] == ["python-basics"]  # overdue: the first slot
    assert review[0].day == date(2026, 3, 11)
    study = [b for a in weeks for b in a.blocks if b.kind is BlockKind.STUDY]
    assert study[0].skill_id == "unix-shell"
    assert this_week.left["unix-shell"] == 10 * 60 - 30 - (120 - 20 + 180)  # Wed and Sat
    assert "unix-shell" not in next_week.left  # 10 h less 30 min logged, laid out in full
    assert sum(b.minutes for b in study if b.skill_id == "unix-shell") == 10 * 60 - 30
    for agenda in weeks:
        assert agenda.minutes <= 10 * 60
        for block in agenda.blocks:
            assert agenda.goals.get(block.skill_id)  # each block says what goal it serves
    # Prerequisites first: nothing is laid out before the plan's earlier steps are.
    plan_order = [s.skill.id for s in planner.planning.plan().steps if s.remaining]
    first_seen = list(dict.fromkeys(b.skill_id for b in study))
    assert first_seen == plan_order[: len(first_seen)]


def test_the_agenda_follows_an_answered_review(planner: Planner) -> None:
    planner.profiles.update(study_slots=SLOTS)
    planner.reviews.answer("python-basics", "solid")
    kinds = {b.kind for a in planner.agenda.weeks() for b in a.blocks}
    assert BlockKind.REVIEW not in kinds


def test_the_export_data_carries_pace_reviews_and_agenda(planner: Planner) -> None:
    planner.profiles.update(study_slots=SLOTS, plan_by_pace=True)
    planner.reviews.answer("python-basics", "rusty")
    data = planner.planning.export_data()
    assert data.pace.known and data.plan_by_pace and data.plan.at_pace
    assert [e.answer for e in data.review_events] == [Answer.RUSTY]
    assert [s.skill_id for s in data.reviews] == ["python-basics"]
    assert len(data.agenda) == 2 and data.study_slots == planner.profile().study_slots


def test_a_later_week_continues_where_the_weeks_before_it_stop(planner: Planner) -> None:
    planner.profiles.update(study_slots=SLOTS)
    _, next_week = planner.agenda.weeks()
    (alone,) = planner.agenda.weeks(date(2026, 3, 18), count=1)
    assert alone == next_week
    past = planner.agenda.weeks(date(2026, 2, 2), count=1)
    assert past[0].week == date(2026, 2, 2) and past[0].blocks == ()
    with pytest.raises(UsageError, match="ten years ahead"):
        planner.agenda.weeks(date(2040, 1, 1))


def test_a_skill_in_progress_past_its_estimate_still_gets_an_hour(planner: Planner) -> None:
    planner.profiles.update(study_slots=SLOTS)
    for day in range(1, 12):  # 11 h on a 10 h skill
        planner.progress.log_study("unix-shell", 60, TODAY - timedelta(days=day))
    first = next(b for b in planner.agenda.weeks()[0].blocks if b.kind is BlockKind.STUDY)
    assert (first.skill_id, first.minutes) == ("unix-shell", 60)


# ---------------------------------------------------------------------------- the schedule kept
def test_the_review_schedule_is_kept_until_a_status_or_an_answer_changes(
    db: str, planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FSRS replays every answer: the list, the agenda and the export reuse each skill's state
    until what it is computed from changes, and then only that skill is computed again."""
    import planner.service.reviews as service_reviews

    computed: list[str] = []

    def counting(skill_id: str, done_on: date, answers: tuple[ReviewEvent, ...]) -> ReviewState:
        computed.append(skill_id)
        return schedule_skill(skill_id, done_on, answers)

    monkeypatch.setattr(service_reviews, "schedule_skill", counting)
    planner.profiles.update(study_slots=SLOTS)
    planner.progress.set_status("git", "done", TODAY - timedelta(days=3))
    first = planner.reviews.states()
    assert sorted(computed) == ["git", "python-basics"]
    computed.clear()
    assert planner.reviews.states() == first
    planner.reviews.due()
    planner.agenda.weeks()
    planner.planning.export_data()
    assert computed == []  # nothing recomputed

    planner.reviews.answer("python-basics", "rusty")  # an answer: that skill only
    assert computed == ["python-basics"]
    computed.clear()
    planner.progress.set_status("git", "in-progress", TODAY - timedelta(days=1))  # re-opened
    planner.progress.set_status("git", "done", TODAY)
    assert [s.finished for s in planner.reviews.states() if s.skill_id == "git"] == [TODAY]
    assert computed == ["git"]
    computed.clear()

    # A change by another program (or a restore): read afresh, so seen at once.
    other = open_planner(db)
    other.reviews.answer("git", "solid")
    other.close()
    computed.clear()  # what the other program computed
    assert [s.reviews for s in planner.reviews.states() if s.skill_id == "git"] == [1]
    assert computed == ["git"]


def test_a_block_logged_today_stays_studied_and_the_week_counts_it(planner: Planner) -> None:
    """Logging today's first block (a Tuesday evening) leaves it in place as logged;
    the skill's next chunk is not laid into the same hours, and the week lays out that much
    less."""
    planner.profiles.update(study_slots="Tue 19:00-21:00, Sat 10:00-13:00", hours_per_week=4)
    (before, _) = planner.agenda.weeks()
    first = next(b for b in before.blocks if b.kind is BlockKind.STUDY)
    assert first.day == TODAY and not first.logged
    planner.progress.log_study(first.skill_id, first.minutes, first.day)
    planner.progress.log_study("git", 25, TODAY - timedelta(days=1))  # Monday: this week too
    (after, _) = planner.agenda.weeks()
    today = [b for b in after.blocks if b.day == TODAY]
    logged = [b for b in today if b.logged]
    # From the slot's start (the overdue review, 20 minutes, now follows it).
    assert [(b.skill_id, b.start, b.minutes) for b in logged] == [
        (first.skill_id, time(19), first.minutes)
    ]
    assert [b.kind for b in today if not b.logged] == [BlockKind.REVIEW]  # nothing re-planned
    assert after.planned_minutes == before.planned_minutes - first.minutes - 25


def test_the_pace_is_kept_until_the_history_or_the_library_changes(
    db: str, planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every plan reads the pace; summing the study log is done once per change."""
    from planner.db import queries

    sums: list[int] = []
    real = queries.minutes_by_skill

    def counting(session: object, profile_id: int) -> object:
        sums.append(profile_id)
        return real(session, profile_id)  # type: ignore[arg-type]

    monkeypatch.setattr(queries, "minutes_by_skill", counting)
    first = planner.planning.pace()
    planner.planning.plan()
    planner.planning.progress()
    assert len(sums) == 1 and planner.planning.pace() == first
    planner.progress.log_study("python-basics", 600, date(2025, 9, 10))  # a session
    assert planner.planning.pace().overall > first.overall and len(sums) == 2
    planner.progress.set_status("git", "done", TODAY)  # a status
    planner.planning.pace()
    assert len(sums) == 3
    other = open_planner(db)  # another program's session
    other.progress.log_study("python-basics", 60, date(2025, 9, 11))
    other.close()
    sums.clear()
    planner.planning.pace()
    assert len(sums) == 1
    logged = planner.progress.log_study("git", 30, TODAY).session
    planner.planning.pace()
    sums.clear()
    other = open_planner(db)  # another program deletes a session: a correction, new evidence
    other.progress.delete_study_session(logged.id)
    other.close()
    planner.planning.pace()
    assert len(sums) == 1
    sums.clear()
    planner.invalidate()  # the library changed (an edit, an import, a restore)
    planner.planning.pace()
    assert len(sums) == 1

"""planner.team: who the login is, the members, and the mentor's cohort figures against a
history built by hand — the same figures each learner's own `progress` shows them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from planner.core.team import Kind
from planner.errors import NotFoundError, PermissionRefused, UsageError
from planner.service import Planner
from tests.pg_cluster import Cluster
from tests.team_fixtures import TODAY, Group, group_fixture

D = date.fromisoformat


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.fixture(scope="module")
def group(pg_cluster: Cluster) -> Iterator[Group]:
    """l1 studies an hour every day for three weeks and aims far; l2 studied in January and
    three hours on four days lately, aiming at next month; l3 (the other cohort) has done
    nothing yet."""
    for group in group_fixture(pg_cluster, seed=False):
        l1, l2, _ = group.learners
        planner = group.open(l1)
        try:
            planner.profiles.update(role="ai-engineer", hours_per_week=6, start=D("2026-01-01"))
            planner.profiles.set_target_date(D("2030-01-01"))
            planner.progress.log_study("python-basics", 120, D("2026-01-05"))
            for day in _days(D("2026-02-18"), TODAY):
                planner.progress.log_study("git", 60, day)
            planner.progress.set_status("python-basics", "done", D("2026-01-20"))
            planner.progress.set_status("git", "done", D("2026-03-01"))
        finally:
            planner.close()
        planner = group.open(l2)
        try:
            planner.profiles.update(role="ai-engineer", hours_per_week=10, start=D("2026-01-01"))
            planner.profiles.set_target_date(D("2026-04-01"))
            planner.progress.log_study("python-basics", 200, D("2026-01-10"))
            for text in ("2026-03-01", "2026-03-02", "2026-03-08", "2026-03-09"):
                planner.progress.log_study("python-basics", 180, D(text))
            # A deleted session counts for nothing.
            wrong = planner.progress.log_study("git", 600, D("2026-03-07"))
            planner.progress.delete_study_session(wrong.session.id)
        finally:
            planner.close()
        yield group


def test_the_cohort_figures_from_a_hand_built_history(group: Group) -> None:
    l1, l2, _ = group.learners
    mentor = group.open(group.mentor)
    try:
        rows = {r.login: r for r in mentor.team.cohort()}
    finally:
        mentor.close()
    assert set(rows) == {l1, l2}  # the mentor follows c1 only
    one, two = rows[l1], rows[l2]
    assert (one.cohort, one.role, one.profile) == ("c1", "ai-engineer", l1)
    # 21 days of an hour each, all within the last 28 days, the last one today.
    assert (one.hours_last_28_days, one.streak_days, one.last_active) == (21.0, 21, TODAY)
    # Twelve hours in the last 28 days; yesterday and the day before are a run of 2 (today is
    # not over); the deleted 10 hours count for nothing.
    assert (two.hours_last_28_days, two.streak_days, two.last_active) == (12.0, 2, D("2026-03-09"))
    assert one.done_skills >= 2 and two.done_skills == 0
    assert one.target_date == D("2030-01-01") and two.target_date == D("2026-04-01")
    assert one.days_ahead is not None and one.days_ahead > 0  # ahead of a far target
    assert two.days_ahead is not None and two.days_ahead < 0  # behind next month's target
    # Every figure is what the learner's own `progress` says.
    for login, row in rows.items():
        learner = group.open(login)
        try:
            plan, progress = learner.planning.progress()
        finally:
            learner.close()
        assert row.plan_skills == progress.skills_total
        assert row.done_skills == progress.skills_done
        assert row.percent_done_hours == pytest.approx(progress.percent_done_hours)
        assert row.streak_days == progress.streak_days
        assert row.planned_finish == plan.finish == progress.planned_finish
        assert row.forecast_finish == progress.forecast_finish
        assert row.target_date is not None and progress.forecast_finish is not None
        assert row.days_ahead == (row.target_date - progress.forecast_finish).days


def test_the_json_of_a_row_has_team_md_s_fields(group: Group) -> None:
    owner = group.open(group.owner)
    try:
        rows = owner.team.cohort()
    finally:
        owner.close()
    assert [r.login for r in rows] == list(group.learners)  # the owner sees every cohort
    data = rows[0].as_json()
    assert list(data) == [
        "login", "profile", "cohort", "role", "tracks", "plan_skills", "done_skills",
        "percent_done_hours", "hours_last_28_days", "streak_days", "last_active",
        "planned_finish", "forecast_finish", "target_date", "days_ahead",
    ]  # fmt: skip
    assert data["last_active"] == TODAY.isoformat()
    idle = rows[2].as_json()
    assert (idle["role"], idle["last_active"], idle["days_ahead"]) == (None, None, None)


def test_the_cohort_takes_one_round_of_queries_however_many_learners(group: Group) -> None:
    owner = group.open(group.owner)
    statements: list[str] = []
    event.listen(owner.db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    try:
        owner.team.cohort()  # the library and the plans' shapes are read once, and kept
        statements.clear()
        owner.team.cohort("c2")  # one learner
        one = len(statements)
        statements.clear()
        owner.team.cohort()  # three
        assert len(statements) == one
    finally:
        owner.close()


def test_the_burnup_sums_the_learners_own(group: Group) -> None:
    mentor = group.open(group.mentor)
    try:
        days = mentor.team.burnup("c1")
    finally:
        mentor.close()
    assert days[0].day == D("2026-01-01") and days[-1].day == TODAY
    assert len(days) == (TODAY - days[0].day).days + 1
    done = 0.0
    scope = 0.0
    for login in group.in_cohort("c1"):
        learner = group.open(login)
        try:
            plan, progress = learner.planning.progress()
        finally:
            learner.close()
        done += progress.burnup[-1][1] if progress.burnup else 0.0
        scope += plan.total_hours
    assert days[-1].done_hours == pytest.approx(done)
    assert days[-1].scope_hours == pytest.approx(scope)
    # Planned: 6 + 10 hours a week from 1 January, capped at each plan's hours.
    assert days[6].planned_hours == pytest.approx(16.0)
    assert all(a.done_hours <= b.done_hours for a, b in itertools.pairwise(days))


def test_who_am_i_and_what_may_i_do(group: Group) -> None:
    expected = {
        group.owner: (Kind.OWNER, True),
        group.l1: (Kind.LEARNER, False),
        group.mentor: (Kind.MENTOR, False),
        group.editor: (Kind.EDITOR, True),
    }
    for login, (kind, edits) in expected.items():
        planner = group.open(login)
        try:
            me = planner.team.me()
            assert me is not None and (me.login, me.kind) == (login, kind)
            assert planner.team.can_edit_library() is edits
        finally:
            planner.close()


def test_a_learner_opens_their_own_profile_and_sees_no_other(group: Group) -> None:
    l1, l2, _ = group.learners
    planner = group.open(l1)
    try:
        assert planner.profile().name == l1
        assert [p.name for p in planner.profiles.all()] == [l1]
        with pytest.raises(NotFoundError):
            planner.profiles.use(l2)
        with pytest.raises(PermissionRefused, match="only mentors and the owner"):
            planner.team.cohort()
        with pytest.raises(PermissionRefused, match=r"^only the owner can add or remove members"):
            planner.team.add(f"{group.database}_x", "learner")
        assert [m.login for m in planner.team.members()] == [l1]
    finally:
        planner.close()


def test_a_mentor_reads_a_learner_s_progress_but_cannot_change_it(group: Group) -> None:
    l1 = group.l1
    mentor = Planner.open(group.url(group.mentor), l1, today=lambda: TODAY)
    try:
        _, progress = mentor.planning.progress()
        assert progress.streak_days == 21
        with pytest.raises(PermissionRefused, match=r"^only a learner can change their own"):
            mentor.progress.set_status("numpy", "done")
        with pytest.raises(NotFoundError, match="no learners in a cohort 'c2'"):
            mentor.team.cohort("c2")
    finally:
        mentor.close()
    learner = group.open(l1)
    try:
        assert "numpy" not in learner.progress.statuses()
    finally:
        learner.close()


def test_library_edits_are_refused_to_learners_in_one_line(group: Group) -> None:
    planner = group.open(group.l1)
    try:
        with pytest.raises(PermissionRefused) as refused:
            planner.editing.import_files([Path("roadmaps/foundations.yaml")])
        assert str(refused.value) == "only editors can change the library; nothing was changed"
    finally:
        planner.close()


def test_on_a_file_there_is_no_team(tmp_path: Path) -> None:
    planner = Planner.open(tmp_path / "planner.sqlite3")
    try:
        assert planner.team.me() is None
        assert planner.team.can_edit_library() is True
        for call in (planner.team.cohort, planner.team.members, planner.team.init):
            with pytest.raises(UsageError, match="team mode needs a shared PostgreSQL database"):
                call()
    finally:
        planner.close()


def test_a_server_not_in_team_mode(pg_planner_url: str) -> None:
    planner = Planner.open(pg_planner_url)
    try:
        assert planner.team.me() is None
        assert planner.team.can_edit_library() is True
        assert planner.profile().name == "default"
        with pytest.raises(UsageError, match="not in team mode yet"):
            planner.team.members()
    finally:
        planner.close()


def test_a_learner_hears_an_editor_s_change(group: Group) -> None:
    """What the app does on activation (LISTEN/NOTIFY) works for a learner's login."""
    learner = group.open(group.l1)
    editor = group.open(group.editor)
    try:
        assert learner.changed_elsewhere() is False
        editor.editing.import_files([Path("roadmaps/foundations.yaml")])
        assert learner.changed_elsewhere() is True
    finally:
        learner.close()
        editor.close()


def test_only_the_owner_upgrades_the_schema(group: Group) -> None:
    """A learner opening a database an older planner wrote is told who can upgrade it."""
    with group.connect(group.owner) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone() or (
            "",
        )
        connection.execute("UPDATE alembic_version SET version_num = '0005'")
    try:
        with pytest.raises(PermissionRefused, match="only its owner can upgrade it"):
            group.open(group.l1)
    finally:
        with group.connect(group.owner) as connection:
            connection.execute("UPDATE alembic_version SET version_num = %s", (revision,))

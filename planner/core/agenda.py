"""This week's agenda: the plan's next steps laid into the learner's study slots.

The learner says when they study (e.g. Mon 19:00-21:00, Sat 10:00-13:00) and how many hours a
week. The week's slots are filled in order: first the reviews that are due (short blocks, each
in the first slot on or after its due day), then the plan's steps in the plan's order — skills
in progress first, as the plan puts them — each continued until its remaining time is laid
out. A skill therefore never starts before the skills ahead of it in the plan are laid out in
full, so its prerequisites come first. No more than the hours a week are laid out, a slot is
never overfilled, and a block shorter than a quarter of an hour is not worth sitting down for:
the rest of such a slot stays free.

In the current week what the learner already studied counts: every minute logged this week
counts against the hours a week, and the time logged today fills today's slots from their
start as **logged** blocks (a skill due for review that was studied today has had its review
block), so logging a block leaves its time studied rather than laying out the next step in it.

Reviews take at most a quarter of the week's hours (`REVIEW_SHARE`; one review fits however few
the hours), the most overdue first:
after a first start with many skills ticked as known, all due at once, a week is still a week
of study; the reviews left out stay due (the Review list shows them) and come in later weeks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from planner.errors import UsageError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
REVIEW_MINUTES = 20
MIN_BLOCK_MINUTES = 15
REVIEW_SHARE = 0.25  # of the week's hours, at most, for reviews
_SLOT = re.compile(r"^\s*([A-Za-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


class BlockKind(StrEnum):
    """What a block of the agenda is for."""

    STUDY = "study"
    REVIEW = "review"


class _Span:
    """A stretch of a day, from `start` to `end`."""

    start: time
    end: time

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)


@dataclass(frozen=True, order=True)
class StudySlot(_Span):
    """A time the learner studies every week: a weekday (0 is Monday) from `start` to `end`."""

    weekday: int
    start: time
    end: time

    def __str__(self) -> str:
        return f"{DAY_NAMES[self.weekday]} {self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Block(_Span):
    """One sitting of the agenda: a skill to study, or to review, on a day at a time."""

    day: date
    start: time
    end: time
    skill_id: str
    kind: BlockKind
    logged: bool = False  # time already logged (today), not time still to study


@dataclass(frozen=True)
class Agenda:
    """A week's blocks (Monday `week`), and the minutes each skill still needs after it;
    `goals` names, for a block's skill, the plan's goal it leads to (see `goals_served`)."""

    week: date
    blocks: tuple[Block, ...]
    left: dict[str, int] = field(default_factory=dict)
    goals: Mapping[str, str] = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)

    @property
    def planned_minutes(self) -> int:
        """The minutes still to study: the blocks not already logged."""
        return sum(b.minutes for b in self.blocks if not b.logged)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def parse_slots(text: str) -> list[StudySlot]:
    """Study slots from text like "Mon 19:00-21:00, Sat 10:00-13:00" (sorted, no overlaps)."""
    slots: list[StudySlot] = []
    for part in (p for p in re.split(r"[,;\n]", text) if p.strip()):
        match = _SLOT.match(part)
        day = match and match.group(1).capitalize()
        if not match or day not in DAY_NAMES:
            raise UsageError(
                f"'{part.strip()}' is not a study slot; write a day and two times, "
                "e.g. 'Mon 19:00-21:00'"
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups()[1:])
        if max(h1, h2) > 23 or max(m1, m2) > 59:
            raise UsageError(f"'{part.strip()}': times run from 00:00 to 23:59")
        slot = StudySlot(DAY_NAMES.index(day), time(h1, m1), time(h2, m2))
        if slot.minutes <= 0:
            raise UsageError(f"'{part.strip()}': the slot ends before it starts")
        slots.append(slot)
    slots.sort()
    for a, b in itertools.pairwise(slots):
        if a.weekday == b.weekday and b.start < a.end:
            raise UsageError(f"the study slots {a} and {b} overlap")
    return slots


def slots_text(slots: Iterable[StudySlot]) -> str:
    """The slots as a learner writes them (what `parse_slots` reads back)."""
    return ", ".join(str(s) for s in sorted(slots))


def monday_of(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Workload:
    """What weeks are laid out from: when the learner studies and how many hours a week,
    what is still to study and to review, and what is studied already.

    `steps` are (skill id, minutes still needed) in the plan's order; `reviews` are (skill id,
    due day). Slots before `from_day` (today, in the current week) are left empty. `logged`
    are (skill id, day, minutes) of study already logged: those in a week count against its
    hours, and those of `from_day` fill that day's slots from their start as logged blocks.
    """

    slots: Sequence[StudySlot]
    hours_per_week: float
    steps: Sequence[tuple[str, int]]
    reviews: Sequence[tuple[str, date]] = ()
    from_day: date | None = None
    logged: Sequence[tuple[str, date, int]] = ()


def lay_out_week(week: date, work: Workload) -> Agenda:
    """Lay out the week starting on Monday `week`."""
    slots, hours_per_week, steps = work.slots, work.hours_per_week, work.steps
    reviews, from_day, logged = work.reviews, work.from_day, work.logged
    week = monday_of(week)
    sunday = week + timedelta(days=6)
    open_slots = [
        (week + timedelta(days=s.weekday), s)
        for s in sorted(slots)
        if from_day is None or week + timedelta(days=s.weekday) >= from_day
    ]
    budget = round(hours_per_week * 60)
    used = [0] * len(open_slots)  # minutes taken in each slot
    placed: list[list[tuple[int, str, BlockKind, bool]]] = [[] for _ in open_slots]

    def take(index: int, minutes: int, skill_id: str, kind: BlockKind, done: bool = False) -> None:
        placed[index].append((minutes, skill_id, kind, done))
        used[index] += minutes

    this_week = [(s, d, m) for s, d, m in logged if week <= d <= sunday and m > 0]
    budget -= sum(m for _, _, m in this_week)
    due_by_skill = {skill_id: due for skill_id, due in reviews if due <= sunday}
    today = [i for i, (day, _) in enumerate(open_slots) if day == from_day]
    studied_today: dict[str, int] = {}
    for skill_id, day, minutes in this_week:
        if day == from_day:
            studied_today[skill_id] = studied_today.get(skill_id, 0) + minutes
    for skill_id, minutes in sorted(studied_today.items()):
        kind = BlockKind.REVIEW if skill_id in due_by_skill else BlockKind.STUDY
        for i in today:
            part = min(minutes, open_slots[i][1].minutes - used[i])
            if part > 0:
                take(i, part, skill_id, kind, done=True)
                minutes -= part
    # A skill due for review studied today has had its review.
    pending = [(s, d) for s, d in due_by_skill.items() if s not in studied_today]
    # A quarter of the week's hours, and room for one review however few the hours.
    review_budget = min(budget, max(REVIEW_MINUTES, int(hours_per_week * 60 * REVIEW_SHARE)))
    for skill_id, due in sorted(pending, key=lambda r: (r[1], r[0])):
        if review_budget < REVIEW_MINUTES:
            break
        for i, (day, slot) in enumerate(open_slots):
            fits = slot.minutes - used[i] >= REVIEW_MINUTES
            if (day >= due or due < (from_day or week)) and fits:
                take(i, REVIEW_MINUTES, skill_id, BlockKind.REVIEW)
                budget -= REVIEW_MINUTES
                review_budget -= REVIEW_MINUTES
                break

    left = {skill_id: max(0, minutes) for skill_id, minutes in steps}
    queue = [skill_id for skill_id, minutes in steps if minutes > 0]
    i = 0
    while queue and i < len(open_slots) and budget > 0:
        skill_id = queue[0]
        free = min(open_slots[i][1].minutes - used[i], budget)
        need = left[skill_id]
        if free >= need:
            take(i, need, skill_id, BlockKind.STUDY)
            budget -= need
            left[skill_id] = 0
            queue.pop(0)
        elif free >= MIN_BLOCK_MINUTES:
            take(i, free, skill_id, BlockKind.STUDY)
            budget -= free
            left[skill_id] -= free
            i += 1
        else:
            i += 1

    blocks: list[Block] = []
    for (day, slot), items in zip(open_slots, placed, strict=True):
        at = _minutes(slot.start)
        # What was studied first (from the slot's start), then reviews: they are short, and
        # fresh minds answer them honestly.
        for minutes, skill_id, kind, done in sorted(
            items, key=lambda x: (not x[3], x[2] != BlockKind.REVIEW)
        ):
            blocks.append(Block(day, _time(at), _time(at + minutes), skill_id, kind, done))
            at += minutes
    return Agenda(week, tuple(blocks), {k: v for k, v in left.items() if v > 0})


def lay_out_weeks(
    week: date,
    count: int,
    slots: Sequence[StudySlot],
    hours_per_week: float,
    steps: Sequence[tuple[str, int]],
    reviews: Sequence[tuple[str, date]] = (),
    *,
    from_day: date | None = None,
    logged: Sequence[tuple[str, date, int]] = (),
) -> list[Agenda]:
    """`count` weeks from Monday `week`, each continuing where the one before stopped (a review
    laid out one week is not laid out again the next); the arguments as for `Workload`."""
    agendas: list[Agenda] = []
    remaining = list(steps)
    pending = list(reviews)
    monday = monday_of(week)
    for _ in range(count):
        work = Workload(slots, hours_per_week, remaining, pending, from_day, logged)
        agenda = lay_out_week(monday, work)
        agendas.append(agenda)
        remaining = [(s, agenda.left[s]) for s, _ in remaining if s in agenda.left]
        reviewed = {b.skill_id for b in agenda.blocks if b.kind is BlockKind.REVIEW}
        pending = [r for r in pending if r[0] not in reviewed]
        monday += timedelta(days=7)
    return agendas


def goals_served(
    order: Sequence[str], goals: Iterable[str], preds: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """For each skill of a plan (`order`, the plan's order), the goal it is studied for: itself
    when it is a goal, otherwise the first goal in plan order that needs it, through
    prerequisites (hard or soft) within the plan."""
    members = set(order)
    goal_set = set(goals)
    served: dict[str, str] = {}
    for goal in (s for s in order if s in goal_set):
        served[goal] = goal
        stack = [goal]
        while stack:
            for prereq in preds.get(stack.pop(), ()):
                if prereq in members and prereq not in served:
                    served[prereq] = goal
                    stack.append(prereq)
    return served


def block_start(block: Block) -> datetime:
    """When a block starts, as a naive local date and time (for the calendar export)."""
    return datetime.combine(block.day, block.start)

"""Libraries for tests: random prerequisite DAGs (hypothesis) and a small hand-made one."""

from __future__ import annotations

from hypothesis import strategies as st

from planner.core.domain import Library, Role, Skill, Track
from planner.core.status import SETTABLE, Status


@st.composite
def libraries(draw: st.DrawFn, max_skills: int = 25) -> Library:
    """A random acyclic library with one role (and a track): edges only go from a lower to a
    higher index, so there is never a cycle, while ids are shuffled so that id order and
    prerequisite order disagree."""
    n = draw(st.integers(min_value=1, max_value=max_skills))
    names = draw(
        st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=n, max_size=n, unique=True)
    )
    skills: dict[str, Skill] = {}
    for index, name in enumerate(names):
        earlier = names[:index]
        requires = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        )
        rest = [e for e in earlier if e not in requires]
        recommends = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
        hours = draw(st.integers(min_value=1, max_value=60)) / draw(st.sampled_from([1, 2]))
        skills[name] = Skill(
            id=name,
            name=name.title(),
            area=draw(st.sampled_from(["Maths", "Code", "ML"])),
            hours=hours,
            requires=tuple(requires),
            recommends=tuple(recommends),
        )
    goals = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    track_goals = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    role = Role(
        id="role",
        name="Role",
        goals=tuple(goals),
        tracks=(Track(id="extra", name="Extra", goals=tuple(track_goals)),),
    )
    return Library(skills, {"role": role})


@st.composite
def statuses(draw: st.DrawFn, library: Library) -> dict[str, Status]:
    """A random status for some skills of the library."""
    ids = sorted(library.skills)
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    return {skill: draw(st.sampled_from(SETTABLE)) for skill in chosen}


def small_library() -> Library:
    """A hand-made library whose plans are worked out by hand in the tests.

    python(10) -> numpy(5) -> pandas(5) -> ml(20, goal) ;  maths(30) -> ml ;
    python -> web(8, goal) ; stats(10) recommended before ml ; git(4) -> web
    """

    def skill(
        id_: str, hours: float, requires: tuple[str, ...] = (), recommends: tuple[str, ...] = ()
    ) -> Skill:
        return Skill(id_, id_.title(), "Area", hours, requires=requires, recommends=recommends)

    skills = [
        skill("python", 10),
        skill("numpy", 5, ("python",)),
        skill("pandas", 5, ("numpy",)),
        skill("maths", 30),
        skill("stats", 10),
        skill("ml", 20, ("pandas", "maths"), ("stats",)),
        skill("git", 4),
        skill("web", 8, ("python", "git")),
    ]
    role = Role(
        "role",
        "Role",
        goals=("ml", "web"),
        tracks=(Track("stats-track", "Stats", goals=("stats",)),),
    )
    return Library({s.id: s for s in skills}, {"role": role})

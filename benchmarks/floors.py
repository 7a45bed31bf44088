"""The SQL of the floor processes, shared by `bench_cli` (the command-line floors) and
`launch_probe.py` (the complete window's floor). Plain text run with `exec` in a fresh process:
nothing here imports more than the standard library."""

# Every SQLAlchemy floor starts so: the engine on the database named first, one connection.
HEAD = """
import sys, sqlalchemy as sa
engine = sa.create_engine("sqlite:///" + sys.argv[1])
q = lambda c, sql, **p: c.execute(sa.text(sql), p).all()
"""

# The plan's rows, as much as `planner roadmap` prints: the profile; its role's and tracks'
# goals and names; every skill and edge; the statuses with their days; the learner's minutes
# per skill (their pace: likely hours beside each estimate). The goals' prerequisites closed
# over and sorted (graphlib), cumulative hours.
PLAN_ROWS = """
import graphlib
def plan_rows(c):
    pid, role, hours_pw = q(c, "SELECT id, role_id, hours_per_week FROM profile "
                                "WHERE name = 'default'")[0]
    names = [n for (n,) in q(c, "SELECT name FROM role WHERE id = :r", r=role)]
    names += [n for (n,) in q(c, "SELECT t.name FROM track t JOIN profile_track p "
                                 "ON p.role_id = t.role_id AND p.track_id = t.id "
                                 "WHERE p.profile_id = :p ORDER BY p.position", p=pid)]
    goals = [g for (g,) in q(c, "SELECT skill_id FROM role_goal WHERE role_id = :r "
                                "ORDER BY position", r=role)]
    goals += [g for (g,) in q(c, "SELECT g.skill_id FROM track_goal g JOIN profile_track p "
                                 "ON p.role_id = g.role_id AND p.track_id = g.track_id "
                                 "WHERE p.profile_id = :p ORDER BY p.position, g.position", p=pid)]
    skills = {s[0]: s for s in q(c, "SELECT id, name, area, hours FROM skill "
                                    "WHERE deleted_at IS NULL")}
    needs = {}
    for skill, prereq in q(c, "SELECT skill_id, prerequisite_id FROM prerequisite WHERE hard"):
        needs.setdefault(skill, []).append(prereq)
    states = {s: (st, d) for s, st, d in q(c, "SELECT skill_id, status, since FROM skill_state "
                                             "WHERE profile_id = :p", p=pid)}
    minutes = dict(q(c, "SELECT skill_id, sum(minutes) FROM study_session WHERE profile_id = :p "
                        "AND deleted_at IS NULL GROUP BY skill_id", p=pid))
    done = [s for s, (st, _) in states.items() if st == "done" and s in skills]
    estimated = sum(skills[s][3] for s in done if minutes.get(s))
    pace = sum(minutes.get(s, 0) for s in done) / 60 / estimated if estimated else 1.0
    wanted, stack = set(), list(goals)
    while stack:
        s = stack.pop()
        if s not in wanted:
            wanted.add(s)
            stack.extend(needs.get(s, ()))
    order = graphlib.TopologicalSorter({s: needs.get(s, ()) for s in wanted}).static_order()
    steps, total = [], 0.0
    for s in order:
        status, since = states.get(s, ("todo", None))
        if status not in ("done", "skipped"):
            total += skills[s][3]
            steps.append((s, skills[s][1], skills[s][2], skills[s][3], total / hours_pw,
                          skills[s][3] * pace, since))
    return pid, " + ".join(names), steps
"""

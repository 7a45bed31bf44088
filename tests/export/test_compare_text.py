"""The comparison as the command line prints it: pay with where it applies and comes from,
and nothing made up when the roadmap does not say."""

from __future__ import annotations

from planner.core.compare import compare_roles
from planner.core.domain import Library, Role, Salary
from planner.core.graph import build_graph
from planner.export.report import compare_text
from tests.core.libraries import small_library


def pay_lines(salary_a: Salary, salary_b: Salary) -> list[str]:
    lib = small_library()
    role = Role("role", "Role", salary=salary_a, goals=lib.roles["role"].goals)
    other = Role("other", "Other", salary=salary_b, goals=("web",))
    lib = Library(lib.skills, {"role": role, "other": other})
    text = compare_text(compare_roles(lib, build_graph(lib.skills), "role", "other"), lib)
    return [line.strip() for line in text.splitlines() if line.strip().startswith("pay,")]


def test_pay_says_where_it_applies_and_its_source_only_when_the_roadmap_does() -> None:
    assert pay_lines(
        Salary(105000, "GBP", "UK", "Levels.fyi"), Salary(150000, "USD", "US", None)
    ) == ["pay, Role: 105,000 GBP (UK, Levels.fyi)", "pay, Other: 150,000 USD (US)"]
    assert pay_lines(Salary(90000, "EUR"), Salary(80000, "EUR", None, "a survey")) == [
        "pay, Role: 90,000 EUR",
        "pay, Other: 80,000 EUR (a survey)",
    ]

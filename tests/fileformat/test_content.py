"""The built-in library's content holds together: every skill is reachable, no plan uses a tool
before it teaches it, resources are safe and not repeated, and no two skills say the same."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from planner.core.domain import Library, Role, Skill
from planner.service import Planner

# A skill whose summary or resource titles name a tool needs a skill that teaches the tool
# earlier in the same plan (or is one). The tools a learner meets by name, and their teachers.
TOOL_TAUGHT_BY: dict[str, tuple[str, ...]] = {
    "PyTorch": ("pytorch",),
    "scikit-learn": ("ml-fundamentals",),
    "pandas": ("pandas",),
    "NumPy": ("numpy",),
    "SQL": ("sql",),
    "Git": ("git",),
    "Docker": ("docker",),
    "Kubernetes": ("kubernetes-basics",),
    "PEFT": ("fine-tuning",),
    "TRL": ("fine-tuning",),
    "LoRA": ("fine-tuning",),
    "MLflow": ("experiment-tracking",),
    "DVC": ("data-model-versioning",),
    "Pydantic": ("python-async",),
    "asyncio": ("python-async",),
    "FastAPI": ("llm-backend", "model-serving"),
    "CUDA": ("gpu-programming",),
    "Triton": ("gpu-programming",),
    "Terraform": ("infrastructure-as-code",),
    "Airflow": ("ml-pipelines",),
    "Optuna": ("hyperparameter-optimisation",),
    "vLLM": ("llm-serving",),
    "Gradio": ("prototype-ui",),
    "Streamlit": ("prototype-ui",),
    "OpenTelemetry": ("llm-observability",),
    "MCP": ("model-context-protocol",),
    "BM25": ("embeddings",),
    "pgvector": ("vector-databases",),
}

# Hosts of resources, by family: official documentation, universities, open books and
# courses, preprints and code. Any other host needs a reason in OTHER_HOSTS.
HOST_FAMILIES = (
    "arxiv.org",
    "github.com",
    "github.io",
    "huggingface.co",
    "readthedocs.io",
    "python.org",
    "pydata.org",
    "pytorch.org",
    "scikit-learn.org",
    "tensorflow.org",
    "apache.org",
    "mit.edu",
    "stanford.edu",
    "harvard.edu",
    "brown.edu",
    "europa.eu",
    "deeplearning.ai",
    "google.com",
    "withgoogle.com",
    "microsoft.com",
    "amazon.com",
    "nvidia.com",
    "anthropic.com",
    "openai.com",
    "mozilla.org",
    "docker.com",
    "kubernetes.io",
    "rust-lang.org",
    "go.dev",
    "dev.java",
    "spring.io",
    "opentelemetry.io",
    "prometheus.io",
    "hashicorp.com",
    "opentofu.org",
    "modelcontextprotocol.io",
    "owasp.org",
    "youtube.com",
    "kaggle.com",
    "d2l.ai",
    "fast.ai",
    "khanacademy.org",
    "3blue1brown.com",
)
# Projects' and authors' own sites, each the canonical home of what it links to.
OTHER_HOSTS = {
    "12factor.net": "the Twelve-Factor App's own site",
    "abseil.io": "Google's C++ tips, on the Abseil project's site",
    "clauswilke.com": "Fundamentals of Data Visualization, the author's open book",
    "christophm.github.io": "Interpretable Machine Learning, the author's open book",
    "colah.github.io": "Chris Olah's essays",
    "cs50.harvard.edu": "Harvard's CS50",
    "distill.pub": "the Distill journal",
    "docs.bentoml.com": "BentoML's documentation",
    "docs.dagster.io": "Dagster's documentation",
    "docs.evidentlyai.com": "Evidently's documentation",
    "docs.feast.dev": "Feast's documentation",
    "docs.greatexpectations.io": "Great Expectations' documentation",
    "docs.litellm.ai": "LiteLLM's documentation",
    "docs.pipecat.ai": "Pipecat's documentation",
    "docs.prefect.io": "Prefect's documentation",
    "docs.pydantic.dev": "Pydantic's documentation",
    "docs.pytest.org": "pytest's documentation",
    "docs.ray.io": "Ray's documentation",
    "docs.streamlit.io": "Streamlit's documentation",
    "docs.ultralytics.com": "Ultralytics' documentation",
    "docs.vllm.ai": "vLLM's documentation",
    "docs.wandb.ai": "Weights & Biases' documentation",
    "dvc.org": "DVC's documentation",
    "en.cppreference.com": "the standard C++ reference",
    "eugeneyan.com": "Eugene Yan's essays on applied ML",
    "evanmiller.org": "Evan Miller's A/B-testing articles and calculators",
    "experimentguide.com": "the book's own site",
    "faiss.ai": "Faiss's documentation",
    "fairmlbook.org": "Fairness and Machine Learning, the authors' open book",
    "fastapi.tiangolo.com": "FastAPI's documentation",
    "fraud-detection-handbook.github.io": "an open handbook",
    "fullstackdeeplearning.com": "the Full Stack Deep Learning course",
    "gandalf.lakera.ai": "a free prompt-injection game",
    "git-scm.com": "Git's own site and book",
    "gnu.org": "the GNU Bash manual",
    "gradio.app": "Gradio's documentation",
    "hamel.dev": "Hamel Husain's essays on evals",
    "horace.io": "Horace He's essay on GPU performance",
    "huyenchip.com": "Chip Huyen's essays on ML systems",
    "imbalanced-learn.org": "imbalanced-learn's documentation",
    "industrialempathy.com": "Google's design-doc guide, by its author",
    "jalammar.github.io": "Jay Alammar's illustrated guides",
    "karpathy.ai": "Andrej Karpathy's course",
    "langfuse.com": "Langfuse's documentation",
    "learncpp.com": "a free C++ course",
    "learngitbranching.js.org": "an interactive Git tutorial",
    "learnpytorch.io": "a free PyTorch course",
    "lightgbm.readthedocs.io": "LightGBM's documentation",
    "linuxcommand.org": "The Linux Command Line, the author's open book",
    "linuxupskillchallenge.org": "a free Linux course",
    "madewithml.com": "a free MLOps course",
    "mlflow.org": "MLflow's documentation",
    "mml-book.github.io": "Mathematics for Machine Learning, the authors' open book",
    "numpy.org": "NumPy's documentation",
    "ollama.com": "Ollama's own site",
    "onnxruntime.ai": "ONNX Runtime's documentation",
    "opendatastructures.org": "an open textbook",
    "openintro.org": "OpenIntro Statistics, an open textbook",
    "oreilly.com": "a book's page at its publisher",
    "otexts.com": "Forecasting: Principles and Practice, an open textbook",
    "postgresql.org": "PostgreSQL's documentation",
    "promptfoo.dev": "promptfoo's documentation",
    "promptingguide.ai": "an open prompt-engineering guide",
    "pyo3.rs": "PyO3's documentation",
    "python.useinstructor.com": "Instructor's documentation",
    "qdrant.tech": "Qdrant's documentation",
    "realpython.com": "Real Python's tutorials",
    "rlhfbook.com": "the RLHF Book, the author's open book",
    "sbert.net": "Sentence Transformers' documentation",
    "selectstarsql.com": "an interactive SQL book",
    "simonwillison.net": "Simon Willison's writing on prompt injection",
    "sqlbolt.com": "interactive SQL lessons",
    "statlearning.com": "An Introduction to Statistical Learning, the authors' open book",
    "statsmodels.org": "statsmodels' documentation",
    "triton-lang.org": "Triton's documentation",
    "ts.gluon.ai": "GluonTS's documentation",
    "unit8co.github.io": "Darts' documentation",
    "wesmckinney.com": "Python for Data Analysis, the author's open book",
    "jakevdp.github.io": "Python Data Science Handbook, the author's open book",
    "matplotlib.org": "Matplotlib's documentation",
    "kubeflow.org": "Kubeflow's documentation",
    "requests.readthedocs.io": "Requests' documentation",
    "missing.csail.mit.edu": "MIT's Missing Semester",
    "swcarpentry.github.io": "Software Carpentry's lessons",
    "nlp.seas.harvard.edu": "The Annotated Transformer",
    "seeing-theory.brown.edu": "an interactive probability book",
    "playground.tensorflow.org": "an interactive neural-network playground",
    "genai.owasp.org": "OWASP's generative AI project",
}
NEAR_IDENTICAL = 0.8  # summaries this similar (difflib ratio) say the same thing twice


@pytest.fixture(scope="module")
def planner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Planner]:
    opened = Planner.open(tmp_path_factory.mktemp("content") / "planner.sqlite3")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def library(planner: Planner) -> Library:
    return planner.library()


def plan_choices(role: Role) -> list[tuple[str, ...]]:
    """Every plan a learner of the role can get from one choice: no track where the role
    allows it, and each track on its own."""
    choices: list[tuple[str, ...]] = [(t.id,) for t in role.tracks]
    if role.unmet_choice([]) is None:
        choices.insert(0, ())
    return choices


def plans(planner: Planner) -> Iterator[tuple[str, tuple[str, ...], list[str]]]:
    for role in planner.library().roles.values():
        for tracks in plan_choices(role):
            steps = planner.planning.plan(role.id, tracks).steps
            yield role.id, tracks, [s.skill.id for s in steps]


def words_of(skill: Skill) -> str:
    return " ".join([skill.summary, *(r.title for r in skill.resources)])


def tools_used_too_early(library: Library, order: list[str]) -> list[str]:
    """Each skill of the plan (in order) that names a tool the plan teaches later or never."""
    position = {skill: i for i, skill in enumerate(order)}
    found = []
    for i, skill_id in enumerate(order):
        text = words_of(library.skills[skill_id])
        for tool, teachers in TOOL_TAUGHT_BY.items():
            if skill_id in teachers or not re.search(
                rf"(?<![\w-]){re.escape(tool)}(?![\w-])", text
            ):
                continue
            first = min((position[t] for t in teachers if t in position), default=None)
            if first is None or first > i:
                where = "never" if first is None else "later"
                found.append(f"{skill_id} names {tool}, taught by {' or '.join(teachers)} {where}")
    return found


# ------------------------------------------------------------------------------------ tests
def test_every_skill_is_in_some_plan_a_learner_can_choose(planner: Planner) -> None:
    reached = {skill for _, _, order in plans(planner) for skill in order}
    assert set(planner.library().skills) - reached == set()


def test_an_ml_engineer_plan_always_holds_a_specialisation(library: Library) -> None:
    ml = library.roles["ml-engineer"]
    assert ml.track_choice is not None
    assert () not in plan_choices(ml)
    assert set(ml.track_choice.tracks) == {
        "forecasting",
        "recommendation-systems",
        "computer-vision",
        "nlp-llm",
    }
    assert {t.id for t in ml.tracks if t.later_career} == {
        "ml-platform",
        "ml-hardware",
        "ml-solutions",
    }
    assert not set(ml.track_choice.tracks) & {t.id for t in ml.tracks if t.later_career}


def test_the_multimodal_plan_teaches_pytorch_before_image_generation(planner: Planner) -> None:
    order = [s.skill.id for s in planner.planning.plan("ai-engineer", ["multimodal"]).steps]
    assert order.index("pytorch") < order.index("image-generation")


def test_the_new_skills_are_in_the_plans_of_their_roles(planner: Planner) -> None:
    for role_id, _, order in plans(planner):
        assert "responsible-ai" in order, role_id
        if role_id == "ai-engineer":
            assert "reasoning-models" in order
        else:
            assert {"data-validation", "hyperparameter-optimisation"} <= set(order)
    ai = [s.skill.id for s in planner.planning.plan("ai-engineer").steps]
    assert {"pytorch", "fine-tuning"} <= set(ai)
    ops = [s.skill.id for s in planner.planning.plan("ai-engineer", ["llm-ops"]).steps]
    assert ops.index("statistics") < ops.index("llm-experimentation")


def test_no_plan_names_a_tool_before_teaching_it(planner: Planner) -> None:
    library = planner.library()
    problems = [
        f"{role_id} {'+'.join(tracks) or '(no track)'}: {problem}"
        for role_id, tracks, order in plans(planner)
        for problem in tools_used_too_early(library, order)
    ]
    assert problems == []


def test_the_tool_check_catches_a_tool_used_before_it_is_taught(library: Library) -> None:
    # The check itself: image generation adapts models with LoRA, which fine-tuning teaches.
    order = ["multimodal-models", "image-generation", "fine-tuning"]
    assert tools_used_too_early(library, order) == [
        "image-generation names LoRA, taught by fine-tuning later"
    ]
    assert tools_used_too_early(library, order[:2]) == [
        "image-generation names LoRA, taught by fine-tuning never"
    ]
    assert tools_used_too_early(library, ["fine-tuning", "image-generation"]) == []


def test_every_resource_is_https_on_a_known_host(library: Library) -> None:
    unknown = set()
    for skill in library.skills.values():
        for resource in skill.resources:
            parts = urlparse(resource.url)
            assert parts.scheme == "https", (skill.id, resource.url)
            host = (parts.hostname or "").removeprefix("www.")
            family = any(host == f or host.endswith("." + f) for f in HOST_FAMILIES)
            if not family and host not in OTHER_HOSTS:
                unknown.add(host)
    assert unknown == set(), "add a reason to OTHER_HOSTS or change the resource"


def test_no_resource_is_given_twice_under_the_same_name(library: Library) -> None:
    # One link per skill; a course or book shared by skills names the part each one uses, and
    # an article or video is never repeated.
    by_url: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for skill in library.skills.values():
        urls = [r.url for r in skill.resources]
        assert len(urls) == len(set(urls)), skill.id
        for r in skill.resources:
            by_url[r.url].append((skill.id, r.title, r.kind))
    for url, uses in by_url.items():
        if len(uses) > 1:
            titles = [title for _, title, _ in uses]
            assert len(set(titles)) == len(titles), (url, uses)
            assert all(kind != "article" for _, _, kind in uses), (url, uses)


def test_the_new_skills_have_two_free_resources_each(library: Library) -> None:
    for skill_id in (
        "responsible-ai",
        "reasoning-models",
        "data-validation",
        "hyperparameter-optimisation",
        "llm-post-training",
        "nlp-with-transformers",
    ):
        skill = library.skills[skill_id]
        assert sum(1 for r in skill.resources if r.free) >= 2, skill_id
        assert skill.level is not None and 4 <= skill.hours <= 40, skill_id


def test_no_two_skills_say_the_same(library: Library) -> None:
    close = []
    for a, b in itertools.combinations(library.skills.values(), 2):
        matcher = difflib.SequenceMatcher(None, a.summary, b.summary, autojunk=False)
        if matcher.quick_ratio() >= NEAR_IDENTICAL and matcher.ratio() >= NEAR_IDENTICAL:
            close.append((a.id, b.id, round(matcher.ratio(), 2)))
    assert close == []


def test_the_near_identical_check_catches_a_copied_summary(library: Library) -> None:
    text = library.skills["rag"].summary
    copy = text.replace("with citations", "with sources")
    assert difflib.SequenceMatcher(None, text, copy, autojunk=False).ratio() >= NEAR_IDENTICAL

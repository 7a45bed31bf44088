"""Widgets of the Progress and Cohort views: the charts, titled panels and the figure cards.

The charts are painted by planner/render/charts.py and show the value under the mouse as a
tooltip; the panels take the charts' colours.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner.core.plan_steps import Plan
from planner.core.progress import Progress
from planner.core.team import CohortDay
from planner.render.charts import (
    BURNUP_LINES,
    HEATMAP_LINES,
    WEEKLY_LINES,
    ChartStyle,
    ChartText,
    StudyDays,
    burnup_tooltip,
    chart_style,
    heatmap_tooltip,
    min_height,
    paint_burnup,
    paint_heatmap,
    paint_weekly_hours,
    weekly_hours_tooltip,
)
from planner.render.cohort_chart import (
    COHORT_BURNUP_LINES,
    cohort_burnup_tooltip,
    paint_cohort_burnup,
)
from planner.ui.widgets.wrapping_label import WrappingLabel


# ---------------------------------------------------------------------------- charts
class _Chart(QWidget):
    """A chart painted by a render function, with the value under the mouse as a tooltip."""

    def __init__(self, name: str, lines: float) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.lines = lines  # the least height, in lines of text: it grows with the font
        self.setMinimumHeight(min_height(lines, self.style_now()))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.texts: list[ChartText] = []  # drawn by the last paint, with their boxes

    def style_now(self) -> ChartStyle:
        """The charts' colours for the widget's current palette (light or dark)."""
        return chart_style(self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.texts = self.paint(painter, QRectF(self.rect()), self.style_now())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.setMinimumHeight(min_height(self.lines, self.style_now()))
        return super().event(event)

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> list[ChartText]:
        raise NotImplementedError

    def tooltip_at(self, pos: QPointF) -> str:
        """What lies under a point of the chart ('' for nothing)."""
        raise NotImplementedError


class BurnupChart(_Chart):
    """Done hours over time against the plan's line and the forecast."""

    def __init__(self) -> None:
        super().__init__("Burn-up chart", BURNUP_LINES)
        self.plan: Plan | None = None
        self.progress: Progress | None = None

    def set_data(self, plan: Plan, progress: Progress) -> None:
        """Show a plan's progress."""
        self.plan, self.progress = plan, progress
        self.update()

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> list[ChartText]:
        if self.plan is None or self.progress is None:
            return []
        return paint_burnup(painter, rect, style, self.plan, self.progress)

    def tooltip_at(self, pos: QPointF) -> str:
        if self.plan is None or self.progress is None:
            return ""
        return burnup_tooltip(QRectF(self.rect()), self.style_now(), self.plan, self.progress, pos)


class WeeklyHoursChart(_Chart):
    """Hours studied per week."""

    def __init__(self) -> None:
        super().__init__("Hours studied per week", WEEKLY_LINES)
        self.progress: Progress | None = None

    def set_progress(self, progress: Progress) -> None:
        """Show these weeks."""
        self.progress = progress
        self.update()

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> list[ChartText]:
        if self.progress is None:
            return []
        return paint_weekly_hours(painter, rect, style, self.progress)

    def tooltip_at(self, pos: QPointF) -> str:
        if self.progress is None:
            return ""
        return weekly_hours_tooltip(QRectF(self.rect()), self.style_now(), self.progress, pos)


class HeatmapChart(_Chart):
    """The last year's study days."""

    def __init__(self) -> None:
        super().__init__("Study days of the last year", HEATMAP_LINES)
        self.days = StudyDays({}, date.today())

    def set_days(
        self, minutes: dict[date, int], today: date, reviews: dict[date, int] | None = None
    ) -> None:
        """Show the minutes studied and the reviews answered per day up to today."""
        self.days = StudyDays(minutes, today, reviews or {})
        self.update()

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> list[ChartText]:
        return paint_heatmap(painter, rect, style, self.days)

    def tooltip_at(self, pos: QPointF) -> str:
        return heatmap_tooltip(QRectF(self.rect()), self.style_now(), self.days, pos)


class CohortBurnupChart(_Chart):
    """A cohort's done hours, all its learners together, against the hours planned by then."""

    def __init__(self) -> None:
        super().__init__("Cohort burn-up chart", COHORT_BURNUP_LINES)
        self.days: list[CohortDay] = []
        self.today = date.today()

    def set_days(self, days: list[CohortDay], today: date) -> None:
        """Show the cohort's days up to (and planned after) today."""
        self.days, self.today = days, today
        self.update()

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> list[ChartText]:
        return paint_cohort_burnup(painter, rect, style, self.days, self.today)

    def tooltip_at(self, pos: QPointF) -> str:
        rect = QRectF(self.rect())
        return cohort_burnup_tooltip(rect, self.style_now(), self.days, self.today, pos)


# ---------------------------------------------------------------------------- frames
class Section(QFrame):
    """A titled panel in the charts' background colour, so title and chart read as one."""

    def __init__(self, title: str, body: QWidget, extra: QWidget | None = None) -> None:
        super().__init__()
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        if extra is not None:
            head.addWidget(extra)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(head)
        layout.addWidget(body, 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        style = chart_style(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.grid, 1))
        painter.setBrush(style.background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()


class Card(Section):
    """One figure with a line of detail under it."""

    def __init__(self, title: str, name: str) -> None:
        body = QWidget()
        self.value = QLabel()
        self.value.setObjectName(f"{name}Value")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = WrappingLabel()
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.box = QVBoxLayout(body)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(2)
        self.box.addWidget(self.value)
        self.box.addWidget(self.detail)
        self.box.addStretch(1)
        super().__init__(title, body)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_figure(self, value: str, detail: str) -> None:
        """Set the figure and its detail."""
        self.value.setText(value)
        self.detail.setText(detail)

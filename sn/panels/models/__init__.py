"""Ward panels, their members and meetings (stage 5), and the priorities they choose, review and sign
off (stages 5 and 7). Other apps link to a priority by its id (`panels.Priority`): the problem-solving
cases of the next stage hang from it."""

from sn.panels.models.meetings import Meeting, MeetingPaper
from sn.panels.models.notices import PanelNotice
from sn.panels.models.panels import DiversityAnswers, Panel, PanelMember
from sn.panels.models.priorities import Milestone, Priority, ProgressUpdate, Review, Statement

__all__ = [
    "DiversityAnswers",
    "Meeting",
    "MeetingPaper",
    "Milestone",
    "Panel",
    "PanelMember",
    "PanelNotice",
    "Priority",
    "ProgressUpdate",
    "Review",
    "Statement",
]

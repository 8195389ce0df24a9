"""The risk assessment matrix at first contact (SN_ASB_RISK_MATRIX): questions grouped as repeat,
vulnerability and impact, options with points, and the score thresholds of the medium and high levels.
The matrix is read each time from settings, so a force can change its questions without a migration;
an assessment keeps its answers, score and level as they were on the day."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Question:
    key: str
    group: str
    group_label: str
    text: str
    options: tuple[tuple[str, str, int], ...]  # (value, label, points)

    def points(self, value: str) -> int | None:
        for option, _, points in self.options:
            if option == value:
                return points
        return None


def questions() -> list[Question]:
    found = []
    for group in settings.SN_ASB_RISK_MATRIX["groups"]:
        for q in group["questions"]:
            found.append(
                Question(
                    key=q["key"],
                    group=group["key"],
                    group_label=group["label"],
                    text=q["text"],
                    options=tuple((str(v), str(label), int(p)) for v, label, p in q["options"]),
                )
            )
    return found


def level_of(score: int) -> str:
    thresholds = settings.SN_ASB_RISK_MATRIX["thresholds"]
    if score >= thresholds["high"]:
        return "high"
    if score >= thresholds["medium"]:
        return "medium"
    return "standard"

"""The fixed words of the format: actor types, meeting kinds and statuses.

They are plain enumerations, importable without the schema's models, so
that the command line can offer them without loading pydantic.

>>> [s.value for s in MeetingStatus]
['held', 'planned', 'requested', 'missing']
"""

from __future__ import annotations

import enum

__all__ = ["HELD", "MISSING", "ActorType", "DeclaredStatus", "MeetingKind", "MeetingStatus"]


class ActorType(enum.StrEnum):
    """What kind of actor a node is; the graph draws each with its own shape."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"
    GOVERNMENT_BODY = "government_body"


class MeetingKind(enum.StrEnum):
    """What sort of encounter a meeting was."""

    MEETING = "meeting"
    PRESS_CONFERENCE = "press_conference"
    WORKSHOP = "workshop"
    PARTNERSHIP = "partnership"
    CALL = "call"
    EVENT = "event"
    OTHER = "other"


class MeetingStatus(enum.StrEnum):
    """Whether a meeting took place.

    ``missing`` is never written in a dataset: it marks the edges that
    :mod:`meetgraph.expectations` derives for meetings that were expected and
    did not happen.
    """

    HELD = "held"
    PLANNED = "planned"
    REQUESTED = "requested"
    MISSING = "missing"


# The statuses compared edge by edge, as plain strings: looking a member up through its
# enum class costs about 0.25 µs, more than the comparison, and large graphs have millions.
HELD: str = MeetingStatus.HELD.value
MISSING: str = MeetingStatus.MISSING.value


class DeclaredStatus(enum.StrEnum):
    """The statuses a dataset may give a meeting (all but ``missing``)."""

    HELD = "held"
    PLANNED = "planned"
    REQUESTED = "requested"

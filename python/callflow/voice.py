"""The 8x8 CPaaS Voice callflow model: actions, request and reply bodies, validation,
and the webhooks 8x8 posts during a session, parsed into typed events.

Every rule lives in callflow's Rust core, so this module gives exactly the answer the
Rust and Node packages give, with the status code the platform would answer.
"""

from callflow._builder import ReplyBuilder, RequestBuilder
from callflow._native import (
    Action,
    CallActionEvent,
    CallEvent,
    Callflow,
    CallLeg,
    CallQuality,
    CallStatusEvent,
    Event,
    Hangup,
    Issue,
    MakeCall,
    PlayFile,
    RecordingStatusEvent,
    Reply,
    Report,
    Say,
    SayAndCapture,
    SessionError,
    SessionSummaryEvent,
    UnknownEvent,
    VirtualNumber,
    VirtualNumberUpdateEvent,
    parse_event,
    validate,
)

__all__ = [
    "Action",
    "CallActionEvent",
    "CallEvent",
    "CallLeg",
    "CallQuality",
    "CallStatusEvent",
    "Callflow",
    "Event",
    "Hangup",
    "Issue",
    "MakeCall",
    "PlayFile",
    "RecordingStatusEvent",
    "Reply",
    "ReplyBuilder",
    "Report",
    "RequestBuilder",
    "Say",
    "SayAndCapture",
    "SessionError",
    "SessionSummaryEvent",
    "UnknownEvent",
    "VirtualNumber",
    "VirtualNumberUpdateEvent",
    "parse_event",
    "validate",
]

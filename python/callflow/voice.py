"""The 8x8 CPaaS Voice callflow model: actions, request and reply bodies, validation.

Every rule lives in callflow's Rust core, so this module gives exactly the answer the
Rust and Node packages give, with the status code the platform would answer.
"""

from callflow._native import (
    Action,
    Callflow,
    Hangup,
    Issue,
    MakeCall,
    PlayFile,
    Reply,
    Report,
    Say,
    SayAndCapture,
    validate,
)

__all__ = [
    "Action",
    "Callflow",
    "Hangup",
    "Issue",
    "MakeCall",
    "PlayFile",
    "Reply",
    "Report",
    "Say",
    "SayAndCapture",
    "validate",
]

"""The 8x8 callflow rules as a JSON Schema (draft 7), for fastjsonschema and jsonschema.

JSON Schema cannot compare two values, so "overallTimeout at least digitTimeout" and "at
most two makeCall" are missing here: the schema validators do slightly less work than
callflow and the pydantic models."""

from __future__ import annotations

from typing import Any

MSISDN = r"^\+?[1-9][0-9]{6,14}$"
VOICE_PROFILE = {"type": "string", "maxLength": 50, "pattern": r"^[a-z]{2,3}-[A-Z]{2}-[A-Za-z0-9]+$"}
TEXT = {"type": "string", "minLength": 1, "maxLength": 3000, "pattern": r"^[^\x00-\x08\x0b-\x1f\x7f]*$"}
TIMES = {"type": "integer", "minimum": 1, "maximum": 3}
SPEED = {"type": "number", "minimum": 0.5, "maximum": 2}
DIGITS = {"type": "integer", "minimum": 1, "maximum": 25}
MILLIS = {"type": "integer", "minimum": 1}
MESSAGE = {"type": ["string", "null"], "maxLength": 3000}


def action(name: str, params: dict[str, Any] | None, required: list[str], **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "if": {"properties": {"action": {"const": name}}},
        "then": {"properties": {"action": {"const": name}}, "additionalProperties": False},
    }
    if params is not None:
        schema["then"]["required"] = ["action", "params"]
        schema["then"]["properties"]["params"] = {
            "type": "object",
            "properties": params,
            "required": required,
            "additionalProperties": False,
            **extra,
        }
    return schema


SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["callflow"],
    "additionalProperties": False,
    "properties": {
        "validUntil": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"},
        "callflow": {
            "type": "array",
            "minItems": 1,
            "items": [{"type": "object", "properties": {"action": {"const": "makeCall"}}}],
            "additionalItems": {"type": "object"},
        },
    },
    "definitions": {},
}
SCHEMA["properties"]["callflow"]["additionalItems"] = SCHEMA["properties"]["callflow"]["items"][0] = {
    "type": "object",
    "required": ["action"],
    "properties": {"action": {"enum": ["makeCall", "say", "playFile", "sayAndCapture", "hangup"]}},
    "allOf": [
        action("makeCall", {"source": {"type": "string", "pattern": MSISDN},
                            "destination": {"type": "string", "pattern": MSISDN},
                            "callRecording": {"type": "boolean"}}, ["source", "destination"]),
        action("say", {"text": TEXT, "voiceProfile": VOICE_PROFILE, "repetition": TIMES, "speed": SPEED,
                       "language": {"type": "string", "pattern": r"^[a-z]{2}-[A-Z]{2}$"}}, ["text", "voiceProfile"]),
        action("playFile", {"fileUrl": {"type": "string", "pattern": r"^https?://[^\s]+$"}, "repetition": TIMES},
               ["fileUrl"]),
        action("sayAndCapture", {"promptMessage": TEXT, "voiceProfile": VOICE_PROFILE, "repetition": TIMES,
                                 "speed": SPEED, "minDigits": DIGITS, "maxDigits": DIGITS, "digitTimeout": MILLIS,
                                 "overallTimeout": MILLIS, "completeOnHash": {"type": "boolean"},
                                 "noOfTries": MILLIS, "successMessage": MESSAGE, "failureMessage": MESSAGE},
               ["promptMessage", "voiceProfile"],
               dependencies={"minDigits": ["maxDigits"], "digitTimeout": ["overallTimeout"]},
               **{"if": {"properties": {"completeOnHash": {"const": False}}, "required": ["completeOnHash"]},
                  "then": {"required": ["maxDigits"]}}),
        action("hangup", None, []),
    ],
}
SCHEMA["properties"]["callflow"]["items"][0] = {
    "allOf": [SCHEMA["properties"]["callflow"]["additionalItems"],
              {"properties": {"action": {"const": "makeCall"}}}],
}

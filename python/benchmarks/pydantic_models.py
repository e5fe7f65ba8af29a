"""The 8x8 callflow rules as pydantic v2 models: what a Python developer would write
instead of callflow. Strict types, unknown fields forbidden, the same bounds, formats and
cross-field rules (digit counts, timeouts, first action, one hangup at the end is not
checked by either)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MSISDN = r"^\+?[1-9][0-9]{6,14}$"
VOICE_PROFILE = r"^[a-z]{2,3}-[A-Z]{2}-[A-Za-z0-9]+$"
Text = Annotated[str, StringConstraints(min_length=1, max_length=3000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")]
Times = Annotated[int, Field(ge=1, le=3)]
Speed = Annotated[float, Field(ge=0.5, le=2.0)]
Digits = Annotated[int, Field(ge=1, le=25)]
Millis = Annotated[int, Field(ge=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class MakeCallParams(Strict):
    source: Annotated[str, StringConstraints(pattern=MSISDN)]
    destination: Annotated[str, StringConstraints(pattern=MSISDN)]
    callRecording: Optional[bool] = None


class Spoken(Strict):
    """What the two speaking actions share."""

    voiceProfile: Annotated[str, StringConstraints(max_length=50, pattern=VOICE_PROFILE)]
    repetition: Optional[Times] = None
    speed: Optional[Speed] = None


class SayParams(Spoken):
    text: Text
    language: Optional[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}-[A-Z]{2}$")]] = None


class PlayFileParams(Strict):
    fileUrl: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")]
    repetition: Optional[Times] = None


class SayAndCaptureParams(Spoken):
    promptMessage: Text
    minDigits: Optional[Digits] = None
    maxDigits: Optional[Digits] = None
    digitTimeout: Optional[Millis] = None
    overallTimeout: Optional[Millis] = None
    completeOnHash: Optional[bool] = None
    noOfTries: Optional[Millis] = None
    successMessage: Optional[Annotated[str, StringConstraints(max_length=3000)]] = None
    failureMessage: Optional[Annotated[str, StringConstraints(max_length=3000)]] = None

    @model_validator(mode="after")
    def related(self) -> SayAndCaptureParams:
        if self.minDigits is not None and self.maxDigits is None:
            raise ValueError("Valid maxDigits required when minDigits provided")
        if self.digitTimeout is not None and self.overallTimeout is None:
            raise ValueError("Valid overallTimeout is required when digitTimeout provided")
        if self.digitTimeout is not None and self.overallTimeout is not None and self.overallTimeout < self.digitTimeout:
            raise ValueError("overallTimeout must be at least digitTimeout")
        if self.completeOnHash is False and self.maxDigits is None:
            raise ValueError("maxDigits required when completeOnHash is false")
        return self


class MakeCall(Strict):
    action: Literal["makeCall"]
    params: MakeCallParams


class Say(Strict):
    action: Literal["say"]
    params: SayParams


class PlayFile(Strict):
    action: Literal["playFile"]
    params: PlayFileParams


class SayAndCapture(Strict):
    action: Literal["sayAndCapture"]
    params: SayAndCaptureParams


class Hangup(Strict):
    action: Literal["hangup"]


Action = Annotated[Union[MakeCall, Say, PlayFile, SayAndCapture, Hangup], Field(discriminator="action")]


class CallflowRequest(Strict):
    validUntil: Optional[Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]] = None
    callflow: Annotated[list[Action], Field(min_length=1)]

    @model_validator(mode="after")
    def starts_with_make_call(self) -> CallflowRequest:
        if self.callflow[0].action != "makeCall":
            raise ValueError("the first action must be makeCall")
        if sum(a.action == "makeCall" for a in self.callflow) > 2:
            raise ValueError("at most two makeCall actions")
        return self


class ReplyBody(Strict):
    clientActionId: Optional[str] = None
    callflow: Annotated[list[Action], Field(min_length=1)]


# Inbound webhooks: lenient, as a careful developer would write them for 8x8's payloads
# (unknown fields ignored, every field optional, eventData as an object or a string).


class Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class EventData(Lenient):
    dtmf: Optional[Union[str, int]] = None


class CallPayload(Lenient):
    eventId: Optional[str] = None
    callId: Optional[str] = None
    sessionId: Optional[str] = None
    subAccountId: Optional[str] = None
    callStatus: Optional[str] = None
    callDirection: Optional[str] = None
    callType: Optional[str] = None
    source: Optional[str] = None
    destination: Optional[str] = None
    sourceFormat: Optional[str] = None
    destinationFormat: Optional[str] = None
    sourceCountryCode: Optional[str] = None
    destinationCountryCode: Optional[str] = None
    sourceRefId: Optional[str] = None
    destinationRefId: Optional[str] = None
    callDuration: Optional[int] = None
    eventData: Optional[Union[EventData, str]] = None
    dtmf: Optional[Union[str, int]] = None
    sipCode: Optional[int] = None
    timestamp: Optional[str] = None
    clientActionId: Optional[str] = None

    def digits(self) -> Optional[str]:
        """The digits from the first of 8x8's three places that holds any."""
        nested = self.eventData.dtmf if isinstance(self.eventData, EventData) else None
        bare = self.eventData if isinstance(self.eventData, str) else None
        for value in (nested, bare, self.dtmf):
            if value is not None and str(value).strip():
                return str(value).strip()
        return None


class CallActionWebhook(Lenient):
    namespace: Optional[str] = None
    eventType: Literal["CALL_ACTION"]
    description: Optional[str] = None
    payload: CallPayload

"""Chained builders of the two bodies: ``voice.Callflow.builder()`` and
``voice.Reply.builder()``.

Each action method takes the keyword arguments of its action class and adds that action;
``build()`` joins the actions into a ``Callflow`` or ``Reply``, which the core validates
(raising ``callflow.ValidationError`` with every issue).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from callflow import _native

if TYPE_CHECKING:
    from typing_extensions import Self


class _Builder:
    """The action methods both builders share."""

    def __init__(self) -> None:
        self._actions: list[_native.Action] = []

    def action(self, action: _native.Action) -> Self:
        """Adds any action object."""
        self._actions.append(action)
        return self

    # BEGIN GENERATED builder methods
    def make_call(
        self,
        *,
        source: str,
        destination: str,
        call_recording: bool | None = None,
    ) -> Self:
        """Adds a ``makeCall``: place a call; in a webhook reply, bridge the live call to a new destination."""
        return self.action(
            _native.MakeCall(
                source=source,
                destination=destination,
                call_recording=call_recording,
            )
        )

    def say(
        self,
        *,
        text: str,
        voice_profile: str,
        repetition: int | None = None,
        speed: float | None = None,
        language: str | None = None,
    ) -> Self:
        """Adds a ``say``: speak text into the call."""
        return self.action(
            _native.Say(
                text=text,
                voice_profile=voice_profile,
                repetition=repetition,
                speed=speed,
                language=language,
            )
        )

    def play_file(
        self,
        *,
        file_url: str,
        repetition: int | None = None,
    ) -> Self:
        """Adds a ``playFile``: play an MP3 or WAV file into the call."""
        return self.action(
            _native.PlayFile(
                file_url=file_url,
                repetition=repetition,
            )
        )

    def say_and_capture(
        self,
        *,
        prompt_message: str,
        voice_profile: str,
        repetition: int | None = None,
        speed: float | None = None,
        min_digits: int | None = None,
        max_digits: int | None = None,
        digit_timeout: int | None = None,
        overall_timeout: int | None = None,
        complete_on_hash: bool | None = None,
        no_of_tries: int | None = None,
        success_message: str | None = None,
        failure_message: str | None = None,
    ) -> Self:
        """Adds a ``sayAndCapture``: speak a prompt and collect DTMF digits, reported by a Voice Call Action webhook."""
        return self.action(
            _native.SayAndCapture(
                prompt_message=prompt_message,
                voice_profile=voice_profile,
                repetition=repetition,
                speed=speed,
                min_digits=min_digits,
                max_digits=max_digits,
                digit_timeout=digit_timeout,
                overall_timeout=overall_timeout,
                complete_on_hash=complete_on_hash,
                no_of_tries=no_of_tries,
                success_message=success_message,
                failure_message=failure_message,
            )
        )

    def hangup(self) -> Self:
        """Adds a ``hangup``: end the session, disconnecting every call leg."""
        return self.action(_native.Hangup())
    # END GENERATED builder methods


class RequestBuilder(_Builder):
    """Builds a Send Callflow request one action at a time; ``build()`` validates it."""

    def __init__(self, *, valid_until: datetime | str | None = None) -> None:
        super().__init__()
        self._valid_until = valid_until

    def build(self) -> _native.Callflow:
        """The request, validated on the system clock; raises
        ``callflow.ValidationError`` with every issue when it is invalid."""
        return _native.Callflow(self._actions, valid_until=self._valid_until)


class ReplyBuilder(_Builder):
    """Builds a reply to a Voice Call Action webhook one action at a time; ``build()``
    validates it."""

    def __init__(self, *, client_action_id: str | None = None) -> None:
        super().__init__()
        self._client_action_id = client_action_id

    def build(self) -> _native.Reply:
        """The reply, validated; raises ``callflow.ValidationError`` with every issue when
        it is invalid."""
        return _native.Reply(self._actions, client_action_id=self._client_action_id)


//! A backend written as a Rust function of typed events, the way a webhook handler is.

use super::{Response, Webhook};
use crate::voice::Reply;
use crate::voice::events::Event;
use crate::voice::webhook::Receiver;

/// Turns a handler of typed events into a backend for [`super::Emulator::run`]: each
/// webhook is received with [`Receiver::receive`] and answered as [`Receiver::answer`] answers
/// (the reply's JSON, or `{}` for `None`). The core reads no clock, so the latency is 0;
/// time the handler yourself where it matters.
///
/// ```
/// use callflow_core::voice::emulator::{handler, Emulator, Options, Script};
/// use callflow_core::voice::{Reply, Say};
///
/// let transcript = Emulator::inbound("+6591234567", "+6568888888", Script::new(), Options::default())
///     .run(handler(|event| {
///         event.is_call_action().then(|| {
///             Reply::builder().say(Say::new("Hello from Rust.", "en-GB-Emma")).hangup().build()
///         })?.ok()
///     }));
/// assert!(transcript.ok(), "{}", transcript.to_text());
/// assert_eq!(transcript.heard, ["Hello from Rust."]);
/// ```
pub fn handler(
    mut on_event: impl FnMut(&Event) -> Option<Reply>,
) -> impl FnMut(&Webhook) -> Response {
    let receiver = Receiver::default();
    move |webhook| {
        let answer = match receiver.receive(webhook.body.as_str(), None) {
            Ok(event) => Receiver::answer(on_event(&event).as_ref()),
            Err(refusal) => refusal,
        };
        Response::json(answer.status, &answer.body)
    }
}

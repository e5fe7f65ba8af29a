//! Python bindings of callflow: the `callflow._native` extension module.
//!
//! Conversion only: Python values become the core's JSON trees and typed bodies, the
//! core's reports and errors become Python objects and exceptions. Every rule and message
//! lives in `callflow-core`.
#![forbid(unsafe_code)]

mod actions;
mod bodies;
mod client;
mod document;
mod emulator;
mod errors;
mod events;
mod explorer;
mod ivr;
mod pbx;
mod pbx_simulate;
mod report;
mod tree;
mod webhook;

use pyo3::prelude::*;

#[pymodule]
mod _native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::actions::{Action, Hangup, MakeCall, PlayFile, Say, SayAndCapture};
    #[pymodule_export]
    use crate::bodies::{Callflow, Reply};
    #[pymodule_export]
    use crate::client::{Session, VoiceClient, YayClient, client_defaults};
    #[pymodule_export]
    use crate::emulator::{Emulator, MapBackend, Scenario, Transcript, Webhook, emulate_http};
    #[pymodule_export]
    use crate::events::{
        CallActionEvent, CallEvent, CallLeg, CallQuality, CallStatusEvent, Event,
        RecordingStatusEvent, SessionError, SessionSummaryEvent, UnknownEvent, VirtualNumber,
        VirtualNumberUpdateEvent,
    };
    #[pymodule_export]
    use crate::explorer::{Exploration, Explorer, explore_http};
    #[pymodule_export]
    use crate::ivr::{IvrMap, Turn, ivr_check, ivr_check_with, ivr_expand};
    #[pymodule_export]
    use crate::pbx::{CallFlow, Module, Target, pbx_check, render};
    #[pymodule_export]
    use crate::pbx_simulate::{pbx_coverage, pbx_explore, pbx_simulate};
    #[pymodule_export]
    use crate::report::{Issue, Report};
    #[pymodule_export]
    use crate::webhook::{Answer, Receiver, authorization_matches, is_source_address};

    use crate::document::{self, Document};

    /// Validates a request (`profile="request"`) or webhook reply (`profile="reply"`)
    /// given as a dict, JSON `str` or JSON `bytes`, and returns every issue.
    #[pyfunction]
    #[pyo3(signature = (doc, /, *, profile = "request", now = None))]
    fn validate(
        doc: &Bound<'_, PyAny>,
        profile: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Report> {
        let profile = document::profile(profile)?;
        let validator = document::validator(now)?;
        let document = Document::any(doc)?;
        Ok(document
            .with(doc.py(), |document| validator.validate(document, profile))
            .into())
    }

    /// Parses a webhook body (`bytes`, `str`, or a parsed dict) into the event class for
    /// its `eventType`; a body that is not an 8x8 webhook raises `callflow.EventError`.
    #[pyfunction]
    #[pyo3(signature = (body, /))]
    fn parse_event<'py>(body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        crate::events::parse(body)
    }

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("SOURCE_ADDRESSES", crate::webhook::source_addresses())?;
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}

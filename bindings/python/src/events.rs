//! `parse_event`: the core's typed webhook events as Python objects.
//!
//! The classes keep the core's event and convert a field only when it is read. Every
//! rule (where the digits are, which quirks are tolerated) is the core's.

use callflow_core::voice::events::{self as core, Payload, values};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::document::Document;
use crate::{errors, tree};

/// A field of a core event, converted for Python on reading.
trait Field {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

impl<T: Field> Field for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(value) => value.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: Field> Field for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|item| item.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

/// Fields Python receives as they are: text and numbers.
macro_rules! plain_fields {
    ($($ty:ty),*) => {$(
        impl Field for $ty {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.into_pyobject(py)?.to_owned().into_any())
            }
        }
    )*};
}
plain_fields!(String, &'static str, i64, f64, bool);

/// Open enums reach Python as their `str` value.
macro_rules! text_fields {
    ($($ty:ty),*) => {$(
        impl Field for $ty {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(PyString::new(py, self.as_str()).into_any())
            }
        }
    )*};
}
text_fields!(
    values::EventType,
    values::CallStatus,
    values::CallDirection,
    values::CallType,
    values::SessionStatus,
    values::LastAction,
    values::RecordingState,
    values::UpdateEventType,
    values::OperationalStatus,
    values::UpdateStatus
);

/// Defines the getters of an event class: each reads one field of the core value that
/// `$access` finds for the instance (`field in part` reads `part.field`). `$extra` holds
/// the class's other methods.
macro_rules! getters {
    ($class:ident, $core:ty, $access:path, [$($field:ident $(in $part:ident)?),* $(,)?] $($extra:tt)*) => {
        #[pymethods]
        impl $class {
            $(
                #[getter]
                fn $field<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
                    let value: &$core = $access(slf);
                    value$(.$part)?.$field.to_py(slf.py())
                }
            )*
            $($extra)*
        }
    };
}

/// Defines a class that holds one part of an event (a call leg, call quality, error
/// details, a virtual number) and reaches Python as an instance of it.
macro_rules! part_class {
    ($(#[$doc:meta])* $class:ident($core:ty) [$($field:ident $(in $part:ident)?),* $(,)?]) => {
        $(#[$doc])*
        #[pyclass(module = "callflow.voice", frozen, eq)]
        #[derive(PartialEq)]
        pub(crate) struct $class($core);

        impl Field for $core {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $class(self.clone()))?.into_any())
            }
        }

        impl $class {
            fn inner<'a>(slf: &'a Bound<'_, Self>) -> &'a $core {
                &slf.get().0
            }
        }

        getters!($class, $core, $class::inner, [$($field $(in $part)?),*]
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                tree::serialized(py, &self.0)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                Ok(format!("{}({})", stringify!($class), tree::repr(py, self.to_dict(py)?)?))
            }
        );
    };
}

part_class!(
    /// One call leg of a session summary (`callA`, `callB`, …).
    CallLeg(core::CallLeg) [
        name, call_id, call_direction, call_type, initiated_timestamp, connected_timestamp,
        disconnected_timestamp, source in parties, destination in parties, source_format in parties,
        destination_format in parties, source_country_code in parties,
        destination_country_code in parties, source_ref_id in parties,
        destination_ref_id in parties,
        call_status, call_duration, call_quality,
    ]
);

part_class!(
    /// The measured quality of a call leg.
    CallQuality(core::CallQuality) [mos, packet_loss_rate, jitter]
);

part_class!(
    /// Why a session failed, with the documented meaning of its error code.
    SessionError(core::SessionError) [error_code, error_msg, meaning, call_flow_request_id, action]
);

part_class!(
    /// One virtual number of a virtual-number update.
    VirtualNumber(core::VirtualNumber) [
        msisdn, updated_timestamp, country_code, operational_status, reference_id,
        rental_price, incoming_rate, billing_unit, billing_currency,
        number_health_check_enabled, update_status,
    ]
);

/// A webhook from 8x8: the base class of every event `parse_event` returns.
#[pyclass(module = "callflow.voice", frozen, subclass)]
pub(crate) struct Event(core::Event);

impl Event {
    fn inner<'a>(slf: &'a Bound<'_, Self>) -> &'a core::Event {
        &slf.get().0
    }

    /// The core event behind a parsed event of any class.
    pub(crate) fn core<'a>(slf: &'a Bound<'_, Self>) -> &'a core::Event {
        &slf.get().0
    }
}

getters!(Event, core::Event, Event::inner,
    [event_type, namespace, description, version]

    /// The event in its flat form: envelope and payload fields in camelCase, `None`
    /// where absent (the shape of the shared webhook vectors).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tree::serialized(py, &self.0)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let event = &slf.get().0;
        Ok(format!("{}(event_type={:?})", slf.get_type().name()?, event.event_type.as_str()))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Event>().is_ok_and(|other| other.get().0 == self.0)
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;
);

/// The core event behind an instance of a subclass of `Event`.
fn event_of<'a, T: pyo3::PyClass<BaseType = Event>>(slf: &'a Bound<'_, T>) -> &'a core::Event {
    &slf.as_super().get().0
}

/// Defines an event class whose payload is the core's `Payload::$variant`.
macro_rules! payload_class {
    ($(#[$doc:meta])* $class:ident: $variant:ident($core:ty), $($subclass:ident)? [$($field:ident $(in $part:ident)?),* $(,)?]) => {
        $(#[$doc])*
        #[pyclass(module = "callflow.voice", extends = Event, frozen $(, $subclass)?)]
        pub(crate) struct $class;

        impl $class {
            fn inner<'a>(slf: &'a Bound<'_, Self>) -> &'a $core {
                match &event_of(slf).payload {
                    Payload::$variant(payload) => payload,
                    _ => unreachable!(concat!(stringify!($class), " holds ", stringify!($variant))),
                }
            }
        }

        getters!($class, $core, $class::inner, [$($field $(in $part)?),*]);
    };
}

payload_class!(
    /// A call event: the fields `CALL_ACTION` and `CALL_STATUS` share.
    CallEvent: Call(core::CallEvent), subclass [
        event_id, call_id, session_id, sub_account_id, call_status, call_direction, call_type,
        source in parties, destination in parties, source_format in parties,
        destination_format in parties, source_country_code in parties,
        destination_country_code in parties, source_ref_id in parties,
        destination_ref_id in parties,
        call_duration, dtmf, sip_code, timestamp, client_action_id,
    ]
);

payload_class!(
    /// `SESSION_SUMMARY` (VSS): the final record of a session.
    SessionSummaryEvent: SessionSummary(core::SessionSummary), [
        session_id, sub_account_id, session_status, start_time, end_time, last_action,
        call_count, client_request_id, error_details, legs,
    ]
);

payload_class!(
    /// `CALL_RECORDING_STATUS` (VRU): a recording's upload status.
    RecordingStatusEvent: RecordingStatus(core::RecordingStatus), [
        session_id, recording_id, duration_seconds, file_path, status,
    ]
);

payload_class!(
    /// `VIRTUAL_NUMBER_UPDATE` (VNU): the state of the sub-account's virtual numbers.
    VirtualNumberUpdateEvent: VirtualNumberUpdate(core::VirtualNumberUpdate), [
        sub_account_id, total_numbers, update_event_type, virtual_numbers,
    ]
);

/// An event type this version does not know; `payload` holds it as sent.
#[pyclass(module = "callflow.voice", extends = Event, frozen)]
pub(crate) struct UnknownEvent;

#[pymethods]
impl UnknownEvent {
    /// The `payload` member as sent (`None` when there was none).
    #[getter]
    fn payload<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        match &event_of(slf).payload {
            Payload::Other { payload } => tree::serialized(slf.py(), payload),
            _ => Ok(slf.py().None().into_bound(slf.py())),
        }
    }
}

/// `CALL_ACTION` (VCA): the webhook whose HTTP answer is the next callflow.
#[pyclass(module = "callflow.voice", extends = CallEvent, frozen)]
pub(crate) struct CallActionEvent;

/// `CALL_STATUS` (VCS): progress of one call leg.
#[pyclass(module = "callflow.voice", extends = CallEvent, frozen)]
pub(crate) struct CallStatusEvent;

/// The Python object for a core event: an instance of the class for its type.
pub(crate) fn to_python(py: Python<'_>, event: core::Event) -> PyResult<Bound<'_, PyAny>> {
    enum Class {
        CallAction,
        CallStatus,
        SessionSummary,
        RecordingStatus,
        VirtualNumberUpdate,
        Unknown,
    }
    let class = match &event.payload {
        Payload::Call(_) if event.is_call_action() => Class::CallAction,
        Payload::Call(_) => Class::CallStatus,
        Payload::SessionSummary(_) => Class::SessionSummary,
        Payload::RecordingStatus(_) => Class::RecordingStatus,
        Payload::VirtualNumberUpdate(_) => Class::VirtualNumberUpdate,
        _ => Class::Unknown,
    };
    let base = PyClassInitializer::from(Event(event));
    Ok(match class {
        Class::CallAction => Bound::new(
            py,
            base.add_subclass(CallEvent).add_subclass(CallActionEvent),
        )?
        .into_any(),
        Class::CallStatus => Bound::new(
            py,
            base.add_subclass(CallEvent).add_subclass(CallStatusEvent),
        )?
        .into_any(),
        Class::SessionSummary => Bound::new(py, base.add_subclass(SessionSummaryEvent))?.into_any(),
        Class::RecordingStatus => {
            Bound::new(py, base.add_subclass(RecordingStatusEvent))?.into_any()
        }
        Class::VirtualNumberUpdate => {
            Bound::new(py, base.add_subclass(VirtualNumberUpdateEvent))?.into_any()
        }
        Class::Unknown => Bound::new(py, base.add_subclass(UnknownEvent))?.into_any(),
    })
}

/// `parse_event(body)`: the webhook in `body` (`bytes`, `str`, or a parsed dict) as an
/// event, or `callflow.EventError`.
pub(crate) fn parse<'py>(body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = body.py();
    let document = Document::any(body)?;
    let event = document
        .with(py, core::parse_event)
        .map_err(|err| errors::event_error(py, &err))?;
    to_python(py, event)
}

//! The numbers of a call leg, which call events and session summaries both carry.

use serde::Serialize;

use super::fields::Fields;

/// Who called whom: the two numbers of a call leg and what 8x8 knows of them. Serialised
/// flat, into the event or leg that holds it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Parties {
    /// `source`: the calling number.
    pub source: Option<String>,
    /// `destination`: the called number (your virtual number on an inbound call).
    pub destination: Option<String>,
    /// `sourceFormat`, such as `MSISDN`.
    pub source_format: Option<String>,
    /// `destinationFormat`, such as `MSISDN`.
    pub destination_format: Option<String>,
    /// `sourceCountryCode`: ISO 3166-1 alpha-2.
    pub source_country_code: Option<String>,
    /// `destinationCountryCode`: ISO 3166-1 alpha-2.
    pub destination_country_code: Option<String>,
    /// `sourceRefId`: the reference id of the virtual number on an outbound leg.
    pub source_ref_id: Option<String>,
    /// `destinationRefId`: the reference id of the virtual number on an inbound leg.
    pub destination_ref_id: Option<String>,
}

impl Parties {
    pub(super) fn read(leg: Fields<'_, '_>) -> Self {
        Parties {
            source: leg.text("source"),
            destination: leg.text("destination"),
            source_format: leg.text("sourceFormat"),
            destination_format: leg.text("destinationFormat"),
            source_country_code: leg.text("sourceCountryCode"),
            destination_country_code: leg.text("destinationCountryCode"),
            source_ref_id: leg.text("sourceRefId"),
            destination_ref_id: leg.text("destinationRefId"),
        }
    }
}

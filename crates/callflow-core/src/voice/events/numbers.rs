//! The Virtual Number Updated (`VIRTUAL_NUMBER_UPDATE`) payload.

use serde::Serialize;

use super::fields::Fields;
use super::values::{OperationalStatus, UpdateEventType, UpdateStatus};

/// The payload of a virtual-number update.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VirtualNumberUpdate {
    /// `subAccountId`.
    pub sub_account_id: Option<String>,
    /// `totalNumbers`.
    pub total_numbers: Option<i64>,
    /// `updateEventType`: a snapshot of every number, or only the changes.
    pub update_event_type: Option<UpdateEventType>,
    /// `virtualNumbers`.
    pub virtual_numbers: Vec<VirtualNumber>,
}

impl VirtualNumberUpdate {
    pub(super) fn read(payload: Fields<'_, '_>) -> Self {
        VirtualNumberUpdate {
            sub_account_id: payload.text("subAccountId"),
            total_numbers: payload.integer("totalNumbers"),
            update_event_type: payload
                .text("updateEventType")
                .map(|s| UpdateEventType::parse(&s)),
            virtual_numbers: payload
                .objects("virtualNumbers")
                .map(VirtualNumber::read)
                .collect(),
        }
    }
}

/// One virtual number of an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VirtualNumber {
    /// `msisdn`: the number.
    pub msisdn: Option<String>,
    /// `updatedTimestamp`.
    pub updated_timestamp: Option<String>,
    /// `countryCode`.
    pub country_code: Option<String>,
    /// `operationalStatus`.
    pub operational_status: Option<OperationalStatus>,
    /// `referenceId`: the id call events give as `sourceRefId`/`destinationRefId`.
    pub reference_id: Option<String>,
    /// `rentalPrice`.
    pub rental_price: Option<f64>,
    /// `incomingRate`.
    pub incoming_rate: Option<f64>,
    /// `billingUnit`.
    pub billing_unit: Option<String>,
    /// `billingCurrency`.
    pub billing_currency: Option<String>,
    /// `numberHealthCheckEnabled`.
    pub number_health_check_enabled: Option<bool>,
    /// `updateStatus`.
    pub update_status: Option<UpdateStatus>,
}

impl VirtualNumber {
    fn read(number: Fields<'_, '_>) -> Self {
        VirtualNumber {
            msisdn: number.text("msisdn"),
            updated_timestamp: number.text("updatedTimestamp"),
            country_code: number.text("countryCode"),
            operational_status: number
                .text("operationalStatus")
                .map(|s| OperationalStatus::parse(&s)),
            reference_id: number.text("referenceId"),
            rental_price: number.number("rentalPrice"),
            incoming_rate: number.number("incomingRate"),
            billing_unit: number.text("billingUnit"),
            billing_currency: number.text("billingCurrency"),
            number_health_check_enabled: number.flag("numberHealthCheckEnabled"),
            update_status: number.text("updateStatus").map(|s| UpdateStatus::parse(&s)),
        }
    }
}

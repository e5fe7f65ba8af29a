//! How deeply a JavaScript value nests: the report for a value that `JSON.stringify`
//! cannot write because it is cyclic or nests deeper than the engine's stack.

use callflow_core::json::TooDeep;
use napi::bindgen_prelude::{JsObjectValue, KeyCollectionMode, KeyConversion, KeyFilter, Object};
use napi::{JsValue, Unknown, ValueType};

/// Whether `value` nests deeper than the core accepts ([`callflow_core::json::MAX_DEPTH`]
/// levels); a cycle always does. Reads what `JSON.stringify` reads: array items and own
/// enumerable string-keyed properties. A getter or proxy trap that throws propagates.
pub(crate) fn too_deep(value: Unknown<'_>) -> napi::Result<bool> {
    nests_past_limit(value, 0)
}

fn nests_past_limit(value: Unknown<'_>, depth: usize) -> napi::Result<bool> {
    if value.get_type()? != ValueType::Object {
        return Ok(false);
    }
    let Ok(depth) = TooDeep::enter(depth) else {
        return Ok(true);
    };
    let object = value.coerce_to_object()?;
    if object.is_array()? {
        for index in 0..object.get_array_length()? {
            if nests_past_limit(object.get_element::<Unknown>(index)?, depth)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let keys: Object<'_> = object.get_all_property_names(
        KeyCollectionMode::OwnOnly,
        KeyFilter::Enumerable,
        KeyConversion::NumbersToStrings,
    )?;
    for index in 0..keys.get_array_length()? {
        let key = keys.get_element::<Unknown>(index)?;
        // A symbol key has no place in JSON.
        if key.get_type()? == ValueType::String
            && nests_past_limit(object.get_property_unchecked::<_, Unknown>(key)?, depth)?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

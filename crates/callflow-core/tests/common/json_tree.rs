//! Random JSON documents for the property tests: values nested a few levels deep.

use proptest::prelude::*;
use serde_json::Value;

/// Arrays and objects (with short keys of any characters) of `leaf` values, up to three
/// levels deep.
pub(crate) fn nested(leaf: impl Strategy<Value = Value> + 'static) -> impl Strategy<Value = Value> {
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

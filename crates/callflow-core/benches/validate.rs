//! `validate` on the seed IVR request, beside `serde_json`'s parse of the same bytes
//! into a `Value` (the goal: validating costs no more than that parse).
//!
//! Run with `cargo bench -p callflow-core --bench validate`.

use std::hint::black_box;

use callflow_core::voice::{Callflow, Profile, Validator};
use criterion::{Criterion, criterion_group, criterion_main};

const SEED_IVR: &[u8] = include_bytes!("../../../tests/fixtures/bench/seed-ivr-request.json");

fn seed_ivr(c: &mut Criterion) {
    let validator = Validator::new();
    assert!(validator.validate(SEED_IVR, Profile::Request).is_valid());
    let mut group = c.benchmark_group("seed-ivr-request");
    group.bench_function("serde_json::from_slice::<Value>", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(SEED_IVR)));
    });
    group.bench_function("callflow validate(bytes)", |b| {
        b.iter(|| validator.validate(black_box(SEED_IVR), Profile::Request));
    });
    group.bench_function("callflow parse::<Callflow>(bytes)", |b| {
        b.iter(|| validator.parse::<Callflow, _>(black_box(SEED_IVR)));
    });
    let value: serde_json::Value = serde_json::from_slice(SEED_IVR).expect("seed is JSON");
    group.bench_function("callflow validate(&Value)", |b| {
        b.iter(|| validator.validate(black_box(&value), Profile::Request));
    });
    group.finish();
}

criterion_group!(benches, seed_ivr);
criterion_main!(benches);

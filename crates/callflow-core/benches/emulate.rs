//! A whole emulated call of 8x8's advanced IVR (the restaurant menus of the ported
//! samples, as an IVR map answered in-process: four call actions and the session
//! summary), beside validating the four replies of that call alone. The ratio is what
//! emulating the call costs over checking its documents. Then the explorer mapping the
//! whole IVR (57 calls), per call.
//!
//! Run with `scripts/bench-emulator.sh`, or `cargo bench -p callflow-core --bench emulate`.

use std::hint::black_box;

use callflow_core::voice::emulator::{
    Emulator, ExploreOptions, Explorer, MapBackend, Options, Script,
};
use callflow_core::voice::{Profile, Validator};
use criterion::{Criterion, criterion_group, criterion_main};

const MAP: &[u8] = include_bytes!("../../../tests/fixtures/bench/advanced-ivr-map.json");

fn script() -> Script {
    Script::new().press("1").press("1").press("4")
}

fn advanced_ivr(c: &mut Criterion) {
    let map = MapBackend::from_json(MAP).expect("the map");
    let call = || {
        Emulator::inbound("+6591234567", "+6568888888", script(), Options::default())
            .run(|webhook| map.answer(webhook))
    };
    let transcript = call();
    assert!(transcript.ok(), "{}", transcript.to_text());
    assert_eq!(transcript.webhooks.len(), 5);
    let replies: Vec<String> = transcript
        .steps
        .iter()
        .filter_map(|step| match &step.event {
            callflow_core::voice::emulator::StepEvent::Webhook {
                answer: Some(answer),
                event_type: "CALL_ACTION",
                ..
            } => Some(answer.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(replies.len(), 4);
    let validator = Validator::new();
    let mut group = c.benchmark_group("advanced-ivr-call");
    group.bench_function("validate the call's 4 replies", |b| {
        b.iter(|| {
            for reply in &replies {
                black_box(validator.validate(black_box(reply.as_str()), Profile::Reply));
            }
        });
    });
    group.bench_function("emulate the whole call", |b| {
        b.iter(|| black_box(call()));
    });
    group.bench_function("emulate the whole call + to_json", |b| {
        b.iter(|| black_box(call().to_json()));
    });
    group.finish();
}

fn explore_advanced_ivr(c: &mut Criterion) {
    let map = MapBackend::from_json(MAP).expect("the map");
    let explore = || {
        Explorer::inbound(
            "+6591234567",
            "+6568888888",
            Options::default(),
            ExploreOptions::default(),
        )
        .run(|webhook| map.answer(webhook))
    };
    let found = explore();
    assert!(
        found.ok && found.budget_hit.is_none(),
        "{}",
        found.to_text()
    );
    assert_eq!((found.menus.len(), found.calls), (4, 57));
    let mut group = c.benchmark_group("advanced-ivr-explore");
    group.bench_function("explore the whole IVR (57 calls)", |b| {
        b.iter(|| black_box(explore()));
    });
    group.finish();
}

criterion_group!(benches, advanced_ivr, explore_advanced_ivr);
criterion_main!(benches);

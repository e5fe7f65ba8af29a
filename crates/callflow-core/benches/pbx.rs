//! `pbx::check` and the diagrams on Yay.com call flows of 10, 1,000 and 100,000
//! modules, beside `serde_json`'s parse of the same bytes into a `Value`.
//!
//! Run with `cargo bench -p callflow-core --bench pbx`.

use std::fmt::Write;
use std::hint::black_box;

use callflow_core::diagram::{Diagram, Format};
use callflow_core::pbx::check;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A flow of about `modules` modules in IVR-shaped blocks of five: a greeting, a menu
/// whose key 2 leads to the next block, an extension, a voicemail and a busy tone.
fn flow(modules: usize) -> String {
    let blocks = modules.div_ceil(5);
    let mut text = String::from(
        r#"{"extension": 501, "name": "Bench", "show_call_route_name": true, "flow": {"start": {"module": "start", "next": "play-0"}"#,
    );
    for b in 0..blocks {
        let next = if b + 1 == blocks {
            format!("vm-{b}")
        } else {
            format!("play-{}", b + 1)
        };
        write!(
            text,
            r#", "play-{b}": {{"module": "play", "sound": "7b0c2e54-9a1f-4d3b-8c6e-2f5a1b9d0e7c", "next": "menu-{b}"}}, "menu-{b}": {{"duration": 10, "module": "pressextension", "next": {{"1": "ext-{b}", "2": "{next}", "9": "busy-{b}", "invalid": "play-{b}", "timeout": "vm-{b}"}}}}, "ext-{b}": {{"extensions": [{{"type": "sipuser", "uuid": "92b0aca6-12aa-480c-a7b7-a31df403418c"}}, {{"number": "+447700900123", "type": "forward"}}], "module": "extension", "noanswer": "vm-{b}"}}, "vm-{b}": {{"mailboxes": ["5d3c2b1a-0f9e-4d8c-b7a6-958473625140"], "module": "voicemail"}}, "busy-{b}": {{"module": "busy"}}"#
        )
        .expect("in memory");
    }
    text.push_str("}}");
    text
}

fn sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("pbx-check");
    for modules in [10, 1_000, 100_000] {
        let text = flow(modules);
        assert!(
            check(text.as_str()).issues().is_empty(),
            "the bench flow is clean"
        );
        group.throughput(Throughput::Elements(u64::try_from(modules).expect("fits")));
        if modules == 100_000 {
            group.sample_size(20);
        }
        group.bench_with_input(
            BenchmarkId::new("serde_json::from_str::<Value>", modules),
            &text,
            |b, text| {
                b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("pbx::check(text)", modules),
            &text,
            |b, text| {
                b.iter(|| check(black_box(text.as_str())));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("diagram svg", modules),
            &text,
            |b, text| {
                b.iter(|| {
                    Diagram::from_json(black_box(text.as_str())).map(|d| d.render(Format::Svg))
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, sizes);
criterion_main!(benches);

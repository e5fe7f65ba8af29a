//! `pbx::simulate::explore` on Yay.com call flows of IVR-shaped blocks: every path of a
//! flow of 250 to 2,000 modules whose menus lead on to two more blocks (a balanced tree,
//! so that paths stay short and their number grows with the flow), and of the 1,000-module
//! chain of the `pbx` benchmark (each menu's key 2 leads to the next block, so paths grow
//! as long as the flow). Criterion's throughput is in paths: the time per path.
//!
//! Run with `cargo bench -p callflow-core --bench pbx_simulate`.

use std::fmt::Write;
use std::hint::black_box;

use callflow_core::pbx::CallFlow;
use callflow_core::pbx::simulate::{Call, Options, explore};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// One IVR-shaped block of five modules: a greeting, a menu (1 rings an extension, 9 a
/// busy tone, invalid repeats, timeout goes to voicemail, `more` lists the other keys),
/// the extension, a voicemail and a busy tone.
fn block(text: &mut String, b: usize, more: &str) {
    write!(
        text,
        r#", "play-{b}": {{"module": "play", "sound": "7b0c2e54", "next": "menu-{b}"}}, "menu-{b}": {{"duration": 10, "module": "pressextension", "next": {{"1": "ext-{b}"{more}, "9": "busy-{b}", "invalid": "play-{b}", "timeout": "vm-{b}"}}}}, "ext-{b}": {{"extensions": [{{"type": "sipuser", "uuid": "92b0aca6"}}], "module": "extension", "noanswer": "vm-{b}"}}, "vm-{b}": {{"mailboxes": ["5d3c2b1a"], "module": "voicemail"}}, "busy-{b}": {{"module": "busy"}}"#
    )
    .expect("in memory");
}

fn start() -> String {
    String::from(
        r#"{"extension": 501, "name": "Bench", "flow": {"start": {"module": "start", "next": "play-0"}"#,
    )
}

/// About `modules` modules in blocks whose menus' keys 2 and 3 lead to two child blocks.
fn tree(modules: usize) -> CallFlow {
    let blocks = modules.div_ceil(5);
    let mut text = start();
    for b in 0..blocks {
        let mut more = String::new();
        for (key, child) in [("2", 2 * b + 1), ("3", 2 * b + 2)] {
            if child < blocks {
                write!(more, r#", "{key}": "play-{child}""#).expect("in memory");
            }
        }
        block(&mut text, b, &more);
    }
    text.push_str("}}");
    CallFlow::from_json(text.as_str()).expect("a call flow")
}

/// About `modules` modules in blocks whose menus' key 2 leads to the next block (the
/// `pbx` benchmark's flow).
fn chain(modules: usize) -> CallFlow {
    let blocks = modules.div_ceil(5);
    let mut text = start();
    for b in 0..blocks {
        let next = if b + 1 == blocks {
            format!("vm-{b}")
        } else {
            format!("play-{}", b + 1)
        };
        block(&mut text, b, &format!(r#", "2": "{next}""#));
    }
    text.push_str("}}");
    CallFlow::from_json(text.as_str()).expect("a call flow")
}

fn explore_all(c: &mut Criterion) {
    let options = Options::default();
    let call = Call::new();
    let mut group = c.benchmark_group("pbx-explore");
    group.sample_size(20);
    let flows = [250, 500, 1_000, 2_000]
        .map(|modules| (format!("tree {modules} modules"), tree(modules)))
        .into_iter()
        .chain([("chain 1000 modules".to_owned(), chain(1_000))]);
    for (name, flow) in flows {
        let explored = explore(&flow, &call, &options);
        assert!(!explored.budget_hit, "{name}: every path fits the budget");
        let steps: usize = explored.paths.iter().map(|path| path.visited.len()).sum();
        eprintln!(
            "{name}: {} paths, {steps} module visits, coverage {}/{}",
            explored.paths.len(),
            explored.coverage.used,
            explored.coverage.edges
        );
        group.throughput(Throughput::Elements(
            u64::try_from(explored.paths.len()).expect("fits"),
        ));
        group.bench_with_input(BenchmarkId::new("explore", &name), &flow, |b, flow| {
            b.iter(|| explore(black_box(flow), &call, &options));
        });
    }
    group.finish();
}

criterion_group!(benches, explore_all);
criterion_main!(benches);

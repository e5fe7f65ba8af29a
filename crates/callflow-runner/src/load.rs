//! Many emulated calls at once against one backend: at most so many at a time, at
//! most so many new calls a second, with the webhook latencies in a histogram.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use callflow_core::voice::emulator::{Emulator, Transcript};
use hdrhistogram::Histogram;
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::backend::HttpBackend;

/// How many calls, how many at once, and how fast they start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadPlan {
    /// Calls to run in all.
    pub calls: u32,
    /// The most calls in progress at once (at least 1).
    pub concurrency: u32,
    /// The most new calls a second; `None` starts them as fast as `concurrency` allows.
    pub rate: Option<f64>,
}

/// What a load run measured.
///
/// Its JSON form has `calls`, `completed`, `failed`, `findings`, `webhooks`,
/// `elapsedMs`, `callsPerSecond`, `webhooksPerSecond`, `latencyMs` and `slowest`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LoadReport {
    /// Calls run.
    pub calls: u32,
    /// Calls with no error finding.
    pub completed: u32,
    /// Calls with an error finding.
    pub failed: u32,
    /// How many calls had each finding code.
    pub findings: BTreeMap<String, u32>,
    /// Webhooks delivered.
    pub webhooks: u64,
    /// Wall-clock time of the run.
    pub elapsed_ms: f64,
    /// Calls finished per second.
    pub calls_per_second: f64,
    /// Webhooks answered per second.
    pub webhooks_per_second: f64,
    /// Webhook latency percentiles.
    pub latency_ms: Latency,
    /// The calls whose webhooks took longest in all, slowest first (at most five).
    pub slowest: Vec<SlowCall>,
}

/// Webhook latency percentiles, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Latency {
    /// The median.
    pub p50: f64,
    /// The 90th percentile.
    pub p90: f64,
    /// The 99th percentile.
    pub p99: f64,
    /// The slowest webhook.
    pub max: f64,
}

/// One slow call: the keys its caller pressed, and its webhooks' total latency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SlowCall {
    /// The keys pressed, one entry per capture try with any.
    pub pressed: Vec<String>,
    /// The sum of its webhooks' latencies.
    pub latency_ms: f64,
}

impl LoadReport {
    /// The report as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The report for people.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let latency = &self.latency_ms;
        let _ = writeln!(
            out,
            "{} call(s) in {:.2} s ({:.1} calls/s): {} completed, {} failed",
            self.calls,
            self.elapsed_ms / 1000.0,
            self.calls_per_second,
            self.completed,
            self.failed
        );
        let _ = writeln!(
            out,
            "{} webhook(s), {:.1}/s; latency p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            self.webhooks,
            self.webhooks_per_second,
            latency.p50,
            latency.p90,
            latency.p99,
            latency.max
        );
        for (code, calls) in &self.findings {
            let _ = writeln!(out, "  {code}: {calls} call(s)");
        }
        for call in &self.slowest {
            let pressed = if call.pressed.is_empty() {
                "no keys".to_owned()
            } else {
                call.pressed.join(" > ")
            };
            let _ = writeln!(
                out,
                "  slow: {pressed} ({:.3} ms in webhooks)",
                call.latency_ms
            );
        }
        out
    }
}

/// The largest latency the histogram holds, in microseconds (about 11.6 days).
const MAX_MICROS: u64 = 1_000_000_000_000;

/// The slowest calls kept.
const SLOWEST: usize = 5;

impl HttpBackend {
    /// Runs `plan.calls` calls, the `n`th (from 0) being `call(n)`, at most
    /// `plan.concurrency` at once; `progress(done)` is told after each. Every call is
    /// bounded by the backend's timeout per webhook, so the run ends by itself.
    pub async fn load(
        &self,
        plan: LoadPlan,
        call: impl Fn(u32) -> Emulator,
        mut progress: impl FnMut(u32),
    ) -> LoadReport {
        let started = Instant::now();
        let slots = Arc::new(Semaphore::new(
            usize::try_from(plan.concurrency.max(1)).unwrap_or(1),
        ));
        let mut pacer = plan
            .rate
            .filter(|rate| rate.is_finite() && *rate > 0.0)
            .map(|rate| tokio::time::interval(Duration::from_secs_f64(1.0 / rate)));
        let mut running = JoinSet::new();
        let mut tally = Tally::default();
        for index in 0..plan.calls {
            if let Some(pacer) = pacer.as_mut() {
                pacer.tick().await;
            }
            while let Some(done) = running.try_join_next() {
                tally.add(done.ok());
                progress(tally.calls);
            }
            let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                break;
            };
            let backend = self.clone();
            let emulator = call(index);
            running.spawn(async move {
                let transcript = backend.emulate(emulator).await;
                drop(slot);
                Finished::of(transcript)
            });
        }
        while let Some(done) = running.join_next().await {
            tally.add(done.ok());
            progress(tally.calls);
        }
        tally.report(started.elapsed())
    }
}

/// The counts and histogram as calls finish.
struct Tally {
    calls: u32,
    completed: u32,
    findings: BTreeMap<String, u32>,
    webhooks: u64,
    /// Latencies in microseconds.
    latency: Histogram<u64>,
    slowest: Vec<SlowCall>,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            calls: 0,
            completed: 0,
            findings: BTreeMap::new(),
            webhooks: 0,
            latency: Histogram::new_with_bounds(1, MAX_MICROS, 3)
                .expect("bounds 1..1e12 with 3 significant figures are valid"),
            slowest: Vec::new(),
        }
    }
}

/// What the tally needs of a finished call, taken from its transcript on the task that
/// ran it (so the transcript is freed there, not on the thread that counts).
struct Finished {
    ok: bool,
    /// Its finding codes, each once.
    codes: Vec<&'static str>,
    latencies_ms: Vec<f64>,
    pressed: Vec<String>,
}

impl Finished {
    fn of(transcript: Transcript) -> Finished {
        let mut codes: Vec<&'static str> = transcript.findings.iter().map(|f| f.code).collect();
        codes.sort_unstable();
        codes.dedup();
        Finished {
            ok: transcript.ok(),
            codes,
            latencies_ms: transcript.webhooks.iter().map(|w| w.latency_ms).collect(),
            pressed: transcript.pressed,
        }
    }
}

impl Tally {
    /// Counts one finished call (`None` for a task that did not finish).
    fn add(&mut self, call: Option<Finished>) {
        self.calls += 1;
        let Some(call) = call else {
            *self.findings.entry("runner-failed".to_owned()).or_insert(0) += 1;
            return;
        };
        if call.ok {
            self.completed += 1;
        }
        for code in call.codes {
            *self.findings.entry(code.to_owned()).or_insert(0) += 1;
        }
        for latency_ms in &call.latencies_ms {
            self.webhooks += 1;
            let micros = (latency_ms * 1000.0).round().max(1.0);
            self.latency.saturating_record(float_to_u64(micros));
        }
        self.slowest.push(SlowCall {
            pressed: call.pressed,
            latency_ms: call.latencies_ms.iter().sum(),
        });
        self.slowest
            .sort_by(|a, b| b.latency_ms.total_cmp(&a.latency_ms));
        self.slowest.truncate(SLOWEST);
    }

    fn report(self, elapsed: Duration) -> LoadReport {
        let seconds = elapsed.as_secs_f64().max(f64::MIN_POSITIVE);
        let at = |quantile: f64| u64_to_f64(self.latency.value_at_quantile(quantile)) / 1000.0;
        LoadReport {
            calls: self.calls,
            completed: self.completed,
            failed: self.calls - self.completed,
            findings: self.findings,
            webhooks: self.webhooks,
            elapsed_ms: seconds * 1000.0,
            calls_per_second: f64::from(self.calls) / seconds,
            webhooks_per_second: u64_to_f64(self.webhooks) / seconds,
            latency_ms: Latency {
                p50: at(0.5),
                p90: at(0.9),
                p99: at(0.99),
                max: u64_to_f64(self.latency.max()) / 1000.0,
            },
            slowest: self.slowest,
        }
    }
}

/// Microseconds as a whole count, for the histogram (negative and NaN as 0, huge as the
/// most it holds).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn float_to_u64(value: f64) -> u64 {
    value.clamp(0.0, 1e12) as u64
}

/// A count as a float, for rates (exact below 2^53, which any run stays under).
#[allow(clippy::cast_precision_loss)]
fn u64_to_f64(value: u64) -> f64 {
    value as f64
}

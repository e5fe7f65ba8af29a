//! What the vector runners share: finding the files of a directory of
//! `tests/fixtures/`, running every case, and reporting every failure at once.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// A file of vectors: a description and its cases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group<C> {
    #[allow(dead_code)]
    description: String,
    cases: Vec<C>,
}

/// A case that has a name.
pub(crate) trait Named {
    /// The case's name, unique within its file.
    fn name(&self) -> &str;
}

/// The `*.json` files of `tests/fixtures/<dir>/`, sorted.
pub(crate) fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Runs every case of every file in `tests/fixtures/<dir>/`, where `run` returns how a
/// case failed; fails listing every failed case, or when there are fewer than `min`.
pub(crate) fn run_vectors<C: DeserializeOwned + Named>(
    dir: &str,
    min: usize,
    mut run: impl FnMut(&C) -> Vec<String>,
) {
    let mut total = 0;
    let mut failed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in fixture_files(dir) {
        let text = fs::read_to_string(&file).expect("fixture readable");
        let group: Group<C> =
            serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        for case in &group.cases {
            total += 1;
            let failures = run(case);
            if !failures.is_empty() {
                failed.insert(format!("{stem} / {}", case.name()), failures);
            }
        }
    }
    for (name, failures) in &failed {
        eprintln!("FAILED {name}");
        for failure in failures {
            eprintln!("  {failure}");
        }
    }
    assert!(
        total >= min,
        "only {total} vectors; the suite needs at least {min}"
    );
    assert!(
        failed.is_empty(),
        "{} of {total} vectors failed (listed above)",
        failed.len()
    );
}

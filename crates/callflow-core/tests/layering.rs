//! The module layering the source must keep: the shared diagnostics shape imports no
//! platform, and the voice body, builder, validator and check modules import each other
//! in one direction only.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// The voice modules whose imports must form no circle.
const LAYERED: [&str; 6] = ["body", "builder", "check", "input", "profile", "validator"];

fn source(path: &str) -> String {
    fs::read_to_string(Path::new(SRC).join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The `use` declarations of a file, each joined into one line.
fn uses(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if current.is_none() && (line.starts_with("use ") || line.starts_with("pub(crate) use ")) {
            current = Some(String::new());
        }
        if let Some(declaration) = current.as_mut() {
            declaration.push_str(line);
            if line.ends_with(';') {
                found.extend(current.take());
            }
        }
    }
    found
}

/// Which voice module each name `voice/mod.rs` re-exports comes from.
fn reexports() -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for declaration in uses(&source("voice/mod.rs")) {
        let Some(rest) = declaration.strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, list)) = rest.split_once("::") else {
            continue;
        };
        let list = list.trim_matches(|c| matches!(c, '{' | '}' | ';'));
        for name in list
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
        {
            names.insert(name.to_owned(), module.to_owned());
        }
    }
    names
}

/// The voice modules a module of `LAYERED` imports (its files are `voice/<module>.rs`,
/// or `voice/<module>/*.rs`, whose `super::` is the module itself).
fn imports(module: &str, names: &BTreeMap<String, String>) -> BTreeSet<String> {
    let dir = Path::new(SRC).join("voice").join(module);
    let (files, parent): (Vec<String>, &str) = if dir.is_dir() {
        let mut files: Vec<String> = fs::read_dir(&dir)
            .expect("the module's directory lists")
            .map(|entry| {
                format!(
                    "voice/{module}/{}",
                    entry.expect("an entry").file_name().to_string_lossy()
                )
            })
            .collect();
        files.sort();
        (files, "crate::voice::")
    } else {
        (vec![format!("voice/{module}.rs")], "super::")
    };
    let mut found = BTreeSet::new();
    for file in files {
        for declaration in uses(&source(&file)) {
            let path = declaration
                .split_once("use ")
                .map_or("", |(_, path)| path.trim_end_matches(';'));
            let within = path
                .strip_prefix(parent)
                .or_else(|| path.strip_prefix("crate::voice::"));
            let Some(within) = within else { continue };
            let first = within.split("::").next().unwrap_or_default();
            let first = names.get(first).map_or(first, String::as_str);
            if first != module {
                found.insert(first.to_owned());
            }
        }
    }
    found
}

#[test]
fn diagnostics_import_no_platform() {
    let text = source("diagnostics.rs");
    let platform: Vec<String> = uses(&text)
        .into_iter()
        .filter(|declaration| declaration.contains("crate::") || declaration.contains("super::"))
        .collect();
    assert!(platform.is_empty(), "diagnostics.rs imports {platform:?}");
}

/// Walks every import path from the last module of `path`; a module met again on its
/// own path is a circle.
fn walk<'a>(graph: &'a BTreeMap<&str, BTreeSet<String>>, path: &mut Vec<&'a str>) {
    let here = path[path.len() - 1];
    for next in &graph[here] {
        let Some((&next, _)) = graph.get_key_value(next.as_str()) else {
            continue;
        };
        assert!(!path.contains(&next), "import circle: {path:?} -> {next}");
        path.push(next);
        walk(graph, path);
        path.pop();
    }
}

#[test]
fn voice_body_builder_validator_and_check_import_in_one_direction() {
    let names = reexports();
    let graph: BTreeMap<&str, BTreeSet<String>> = LAYERED
        .iter()
        .map(|&module| (module, imports(module, &names)))
        .collect();
    assert!(graph["validator"].contains("check") && graph["builder"].contains("body"));
    for module in LAYERED {
        walk(&graph, &mut vec![module]);
    }
}

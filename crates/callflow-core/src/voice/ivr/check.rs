//! The checks of a full IVR map: every reply with the reply profile, then the graph of
//! menus. Every check is linear in the size of the map.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{Map, Value};

use super::code::IvrCode;
use super::expand::{RAW_FIELDS, child};
use super::flow::{self, Flow, Rules, Wait};
use super::issues::Issues;
use super::route::{ANY, BRIDGED, SILENCE};
use crate::diagnostics::Issue;
use crate::suggest::did_you_mean;
use crate::voice::{Profile, Validator};

/// One answer of the map: where it is and what it does.
struct Answer<'a> {
    path: String,
    /// The node it belongs to: 0 for `start`, then each menu.
    node: usize,
    key: Option<&'a str>,
    step: &'a Value,
    flow: Flow<'a>,
}

/// Checks the full map `map`; `handlers`, when given, are the registered handler names.
pub(crate) fn check(map: &Value, handlers: Option<&[&str]>, issues: &mut Issues) {
    let empty = Map::new();
    let menus = map
        .get("menus")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let ids: Vec<&str> = menus.keys().map(String::as_str).collect();
    let index: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(at, id)| (*id, at + 1))
        .collect();
    let mut answers = Vec::new();
    let start = map.get("start");
    if let Some(step) = start {
        let request = flow::is_request(step);
        answers.push(Answer {
            path: "$.start".to_owned(),
            node: 0,
            key: None,
            step,
            flow: flow::read(step, request),
        });
    }
    for (id, menu) in menus {
        let menu_path = child("$.menus", id);
        for (key, step) in menu.as_object().unwrap_or(&empty) {
            answers.push(Answer {
                path: child(&menu_path, key),
                node: index[id.as_str()],
                key: Some(key),
                step,
                flow: flow::read(step, false),
            });
        }
    }
    let start_menu = start
        .and_then(|step| step.get("clientActionId"))
        .and_then(Value::as_str)
        .filter(|id| index.contains_key(id));
    let graph = Graph {
        index: &index,
        start_menu,
        empty_menu: index.contains_key(""),
    };
    replies(
        &answers,
        start.is_some_and(flow::is_request),
        handlers,
        issues,
    );
    routes(&answers, &graph, issues);
    let targets: Vec<Option<usize>> = answers
        .iter()
        .map(|answer| graph.target(&answer.flow))
        .collect();
    let reached = reachable(&answers, &targets, ids.len() + 1);
    let opaque = answers
        .iter()
        .any(|answer| answer.flow.wait == Wait::Opaque && reached[answer.node]);
    for (at, id) in ids.iter().enumerate() {
        if !reached[at + 1] && !opaque {
            let detail = format!("no path from start reaches menu {id:?}");
            issues.report(
                IvrCode::UnreachableMenu,
                &child("$.menus", id),
                detail,
                None,
            );
        }
    }
    menus_keys(&answers, &targets, &ids, issues);
    traps(&answers, &targets, &ids, issues);
}

/// Which menus exist, to route a `clientActionId` as the runtime does.
struct Graph<'a> {
    index: &'a HashMap<&'a str, usize>,
    start_menu: Option<&'a str>,
    empty_menu: bool,
}

impl Graph<'_> {
    /// The node the next call action after `flow` is answered by, if one comes.
    fn target(&self, flow: &Flow<'_>) -> Option<usize> {
        if !matches!(flow.wait, Wait::Capture(_) | Wait::Bridge) {
            return None;
        }
        match flow.id.filter(|id| !id.is_empty()) {
            Some(id) => self.index.get(id).copied(),
            None if self.empty_menu => self.index.get("").copied(),
            None => Some(
                self.start_menu
                    .and_then(|id| self.index.get(id).copied())
                    .unwrap_or(0),
            ),
        }
    }
}

/// Every reply checked once with the reply profile (the request profile for a `start`
/// that is a request); raw answers and handlers.
fn replies(answers: &[Answer<'_>], request: bool, handlers: Option<&[&str]>, issues: &mut Issues) {
    let mut seen = HashSet::new();
    for answer in answers {
        if let Some(name) = answer.step.get("handler").and_then(Value::as_str) {
            if let Some(registered) = handlers.filter(|names| !names.contains(&name)) {
                let detail = format!("no handler {name:?} is registered");
                let path = child(&answer.path, "handler");
                issues.report(
                    IvrCode::UnregisteredHandler,
                    &path,
                    detail,
                    did_you_mean(name, registered),
                );
            }
            continue;
        }
        if RAW_FIELDS
            .iter()
            .any(|field| answer.step.get(field).is_some())
        {
            let detail = format!("the runtime cannot send {}", answer.step);
            issues.report(IvrCode::RawAnswer, &answer.path, detail, None);
            continue;
        }
        let text = answer.step.to_string();
        if !seen.insert(text) {
            continue;
        }
        let profile = if request && answer.node == 0 {
            Profile::Request
        } else {
            Profile::Reply
        };
        for issue in Validator::new()
            .validate(answer.step, profile)
            .into_issues()
        {
            issues.push(moved(issue, &answer.path));
        }
    }
}

/// A reply's issue with its path (and the path in its message) under `base`.
fn moved(mut issue: Issue, base: &str) -> Issue {
    let inner = issue.path.strip_prefix('$').unwrap_or(&issue.path);
    let path = format!("{base}{inner}");
    issue.message = issue.message.replacen(&issue.path, &path, 1);
    issue.path = path;
    issue
}

/// `clientActionId`s that name no menu, and captures whose answer cannot be routed.
fn routes(answers: &[Answer<'_>], graph: &Graph<'_>, issues: &mut Issues) {
    for answer in answers {
        let waits = matches!(answer.flow.wait, Wait::Capture(_) | Wait::Bridge);
        match answer.flow.id.filter(|id| !id.is_empty()) {
            Some(id) if waits && !graph.index.contains_key(id) => {
                let names: Vec<&str> = graph.index.keys().copied().collect();
                let detail =
                    format!("there is no menu {id:?} to answer the call action that comes back");
                let path = child(&answer.path, "clientActionId");
                issues.report(
                    IvrCode::UnknownMenu,
                    &path,
                    detail,
                    did_you_mean(id, &names),
                );
            }
            None if matches!(answer.flow.wait, Wait::Capture(_)) && !graph.empty_menu => {
                let detail = match graph.start_menu {
                    Some(menu) => format!(
                        "its digits come back without clientActionId and are answered as the start menu {menu:?}'s"
                    ),
                    None => {
                        "its digits come back without clientActionId and are answered with start"
                            .to_owned()
                    }
                };
                let hint =
                    Some("set clientActionId to the menu that answers these digits".to_owned());
                issues.report(IvrCode::CaptureWithoutId, &answer.path, detail, hint);
            }
            _ => {}
        }
    }
}

/// Which nodes a call can reach from `start`.
fn reachable(answers: &[Answer<'_>], targets: &[Option<usize>], nodes: usize) -> Vec<bool> {
    let mut edges = vec![Vec::new(); nodes];
    for (answer, target) in answers.iter().zip(targets) {
        if let Some(target) = target {
            edges[answer.node].push(*target);
        }
    }
    let mut reached = vec![false; nodes];
    reached[0] = true;
    let mut queue = VecDeque::from([0]);
    while let Some(node) = queue.pop_front() {
        for next in &edges[node] {
            if !reached[*next] {
                reached[*next] = true;
                queue.push_back(*next);
            }
        }
    }
    reached
}

/// Each menu's keys against the captures that lead to it, and its answers for other
/// input and for silence.
fn menus_keys(
    answers: &[Answer<'_>],
    targets: &[Option<usize>],
    ids: &[&str],
    issues: &mut Issues,
) {
    let mut captures: Vec<Vec<Rules>> = vec![Vec::new(); ids.len() + 1];
    let mut bridged = vec![false; ids.len() + 1];
    for (answer, target) in answers.iter().zip(targets) {
        match (answer.flow.wait, target) {
            (Wait::Capture(rules), Some(node)) => captures[*node].push(rules),
            (Wait::Bridge, Some(node)) => bridged[*node] = true,
            _ => {}
        }
    }
    let mut keys: Vec<Vec<&str>> = vec![Vec::new(); ids.len() + 1];
    for answer in answers {
        if let Some(key) = answer.key {
            keys[answer.node].push(key);
        }
    }
    for (at, id) in ids.iter().enumerate() {
        let node = at + 1;
        let path = child("$.menus", id);
        for key in &keys[node] {
            key_check(key, &captures[node], &child(&path, key), issues);
        }
        let has = |key: &str| keys[node].contains(&key);
        if !captures[node].is_empty() && !has(ANY) {
            let detail = "digits the menu has no key for get no answer: add \"*\"";
            issues.report(IvrCode::MissingAnyKey, &path, detail, None);
        }
        if (!captures[node].is_empty() || bridged[node])
            && !has(ANY)
            && !has(SILENCE)
            && !has(BRIDGED)
        {
            let detail = "a call action with no digits gets no answer: add \"silence\" or \"*\"";
            issues.report(IvrCode::MissingSilence, &path, detail, None);
        }
        if has(BRIDGED) && !captures[node].is_empty() {
            let detail = "a capture also returns here, and its silence gets the \"bridged\" answer";
            let hint = Some("give the bridge's reply a clientActionId of its own".to_owned());
            issues.report(IvrCode::AmbiguousReturn, &path, detail, hint);
        }
    }
}

/// A key that is not digits or a named input, or that no capture leading here gives.
fn key_check(key: &str, captures: &[Rules], path: &str, issues: &mut Issues) {
    if [ANY, SILENCE, BRIDGED].contains(&key) {
        return;
    }
    let digits = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == '#');
    if !digits {
        let detail = "a key is digits (0-9, *, #), \"*\", \"silence\" or \"bridged\"";
        issues.report(
            IvrCode::InvalidMap,
            path,
            detail,
            did_you_mean(key, &[ANY, SILENCE, BRIDGED]),
        );
        return;
    }
    if captures.is_empty() {
        return;
    }
    if captures.iter().all(|rules| rules.refuses(key).is_some()) {
        let reason = captures
            .iter()
            .find_map(|rules| rules.refuses(key))
            .unwrap_or_default();
        let detail = format!("no capture that leads here gives {key:?}: {reason}");
        issues.report(IvrCode::ImpossibleKey, path, detail, None);
    }
}

/// Menus from which no input ends or bridges the call, however many menus it passes.
fn traps(answers: &[Answer<'_>], targets: &[Option<usize>], ids: &[&str], issues: &mut Issues) {
    let nodes = ids.len() + 1;
    let mut leaves = vec![false; nodes];
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for (answer, target) in answers.iter().zip(targets) {
        match (answer.flow.wait, target) {
            (Wait::Capture(_), Some(next)) => back[*next].push(answer.node),
            (Wait::Capture(_), None) => {}
            _ => leaves[answer.node] = true,
        }
    }
    let mut queue: VecDeque<usize> = (0..nodes).filter(|node| leaves[*node]).collect();
    while let Some(node) = queue.pop_front() {
        for previous in &back[node] {
            if !leaves[*previous] {
                leaves[*previous] = true;
                queue.push_back(*previous);
            }
        }
    }
    let mut has_answers = vec![false; nodes];
    for answer in answers {
        has_answers[answer.node] = true;
    }
    for (at, id) in ids.iter().enumerate() {
        if !leaves[at + 1] && has_answers[at + 1] {
            let detail = "no input here, however many menus it passes, ends or bridges the call: only the caller's hang-up does";
            issues.report(IvrCode::CallerTrap, &child("$.menus", id), detail, None);
        }
    }
}

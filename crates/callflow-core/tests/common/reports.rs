//! What the report vector runners (voice and PBX) share on top of `common`.

use serde_json::Value;

/// A failure when `report` does not read back from its JSON as the same issues and the
/// same JSON (the JSON does not say which platform checked the document).
pub(crate) fn reread_failure(report: &callflow_core::Report) -> Option<String> {
    let text = serde_json::to_string(report).expect("serialises");
    let reread: callflow_core::Report =
        serde_json::from_str(&text).expect("a serialised report reads back");
    let same = reread.issues() == report.issues()
        && reread.omitted() == report.omitted()
        && serde_json::to_string(&reread).expect("serialises") == text;
    (!same).then(|| "the report does not read back from its JSON".to_owned())
}

/// Issues as sorted texts, to compare reports whose order may differ.
pub(crate) fn sorted(issues: &[Value]) -> Vec<String> {
    let mut texts: Vec<String> = issues.iter().map(Value::to_string).collect();
    texts.sort();
    texts
}

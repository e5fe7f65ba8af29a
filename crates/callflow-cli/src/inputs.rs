//! Turning `PATH` arguments into documents: files, directories walked for `*.json`
//! files, and `-` for stdin.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How stdin is named in the output.
pub(crate) const STDIN_NAME: &str = "<stdin>";

/// The suffix that marks a file as a Voice Call Action webhook reply under
/// `--profile auto`.
const REPLY_SUFFIX: &str = ".reply.json";

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Standard input, given as `-`.
    Stdin,
    /// A file, named on the command line or found in a directory.
    File(PathBuf),
}

impl Origin {
    /// Whether this is a file whose name ends in `.reply.json`.
    pub(crate) fn is_reply_file(&self) -> bool {
        match self {
            Origin::Stdin => false,
            Origin::File(path) => path
                .file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|name| name.ends_with(REPLY_SUFFIX)),
        }
    }

    /// The name shown in the output: the path as given or found, or `<stdin>`.
    pub(crate) fn name(&self) -> String {
        match self {
            Origin::Stdin => STDIN_NAME.to_owned(),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A document read into memory, as bytes: the validator reports what is not UTF-8 or
/// not JSON.
#[derive(Debug)]
pub(crate) struct Document {
    /// Where it was read from.
    pub(crate) origin: Origin,
    /// Its raw content.
    pub(crate) bytes: Vec<u8>,
}

/// A `PATH` (or something below it) that gave no document.
#[derive(Debug)]
pub(crate) enum InputError {
    /// The path could not be read (missing, unreadable, not a file...).
    Io {
        /// The path, as shown to the user.
        path: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// A directory with no `*.json` file below it.
    NoJsonFiles {
        /// The directory, as given.
        path: String,
    },
}

impl InputError {
    fn io(origin: &Origin, source: io::Error) -> Self {
        InputError::Io {
            path: origin.name(),
            source,
        }
    }

    fn at(path: &Path, source: io::Error) -> Self {
        InputError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

impl InputError {
    /// The path that gave no document, as shown to the user.
    pub(crate) fn path(&self) -> &str {
        match self {
            InputError::Io { path, .. } | InputError::NoJsonFiles { path } => path,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            InputError::NoJsonFiles { path } => {
                write!(f, "no *.json file found in directory {path}")
            }
        }
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InputError::Io { source, .. } => Some(source),
            InputError::NoJsonFiles { .. } => None,
        }
    }
}

/// Every document named by `paths`, in order, read lazily one at a time; a path that
/// gives no document yields an error and the others go on.
pub(crate) fn documents(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<Document, InputError>> + '_ {
    paths
        .iter()
        .flat_map(|path| expand(path))
        .map(|origin| origin.and_then(read))
}

/// The documents one `PATH` argument stands for.
fn expand(path: &Path) -> Vec<Result<Origin, InputError>> {
    if path.as_os_str() == "-" {
        return vec![Ok(Origin::Stdin)];
    }
    match fs::metadata(path) {
        Err(err) => vec![Err(InputError::at(path, err))],
        Ok(meta) if meta.is_dir() => expand_dir(path),
        Ok(_) => vec![Ok(Origin::File(path.to_path_buf()))],
    }
}

/// Every `*.json` file below `dir`, in sorted order, after the errors met on the way;
/// an error too when there is none.
fn expand_dir(dir: &Path) -> Vec<Result<Origin, InputError>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    walk(dir, &mut files, &mut errors);
    files.sort();
    if files.is_empty() && errors.is_empty() {
        errors.push(InputError::NoJsonFiles {
            path: dir.display().to_string(),
        });
    }
    errors
        .into_iter()
        .map(Err)
        .chain(files.into_iter().map(|file| Ok(Origin::File(file))))
        .collect()
}

/// Collects the `*.json` files below `dir` into `files`. Symbolic links to files are
/// followed; symbolic links to directories are not, so a link loop cannot hang the walk.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => return errors.push(InputError::at(dir, err)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(InputError::at(dir, err));
                continue;
            }
        };
        let path = entry.path();
        match entry.file_type() {
            Err(err) => errors.push(InputError::at(&path, err)),
            Ok(kind) if kind.is_dir() => walk(&path, files, errors),
            Ok(kind) if is_json_name(&path) && (kind.is_file() || path.is_file()) => {
                files.push(path);
            }
            Ok(_) => {}
        }
    }
}

/// Whether the file name ends in `.json`.
fn is_json_name(path: &Path) -> bool {
    path.extension() == Some(OsStr::new("json"))
}

/// The one document a `FILE` argument names (a file, or `-` for stdin), or why not, in
/// words.
pub(crate) fn read_one(path: &PathBuf) -> Result<Document, String> {
    let mut documents = documents(std::slice::from_ref(path));
    match (documents.next(), documents.next()) {
        (Some(Ok(document)), None) => Ok(document),
        (Some(Err(err)), _) => Err(err.to_string()),
        _ => Err(format!(
            "{}: FILE must be one JSON file, or - for stdin",
            path.display()
        )),
    }
}

/// Reads the whole document.
pub(crate) fn read(origin: Origin) -> Result<Document, InputError> {
    let bytes = match &origin {
        Origin::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
        }
        Origin::File(path) => fs::read(path),
    };
    match bytes {
        Ok(bytes) => Ok(Document { origin, bytes }),
        Err(err) => Err(InputError::io(&origin, err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_files_are_told_by_their_suffix() {
        let file = |name: &str| Origin::File(PathBuf::from(name));
        assert!(file("menu.reply.json").is_reply_file());
        assert!(file("dir.reply.json/menu.reply.json").is_reply_file());
        assert!(!file("dir.reply.json/menu.json").is_reply_file());
        assert!(!file("reply.json").is_reply_file());
        assert!(!file("menu.reply.JSON").is_reply_file());
        assert!(!Origin::Stdin.is_reply_file());
    }

    #[test]
    fn stdin_has_a_fixed_name() {
        assert_eq!(Origin::Stdin.name(), STDIN_NAME);
    }
}

//! Writes what the Python and Node packages declare about callflow's facts from
//! [`callflow_core::catalogue`]: the Python action classes' keyword arguments, the Python
//! builder's methods, and the generated regions of `python/callflow/_native.pyi` and
//! `node/dts-header.d.ts` (actions and their parameters, events and their fields, open
//! enums and codes).
//!
//! [`outputs`] computes every file in memory from the files in the repository;
//! `scripts/generate.sh` writes them, and this crate's tests fail when a committed file
//! differs.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use callflow_core::catalogue::{Accepts, Param};

mod names;
mod node;
mod python;
pub mod regions;

/// The command that regenerates every output.
pub const COMMAND: &str = "scripts/generate.sh";

/// One generated file: where it goes in the repository, and its whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The path from the repository's root, with `/` separators.
    pub path: &'static str,
    /// The file's text.
    pub text: String,
}

/// Why the outputs could not be computed.
#[derive(Debug)]
pub enum Error {
    /// A file with generated regions could not be read.
    Read(PathBuf, io::Error),
    /// A file lacks one of its generated regions.
    Region(&'static str, regions::MissingRegion),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(path, err) => write!(f, "cannot read {}: {err}", path.display()),
            Error::Region(path, err) => write!(f, "{path}: {err}"),
        }
    }
}

impl std::error::Error for Error {}

/// A file whose generated regions are replaced, and the regions' new bodies.
struct Regions {
    path: &'static str,
    bodies: Vec<(&'static str, String)>,
}

/// Every generated file, computed from the catalogue and, for files with generated
/// regions, from their current text under `root` (the repository's root).
pub fn outputs(root: &Path) -> Result<Vec<Output>, Error> {
    let mut outputs = vec![Output {
        path: python::ACTIONS_RS,
        text: python::actions_rs(),
    }];
    for file in [
        python::stub_regions(),
        python::builder_regions(),
        node::header_regions(),
    ] {
        let path = root.join(file.path);
        let mut text = fs::read_to_string(&path).map_err(|err| Error::Read(path, err))?;
        for (name, body) in &file.bodies {
            text =
                regions::replace(&text, name, body).map_err(|err| Error::Region(file.path, err))?;
        }
        outputs.push(Output {
            path: file.path,
            text,
        });
    }
    Ok(outputs)
}

/// The outputs whose committed text under `root` differs from a fresh run.
pub fn stale(root: &Path) -> Result<Vec<&'static str>, Error> {
    Ok(outputs(root)?
        .into_iter()
        .filter(|output| {
            fs::read_to_string(root.join(output.path)).ok().as_deref() != Some(&output.text)
        })
        .map(|output| output.path)
        .collect())
}

/// The doc line of a parameter: what it is, then the range of values it accepts.
fn param_doc(param: &Param) -> String {
    match param.accepts.range() {
        Some(range) => format!("{} Accepts {range}.", param.about),
        None => param.about.to_owned(),
    }
}

/// The kind of value a parameter takes, as each language spells it.
#[derive(Clone, Copy)]
enum ValueType {
    Text,
    Integer,
    Number,
    Boolean,
}

impl ValueType {
    fn of(accepts: Accepts) -> ValueType {
        match accepts {
            Accepts::Boolean => ValueType::Boolean,
            Accepts::Integer { .. } => ValueType::Integer,
            Accepts::Number { .. } => ValueType::Number,
            _ => ValueType::Text,
        }
    }
}

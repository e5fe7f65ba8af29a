//! `callflow-codegen [ROOT]`: writes every generated file under the repository's root
//! (the current directory by default) and names the files it changed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::{env, fs};

fn main() -> ExitCode {
    let root = env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let outputs = match callflow_codegen::outputs(&root) {
        Ok(outputs) => outputs,
        Err(err) => {
            eprintln!("callflow-codegen: {err}");
            return ExitCode::FAILURE;
        }
    };
    for output in outputs {
        let path = root.join(output.path);
        if fs::read_to_string(&path).ok().as_deref() == Some(&output.text) {
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, &output.text));
        if let Err(err) = written {
            eprintln!("callflow-codegen: cannot write {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("wrote {}", output.path);
    }
    ExitCode::SUCCESS
}

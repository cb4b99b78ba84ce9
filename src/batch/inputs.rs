//! Expanding command-line inputs into files.

use std::path::{Path, PathBuf};

use crate::report::Failure;

/// One input file.
#[derive(Debug, Clone)]
pub struct Input {
    /// Path to read.
    pub path: PathBuf,
    /// Path as shown in reports and messages.
    pub display: String,
    /// Position in the expanded input list (for ordering failures with successes).
    pub order: usize,
}

/// How stdin (the path `-`) is named in reports and messages.
pub const STDIN_DISPLAY: &str = "<stdin>";

/// Expand files, directories (recursively, sorted, hidden entries skipped) and glob
/// patterns that name no file as such (`'corpus/**/*.txt'`, sorted) into input files; `-`
/// stands for stdin. Paths that do not exist or cannot be listed become failures,
/// tagged with their position.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<(usize, Failure)>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut order = 0;
    for p in paths {
        walk(p, &mut files, &mut failures, &mut order);
    }
    (files, failures)
}

/// The paths matching `p` when it is a glob pattern (`*`, `?`, `[...]`, `**` for any depth),
/// sorted; `None` when it is not one.
fn glob_matches(p: &Path) -> Option<Vec<PathBuf>> {
    let pattern = p.to_str()?;
    if !pattern.contains(['*', '?', '[']) {
        return None;
    }
    let paths = glob::glob(pattern).ok()?;
    let mut out: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
    out.sort();
    Some(out)
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn walk(p: &Path, files: &mut Vec<Input>, failures: &mut Vec<(usize, Failure)>, order: &mut usize) {
    if super::source::is_stdin(p) {
        files.push(Input {
            path: p.to_owned(),
            display: STDIN_DISPLAY.to_owned(),
            order: *order,
        });
        *order += 1;
        return;
    }
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            // a pattern the shell did not expand (quoted, or too many files for a command line)
            if e.kind() == std::io::ErrorKind::NotFound
                && let Some(matches) = glob_matches(p)
            {
                if matches.is_empty() {
                    failures.push((
                        *order,
                        Failure {
                            path: display(p),
                            error: "no file matches this pattern".to_owned(),
                        },
                    ));
                    *order += 1;
                }
                for m in matches {
                    walk(&m, files, failures, order);
                }
                return;
            }
            let error = if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or directory".to_owned()
            } else {
                format!("cannot read: {e}")
            };
            failures.push((
                *order,
                Failure {
                    path: display(p),
                    error,
                },
            ));
            *order += 1;
            return;
        }
    };
    if meta.is_dir() {
        let entries = match std::fs::read_dir(p) {
            Ok(rd) => rd,
            Err(e) => {
                failures.push((
                    *order,
                    Failure {
                        path: display(p),
                        error: format!("cannot list directory: {e}"),
                    },
                ));
                *order += 1;
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        for c in children {
            walk(&c, files, failures, order);
        }
    } else {
        files.push(Input {
            path: p.to_owned(),
            display: display(p),
            order: *order,
        });
        *order += 1;
    }
}

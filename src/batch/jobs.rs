//! The units of work of a batch run, in input order: whole files, and the records of JSON
//! Lines files, read lazily so that a large JSON Lines file is never held in memory at once.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::PathBuf;

use super::Input;
use super::jsonl::JsonlOptions;
use super::source;

/// What a job analyses.
#[derive(Debug)]
pub(crate) enum Work {
    /// A whole file (`-`: stdin), decompressed if it is compressed.
    File(PathBuf),
    /// One line of a JSON Lines file (without its line break).
    Record(Vec<u8>),
    /// An input that already failed (e.g. a JSON Lines file that cannot be read).
    Failed(String),
}

/// One unit of work.
#[derive(Debug)]
pub(crate) struct Job {
    /// The name shown in reports and messages (`<file>:<line>` for a record).
    pub display: String,
    /// The report's file name (empty for [`Work::Failed`]).
    pub name: String,
    /// What to analyse.
    pub work: Work,
}

struct Open {
    display: String,
    stem: String,
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

/// The jobs of a list of input files, in order, each with a unique report name.
pub(crate) struct Jobs<'a> {
    files: std::slice::Iter<'a, Input>,
    jsonl: &'a JsonlOptions,
    open: Option<Open>,
    used: HashSet<String>,
}

impl<'a> Jobs<'a> {
    pub fn new(files: &'a [Input], jsonl: &'a JsonlOptions) -> Self {
        let mut used = HashSet::new();
        used.insert("corpus".to_owned());
        Jobs {
            files: files.iter(),
            jsonl,
            open: None,
            used,
        }
    }

    /// A report file name: `<stem>.json`, made unique when taken (`<stem>-2.json`, ...).
    /// `corpus.json` is reserved.
    fn name(&mut self, stem: &str) -> String {
        let mut name = stem.to_owned();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        format!("{name}.json")
    }

    fn next_record(&mut self) -> Option<Job> {
        let open = self.open.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            open.line += 1;
            let display = format!("{}:{}", open.display, open.line);
            match open.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.open = None;
                    return None;
                }
                Ok(_) => {
                    if buf.last() == Some(&b'\n') {
                        buf.pop();
                    }
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let stem = format!("{}.{}", open.stem, open.line);
                    let name = self.name(&stem);
                    return Some(Job {
                        display,
                        name,
                        work: Work::Record(buf),
                    });
                }
                Err(e) => {
                    let error = format!(
                        "{} after line {}",
                        source::read_error(&open.path, &e),
                        open.line - 1
                    );
                    let display = open.display.clone();
                    self.open = None;
                    return Some(Job {
                        display,
                        name: String::new(),
                        work: Work::Failed(error),
                    });
                }
            }
        }
    }
}

impl Iterator for Jobs<'_> {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(job) = self.next_record() {
                return Some(job);
            }
            let input = self.files.next()?;
            let stem = if source::is_stdin(&input.path) {
                Some(std::ffi::OsStr::new("stdin"))
            } else {
                source::uncompressed_name(&input.path).file_stem()
            };
            let stem = stem
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".to_owned());
            if !self.jsonl.applies_to(&input.path) {
                let name = self.name(&stem);
                return Some(Job {
                    display: input.display.clone(),
                    name,
                    work: Work::File(input.path.clone()),
                });
            }
            match source::open(&input.path) {
                Ok(reader) => {
                    self.open = Some(Open {
                        display: input.display.clone(),
                        stem,
                        path: input.path.clone(),
                        reader,
                        line: 0,
                    })
                }
                Err(e) => {
                    return Some(Job {
                        display: input.display.clone(),
                        name: String::new(),
                        work: Work::Failed(format!("cannot read: {e}")),
                    });
                }
            }
        }
    }
}

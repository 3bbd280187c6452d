//! Keeping a sitting on record while it runs, so nothing a learner answered is ever only in
//! memory: the result file is written when the clock starts, rewritten (atomically) after every
//! answer with `in_progress: true`, and written a last time when the exam ends. A crash, a
//! closed terminal or `kill -9` leaves the answers given so far, flagged as unfinished.
//!
//! The API a host (the terminal UI or `--plain`) needs is three calls:
//!
//! ```text
//! let file = ResultFile::prepare(&out_dir)?;        // before the first question: fails on a bad --out
//! let mut rec = Recorder::new(file);
//! rec.update(&session, name);                       // after every event; writes only when an answer was added
//! rec.finish(&session.result(name));                // at the end (or when stopped): the final file
//! ```
//!
//! A [`SittingListener`] (the xAPI sender) hears of every write; it must never block the exam.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::progress::exam_result::{ExamResult, replace, write_new};
use crate::progress::exam_session::{Clock, ExamSession};

/// The result file of one sitting: created under a name no other result has, then replaced in
/// place.
#[derive(Debug)]
pub struct ResultFile {
    dir: PathBuf,
    path: Option<PathBuf>,
}

impl ResultFile {
    /// Checks that `dir` can take a result file, creating it if needed: a path that is a file, or
    /// a folder that cannot be written, is an error now, before the first question, not after the
    /// last answer.
    pub fn prepare(dir: &Path) -> anyhow::Result<ResultFile> {
        if dir.exists() && !dir.is_dir() {
            anyhow::bail!(
                "{}: not a folder (--out names the folder the result file goes into)",
                dir.display()
            );
        }
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let probe = dir.join(format!(".secdojo-probe.{}.tmp", std::process::id()));
        let written = File::create(&probe).and_then(|mut f| f.write_all(b"probe"));
        let _ = fs::remove_file(&probe);
        written.with_context(|| format!("cannot write a result file into {}", dir.display()))?;
        Ok(ResultFile {
            dir: dir.to_path_buf(),
            path: None,
        })
    }

    /// The folder the result goes into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the result is, once written.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Writes `result`: the first time under a new unique name ([`write_new`]), afterwards over
    /// this sitting's own file ([`replace`]). Returns the path.
    pub fn save(&mut self, result: &ExamResult) -> anyhow::Result<PathBuf> {
        match &self.path {
            Some(p) => {
                replace(p, result)?;
                Ok(p.clone())
            }
            None => {
                let p = write_new(&self.dir, result)?;
                self.path = Some(p.clone());
                Ok(p)
            }
        }
    }
}

/// Told of every state of the result that was written. Implementations must return quickly: a
/// slow network must never hold up a learner's next question.
pub trait SittingListener {
    /// `result` was written; `last` on the final write.
    fn saved(&mut self, result: &ExamResult, last: bool);
    /// The sitting is over: lines to tell the learner (for example, what is still waiting to be
    /// sent). Called once, after the last [`SittingListener::saved`].
    fn close(&mut self) -> Vec<String>;
}

/// One sitting's record: its result file, and an optional listener.
pub struct Recorder {
    file: ResultFile,
    listener: Option<Box<dyn SittingListener>>,
    /// How many answers the file on disk holds (`None`: nothing written yet).
    written: Option<usize>,
    /// The last write that failed, kept so the end can say so.
    pub error: Option<String>,
}

impl Recorder {
    pub fn new(file: ResultFile) -> Recorder {
        Recorder {
            file,
            listener: None,
            written: None,
            error: None,
        }
    }

    /// The same recorder, telling `listener` of every write.
    pub fn with_listener(mut self, listener: Box<dyn SittingListener>) -> Recorder {
        self.listener = Some(listener);
        self
    }

    pub fn file(&self) -> &ResultFile {
        &self.file
    }

    /// Writes the sitting as it stands if an answer was added since the last write (or nothing
    /// was written yet). Cheap otherwise, so a host may call it after every event. Once the exam
    /// is over, use [`Recorder::finish`].
    pub fn update<C: Clock>(&mut self, session: &ExamSession<C>, learner: &str) {
        if session.is_over() {
            return;
        }
        let answered = session.answered();
        if self.written == Some(answered) {
            return;
        }
        self.sitting(&session.snapshot(learner), answered);
    }

    /// Writes `snapshot`, the sitting with `answered` answers, as it stands (the TUI's screen
    /// decides when, and hands it over; `update` does the same for `--plain`).
    pub fn sitting(&mut self, snapshot: &ExamResult, answered: usize) {
        match self.file.save(snapshot) {
            Ok(_) => {
                self.written = Some(answered);
                self.error = None;
            }
            Err(e) => self.error = Some(format!("{e:#}")),
        }
        // The listener hears of the answer even if the disk failed: the outbox may be elsewhere
        // and is the other copy.
        if let Some(l) = self.listener.as_mut() {
            l.saved(snapshot, false);
        }
    }

    /// Writes the final result and returns where it is.
    pub fn finish(&mut self, result: &ExamResult) -> anyhow::Result<PathBuf> {
        let saved = self.file.save(result);
        if let Some(l) = self.listener.as_mut() {
            l.saved(result, true);
        }
        saved
    }

    /// Lines for the learner from the listener (once, at the very end).
    pub fn close(&mut self) -> Vec<String> {
        self.listener
            .take()
            .map_or_else(Vec::new, |mut l| l.close())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;
    use crate::course::{self, CourseSource};
    use crate::progress::exam::{Exam, Feedback};
    use crate::progress::exam_result::read;
    use crate::progress::exam_set::select;
    use crate::quiz::grade::Response;

    #[test]
    fn the_file_follows_the_sitting_and_ends_as_the_final_result() {
        let c = course::load(&CourseSource::Embedded).unwrap();
        let exam = Exam {
            title: "Rec".into(),
            units: vec!["cia".into()],
            questions_per_unit: 2,
            seed: 3,
            time_limit_minutes: 5,
            feedback: Feedback::End,
            pass_mark: 0.5,
            lrs: Default::default(),
        };
        let now = Rc::new(Cell::new(1_800_000_000_000u64));
        let clock = {
            let now = Rc::clone(&now);
            move || now.get()
        };
        let mut s = ExamSession::start(&exam, c.content_version, select(&exam, &c), clock);
        let dir = tempfile::tempdir().unwrap();
        let mut rec = Recorder::new(ResultFile::prepare(&dir.path().join("out")).unwrap());
        rec.update(&s, "Aiko");
        let path = rec.file().path().unwrap().to_path_buf();
        let first = read(&path).unwrap();
        assert!(first.in_progress && first.unanswered == 2 && !first.passed);
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        rec.update(&s, "Aiko"); // nothing new: not rewritten
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
        s.next_question();
        now.set(now.get() + 2000);
        let _ = s.answer(Response::Text("anything".into()), None);
        let _ = s.answer(Response::Bool(true), None);
        rec.update(&s, "Aiko");
        let mid = read(&path).unwrap();
        assert_eq!(mid.registration, first.registration);
        if !s.is_over() {
            assert!(mid.in_progress);
        }
        s.end();
        let done = rec.finish(&s.result("Aiko")).unwrap();
        assert_eq!(done, path);
        let last = read(&path).unwrap();
        assert!(!last.in_progress);
        assert_eq!(
            std::fs::read_dir(dir.path().join("out")).unwrap().count(),
            1
        );
    }
}

//! Standard input that can be given up on: lines are read on a helper thread, so the exam can stop
//! waiting when the time limit passes even though the learner types nothing, or when a signal
//! (Ctrl-C, SIGTERM, SIGHUP) asks the program to stop: the exam then keeps what was answered.

use std::io::{BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use anyhow::Context as _;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::plain::{AnswerSource, Got};
use crate::quiz::model::Kind;

/// Lines of stdin, delivered with a deadline.
pub struct StdinLines {
    rx: Receiver<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
    timeout: Option<Duration>,
    /// The signal that asked us to stop, 0 if none.
    signal: Arc<AtomicI32>,
    /// The input has ended (stays ended).
    ended: bool,
}

type Line = std::io::Result<Vec<u8>>;

/// Notes the first of SIGINT, SIGTERM and SIGHUP in `caught` and wakes the reader through `tx`.
/// From then on those signals no longer kill the process: the exam writes its result and exits.
fn catch_signals(tx: Sender<Line>, caught: Arc<AtomicI32>) -> anyhow::Result<()> {
    let mut signals =
        Signals::new([SIGINT, SIGTERM, SIGHUP]).context("cannot install signal handlers")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            caught.store(sig, Ordering::SeqCst);
            let _ = tx.send(Err(std::io::Error::other("stopped by a signal")));
        }
    });
    Ok(())
}

impl StdinLines {
    /// Starts the reader thread and catches the stop signals. The thread ends at end of input;
    /// if the exam ends first it stays blocked in `read` until the process exits, which is
    /// harmless.
    pub fn spawn() -> anyhow::Result<StdinLines> {
        let (tx, rx) = channel();
        let caught = Arc::new(AtomicI32::new(0));
        catch_signals(tx.clone(), caught.clone())?;
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            loop {
                let mut line = Vec::new();
                match lock.read_until(b'\n', &mut line) {
                    // The signal thread keeps a sender too: say "end" explicitly.
                    Ok(0) => {
                        let _ = tx.send(Ok(Vec::new()));
                        break;
                    }
                    Ok(_) => {
                        if tx.send(Ok(line)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        break;
                    }
                }
            }
        });
        let mut lines = StdinLines::from_channel(rx);
        lines.signal = caught;
        Ok(lines)
    }

    /// Lines from any sender (the stdin thread, or a test).
    pub fn from_channel(rx: Receiver<Line>) -> StdinLines {
        StdinLines {
            rx,
            buf: Vec::new(),
            pos: 0,
            timeout: None,
            signal: Arc::new(AtomicI32::new(0)),
            ended: false,
        }
    }

    /// The signal that asked the program to stop, if one did.
    pub fn signal(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(sig),
        }
    }
}

impl Read for StdinLines {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(out.len());
            out[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for StdinLines {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.buf.len() && self.ended {
            return Ok(&[]);
        }
        if self.pos >= self.buf.len() {
            let next = match self.timeout {
                Some(t) => self.rx.recv_timeout(t),
                None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                // An empty chunk is the end of input.
                Ok(Ok(line)) if line.is_empty() => {
                    self.ended = true;
                    self.buf.clear();
                    self.pos = 0;
                    return Ok(&[]);
                }
                Ok(Ok(line)) => {
                    self.buf = line;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Timeout) => {
                    return Err(std::io::ErrorKind::TimedOut.into());
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(&[]),
            }
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.buf.len());
    }
}

impl AnswerSource for StdinLines {
    fn answer(&mut self, kind: Kind, remaining_ms: u64) -> std::io::Result<Got> {
        // A little past the deadline, so the wall clock agrees the time is up when waiting ends.
        self.timeout = Some(Duration::from_millis(remaining_ms.saturating_add(5)));
        let got = crate::commands::quiz_plain::read_answer(self, kind);
        self.timeout = None;
        match got {
            Ok(Some(line)) => Ok(Got::Line(line)),
            Ok(None) => Ok(Got::End),
            Err(_) if self.signal().is_some() => Ok(Got::Signal(self.signal().unwrap_or(0))),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => Ok(Got::TimeUp),
            Err(e) => Err(e),
        }
    }

    fn line(&mut self) -> std::io::Result<Option<String>> {
        let mut line = String::new();
        match self.read_line(&mut line) {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(line.trim_end_matches(['\r', '\n']).to_string())),
            // Stopped by a signal: no more lines (the caller asks `signal()` why).
            Err(_) if self.signal().is_some() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(tx: &std::sync::mpsc::Sender<std::io::Result<Vec<u8>>>, line: &str) {
        tx.send(Ok(line.as_bytes().to_vec())).unwrap();
    }

    #[test]
    fn lines_arrive_and_silence_until_the_deadline_is_time_up() {
        let (tx, rx) = channel();
        let mut lines = StdinLines::from_channel(rx);
        send(&tx, "Aiko\n");
        send(&tx, "2\n");
        assert_eq!(lines.line().unwrap(), Some("Aiko".into()));
        assert_eq!(
            lines.answer(Kind::Single, 60_000).unwrap(),
            Got::Line("2".into())
        );
        // The sender is alive but sends nothing: waiting ends at the deadline.
        assert_eq!(lines.answer(Kind::Single, 1).unwrap(), Got::TimeUp);
        // A line typed after that is still read for the next question.
        send(&tx, "1\n");
        assert_eq!(
            lines.answer(Kind::Single, 60_000).unwrap(),
            Got::Line("1".into())
        );
        drop(tx);
        assert_eq!(lines.answer(Kind::Single, 60_000).unwrap(), Got::End);
    }

    #[test]
    fn a_signal_while_waiting_is_reported_as_such() {
        let (tx, rx) = channel();
        let mut lines = StdinLines::from_channel(rx);
        lines.signal.store(15, Ordering::SeqCst);
        tx.send(Err(std::io::Error::other("stopped by a signal")))
            .unwrap();
        assert_eq!(lines.answer(Kind::Single, 60_000).unwrap(), Got::Signal(15));
    }

    #[test]
    fn a_policy_answer_spans_lines_up_to_a_dot() {
        let (tx, rx) = channel();
        let mut lines = StdinLines::from_channel(rx);
        for l in ["{\n", "}\n", ".\n"] {
            send(&tx, l);
        }
        assert_eq!(
            lines.answer(Kind::Policy, 60_000).unwrap(),
            Got::Line("{\n}\n".into())
        );
    }
}

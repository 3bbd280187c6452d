//! When to re-judge the draft: some time after the last key, not on every key. Pure, with the
//! clock passed in, so the event loop can ask "how long may I sleep?" and the tests can drive
//! time by hand.

use std::time::{Duration, Instant};

/// The default quiet time after the last edit before the panel is re-evaluated.
pub const DELAY: Duration = Duration::from_millis(150);

/// A pending re-evaluation, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Debounce {
    delay: Duration,
    due: Option<Instant>,
}

impl Debounce {
    pub fn new(delay: Duration) -> Debounce {
        Debounce { delay, due: None }
    }

    /// An edit happened at `now`: the evaluation is pushed back to `now + delay`.
    pub fn touch(&mut self, now: Instant) {
        self.due = Some(now + self.delay);
    }

    /// Whether an evaluation is waiting.
    pub fn pending(&self) -> bool {
        self.due.is_some()
    }

    /// How long the event loop may wait for input: `None` (block) when nothing is pending, so an
    /// idle screen never wakes up.
    pub fn timeout(&self, now: Instant) -> Option<Duration> {
        self.due.map(|d| d.saturating_duration_since(now))
    }

    /// True once, when the quiet time is over; the caller then evaluates.
    pub fn fire(&mut self, now: Instant) -> bool {
        match self.due {
            Some(d) if d <= now => {
                self.due = None;
                true
            }
            _ => false,
        }
    }

    /// Forgets a pending evaluation (the caller evaluated right away, e.g. on submit).
    pub fn cancel(&mut self) {
        self.due = None;
    }
}

impl Default for Debounce {
    fn default() -> Self {
        Debounce::new(DELAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_means_block_forever() {
        let d = Debounce::default();
        assert_eq!(d.timeout(Instant::now()), None);
        assert!(!d.pending());
    }

    #[test]
    fn fires_once_after_the_quiet_time_and_each_key_pushes_it_back() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut d = Debounce::new(ms(150));
        d.touch(t0);
        assert_eq!(d.timeout(t0 + ms(100)), Some(ms(50)));
        assert!(!d.fire(t0 + ms(100)));
        d.touch(t0 + ms(100)); // another key
        assert!(!d.fire(t0 + ms(200)), "pushed back to 250");
        assert_eq!(d.timeout(t0 + ms(200)), Some(ms(50)));
        assert!(d.fire(t0 + ms(250)));
        assert!(!d.fire(t0 + ms(400)), "fires only once");
        assert_eq!(d.timeout(t0 + ms(400)), None);
    }

    #[test]
    fn overdue_timeout_is_zero_and_cancel_clears() {
        let t0 = Instant::now();
        let mut d = Debounce::new(Duration::from_millis(10));
        d.touch(t0);
        assert_eq!(d.timeout(t0 + Duration::from_secs(1)), Some(Duration::ZERO));
        d.cancel();
        assert!(!d.fire(t0 + Duration::from_secs(1)));
    }
}

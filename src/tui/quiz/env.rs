//! What a quiz takes from outside: time, chance and the policy judge, so a test can fix them.

/// The outside inputs of a quiz: a clock (milliseconds, any fixed origin) for the time spent on
/// each question, and a source of fresh seeds. Injected so tests and snapshots are reproducible.
#[derive(Clone, Copy)]
pub struct QuizEnv {
    pub clock: fn() -> u64,
    pub seed: fn() -> u64,
    /// Grades `policy` answers written on the quiz screen; without one they can only be
    /// skipped.
    pub judge: Option<&'static dyn crate::quiz::grade::PolicyJudge>,
}

impl QuizEnv {
    /// Wall-clock time since the first call, and random seeds.
    pub fn real() -> QuizEnv {
        QuizEnv {
            clock: monotonic_ms,
            seed: rand::random,
            judge: Some(&crate::sandbox::quiz::SandboxJudge),
        }
    }

    /// A stopped clock and seed 1: for tests and `secdojo render`.
    pub fn fixed() -> QuizEnv {
        QuizEnv {
            clock: || 0,
            seed: || 1,
            judge: Some(&crate::sandbox::quiz::SandboxJudge),
        }
    }
}

fn monotonic_ms() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_millis() as u64
}

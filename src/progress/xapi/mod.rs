//! secdojo's xAPI profile (docs/xapi.md): the statements an exam sitting becomes, and the way
//! back from an LRS's statements to the sittings the class report reads. Pure: no network, no
//! clock (times come from the result), no file. Sending is `commands::lrs`; the outbox is
//! [`crate::progress::outbox`].
//!
//! Every statement has a stable id, a UUID v5 of the sitting's registration and the item, so a
//! statement sent twice (a retry, a second `lrs push`) is the same statement and never counts
//! twice.

pub mod build;
pub mod changes;
pub mod own;
#[cfg(test)]
mod own_tests;
pub mod read;

use uuid::Uuid;

/// xAPI version sent in `X-Experience-API-Version`.
pub const VERSION: &str = "1.0.3";

/// ADL verbs (http://adlnet.gov/expapi/verbs/...), with their display names.
pub mod verb {
    pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
    pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
    pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
    pub const EXPERIENCED: &str = "http://adlnet.gov/expapi/verbs/experienced";
    pub const TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";

    /// The last path segment, which is the verb's English display name too.
    pub fn name(iri: &str) -> &str {
        iri.rsplit('/').next().unwrap_or(iri)
    }
}

/// ADL activity types.
pub mod activity_type {
    pub const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
    pub const MODULE: &str = "http://adlnet.gov/expapi/activities/module";
    pub const LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
    pub const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
    pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
    pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
}

/// Extension keys of the profile. Fixed IRIs (not under the exam's base IRI), so any reader
/// finds them whatever base an exam file set.
pub mod ext {
    pub const CONTENT_VERSION: &str = "https://secdojo.invalid/xapi/extensions/content-version";
    pub const DIGEST: &str = "https://secdojo.invalid/xapi/extensions/question-set-digest";
    /// On `attempted`: the sitting's settings and its questions in order (id, unit, kind).
    pub const SITTING: &str = "https://secdojo.invalid/xapi/extensions/sitting";
    /// On `answered`: 0-based position of the question in the sitting.
    pub const POSITION: &str = "https://secdojo.invalid/xapi/extensions/position";
    /// On `answered`: the wrong choice ids picked (what the item analysis counts).
    pub const WRONG_PICKS: &str = "https://secdojo.invalid/xapi/extensions/wrong-picks";
    pub const HINTS_USED: &str = "https://secdojo.invalid/xapi/extensions/hints-used";
    /// On `completed` / `terminated`: how the sitting ended.
    pub const ENDING: &str = "https://secdojo.invalid/xapi/extensions/ending";
    /// Learners' own progress, on `experienced`: the lesson's sections seen so far (anchors).
    pub const SECTIONS_SEEN: &str = "https://secdojo.invalid/xapi/extensions/sections-seen";
    /// On a quiz's `completed`: per unit, right and answered and whether its pass mark is met.
    pub const QUIZ_UNITS: &str = "https://secdojo.invalid/xapi/extensions/quiz-units";
    /// On a quiz's `completed`, when known: how many questions the run asked.
    pub const ASKED: &str = "https://secdojo.invalid/xapi/extensions/asked";
    /// On a `challenge check`'s `passed` / `failed`: how many problems the verdict listed.
    pub const PROBLEMS: &str = "https://secdojo.invalid/xapi/extensions/problems";
}

/// The namespace of statement ids: a v5 UUID of a fixed URL, so every copy of secdojo derives
/// the same id for the same sitting and item.
pub fn namespace() -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        b"https://secdojo.invalid/xapi/statement-ids",
    )
}

/// The id of the statement about `item` (`attempted`, `answered/<question>`, `ended`,
/// `verdict`) in the sitting `registration`.
pub fn statement_id(registration: &str, item: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{registration}/{item}").as_bytes()).to_string()
}

/// Activity IRIs under a base IRI (which ends with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    pub base: String,
}

impl Iris {
    pub fn new(base: &str) -> Iris {
        let mut base = base.to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        Iris { base }
    }

    pub fn course(&self) -> String {
        format!("{}course", self.base)
    }

    pub fn unit(&self, unit: &str) -> String {
        format!("{}units/{}", self.base, segment(unit))
    }

    pub fn lesson(&self, unit: &str) -> String {
        format!("{}units/{}/lesson", self.base, segment(unit))
    }

    pub fn question(&self, id: &str) -> String {
        format!("{}questions/{}", self.base, segment(id))
    }

    pub fn challenge(&self, id: &str) -> String {
        format!("{}challenges/{}", self.base, segment(id))
    }

    /// An exam is its title and its question set: the same title with another digest is
    /// another activity.
    pub fn exam(&self, title: &str, digest: &str) -> String {
        let short: String = digest.chars().take(16).collect();
        format!(
            "{}exams/{}/{}",
            self.base,
            crate::progress::exam_result::sanitize(title),
            segment(&short)
        )
    }

    /// The question id in a question IRI of this base, if it is one.
    pub fn question_id<'a>(&self, iri: &'a str) -> Option<&'a str> {
        iri.strip_prefix(&self.base)?.strip_prefix("questions/")
    }
}

/// An id as one IRI path segment: authored ids are kebab-case already; anything else is
/// percent-encoded so it cannot add a segment or a query.
fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The RFC 3339 form of epoch milliseconds, UTC, with milliseconds: what statements carry.
pub fn timestamp(epoch_ms: u64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(epoch_ms as i128 * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Epoch milliseconds of an RFC 3339 time (any offset), if it is one.
pub fn parse_timestamp(s: &str) -> Option<u64> {
    let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
    u64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
}

/// An ISO 8601 duration of milliseconds (`PT12.345S`), as `result.duration` wants.
pub fn duration(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("PT{}S", ms / 1000)
    } else {
        format!("PT{}.{:03}S", ms / 1000, ms % 1000)
    }
}

/// The language tag of a language map and of `context.language`.
pub fn lang_tag(lang: crate::policy::text::Lang) -> &'static str {
    match lang {
        crate::policy::text::Lang::Ja => "ja",
        crate::policy::text::Lang::En => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_differ_by_sitting_and_item() {
        let a = statement_id("7b0d0d53-6a5c-4a77-9a39-2c5b7a0e3f10", "answered/iam-7");
        assert_eq!(
            a,
            statement_id("7b0d0d53-6a5c-4a77-9a39-2c5b7a0e3f10", "answered/iam-7")
        );
        assert_ne!(
            a,
            statement_id("7b0d0d53-6a5c-4a77-9a39-2c5b7a0e3f11", "answered/iam-7")
        );
        assert_ne!(
            a,
            statement_id("7b0d0d53-6a5c-4a77-9a39-2c5b7a0e3f10", "answered/iam-8")
        );
        let u = Uuid::parse_str(&a).unwrap();
        assert_eq!(u.get_version_num(), 5);
    }

    #[test]
    fn iris_sit_under_the_base_and_ids_cannot_escape_their_segment() {
        let i = Iris::new("https://lms.example.com/secdojo");
        assert_eq!(
            i.question("iam-7"),
            "https://lms.example.com/secdojo/questions/iam-7"
        );
        assert_eq!(
            i.question("a/../b?x"),
            "https://lms.example.com/secdojo/questions/a%2F..%2Fb%3Fx"
        );
        assert_eq!(i.question_id(&i.question("iam-7")), Some("iam-7"));
        assert_eq!(
            i.exam("Week 1", &"ab".repeat(32)),
            "https://lms.example.com/secdojo/exams/Week-1/abababababababab"
        );
    }

    #[test]
    fn times_and_durations_read_as_xapi_wants() {
        assert_eq!(timestamp(1_764_347_852_123), "2025-11-28T16:37:32.123Z");
        assert_eq!(
            parse_timestamp("2025-11-28T16:37:32.123Z"),
            Some(1_764_347_852_123)
        );
        assert_eq!(
            parse_timestamp("2025-11-28T17:37:32.123+01:00"),
            Some(1_764_347_852_123)
        );
        assert_eq!(duration(12_345), "PT12.345S");
        assert_eq!(duration(60_000), "PT60S");
    }
}

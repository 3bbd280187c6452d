//! The HTTP side of xAPI: `POST /statements` (a batch, idempotent by statement id) and
//! `GET /statements` (following `more`). A small blocking client (ureq with rustls); every call
//! has a time limit, so a slow LRS costs seconds, never the exam.

use std::time::Duration;

use serde_json::Value;

use super::endpoint::{Credentials, Endpoint};
use crate::i18n::Strings;
use crate::progress::xapi;

/// Why statements were not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// 401 / 403: retrying will not help until the credentials change.
    #[error(
        "the LRS refused the credentials (HTTP {status}); check SECDOJO_LRS_USER and SECDOJO_LRS_PASSWORD"
    )]
    Auth { status: u16 },
    /// Another 4xx: the LRS will not take these statements as they are.
    #[error("the LRS rejected the statements (HTTP {status}): {detail}")]
    Rejected { status: u16, detail: String },
    /// 5xx, a timeout, a refused connection: worth trying again later.
    #[error("the LRS could not be reached: {0}")]
    Unreachable(String),
}

impl SendError {
    /// The reason in the learner's language (`Display` is the English one, for logs and tests).
    pub fn say(&self, s: &Strings) -> String {
        match self {
            SendError::Auth { status } => {
                s.fmt("lrs.error_auth", &[("status", &status.to_string())])
            }
            SendError::Rejected { status, detail } => s.fmt(
                "lrs.error_rejected",
                &[("status", &status.to_string()), ("detail", detail)],
            ),
            SendError::Unreachable(detail) => s.fmt("lrs.error_unreachable", &[("detail", detail)]),
        }
    }

    /// Whether trying again later may succeed without anyone changing anything.
    pub fn retryable(&self) -> bool {
        matches!(self, SendError::Unreachable(_))
    }
}

pub struct Client {
    endpoint: Endpoint,
    auth: Option<String>,
    agent: ureq::Agent,
}

/// How long one call may take in all (connect, send, answer).
pub const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// The most statements in one POST (LRSs limit request sizes; 50 answered statements are
/// ~100 KB).
pub const BATCH: usize = 50;

impl Client {
    pub fn new(endpoint: Endpoint, credentials: Option<&Credentials>) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(CALL_TIMEOUT))
            .timeout_connect(Some(Duration::from_secs(3)))
            .http_status_as_error(false)
            // A redirect could carry the credentials elsewhere.
            .max_redirects(0)
            .user_agent(concat!("secdojo/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client {
            endpoint,
            auth: credentials.map(Credentials::header),
            agent,
        }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    fn detail(body: &str) -> String {
        let one: String = body.chars().take(300).collect();
        crate::progress::report_format::printable(one.trim())
    }

    /// Sends `statements` in one request. `Ok` only on 200 or 204: then the LRS holds every one
    /// of them (statements it already had are not stored again).
    pub fn post(&self, statements: &[Value]) -> Result<(), SendError> {
        let body = serde_json::to_string(statements).map_err(|e| SendError::Rejected {
            status: 0,
            detail: e.to_string(),
        })?;
        let mut req = self
            .agent
            .post(self.endpoint.statements())
            .header("X-Experience-API-Version", xapi::VERSION)
            .content_type("application/json");
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        let mut resp = req
            .send(body.as_bytes())
            .map_err(|e| SendError::Unreachable(e.to_string()))?;
        let status = resp.status().as_u16();
        match status {
            200 | 204 => Ok(()),
            401 | 403 => Err(SendError::Auth { status }),
            400..=499 => Err(SendError::Rejected {
                status,
                detail: Self::detail(&resp.body_mut().read_to_string().unwrap_or_default()),
            }),
            _ => Err(SendError::Unreachable(format!(
                "HTTP {status}: {}",
                Self::detail(&resp.body_mut().read_to_string().unwrap_or_default())
            ))),
        }
    }

    /// Every statement matching `query` (pairs of xAPI query parameters), following `more`
    /// links, at most `max` statements.
    pub fn get_all(&self, query: &[(&str, String)], max: usize) -> anyhow::Result<Vec<Value>> {
        let mut out = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let mut req = match &next {
                None => self
                    .agent
                    .get(self.endpoint.statements())
                    .query_pairs(query.iter().map(|(k, v)| (*k, v.as_str()))),
                Some(url) => self.agent.get(url),
            }
            .header("X-Experience-API-Version", xapi::VERSION);
            if let Some(a) = &self.auth {
                req = req.header("Authorization", a);
            }
            let mut resp = req
                .call()
                .map_err(|e| anyhow::anyhow!("{}: {e}", self.endpoint.as_str()))?;
            let status = resp.status().as_u16();
            let text = resp
                .body_mut()
                .with_config()
                .limit(64 * 1024 * 1024)
                .read_to_string()
                .map_err(|e| anyhow::anyhow!("{}: {e}", self.endpoint.as_str()))?;
            match status {
                200 => {}
                401 | 403 => anyhow::bail!("{}", SendError::Auth { status }),
                _ => anyhow::bail!(
                    "{}: HTTP {status}: {}",
                    self.endpoint.as_str(),
                    Self::detail(&text)
                ),
            }
            let page: Value = serde_json::from_str(&text).map_err(|e| {
                anyhow::anyhow!("{}: not a statements result: {e}", self.endpoint.as_str())
            })?;
            let statements = page["statements"].as_array().cloned().unwrap_or_default();
            let got = statements.len();
            out.extend(statements);
            if out.len() > max {
                anyhow::bail!(
                    "the LRS returned more than {max} statements; narrow the report with --registration or --since"
                );
            }
            match page["more"].as_str().filter(|m| !m.is_empty()) {
                Some(m) if got > 0 => next = Some(self.endpoint.more(m)?),
                _ => break,
            }
        }
        Ok(out)
    }
}

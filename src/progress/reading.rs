//! Reading a lesson, as the store keeps it: each stay in a lesson becomes a `Visit` that is
//! merged into the store when the learner leaves it (or quits), so "continue" and the course
//! map's "sections read" survive a restart.

use crate::progress::model::{Place, Progress};
use crate::progress::store::Store;

/// One stay in a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub unit: String,
    /// The section at the top of the screen when the learner left.
    pub anchor: Option<String>,
    /// Anchors of the sections that were on screen at some point.
    pub seen: Vec<String>,
    /// The end of the lesson was on screen.
    pub finished: bool,
}

impl Visit {
    /// Merges the visit into the store: sections seen are added (never removed), the position and
    /// the "continue" place are replaced, `finished` is never undone.
    pub fn apply(&self, p: &mut Progress) {
        let lp = p.lessons.entry(self.unit.clone()).or_default();
        for a in &self.seen {
            if !lp.sections_seen.contains(a) {
                lp.sections_seen.push(a.clone());
            }
        }
        lp.anchor = self.anchor.clone();
        lp.finished |= self.finished;
        p.last = Some(Place {
            unit: self.unit.clone(),
            anchor: self.anchor.clone(),
            ..Place::default()
        });
    }
}

/// Writes `visits` to the store at time `now` in one locked read-modify-write (another running
/// copy's updates are kept). Nothing is written when there is nothing to save.
pub fn save(store: &Store, visits: &[Visit], now: u64) -> anyhow::Result<()> {
    if visits.is_empty() {
        return Ok(());
    }
    store.update(now, |p| {
        for v in visits {
            v.apply(p);
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(unit: &str, anchor: &str, seen: &[&str], finished: bool) -> Visit {
        Visit {
            unit: unit.into(),
            anchor: Some(anchor.into()),
            seen: seen.iter().map(|s| s.to_string()).collect(),
            finished,
        }
    }

    #[test]
    fn visits_add_sections_move_the_position_and_never_unfinish() {
        let mut p = Progress::default();
        visit("iam", "users", &["intro", "users"], true).apply(&mut p);
        visit("iam", "intro", &["intro", "roles"], false).apply(&mut p);
        let lp = &p.lessons["iam"];
        assert_eq!(lp.sections_seen, ["intro", "users", "roles"]);
        assert_eq!(lp.anchor.as_deref(), Some("intro"));
        assert!(lp.finished);
        assert_eq!(
            p.last,
            Some(Place {
                unit: "iam".into(),
                anchor: Some("intro".into()),
                ..Default::default()
            })
        );
    }

    #[test]
    fn saving_merges_into_the_file_and_keeps_other_updates() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store
            .update(10, |p| {
                p.lessons.entry("s3".into()).or_default().finished = true;
            })
            .unwrap();
        save(&store, &[visit("iam", "roles", &["roles"], false)], 20).unwrap();
        let (p, aside) = store.load(30).unwrap();
        assert!(aside.is_none());
        assert!(p.lessons["s3"].finished, "another update kept");
        assert_eq!(p.lessons["iam"].anchor.as_deref(), Some("roles"));
        assert_eq!(p.last.unwrap().unit, "iam");
    }

    #[test]
    fn nothing_to_save_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("data"));
        save(&store, &[], 1).unwrap();
        assert!(!store.path().exists());
    }
}

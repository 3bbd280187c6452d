//! Comparing what two policy sets mean: containment over a generated request set that has one
//! request per cell of the partition the policies draw (see [`generate`]), and the smallest,
//! most readable request where they differ.

pub mod context;
pub(crate) mod universe;

use crate::evaluate::{Outcome, PolicySet, evaluate};
use crate::request::Request;

pub use universe::{MAX_PROBES, Probe, Seeds, generate, generate_within};

/// A request on which two policy sets disagree.
#[derive(Debug, Clone)]
pub struct Difference {
    /// The request the two sets decide differently: the counterexample shown to the learner.
    pub request: Request,
    /// What the first (`sub`) set decides for it.
    pub left: Outcome,
    /// What the second (`sup`) set decides for it.
    pub right: Outcome,
    /// How far the request strays from the challenge's named requests (see [`Probe::strangeness`]);
    /// the smallest is reported.
    pub strangeness: u32,
}

/// The most readable request allowed by `sub` and not by `sup`, if any: `sub ⊆ sup` holds on
/// the set exactly when this is `None`.
pub fn not_contained(sub: &PolicySet, sup: &PolicySet, set: &[Probe]) -> Option<Difference> {
    let mut best: Option<Difference> = None;
    for p in set {
        if best
            .as_ref()
            .is_some_and(|b| b.strangeness <= p.strangeness)
        {
            continue;
        }
        let l = evaluate(&p.request, sub).outcome;
        if l != Outcome::Allow {
            continue;
        }
        let r = evaluate(&p.request, sup).outcome;
        if r != Outcome::Allow {
            best = Some(Difference {
                request: p.request.clone(),
                left: l,
                right: r,
                strangeness: p.strangeness,
            });
        }
    }
    best
}

/// Every request of `set` that one side allows and the other does not, most readable first.
pub fn differences(a: &PolicySet, b: &PolicySet, set: &[Probe]) -> Vec<Difference> {
    let mut out: Vec<Difference> = set
        .iter()
        .filter_map(|p| {
            let l = evaluate(&p.request, a).outcome;
            let r = evaluate(&p.request, b).outcome;
            ((l == Outcome::Allow) != (r == Outcome::Allow)).then(|| Difference {
                request: p.request.clone(),
                left: l,
                right: r,
                strangeness: p.strangeness,
            })
        })
        .collect();
    out.sort_by_key(|d| d.strangeness);
    out
}

#[cfg(test)]
mod tests;

//! ja.md and en.md of a unit have the same sections: the language switch keeps the reader's place
//! by anchor, and quiz questions name a section by anchor, so one language must never have a
//! section the other lacks, at another level, or optional in one only.

use super::{Anchor, Checker};
use crate::course::model::Unit;
use crate::i18n::Lang;
use crate::markdown::OPTIONAL_CLASS;
use crate::msg;

/// ja.md and en.md must have the same anchors in the same order (and at the same levels): the
/// language switch and quiz links rely on it. Reports the first divergence with both positions.
pub(super) fn compare_sections(ck: &mut Checker<'_>, unit: &Unit, ja: &[Anchor], en: &[Anchor]) {
    let (ja_path, en_path) = (unit.lesson_path(Lang::Ja), unit.lesson_path(Lang::En));
    for i in 0..ja.len().max(en.len()) {
        match (ja.get(i), en.get(i)) {
            (Some(a), Some(b)) if a.id == b.id => {
                if a.optional != b.optional {
                    let (yes, no) = if b.optional {
                        ((&en_path, b), (&ja_path, a))
                    } else {
                        ((&ja_path, a), (&en_path, b))
                    };
                    ck.error(
                        yes.0,
                        yes.1.pos,
                        {
                            let (id, other, at) = (&a.id, no.0, no.1.pos);
                            msg!(
                                "節 `#{id}` はここでは発展（`.{OPTIONAL_CLASS}`）ですが、{other}:{at} ではそうなっていません。両方の言語で同じ節を発展にします",
                                "section `#{id}` is optional (`.{OPTIONAL_CLASS}`) here but not in {other}:{at}; \
                                 both languages must mark the same sections optional"
                            )
                        },
                    );
                }
                if a.level != b.level {
                    ck.error(
                        &en_path,
                        b.pos,
                        {
                            let (id, here, there, at) = (&b.id, b.level, a.level, a.pos);
                            msg!(
                                "節 `#{id}` の見出しの深さが、ここでは {here} ですが {ja_path}:{at} では {there} です",
                                "section `#{id}` is level {here} here but level {there} in {ja_path}:{at}"
                            )
                        },
                    );
                    return;
                }
            }
            (Some(a), Some(b)) => {
                ck.error(
                    &en_path,
                    b.pos,
                    {
                        let (n, here, there, at) = (i + 1, &b.id, &a.id, a.pos);
                        msg!(
                            "節が ja.md と違います：{n} 番目の節が、ここでは `#{here}` ですが {ja_path}:{at} では `#{there}` です",
                            "sections differ from ja.md: section {n} is `#{here}` here but `#{there}` at {ja_path}:{at}"
                        )
                    },
                );
                return;
            }
            (Some(a), None) => {
                ck.error(&ja_path, a.pos, {
                    let id = &a.id;
                    msg!(
                        "節 `#{id}` に対応する節が {en_path} にありません",
                        "section `#{id}` has no counterpart in {en_path}"
                    )
                });
                return;
            }
            (None, Some(b)) => {
                ck.error(&en_path, b.pos, {
                    let id = &b.id;
                    msg!(
                        "節 `#{id}` に対応する節が {ja_path} にありません",
                        "section `#{id}` has no counterpart in {ja_path}"
                    )
                });
                return;
            }
            (None, None) => return,
        }
    }
}

//! The process's allocator, chosen once from the command line before the first allocation.
//!
//! mimalloc makes the allocation-heavy work 1.3-1.6x faster than the system allocator: the
//! sandbox judge re-deciding a draft over its generated requests (cross-account-read 70 ms
//! against 115 ms), `policy test` on a large case file. But its start-up (arena bitmaps, one
//! fresh page per size class) is about a tenth of a one-screen `secdojo render`, which allocates
//! little and ends at once. So `render`, `--version` and `--help` take the system allocator and
//! everything else mimalloc.
//!
//! The choice must hold for the whole process: memory from one allocator must never be freed by
//! the other. It is made at the first allocation and never changes. glibc hands argv to ELF
//! constructors (std reads its own arguments the same way), so it is known before `main`; where
//! it is not seen, or before the constructor ran, the choice is mimalloc.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{CStr, c_char, c_int};
use std::sync::atomic::{AtomicIsize, AtomicPtr, AtomicU8, Ordering};

use mimalloc::MiMalloc;

const UNSET: u8 = 0;
const MIMALLOC: u8 = 1;
const SYSTEM: u8 = 2;

static CHOICE: AtomicU8 = AtomicU8::new(UNSET);
static ARGC: AtomicIsize = AtomicIsize::new(0);
static ARGV: AtomicPtr<*const c_char> = AtomicPtr::new(std::ptr::null_mut());

/// Runs before `main` with the process's arguments (glibc's calling convention for
/// `.init_array`), and only records them: it must not allocate.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[unsafe(link_section = ".init_array")]
static SEE_ARGS: extern "C" fn(c_int, *const *const c_char, *const *const c_char) = see_args;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" fn see_args(argc: c_int, argv: *const *const c_char, _env: *const *const c_char) {
    ARGV.store(argv.cast_mut(), Ordering::Relaxed);
    ARGC.store(argc as isize, Ordering::Relaxed);
}

/// A word on the command line that marks a short, light run. A file or unit that happens to be
/// called `render` only picks the slower allocator for that run; nothing else changes.
fn light(arg: &[u8]) -> bool {
    matches!(
        arg,
        b"render" | b"--version" | b"-V" | b"--help" | b"-h" | b"help"
    )
}

/// The allocator for this process: decided by the first call, the same for every later one.
fn choice() -> u8 {
    let c = CHOICE.load(Ordering::Relaxed);
    if c != UNSET {
        return c;
    }
    let want = if args_say_light() { SYSTEM } else { MIMALLOC };
    match CHOICE.compare_exchange(UNSET, want, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => want,
        Err(already) => already,
    }
}

fn args_say_light() -> bool {
    let argv = ARGV.load(Ordering::Relaxed);
    let argc = ARGC.load(Ordering::Relaxed);
    if argv.is_null() {
        return false;
    }
    (1..argc).any(|i| {
        // SAFETY: glibc passes argc valid NUL-terminated strings in argv, which live for the
        // whole process; reading them allocates nothing.
        let arg = unsafe { *argv.offset(i) };
        !arg.is_null() && light(unsafe { CStr::from_ptr(arg) }.to_bytes())
    })
}

/// mimalloc or the system allocator, as [`choice`] says.
pub struct Chosen;

// SAFETY: every call goes to the one allocator chosen before the first allocation, so each block
// is freed or resized by the allocator that made it; both uphold GlobalAlloc's contract.
unsafe impl GlobalAlloc for Chosen {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if choice() == SYSTEM {
            unsafe { System.alloc(layout) }
        } else {
            unsafe { MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if choice() == SYSTEM {
            unsafe { System.alloc_zeroed(layout) }
        } else {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if choice() == SYSTEM {
            unsafe { System.dealloc(ptr, layout) }
        } else {
            unsafe { MiMalloc.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if choice() == SYSTEM {
            unsafe { System.realloc(ptr, layout, new_size) }
        } else {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_version_and_help_are_light_and_the_rest_is_not() {
        for a in ["render", "--version", "-V", "--help", "-h", "help"] {
            assert!(light(a.as_bytes()), "{a}");
        }
        for a in [
            "sandbox",
            "policy",
            "test",
            "renders",
            "lesson:iam",
            "--lang",
            "",
        ] {
            assert!(!light(a.as_bytes()), "{a}");
        }
    }

    #[test]
    fn the_choice_is_made_once() {
        let first = choice();
        assert_ne!(first, UNSET);
        assert_eq!(choice(), first);
    }
}

//! The kernel build's global allocator, which has no heap.
//!
//! ring 0.17 names the `alloc` crate even when nothing on the paths
//! crypto-core calls allocates, and a staticlib that links `alloc` must
//! name a global allocator.  Every request fails, so an allocation that
//! should never happen ends in the panic handler (`tcpcrypt_core_panic`)
//! instead of touching memory; `tcpcrypt-kat-kernel` and the stack-depth
//! test run every entry point on the kernel library and would stop there.
#![allow(unsafe_code)]

use core::alloc::{GlobalAlloc, Layout};

struct NoHeap;

// SAFETY: returning null is the allocation-failure answer GlobalAlloc
// allows; dealloc is only ever given pointers alloc returned, i.e. none.
unsafe impl GlobalAlloc for NoHeap {
    unsafe fn alloc(&self, _layout: Layout) -> *mut u8 {
        core::ptr::null_mut()
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[global_allocator]
static NO_HEAP: NoHeap = NoHeap;

//! Unit tests: published vectors for every primitive, then the tcpcrypt
//! layers (frames, schedule) and the C ABI's refusals.

mod aead_vectors;
mod ffi_edge;
mod frames;
mod kx_vectors;
mod schedule;

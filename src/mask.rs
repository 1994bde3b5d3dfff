//! Masking host names and addresses for sharing.

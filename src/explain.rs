//! Texts for people, in Japanese and English.

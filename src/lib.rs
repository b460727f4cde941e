//! basil

//! The one error type of the crate.

use core::fmt;

/// Every way the math can refuse an input. Callers map these to their own typed errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MathError {
    /// A result or intermediate would not fit its fixed-point type.
    Overflow {
        /// The operation or quantity that overflowed.
        what: &'static str,
    },
    /// Division by zero.
    DivisionByZero,
    /// An argument outside the function's documented domain.
    Domain {
        /// Which domain rule the argument broke.
        what: &'static str,
    },
    /// The correlation matrix is not positive semi-definite; `row` is the first pivot that failed.
    NotPositiveSemiDefinite {
        /// Index of the first failing pivot (a row of the matrix).
        row: usize,
    },
    /// Slices whose lengths must agree do not.
    DimensionMismatch {
        /// The length required.
        expected: usize,
        /// The length given.
        got: usize,
    },
    /// Not enough observations for the method: `have` < `need`.
    InsufficientHistory {
        /// Observations given.
        have: usize,
        /// Observations the confidence level needs, ⌈1/(1−α)⌉.
        need: usize,
    },
    /// A confidence level outside the range [`min`, `max`] bps that a measure accepts.
    InvalidConfidence {
        /// The confidence level given, in basis points.
        confidence_bps: u32,
        /// The lowest accepted, in basis points.
        min: u32,
        /// The highest accepted, in basis points.
        max: u32,
    },
}

impl fmt::Display for MathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MathError::Overflow { what } => write!(f, "overflow in {what}"),
            MathError::DivisionByZero => write!(f, "division by zero"),
            MathError::Domain { what } => write!(f, "argument outside domain: {what}"),
            MathError::NotPositiveSemiDefinite { row } => {
                write!(f, "correlation matrix is not positive semi-definite (pivot {row})")
            }
            MathError::DimensionMismatch { expected, got } => {
                write!(f, "dimension mismatch: expected {expected}, got {got}")
            }
            MathError::InsufficientHistory { have, need } => {
                write!(f, "insufficient history: {have} rounds, need {need}")
            }
            MathError::InvalidConfidence { confidence_bps, min, max } => {
                write!(f, "confidence {confidence_bps} bps outside [{min}, {max}]")
            }
        }
    }
}

impl std::error::Error for MathError {}

/// A value or the [`MathError`] that refused the input.
pub type MathResult<T> = Result<T, MathError>;

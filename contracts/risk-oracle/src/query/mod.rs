pub mod assess;
pub mod info;

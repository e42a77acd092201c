//! Small function components, one file each; props are plain data.

pub mod controls;
pub mod header;
pub mod region;

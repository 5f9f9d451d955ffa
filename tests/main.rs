//! The integration tests, one binary (each file of tests/ its own binary
//! would link Typst once more).

mod common;

mod cli;
mod data;
mod dispatch;
mod fonts;
mod forms;
mod guide;
mod import;
mod init;
mod markup;
mod output;
mod remind;
mod reports;
mod signatures;
mod signing;
mod summary;
mod unit_layout;
mod vietnamese;
mod watch;
mod windows;
mod workbooks;

//! The integration tests, one binary (each file of tests/ its own binary
//! would link Typst once more).

mod common;

mod cli;
mod dispatch;
mod first_hour;
mod fonts;
mod forms;
mod guide;
mod hardening;
mod import;
mod markup;
mod messages;
mod output;
mod remind;
mod reports;
mod signatures;
mod signing;
mod summary;
mod unit_layout;
mod user_errors;
mod vietnamese;
mod watch;
mod windows;
mod workbooks;

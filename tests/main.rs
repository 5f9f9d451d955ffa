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
mod markup;
mod messages;
mod monthly_loop;
mod output;
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

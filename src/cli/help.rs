//! Clap in Vietnamese: help pages and refused command lines.

use std::process::ExitCode;

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::args::Cli;

/// The layout of every help page: clap's own, its English headings replaced.
const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Clap's help in Vietnamese, for `command` and its subcommands: headings,
/// usage lines, and defaults and choices said in the descriptions.
pub fn vietnamese(command: clap::Command, path: &str) -> clap::Command {
    let mut usage = format!("{path} [TÙY_CHỌN]");
    for positional in command.get_positionals() {
        let name = positional.get_value_names().and_then(|names| names.first()).map_or("GIÁ_TRỊ", |name| name.as_str());
        usage += &if positional.is_required_set() { format!(" <{name}>") } else { format!(" [{name}]") };
    }
    if command.has_subcommands() {
        usage += " <LỆNH>";
    }
    command
        .help_template(HELP_TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("Các lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "Tham số" } else { "Tùy chọn" };
            let takes_values = arg.get_action().takes_values();
            let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let defaults: Vec<_> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            if takes_values && !defaults.is_empty() {
                help += &format!(" (mặc định: {})", defaults.join(", "));
            }
            let choices: Vec<_> = arg.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
            if takes_values && !choices.is_empty() {
                help += &format!(" (một trong: {})", choices.join(", "));
            }
            arg.help(help).help_heading(heading).hide_default_value(true).hide_possible_values(true)
        })
        .mut_subcommands(|sub| {
            let path = format!("{path} {}", sub.get_name());
            vietnamese(sub, &path)
        })
}

/// Help and version go to stdout; a refused command line gets a message in
/// Vietnamese made from clap's error, its usage line and where to read more.
pub fn arguments_refused(error: clap::Error) -> ExitCode {
    let list = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::StyledStr(text)) => vec![text.to_string()],
        _ => Vec::new(),
    };
    let text = |kind| list(kind).join(", ");
    let argument = text(ContextKind::InvalidArg);
    let said = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let help = error.to_string();
            print!("{help}{}", if help.ends_with('\n') { "" } else { "\n" });
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return ExitCode::from(2);
        }
        ErrorKind::InvalidValue => argument_value(&argument, &text(ContextKind::InvalidValue), &text(ContextKind::ValidValue)),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(&error).map(ToString::to_string).unwrap_or_default();
            argument_refused(&argument, &reason)
        }
        ErrorKind::UnknownArgument => unknown_argument(&argument, &list(ContextKind::SuggestedArg)),
        ErrorKind::InvalidSubcommand => {
            let commands: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
            unknown_command(&text(ContextKind::InvalidSubcommand), &list(ContextKind::SuggestedSubcommand), &commands)
        }
        ErrorKind::MissingRequiredArgument => missing_arguments(&argument),
        ErrorKind::ArgumentConflict => arguments_conflict(&argument, &text(ContextKind::PriorArg)),
        _ => arguments_unclear(&argument),
    };
    usage_refused(&said)
}

/// A command-line mistake `said`, with the usage line of the command named
/// on the command line: exit status 2.
pub fn usage_refused(said: &str) -> ExitCode {
    // Clap attaches a usage line to some errors only: the Vietnamese one of
    // `vietnamese`, for the subcommand named on the command line.
    let mut command = vietnamese(Cli::command(), "vanban");
    let named = std::env::args().skip(1).find_map(|arg| command.find_subcommand(&arg).map(|c| c.get_name().to_owned()));
    let (path, usage) = match named.and_then(|name| command.find_subcommand_mut(&name)) {
        Some(sub) => (format!("vanban {}", sub.get_name()), sub.render_usage().to_string()),
        None => ("vanban".to_owned(), command.render_usage().to_string()),
    };
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    eprintln!("lỗi: {said}\n\n{}", usage_lines(usage, &path));
    ExitCode::from(2)
}

// What this module tells the user, in Vietnamese.

fn argument_value(argument: &str, value: &str, valid: &str) -> String {
    if value.is_empty() {
        return format!("{argument} cần một giá trị");
    }
    let valid = match valid {
        "" => String::new(),
        valid => format!(". Hãy ghi một trong: {valid}"),
    };
    format!("{argument} không nhận giá trị “{value}”{valid}")
}

fn argument_refused(argument: &str, reason: &str) -> String {
    format!("{argument}: {reason}")
}

/// " Có phải ý bạn là “build” hay “guide”?", or nothing.
fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        _ => format!(" Có phải ý bạn là {}?", suggestions.iter().map(|s| format!("“{s}”")).collect::<Vec<_>>().join(" hay ")),
    }
}

fn unknown_argument(argument: &str, suggestions: &[String]) -> String {
    format!("không hiểu đối số “{argument}” ở đây.{}", did_you_mean(suggestions)).trim_end_matches('.').to_owned()
}

fn unknown_command(name: &str, suggestions: &[String], commands: &[String]) -> String {
    format!("không có lệnh “{name}”.{} Các lệnh: {}", did_you_mean(suggestions), commands.join(", "))
}

fn missing_arguments(arguments: &str) -> String {
    format!("còn thiếu {arguments}")
}

fn arguments_conflict(argument: &str, prior: &str) -> String {
    format!("không dùng được {argument} cùng với {prior}")
}

fn arguments_unclear(argument: &str) -> String {
    format!("đối số “{argument}” không hợp lệ")
}

/// The usage line under a command-line error, and where to read more.
fn usage_lines(usage: &str, command: &str) -> String {
    format!("Cách dùng: {usage}\nXem thêm: {command} --help")
}

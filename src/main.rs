//! Entry point: parse the command line and hand it to exactly one command.

use std::process::ExitCode;

use clap::Parser;

mod allocator;

#[global_allocator]
static GLOBAL: allocator::Chosen = allocator::Chosen;

fn main() -> ExitCode {
    let cli = secdojo::cli::Cli::parse();
    secdojo::commands::run(cli)
}

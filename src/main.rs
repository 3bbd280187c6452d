//! Entry point: parse the command line and hand it to exactly one command.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = secdojo::cli::Cli::parse();
    secdojo::commands::run(cli)
}

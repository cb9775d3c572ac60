fn main() -> std::process::ExitCode {
    helpc::cli::main()
}

fn main() -> std::process::ExitCode {
    helpc::cmd::main()
}

// glibc's allocator took about a sixth of a check's CPU time (`perf`:
// malloc, free and their consolidation); mimalloc's thread-local free lists
// do the same work for much less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    helpc::cmd::main()
}

// jemalloc: about a quarter less CPU than glibc's malloc on the corpus build,
// without mimalloc's retained memory (docs/performance.md, "jemalloc instead").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    helpc::cmd::main()
}

// bench_spawn RESULT_FILE COMMAND [ARGS...]: runs COMMAND (stdin, stdout and stderr inherited)
// and writes "<wall ns> <peak RSS KiB> <exit code>" to RESULT_FILE. bench/run.py starts every
// measured command through it: a child forked from this small process starts with a small
// resident set, so wait4's ru_maxrss is the command's own peak (a child forked from Python
// would inherit Python's resident set as its starting high-water mark).

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_spawn RESULT_FILE COMMAND [ARGS...]\n");
        return 2;
    }
    timespec t0{}, t1{};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        std::perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) < 0) {
        std::perror("wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const long long ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::FILE* out = std::fopen(argv[1], "w");
    if (!out) {
        std::perror(argv[1]);
        return 2;
    }
    std::fprintf(out, "%lld %ld %d\n", ns, usage.ru_maxrss, code);
    std::fclose(out);
    return 0;
}

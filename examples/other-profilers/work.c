/* A small program to profile with `perf record -g` (see record_perf.sh): CPU work in a few
 * functions (one recursive), and writes to /dev/null so kernel frames show too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

static volatile unsigned long sink;

__attribute__((noinline)) static unsigned long checksum(const unsigned char *p, size_t n) {
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++) h = h * 33 + p[i];
    return h;
}

__attribute__((noinline)) static unsigned long fib(int n) {
    return n < 2 ? (unsigned long)n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static void write_out(int fd, const unsigned char *buf, size_t n) {
    for (int i = 0; i < 64; i++) {
        if (write(fd, buf, n) < 0) return;
    }
}

__attribute__((noinline)) static void handle_request(unsigned char *buf, size_t n, int fd) {
    memset(buf, (int)(sink & 0xff), n);
    sink += checksum(buf, n);
    write_out(fd, buf, n);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 300;
    size_t n = 1 << 16;
    unsigned char *buf = malloc(n);
    int fd = open("/dev/null", O_WRONLY);
    for (int r = 0; r < rounds; r++) {
        handle_request(buf, n, fd);
        if (r % 10 == 0) sink += fib(24);
    }
    printf("%lu\n", sink);
    return 0;
}

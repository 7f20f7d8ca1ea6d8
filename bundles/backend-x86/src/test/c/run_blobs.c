/*
 * run_blobs: runs simplec x86-64 code blobs for the tests, many blobs and calls per process.
 * Commands on stdin, one per line, numbers in hex:
 *
 *   L <hex>             load a blob (mmap RW, copy, mprotect RX), replacing the previous one
 *   M <i> <hex>         set buffer i (0..63) to these bytes (64-byte aligned, zero padding after;
 *                       shared memory, so what a forked child stored before it trapped stays visible)
 *   D <i>               print "M <hex>" with buffer i's bytes
 *   C <args>            call the blob's entry and print
 *                       "R <rax> <rdx> <v0 as 4 qwords> <v1 as 4 qwords> <bad callee-saved mask>"
 *   F <args>            the same in a forked child, then print "X <status> <stderr as hex>":
 *                       the exit status (1000 + signal when killed) and what it wrote to fd 2
 *
 * <args> = <n> gpr... <n> vec... <n> stack...; a gpr or stack value "@<i>" is buffer i's address;
 * a vec is 4 qwords (256 bits, the high half ignored without AVX). tramp.S does the call.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct In { uint64_t gpr[6]; uint8_t vec[8][32]; uint64_t nstack; uint64_t stack[64]; };
struct Out { uint64_t rax, rdx; uint8_t v0[32], v1[32]; uint64_t bad; };
extern void tramp(void *fn, struct In *in, struct Out *out, long avx);

static void *code;
static size_t code_size;
static uint8_t *buf[64];
static size_t buf_mapped[64];
static size_t buf_len[64];
static long avx;

static char *line;
static size_t line_cap;

static int hexval(int c) {
    return c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
}

static size_t unhex(const char *s, uint8_t **out) {
    size_t n = strlen(s) / 2;
    uint8_t *b = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        b[i] = (uint8_t) (hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
    }
    *out = b;
    return n;
}

static uint64_t value(const char *tok) {
    if (tok[0] == '@') {
        return (uint64_t) (uintptr_t) buf[strtol(tok + 1, NULL, 10)];
    }
    return strtoull(tok, NULL, 16);
}

static void load(const char *hex) {
    uint8_t *bytes;
    size_t n = unhex(hex, &bytes);
    if (code) {
        munmap(code, code_size);
    }
    code_size = (n + 4095) & ~(size_t) 4095;
    if (code_size == 0) {
        code_size = 4096;
    }
    code = mmap(NULL, code_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    memcpy(code, bytes, n);
    free(bytes);
    if (mprotect(code, code_size, PROT_READ | PROT_EXEC) != 0) {
        perror("mprotect");
        exit(2);
    }
}

static void parse_args(char *rest, struct In *in) {
    memset(in, 0, sizeof *in);
    char *save;
    char *tok = strtok_r(rest, " \n", &save);
    long n = strtol(tok, NULL, 16);
    for (long i = 0; i < n; i++) {
        in->gpr[i] = value(strtok_r(NULL, " \n", &save));
    }
    n = strtol(strtok_r(NULL, " \n", &save), NULL, 16);
    for (long i = 0; i < n; i++) {
        for (int q = 0; q < 4; q++) {
            uint64_t v = strtoull(strtok_r(NULL, " \n", &save), NULL, 16);
            memcpy(in->vec[i] + 8 * q, &v, 8);
        }
    }
    n = strtol(strtok_r(NULL, " \n", &save), NULL, 16);
    in->nstack = (uint64_t) n;
    for (long i = 0; i < n; i++) {
        in->stack[i] = value(strtok_r(NULL, " \n", &save));
    }
}

static void call(struct In *in) {
    struct Out out;
    memset(&out, 0, sizeof out);
    tramp(code, in, &out, avx);
    uint64_t q[8];
    memcpy(q, out.v0, 32);
    memcpy(q + 4, out.v1, 32);
    printf("R %llx %llx", (unsigned long long) out.rax, (unsigned long long) out.rdx);
    for (int i = 0; i < 8; i++) {
        printf(" %llx", (unsigned long long) q[i]);
    }
    printf(" %llx\n", (unsigned long long) out.bad);
}

int main(void) {
    __builtin_cpu_init();
    avx = __builtin_cpu_supports("avx2");
    while (getline(&line, &line_cap, stdin) > 0) {
        char cmd = line[0];
        char *rest = line + 2;
        if (cmd == 'L') {
            rest[strcspn(rest, "\n")] = 0;
            load(rest);
        } else if (cmd == 'M') {
            char *save;
            int i = (int) strtol(strtok_r(rest, " \n", &save), NULL, 10);
            char *hex = strtok_r(NULL, " \n", &save);
            uint8_t *bytes;
            size_t n = unhex(hex ? hex : "", &bytes);
            if (buf[i]) {
                munmap(buf[i], buf_mapped[i]);
            }
            buf_mapped[i] = (n + 64 + 4095) & ~(size_t) 4095;
            buf[i] = mmap(NULL, buf_mapped[i], PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
            if (buf[i] == MAP_FAILED) {
                perror("mmap");
                return 2;
            }
            memcpy(buf[i], bytes, n);
            buf_len[i] = n;
            free(bytes);
        } else if (cmd == 'D') {
            int i = (int) strtol(rest, NULL, 10);
            printf("M ");
            for (size_t k = 0; k < buf_len[i]; k++) {
                printf("%02x", buf[i][k]);
            }
            printf("\n");
        } else if (cmd == 'C') {
            struct In in;
            parse_args(rest, &in);
            call(&in);
        } else if (cmd == 'F') {
            struct In in;
            parse_args(rest, &in);
            int err[2];
            if (pipe(err) != 0) {
                perror("pipe");
                return 2;
            }
            fflush(stdout);
            pid_t pid = fork();
            if (pid == 0) {
                dup2(err[1], 2);
                close(err[0]);
                close(err[1]);
                call(&in);
                fflush(stdout);
                _exit(0);
            }
            close(err[1]);
            char captured[4096];
            size_t got = 0;
            ssize_t r;
            while ((r = read(err[0], captured + got, sizeof captured - got)) > 0) {
                got += (size_t) r;
            }
            close(err[0]);
            int status;
            waitpid(pid, &status, 0);
            int code_out = WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
            printf("X %x ", code_out);
            for (size_t k = 0; k < got; k++) {
                printf("%02x", (unsigned char) captured[k]);
            }
            printf("\n");
        } else {
            fprintf(stderr, "unknown command '%c'\n", cmd);
            return 2;
        }
        fflush(stdout);
    }
    return 0;
}

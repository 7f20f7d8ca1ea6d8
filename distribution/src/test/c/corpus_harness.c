/*
 * corpus_harness: runs simplec code blobs (x86-64 or AArch64, whichever it is built for) for
 * CorpusDifferentialIT, many calls per process. Plain C calls, no assembly: integer arguments go in
 * the first six integer argument registers and float arguments in the first eight float registers
 * (as uint64_t and as doubles carrying raw bits; an f32 is the low 32 bits), which is what both
 * System V and AAPCS64 do when nothing goes on the stack.
 * Commands on stdin, one per line, numbers in hex:
 *   L <bytes>                     load a blob (entry at offset 0), replacing the previous one
 *   M <i> <bytes>                 buffer i (0..15) holds these bytes; later calls dump it
 *   Z                             forget all buffers
 *   C <i|f|a|b> <n> <int>.. <m> <flt>..   call in a forked child; an int "@i" is buffer i's address.
 *                                 The child prints "R <r0> <r1> [<buffer bytes>]..." (r0/r1: x0/x1 or
 *                                 rax/rdx for 'i', the two float return registers for 'f',
 *                                 x86-64 {u64, double} for 'a' and {double, u64} for 'b');
 *                                 then the parent prints "X <exit status or 1000+signal> <stderr hex or ->".
 * Usage: corpus_harness [seconds]. A call that runs longer than that (10 s unless given: a loop
 * that never ends) ends its child with exit status 124 and a message, so the test fails fast.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct ints { uint64_t a, b; };
struct flts { double a, b; };
typedef struct ints (*ifn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                           double, double, double, double, double, double, double, double);
struct ifl { uint64_t a; double b; };
struct fil { double a; uint64_t b; };
typedef struct ifl (*afn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                          double, double, double, double, double, double, double, double);
typedef struct fil (*bfn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                          double, double, double, double, double, double, double, double);
typedef struct flts (*ffn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                           double, double, double, double, double, double, double, double);

static void *code;
static size_t code_size;
static uint8_t *buf[16];
static size_t buf_len[16];
static int nbuf;

static int hexval(int c) {
    return c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
}

static size_t unhex(const char *s, uint8_t *out) {
    size_t n = 0;
    while (s[0] && s[1] && s[0] != '\n' && s[0] != ' ') {
        out[n++] = (uint8_t) (hexval(s[0]) << 4 | hexval(s[1]));
        s += 2;
    }
    return n;
}

static void load(const char *hex) {
    size_t n = strlen(hex) / 2;
    if (code) munmap(code, code_size);
    code_size = (n + 4095) & ~(size_t) 4095;
    if (code_size == 0) code_size = 4096;
    code = mmap(NULL, code_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); exit(2); }
    n = unhex(hex, code);
    if (mprotect(code, code_size, PROT_READ | PROT_EXEC) != 0) { perror("mprotect"); exit(2); }
    __builtin___clear_cache((char *) code, (char *) code + n);
}

static uint64_t value(const char *tok) {
    if (!tok) { fprintf(stderr, "missing operand\n"); exit(2); }
    if (tok[0] == '@') return (uint64_t) (uintptr_t) buf[strtol(tok + 1, NULL, 16)];
    return strtoull(tok, NULL, 16);
}

static void call(char kind, uint64_t *x, double *d) {
    uint64_t r0, r1;
    if (kind == 'f') {
        struct flts r = ((ffn) code)(x[0], x[1], x[2], x[3], x[4], x[5], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        memcpy(&r0, &r.a, 8);
        memcpy(&r1, &r.b, 8);
    } else if (kind == 'a') {
        struct ifl r = ((afn) code)(x[0], x[1], x[2], x[3], x[4], x[5], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        r0 = r.a;
        memcpy(&r1, &r.b, 8);
    } else if (kind == 'b') {
        struct fil r = ((bfn) code)(x[0], x[1], x[2], x[3], x[4], x[5], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        memcpy(&r0, &r.a, 8);
        r1 = r.b;
    } else {
        struct ints r = ((ifn) code)(x[0], x[1], x[2], x[3], x[4], x[5], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        r0 = r.a;
        r1 = r.b;
    }
    printf("R %llx %llx", (unsigned long long) r0, (unsigned long long) r1);
    for (int i = 0; i < nbuf; i++) {
        printf(" ");
        for (size_t k = 0; k < buf_len[i]; k++) printf("%02x", buf[i][k]);
        if (buf_len[i] == 0) printf("-");
    }
    printf("\n");
    fflush(stdout);
}

static void too_long(int sig) {
    (void) sig;
    static const char m[] = "corpus_harness: the call ran longer than its time budget (a loop that never ends?)\n";
    ssize_t w = write(2, m, sizeof m - 1);
    (void) w;
    _exit(124);
}

int main(int argc, char **argv) {
    unsigned call_seconds = argc > 1 ? (unsigned) strtoul(argv[1], NULL, 10) : 10;
    signal(SIGALRM, too_long);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        char *save;
        char *cmd = strtok_r(line, " \n", &save);
        if (!cmd) continue;
        if (cmd[0] == 'L') {
            char *hex = strtok_r(NULL, " \n", &save);
            load(hex ? hex : "");
        } else if (cmd[0] == 'Z') {
            for (int i = 0; i < nbuf; i++) { free(buf[i]); buf[i] = NULL; buf_len[i] = 0; }
            nbuf = 0;
        } else if (cmd[0] == 'M') {
            int i = (int) strtol(strtok_r(NULL, " \n", &save), NULL, 16);
            char *hex = strtok_r(NULL, " \n", &save);
            size_t n = hex ? strlen(hex) / 2 : 0;
            size_t alloc = (n + 64 + 63) & ~(size_t) 63;
            free(buf[i]);
            buf[i] = aligned_alloc(64, alloc);
            memset(buf[i], 0, alloc);
            buf_len[i] = hex ? unhex(hex, buf[i]) : 0;
            if (i + 1 > nbuf) nbuf = i + 1;
        } else if (cmd[0] == 'C') {
            char kind = strtok_r(NULL, " \n", &save)[0];
            uint64_t x[6] = {0};
            double d[8] = {0};
            long n = (long) value(strtok_r(NULL, " \n", &save));
            for (long i = 0; i < n && i < 6; i++) x[i] = value(strtok_r(NULL, " \n", &save));
            long m = (long) value(strtok_r(NULL, " \n", &save));
            for (long i = 0; i < m && i < 8; i++) {
                uint64_t bits = value(strtok_r(NULL, " \n", &save));
                memcpy(&d[i], &bits, 8);
            }
            int err[2];
            if (pipe(err) != 0) { perror("pipe"); return 2; }
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0) { perror("fork"); return 2; }
            if (pid == 0) {
                dup2(err[1], 2);
                close(err[0]);
                close(err[1]);
                alarm(call_seconds);
                call(kind, x, d);
                _exit(0);
            }
            close(err[1]);
            char text[4096];
            size_t got = 0;
            ssize_t r;
            while ((r = read(err[0], text + got, sizeof text - 1 - got)) > 0) got += (size_t) r;
            close(err[0]);
            int status;
            waitpid(pid, &status, 0);
            printf("X %d ", WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status));
            if (got == 0) putchar('-');
            for (size_t k = 0; k < got; k++) printf("%02x", (uint8_t) text[k]);
            putchar('\n');
        } else {
            fprintf(stderr, "unknown command '%s'\n", cmd);
            return 2;
        }
        fflush(stdout);
    }
    return 0;
}

/*
 * arm_harness: loads many AArch64 code blobs into one process and calls them with exact register
 * contents, so differential tests run hundreds of programs per qemu-aarch64 start.
 *
 * Commands on stdin, one per line, numbers in hex (no 0x):
 *   B <bytes>                 load a blob (bytes as hex pairs); blobs are numbered from 0
 *   M <bytes>                 the contents of the memory buffer for the following calls ("M" alone: none)
 *   C <blob> <x0>..<x7> <v0lo> <v0hi> .. <v7lo> <v7hi> <n> <stack0>..<stack(n-1)>
 *                             call blob's entry with x0-x7, q0-q7 and n stack words; an x or stack
 *                             value "@<off>" is the buffer's address plus off
 *   T <same as C>             the same call in a forked child, for calls that are expected to trap
 * Answers, one line per call:
 *   R <x0> <x1> <v0lo> <v0hi> <v1lo> <v1hi> <csr> [<buffer bytes after the call>]
 *       csr is "ok" when x19-x28, d8-d15 and sp came back as they were, else what differed
 *   T: X <exit status> <stderr bytes> [R line of a child that returned]
 *
 * The blob is mapped RW, copied, remapped RX (W^X) and the instruction cache flushed, as a JIT would.
 *
 * Usage: arm_harness [seconds]. A call that runs longer than that (10 s unless given: a loop that
 * never ends) stops the harness with exit status 3 and a message, instead of hanging the test.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#if !defined(__aarch64__)
#error "AArch64 only"
#endif

#define NSTACK 32
#define MAXBLOBS 4096
#define BUFSIZE 4096

struct regs {
    uint64_t x[8];          /* 0 */
    uint64_t v[8][2];       /* 64 */
    uint64_t stack[NSTACK]; /* 192 */
    uint64_t csr[10];       /* 448: x19..x28 sentinels (x19-x21 unused: the trampoline keeps its pointers there) */
    uint64_t dsr[8];        /* 528: d8..d15 sentinels */
};

struct out {
    uint64_t x0, x1;        /* 0 */
    uint64_t v0[2], v1[2];  /* 16 */
    uint64_t csr[10];       /* 48: x19..x28 after the call */
    uint64_t dsr[8];        /* 128: d8..d15 after the call */
    uint64_t spdelta;       /* 192 */
};

/* call_blob(fn, in, out): loads every argument register and stack word, sets callee-saved sentinels, calls, records. */
void call_blob(void *fn, struct regs *in, struct out *out);
__asm__(
    ".text\n"
    ".global call_blob\n"
    ".type call_blob, %function\n"
    "call_blob:\n"
    "  stp x29, x30, [sp, #-96]!\n"
    "  mov x29, sp\n"
    "  stp x19, x20, [sp, #16]\n"
    "  stp x21, x22, [sp, #32]\n"
    "  stp x23, x24, [sp, #48]\n"
    "  stp x25, x26, [sp, #64]\n"
    "  stp x27, x28, [sp, #80]\n"
    "  stp d8, d9, [sp, #-64]!\n"
    "  stp d10, d11, [sp, #16]\n"
    "  stp d12, d13, [sp, #32]\n"
    "  stp d14, d15, [sp, #48]\n"
    "  mov x19, x0\n"
    "  mov x20, x1\n"
    "  mov x21, x2\n"
    "  sub sp, sp, #256\n"
    "  mov x9, #0\n"
    "1:\n"
    "  add x10, x20, #192\n"
    "  ldr x11, [x10, x9, lsl #3]\n"
    "  str x11, [sp, x9, lsl #3]\n"
    "  add x9, x9, #1\n"
    "  cmp x9, #32\n"
    "  b.lt 1b\n"
    "  add x10, x20, #448\n"
    "  ldp x22, x23, [x10, #24]\n"
    "  ldp x24, x25, [x10, #40]\n"
    "  ldp x26, x27, [x10, #56]\n"
    "  ldr x28, [x10, #72]\n"
    "  ldp d8, d9, [x10, #80]\n"
    "  ldp d10, d11, [x10, #96]\n"
    "  ldp d12, d13, [x10, #112]\n"
    "  ldp d14, d15, [x10, #128]\n"
    "  ldp q0, q1, [x20, #64]\n"
    "  ldp q2, q3, [x20, #96]\n"
    "  ldp q4, q5, [x20, #128]\n"
    "  ldp q6, q7, [x20, #160]\n"
    "  ldp x0, x1, [x20, #0]\n"
    "  ldp x2, x3, [x20, #16]\n"
    "  ldp x4, x5, [x20, #32]\n"
    "  ldp x6, x7, [x20, #48]\n"
    "  blr x19\n"
    "  stp x0, x1, [x21, #0]\n"
    "  stp q0, q1, [x21, #16]\n"
    "  stp x19, x20, [x21, #48]\n"
    "  stp x21, x22, [x21, #64]\n"
    "  stp x23, x24, [x21, #80]\n"
    "  stp x25, x26, [x21, #96]\n"
    "  stp x27, x28, [x21, #112]\n"
    "  stp d8, d9, [x21, #128]\n"
    "  stp d10, d11, [x21, #144]\n"
    "  stp d12, d13, [x21, #160]\n"
    "  stp d14, d15, [x21, #176]\n"
    "  mov x10, sp\n"
    "  sub x10, x29, x10\n"
    "  str x10, [x21, #192]\n"
    "  add sp, sp, #256\n"
    "  ldp d14, d15, [sp, #48]\n"
    "  ldp d12, d13, [sp, #32]\n"
    "  ldp d10, d11, [sp, #16]\n"
    "  ldp d8, d9, [sp], #64\n"
    "  ldp x27, x28, [sp, #80]\n"
    "  ldp x25, x26, [sp, #64]\n"
    "  ldp x23, x24, [sp, #48]\n"
    "  ldp x21, x22, [sp, #32]\n"
    "  ldp x19, x20, [sp, #16]\n"
    "  ldp x29, x30, [sp], #96\n"
    "  ret\n"
    ".size call_blob, .-call_blob\n");

static void *blobs[MAXBLOBS];
static int nblobs;
static uint8_t *buffer;
static size_t buflen;

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    fprintf(stderr, "bad hex digit '%c'\n", c);
    exit(2);
}

static size_t unhex(const char *s, uint8_t *out, size_t max) {
    size_t n = 0;
    while (s[0] && s[0] != '\n' && s[0] != ' ') {
        if (n == max) {
            fprintf(stderr, "too many bytes\n");
            exit(2);
        }
        out[n++] = (uint8_t) (hexval(s[0]) << 4 | hexval(s[1]));
        s += 2;
    }
    return n;
}

static void load(const char *hex) {
    size_t len = strlen(hex) / 2;
    size_t size = (len + 4095) & ~(size_t) 4095;
    uint8_t *mem = mmap(NULL, size ? size : 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    len = unhex(hex, mem, size);
    if (mprotect(mem, size ? size : 4096, PROT_READ | PROT_EXEC) != 0) {
        perror("mprotect");
        exit(2);
    }
    __builtin___clear_cache((char *) mem, (char *) mem + len);
    if (nblobs == MAXBLOBS) {
        fprintf(stderr, "too many blobs\n");
        exit(2);
    }
    blobs[nblobs++] = mem;
}

static uint64_t word(char **p) {
    char *tok = strtok_r(NULL, " \n", p);
    if (!tok) {
        fprintf(stderr, "missing operand\n");
        exit(2);
    }
    if (tok[0] == '@') {
        return (uint64_t) (uintptr_t) buffer + strtoull(tok + 1, NULL, 16);
    }
    return strtoull(tok, NULL, 16);
}

static void sentinels(struct regs *in) {
    for (int i = 0; i < 10; i++) in->csr[i] = 0x5e5e000000000000ull + 0x1111 * (uint64_t) (i + 19);
    for (int i = 0; i < 8; i++) in->dsr[i] = 0xd5d5000000000000ull + 0x1111 * (uint64_t) (i + 8);
}

static unsigned call_seconds = 10;

static void too_long(int sig) {
    (void) sig;
    static const char m[] = "arm_harness: a call ran longer than its time budget (a loop that never ends?)\n";
    ssize_t w = write(2, m, sizeof m - 1);
    (void) w;
    _exit(3);
}

static void call(int blob, struct regs *in) {
    struct out o;
    memset(&o, 0, sizeof o);
    sentinels(in);
    alarm(call_seconds);
    call_blob(blobs[blob], in, &o);
    alarm(0);
    char csr[256] = "ok";
    int bad = 0;
    for (int i = 3; i < 10; i++) {
        if (o.csr[i] != in->csr[i]) bad += snprintf(csr + bad, sizeof csr - (size_t) bad, "x%d,", i + 19);
    }
    for (int i = 0; i < 8; i++) {
        if (o.dsr[i] != in->dsr[i]) bad += snprintf(csr + bad, sizeof csr - (size_t) bad, "d%d,", i + 8);
    }
    if (o.spdelta != 256 + 64) bad += snprintf(csr + bad, sizeof csr - (size_t) bad, "sp,");
    printf("R %llx %llx %llx %llx %llx %llx %s", (unsigned long long) o.x0, (unsigned long long) o.x1,
           (unsigned long long) o.v0[0], (unsigned long long) o.v0[1], (unsigned long long) o.v1[0],
           (unsigned long long) o.v1[1], csr);
    if (buflen) {
        putchar(' ');
        for (size_t i = 0; i < buflen; i++) printf("%02x", buffer[i]);
    }
    putchar('\n');
    fflush(stdout);
}

static void trapping(int blob, struct regs *in) {
    int err[2];
    if (pipe(err) != 0) {
        perror("pipe");
        exit(2);
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        dup2(err[1], 2);
        close(err[0]);
        close(err[1]);
        printf("X 0 - ");
        call(blob, in);
        _exit(0);
    }
    close(err[1]);
    char text[4096];
    size_t n = 0;
    ssize_t k;
    while ((k = read(err[0], text + n, sizeof text - 1 - n)) > 0) n += (size_t) k;
    close(err[0]);
    int status;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return; /* the child printed its own line */
    printf("X %d ", WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status));
    if (n == 0) putchar('-');
    for (size_t i = 0; i < n; i++) printf("%02x", (uint8_t) text[i]);
    putchar('\n');
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc > 1) call_seconds = (unsigned) strtoul(argv[1], NULL, 10);
    signal(SIGALRM, too_long);
    buffer = mmap(NULL, BUFSIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        char *p;
        char *cmd = strtok_r(line, " \n", &p);
        if (!cmd) continue;
        if (cmd[0] == 'B') {
            char *hex = strtok_r(NULL, " \n", &p);
            load(hex ? hex : "");
        } else if (cmd[0] == 'M') {
            char *hex = strtok_r(NULL, " \n", &p);
            buflen = hex ? unhex(hex, buffer, BUFSIZE) : 0;
        } else if (cmd[0] == 'C' || cmd[0] == 'T') {
            struct regs in;
            memset(&in, 0, sizeof in);
            int blob = (int) word(&p);
            for (int i = 0; i < 8; i++) in.x[i] = word(&p);
            for (int i = 0; i < 8; i++) {
                in.v[i][0] = word(&p);
                in.v[i][1] = word(&p);
            }
            int ns = (int) word(&p);
            for (int i = 0; i < ns && i < NSTACK; i++) in.stack[i] = word(&p);
            if (blob < 0 || blob >= nblobs) {
                fprintf(stderr, "no blob %d\n", blob);
                return 2;
            }
            if (cmd[0] == 'C') {
                call(blob, &in);
            } else {
                trapping(blob, &in);
            }
        } else {
            fprintf(stderr, "unknown command '%s'\n", cmd);
            return 2;
        }
    }
    return 0;
}

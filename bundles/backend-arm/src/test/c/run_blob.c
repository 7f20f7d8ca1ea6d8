/*
 * run_blob: calls a simplec code blob as a C function, the way SPEC section 6 says callers do.
 *
 *   run_blob <blob-file> <i|f|v>
 *
 * The result class says how to read the result: i = integer register (rax / x0), f = float register
 * (xmm0 / d0, the raw 64 bits; an f32 result is the low 32), v = nothing. Each stdin line is one call:
 * whitespace-separated arguments "i:<bits>" (integer class) or "f:<bits>" (float class, raw IEEE bits,
 * an f32 in the low 32), <bits> in C integer syntax (0x... for hex). For each line it prints the result
 * as 0x%016llx (or "void").
 *
 * The blob is mapped RW, copied, remapped RX (W^X) and the instruction cache flushed, as a JIT would.
 * Arguments are classified exactly as the ABI does for scalars: the first NINT integer-class ones in
 * integer registers, the first 8 float-class ones in float registers, the rest on the stack in order,
 * one 8-byte slot each. So one C call with NINT int64s, 8 doubles and NSTACK int64s lands every
 * argument where a callee with any scalar signature expects it.
 *
 * The same file serves both backends (x86-64 System V and AArch64 AAPCS64 differ only in NINT).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__aarch64__)
#define NINT 8
#define IREGS I, I, I, I, I, I, I, I
#define IARGS ir[0], ir[1], ir[2], ir[3], ir[4], ir[5], ir[6], ir[7]
#elif defined(__x86_64__)
#define NINT 6
#define IREGS I, I, I, I, I, I
#define IARGS ir[0], ir[1], ir[2], ir[3], ir[4], ir[5]
#else
#error "x86-64 or AArch64 only"
#endif
#define NFLT 8
#define NSTACK 32

typedef int64_t I;
typedef double D;
#define FREGS D, D, D, D, D, D, D, D
#define FARGS fr[0], fr[1], fr[2], fr[3], fr[4], fr[5], fr[6], fr[7]
#define S8 I, I, I, I, I, I, I, I
#define STACK S8, S8, S8, S8
#define SARGS8(b) st[b], st[b + 1], st[b + 2], st[b + 3], st[b + 4], st[b + 5], st[b + 6], st[b + 7]
#define SARGS SARGS8(0), SARGS8(8), SARGS8(16), SARGS8(24)

typedef I (*fn_i)(IREGS, FREGS, STACK);
typedef D (*fn_f)(IREGS, FREGS, STACK);
typedef void (*fn_v)(IREGS, FREGS, STACK);

static void *load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    size_t size = ((size_t) len + 4095) & ~(size_t) 4095;
    if (size == 0) {
        size = 4096;
    }
    uint8_t *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    if (fread(mem, 1, (size_t) len, f) != (size_t) len) {
        perror("fread");
        exit(2);
    }
    fclose(f);
    if (mprotect(mem, size, PROT_READ | PROT_EXEC) != 0) {
        perror("mprotect");
        exit(2);
    }
    __builtin___clear_cache((char *) mem, (char *) mem + len);
    return mem;
}

int main(int argc, char **argv) {
    if (argc != 3 || strlen(argv[2]) != 1 || !strchr("ifv", argv[2][0])) {
        fprintf(stderr, "usage: %s <blob-file> <i|f|v>  (arguments per call on stdin)\n", argv[0]);
        return 2;
    }
    void *code = load(argv[1]);
    char kind = argv[2][0];
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        I ir[NINT] = {0};
        D fr[NFLT] = {0};
        I st[NSTACK] = {0};
        int ni = 0, nf = 0, ns = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
            if ((tok[0] != 'i' && tok[0] != 'f') || tok[1] != ':') {
                fprintf(stderr, "bad argument '%s'\n", tok);
                return 2;
            }
            errno = 0;
            uint64_t bits = strtoull(tok + 2, NULL, 0);
            if (errno) {
                fprintf(stderr, "bad number '%s'\n", tok);
                return 2;
            }
            if (tok[0] == 'i' && ni < NINT) {
                ir[ni++] = (I) bits;
            } else if (tok[0] == 'f' && nf < NFLT) {
                memcpy(&fr[nf++], &bits, 8);
            } else if (ns < NSTACK) {
                st[ns++] = (I) bits;
            } else {
                fprintf(stderr, "more than %d stack arguments\n", NSTACK);
                return 2;
            }
        }
        uint64_t out = 0;
        if (kind == 'i') {
            out = (uint64_t) ((fn_i) code)(IARGS, FARGS, SARGS);
        } else if (kind == 'f') {
            D d = ((fn_f) code)(IARGS, FARGS, SARGS);
            memcpy(&out, &d, 8);
        } else {
            ((fn_v) code)(IARGS, FARGS, SARGS);
            puts("void");
            continue;
        }
        printf("0x%016llx\n", (unsigned long long) out);
    }
    return 0;
}

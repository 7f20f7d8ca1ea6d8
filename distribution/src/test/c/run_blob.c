/*
 * run_blob.c — runs a code blob as int64_t f(int64_t): built with gcc for x86-64, or with
 * aarch64-linux-gnu-gcc -static for AArch64 and run under qemu-aarch64.
 *   run_blob <blob> <arg>   prints f(arg)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <blob> <arg>\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static uint8_t code[1 << 20];
    size_t len = fread(code, 1, sizeof code, f);
    fclose(f);
    void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) { perror("mmap"); return 2; }
    memcpy(mem, code, len);
    __builtin___clear_cache((char *)mem, (char *)mem + len);
    if (mprotect(mem, len, PROT_READ | PROT_EXEC) != 0) { perror("mprotect"); return 2; }
    int64_t (*fn)(int64_t) = (int64_t (*)(int64_t))mem;
    printf("%lld\n", (long long)fn(strtoll(argv[2], NULL, 10)));
    return 0;
}

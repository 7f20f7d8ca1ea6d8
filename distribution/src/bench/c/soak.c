/*
 * soak.c — a million create / infer / instantiate / free / destroy cycles; RSS after warm-up and
 * at the end (SPEC §8: growth < 1 MiB).
 *   soak [cycles]
 */
#include <compiler_ffi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long rss_kib(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &pages, &resident) != 2) return -1;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static const char I64[] = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
static const char ID[] = "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}";
static const char HINT[] = "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]";
static const char DOUBLE[] = "fn double<T: Num>(x: T) -> T { x + x }";

static void cycle(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    if (!ctx) { fprintf(stderr, "%s\n", compiler_get_last_error()); exit(1); }
    compiler_free_string(compiler_infer_types(ctx, ID, HINT));
    CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    if (!r.success) { fprintf(stderr, "%s\n", r.error_message); exit(1); }
    compiler_free_code(r.code_ptr, r.code_len);
    compiler_destroy_context(ctx);
}

int main(int argc, char **argv) {
    long cycles = argc > 1 ? atol(argv[1]) : 1000000;
    /* The JVM grows its heap and code cache over the first ~100,000 cycles; measure after that. */
    long warm = cycles / 5 > 200000 ? 200000 : cycles / 5;
    for (long i = 0; i < warm; i++) cycle();
    long before = rss_kib();
    for (long i = 0; i < cycles; i++) {
        cycle();
        if (i % (cycles / 10) == 0) printf("cycle %8ld  rss %ld KiB\n", i, rss_kib());
    }
    long after = rss_kib();
    printf("%ld cycles after %ld warm-up cycles: RSS %ld KiB -> %ld KiB, growth %ld KiB (bar: < 1024 KiB)\n", cycles, warm,
           before, after, after - before);
    return 0;
}

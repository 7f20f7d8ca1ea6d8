/*
 * abi_test.c — the C ABI from a plain native program (hosting mode b): this process has no JVM
 * until its first call. Prints one line per check and "N passed, N failed" at the end.
 *   abi_test [aarch64-blob-path]   also writes double<i64> compiled for AArch64 to the path
 */
#include <compiler_ffi.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

static int passed, failed;

#define CHECK(cond, ...)                               \
    do {                                               \
        if (cond) {                                    \
            passed++;                                  \
        } else {                                       \
            failed++;                                  \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__);                       \
            printf("\n");                              \
        }                                              \
    } while (0)

static const char *last(void) {
    const char *e = compiler_get_last_error();
    return e ? e : "(null)";
}

static int contains(const char *haystack, const char *needle) {
    return haystack && strstr(haystack, needle) != NULL;
}

static const char I64[] = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
static const char DOUBLE[] = "fn double<T: Num>(x: T) -> T { x + x }";

static int64_t call_i64(const uint8_t *code, size_t len, int64_t arg) {
    void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return -1;
    memcpy(mem, code, len);
    mprotect(mem, len, PROT_READ | PROT_EXEC);
    int64_t r = ((int64_t(*)(int64_t))mem)(arg);
    munmap(mem, len);
    return r;
}

static void scenario(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    CHECK(ctx != NULL, "create_context: %s", last());
    if (!ctx) return;
    CHECK(compiler_get_last_error() == NULL, "last error after success: %s", last());

    char *types = compiler_infer_types(ctx, "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}",
        "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]");
    CHECK(types && strcmp(types, I64) == 0, "infer_types gave %s (%s)", types ? types : "NULL", last());
    printf("infer id<T> from an i64 call site: %s\n", types ? types : "NULL");
    compiler_free_string(types);
    CHECK(compiler_get_last_error() == NULL, "free_string: %s", last());

    CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    CHECK(r.success && r.code_ptr && r.code_len > 0 && !r.error_message, "instantiate: %s",
          r.error_message ? r.error_message : "no message");
    if (r.success) {
        int64_t got = call_i64(r.code_ptr, r.code_len, 42);
        CHECK(got == 84, "double<i64>(42) = %lld", (long long)got);
        printf("double<i64>(42) = %lld\n", (long long)got);
        CHECK(call_i64(r.code_ptr, r.code_len, -5) == -10, "double<i64>(-5)");
        CHECK(call_i64(r.code_ptr, r.code_len, INT64_MAX) == -2, "double<i64> wraps");
        compiler_free_code(r.code_ptr, r.code_len);
        CHECK(compiler_get_last_error() == NULL, "free_code: %s", last());
    }
    compiler_destroy_context(ctx);
    CHECK(compiler_get_last_error() == NULL, "destroy: %s", last());
}

static void bad_input(void) {
    /* NULL, made-up and destroyed contexts */
    CHECK(compiler_infer_types(NULL, "{}", "[]") == NULL && contains(last(), "invalid context handle"),
          "NULL ctx: %s", last());
    CompilerContextImpl *forged = (CompilerContextImpl *)(uintptr_t)0xdeadbeef;
    CHECK(!compiler_check_types(forged, (const uint8_t *)"x", 1) && contains(last(), "invalid context handle"),
          "forged ctx: %s", last());
    CompilationResult r = compiler_instantiate_template(NULL, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    CHECK(!r.success && r.error_message && contains(r.error_message, "invalid context handle"),
          "instantiate NULL ctx: %s", r.error_message ? r.error_message : "no message");
    compiler_free_string(r.error_message);

    CompilerContextImpl *ctx = compiler_create_context();
    CHECK(ctx != NULL, "create_context: %s", last());
    if (!ctx) return;

    /* malformed JSON, unknown kind, bad width */
    CHECK(compiler_infer_types(ctx, "{\"name\":\"id\",", "[]") == NULL && contains(last(), "template_json: $"),
          "malformed template_json: %s", last());
    printf("malformed JSON: %s\n", last());
    r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), "[{\"kind\":\"integer\"}]");
    CHECK(!r.success && contains(r.error_message, "types_json: $[0].kind") && contains(last(), "types_json: $[0].kind"),
          "unknown kind: %s", r.error_message ? r.error_message : "no message");
    printf("unknown kind: %s\n", r.error_message ? r.error_message : "no message");
    compiler_free_string(r.error_message);
    r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE),
                                      "[{\"kind\":\"int\",\"bits\":12,\"signed\":true}]");
    CHECK(!r.success && r.error_message &&
              strcmp(r.error_message, "types_json: $[0].bits: 12 is not a valid int width (8, 16, 32, 64)") == 0,
          "bad width: %s", r.error_message ? r.error_message : "no message");
    compiler_free_string(r.error_message);

    /* a template that does not parse */
    const char *broken = "fn broken<T>(x: T) -> T { x + }";
    CHECK(!compiler_check_types(ctx, (const uint8_t *)broken, strlen(broken)) && contains(last(), "template:1:"),
          "parse error: %s", last());
    printf("parse error: %s\n", last());
    r = compiler_instantiate_template(ctx, (const uint8_t *)broken, strlen(broken), I64);
    CHECK(!r.success && contains(r.error_message, "template:1:"), "instantiate parse error: %s",
          r.error_message ? r.error_message : "no message");
    compiler_free_string(r.error_message);

    /* invalid UTF-8 */
    const uint8_t bad_utf8[] = {'f', 'n', ' ', 0xff, 0xfe};
    CHECK(!compiler_check_types(ctx, bad_utf8, sizeof bad_utf8) && strcmp(last(), "template: invalid UTF-8 at byte 3") == 0,
          "utf8: %s", last());

    /* ownership: double free, wrong length, foreign pointer, NULL */
    char *s = compiler_infer_types(ctx, "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}",
        "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"bool\"}}]");
    CHECK(s && strcmp(s, "[{\"kind\":\"bool\"}]") == 0, "infer bool: %s", s ? s : last());
    compiler_free_string(s);
    compiler_free_string(s);
    CHECK(contains(last(), "was not handed out by simplec"), "double free: %s", last());
    char local[4];
    compiler_free_string(local);
    CHECK(contains(last(), "was not handed out by simplec"), "foreign free: %s", last());
    compiler_free_string(NULL);
    CHECK(compiler_get_last_error() == NULL, "free NULL: %s", last());
    r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    CHECK(r.success, "instantiate: %s", r.error_message ? r.error_message : "");
    compiler_free_code(r.code_ptr, r.code_len + 1);
    CHECK(contains(last(), "does not match"), "wrong length: %s", last());
    compiler_free_code(r.code_ptr, r.code_len);
    CHECK(compiler_get_last_error() == NULL, "right length: %s", last());

    /* unknown backend, double destroy */
    CHECK(compiler_create_context_for("sparc") == NULL && contains(last(), "no codegen backend named sparc"),
          "unknown backend: %s", last());
    compiler_destroy_context(ctx);
    compiler_destroy_context(ctx);
    CHECK(contains(last(), "invalid context handle"), "double destroy: %s", last());
    CHECK(compiler_infer_types(ctx, "{}", "[]") == NULL && contains(last(), "invalid context handle"),
          "stale ctx: %s", last());
}

static void extensions(const char *aarch64_blob) {
    CHECK(compiler_abi_version() == SIMPLEC_ABI_VERSION, "abi version");
    char *list = compiler_list_backends();
    CHECK(contains(list, "{\"name\":\"x86_64\",\"arch\":\"x86_64\",\"version\":\"1.0.0\",\"active\":true}") &&
              contains(list, "{\"name\":\"aarch64\",\"arch\":\"aarch64\",\"version\":\"1.0.0\",\"active\":false}"),
          "backends: %s", list ? list : last());
    printf("backends: %s\n", list ? list : last());
    compiler_free_string(list);

    CompilerContextImpl *arm = compiler_create_context_for("aarch64");
    CHECK(arm != NULL, "create_context_for(aarch64): %s", last());
    if (!arm) return;
    CompilationResult r = compiler_instantiate_template(arm, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    CHECK(r.success && r.code_len % 4 == 0, "aarch64 instantiate: %s", r.error_message ? r.error_message : "");
    if (r.success && aarch64_blob) {
        FILE *f = fopen(aarch64_blob, "wb");
        CHECK(f && fwrite(r.code_ptr, 1, r.code_len, f) == r.code_len, "write %s", aarch64_blob);
        if (f) fclose(f);
    }
    if (r.success) compiler_free_code(r.code_ptr, r.code_len);
    else compiler_free_string(r.error_message);
    compiler_destroy_context(arm);
}

/* The exact text compiler_stats must return, given hits, misses and size of each cache. */
static void expected_stats(char *buf, size_t len, const long n[9]) {
    snprintf(buf, len,
             "{\"serialize\":{\"hits\":%ld,\"misses\":%ld,\"evictions\":0,\"size\":%ld,\"capacity\":1024},"
             "\"deserialize\":{\"hits\":%ld,\"misses\":%ld,\"evictions\":0,\"size\":%ld,\"capacity\":1024},"
             "\"instantiate\":{\"hits\":%ld,\"misses\":%ld,\"evictions\":0,\"size\":%ld,\"capacity\":4096}}",
             n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]);
}

/* Checks compiler_stats(ctx) against the counters {serialize hits, misses, size, deserialize ..., instantiate ...}. */
static void check_stats(CompilerContextImpl *ctx, const char *when, const long n[9]) {
    char want[512];
    expected_stats(want, sizeof want, n);
    char *got = compiler_stats(ctx);
    CHECK(got && strcmp(got, want) == 0, "stats %s:\n got  %s\n want %s", when, got ? got : last(), want);
    compiler_free_string(got);
    CHECK(compiler_get_last_error() == NULL, "free stats: %s", last());
}

struct shared_ctx {
    CompilerContextImpl *ctx;
    int ok;
};

static void *instantiate_often(void *arg) {
    struct shared_ctx *s = arg;
    for (int i = 0; i < 50; i++) {
        CompilationResult r = compiler_instantiate_template(s->ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
        if (r.success && call_i64(r.code_ptr, r.code_len, i) == 2 * i) s->ok++;
        if (r.success) compiler_free_code(r.code_ptr, r.code_len);
        else compiler_free_string(r.error_message);
    }
    return NULL;
}

static void stats(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    CHECK(ctx != NULL, "create_context: %s", last());
    if (!ctx) return;
    check_stats(ctx, "of a new context", (const long[9]){0, 0, 0, 0, 0, 0, 0, 0, 0});

    /* The same template and types twice: one compile, then the cache; each call gets its own copy. */
    CompilationResult a = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    CompilationResult b = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    CHECK(a.success && b.success && a.code_ptr != b.code_ptr && a.code_len == b.code_len &&
              memcmp(a.code_ptr, b.code_ptr, a.code_len) == 0,
          "instantiate twice: %s", last());
    if (b.success) CHECK(call_i64(b.code_ptr, b.code_len, 21) == 42, "cached double<i64>(21)");
    if (a.success) compiler_free_code(a.code_ptr, a.code_len);
    if (b.success) compiler_free_code(b.code_ptr, b.code_len);
    check_stats(ctx, "after instantiating twice", (const long[9]){0, 0, 0, 1, 1, 1, 1, 1, 1});
    char *text = compiler_stats(ctx);
    printf("stats after instantiating double<i64> twice: %s\n", text ? text : last());
    compiler_free_string(text);

    /* Another type is another instantiation; a failed one is counted and not kept. */
    const char *f64 = "[{\"kind\":\"float\",\"bits\":64}]";
    CompilationResult c = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), f64);
    CHECK(c.success, "double<f64>: %s", c.error_message ? c.error_message : "");
    if (c.success) compiler_free_code(c.code_ptr, c.code_len);
    const char *broken = "fn broken<T>(x: T) -> T { x + }";
    c = compiler_instantiate_template(ctx, (const uint8_t *)broken, strlen(broken), I64);
    CHECK(!c.success, "broken template compiled");
    compiler_free_string(c.error_message);
    check_stats(ctx, "after f64 and a failure", (const long[9]){0, 0, 0, 2, 2, 2, 1, 3, 2});

    /* Inference reads template_json and hints_json through the deserialize cache and writes its
     * answer through the serialize cache. */
    for (int i = 0; i < 2; i++) {
        char *types = compiler_infer_types(ctx, "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}",
            "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]");
        CHECK(types && strcmp(types, I64) == 0, "infer: %s", types ? types : last());
        compiler_free_string(types);
    }
    check_stats(ctx, "after inferring twice", (const long[9]){1, 1, 1, 4, 4, 4, 1, 3, 2});

    /* A context shared by four threads: every call is counted, all but none compile again. */
    struct shared_ctx shared[4];
    pthread_t threads[4];
    for (int t = 0; t < 4; t++) {
        shared[t] = (struct shared_ctx){ctx, 0};
        pthread_create(&threads[t], NULL, instantiate_often, &shared[t]);
    }
    int ok = 0;
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
        ok += shared[t].ok;
    }
    CHECK(ok == 200, "shared context: %d of 200 calls right", ok);
    check_stats(ctx, "after 200 calls on 4 threads", (const long[9]){1, 1, 1, 204, 4, 4, 201, 3, 2});

    /* Invalid contexts */
    CHECK(compiler_stats(NULL) == NULL && contains(last(), "compiler_stats: invalid context handle"),
          "stats(NULL): %s", last());
    compiler_destroy_context(ctx);
    CHECK(compiler_stats(ctx) == NULL && contains(last(), "compiler_stats: invalid context handle"),
          "stats of a destroyed context: %s", last());

    /* A new context starts from empty caches. */
    ctx = compiler_create_context();
    check_stats(ctx, "of the next context", (const long[9]){0, 0, 0, 0, 0, 0, 0, 0, 0});
    compiler_destroy_context(ctx);
}

/* The permissions of the mapping holding `addr` ("r-xp" …), from /proc/self/maps. (HotSpot's own
 * code cache in this process is rwx: that is the JVM's, not ours, so only our pages are checked.) */
static int perms_of(const void *addr, char perms[8]) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long lo, hi, a = (unsigned long)(uintptr_t)addr;
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo <= a && a < hi;
    if (f) fclose(f);
    return found;
}

static void jit(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    CHECK(ctx != NULL, "create_context: %s", last());
    if (!ctx) return;
    setenv("SIMPLEC_PERF_MAP", "1", 1);
    int64_t (*dbl)(int64_t) = (int64_t (*)(int64_t))compiler_jit_load(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    unsetenv("SIMPLEC_PERF_MAP");
    CHECK(dbl != NULL && compiler_get_last_error() == NULL, "jit_load: %s", last());
    if (!dbl) return;
    CHECK(dbl(42) == 84, "jit double(42)");
    char perms[8] = "";
    CHECK(perms_of((void *)dbl, perms) && strcmp(perms, "r-xp") == 0, "JIT code mapped %s, not r-xp", perms);

    char path[64], line[256], want[128];
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
    snprintf(want, sizeof want, "%lx ", (unsigned long)(uintptr_t)dbl);
    FILE *map = fopen(path, "r");
    int named = 0;
    while (map && fgets(line, sizeof line, map))
        if (strncmp(line, want, strlen(want)) == 0 && strstr(line, " simplec:double\n")) named = 1;
    if (map) fclose(map);
    unlink(path);
    CHECK(named, "perf map line for %p in %s", (void *)dbl, path);

    compiler_jit_free((void *)dbl);
    CHECK(compiler_get_last_error() == NULL, "jit_free: %s", last());
    compiler_jit_free((void *)dbl);
    CHECK(contains(last(), "was not handed out by simplec as a JIT function"), "double jit_free: %s", last());
    compiler_jit_free(NULL);
    CHECK(compiler_get_last_error() == NULL, "jit_free(NULL): %s", last());

    const char *broken = "fn broken<T>(x: T) -> T { x + }";
    CHECK(compiler_jit_load(ctx, (const uint8_t *)broken, strlen(broken), I64) == NULL && contains(last(), "template:1:"),
          "jit_load of a broken template: %s", last());
    CHECK(compiler_jit_load(NULL, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64) == NULL &&
              contains(last(), "compiler_jit_load: invalid context handle"), "jit_load NULL ctx: %s", last());
    compiler_destroy_context(ctx);
}

/* Each hint source of SPEC §4 through the C ABI, with the exact JSON answer or message. */
static void expect_infer(CompilerContextImpl *ctx, const char *tmpl, const char *hints, const char *want) {
    char *got = compiler_infer_types(ctx, tmpl, hints);
    const char *shown = got ? got : last();
    CHECK(strcmp(shown, want) == 0, "infer %s with %s:\n  got  %s\n  want %s", tmpl, hints, shown, want);
    compiler_free_string(got);
}

static void hint_sources(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    CHECK(ctx != NULL, "create_context: %s", last());
    if (!ctx) return;
    const char *ret_t = "{\"name\":\"make\",\"params\":[{\"name\":\"T\"}],"
                        "\"signature\":{\"params\":[],\"ret\":{\"kind\":\"generic\",\"name\":\"T\"}}}";
    expect_infer(ctx, ret_t, "[{\"source\":\"return\",\"ty\":{\"kind\":\"float\",\"bits\":64}}]",
                 "[{\"kind\":\"float\",\"bits\":64}]");
    expect_infer(ctx, ret_t, "[{\"source\":\"assignment\",\"ty\":{\"kind\":\"int\",\"bits\":32,\"signed\":true}}]",
                 "[{\"kind\":\"int\",\"bits\":32,\"signed\":true}]");
    expect_infer(ctx, "{\"name\":\"pair\",\"params\":[{\"name\":\"T\"},{\"name\":\"U\"}]}",
                 "[{\"source\":\"constraint\",\"param_index\":1,\"ty\":{\"kind\":\"bool\"}},"
                 "{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]",
                 "[{\"kind\":\"int\",\"bits\":64,\"signed\":true},{\"kind\":\"bool\"}]");
    /* With source, the signature comes from the code: a slice of T at parameter 0. */
    expect_infer(ctx, "{\"name\":\"first\",\"params\":[{\"name\":\"T\"}],\"source\":\"fn first<T>(xs: [T]) -> T { xs[0] }\"}",
                 "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"array\",\"elem\":{\"kind\":\"float\",\"bits\":32}}}]",
                 "[{\"kind\":\"float\",\"bits\":32}]");
    /* The seed's Vec<HashMap<text, i64>> as a hint, answered structurally. */
    expect_infer(ctx, "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}",
                 "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"named\",\"name\":\"Vec\",\"args\":"
                 "[{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[{\"kind\":\"string\"},{\"kind\":\"int\",\"bits\":64,\"signed\":true}]}]}}]",
                 "[{\"kind\":\"named\",\"name\":\"Vec\",\"args\":[{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":"
                 "[{\"kind\":\"string\"},{\"kind\":\"int\",\"bits\":64,\"signed\":true}]}]}]");
    compiler_destroy_context(ctx);
}

int main(int argc, char **argv) {
    scenario();
    bad_input();
    extensions(argc > 1 ? argv[1] : NULL);
    jit();
    hint_sources();
    stats();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

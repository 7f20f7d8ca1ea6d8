/*
 * abi_test.c — the C ABI from a plain native program (hosting mode b): this process has no JVM
 * until its first call. Prints one line per check and "N passed, N failed" at the end.
 *   abi_test [aarch64-blob-path]   also writes double<i64> compiled for AArch64 to the path
 */
#include <compiler_ffi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv) {
    scenario();
    bad_input();
    extensions(argc > 1 ? argv[1] : NULL);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

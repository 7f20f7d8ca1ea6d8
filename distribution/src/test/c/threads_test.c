/*
 * threads_test.c — the C ABI under concurrency: native threads the JVM has never seen, each
 * making mixed calls (good and bad input) on one shared context and on private contexts it
 * creates and destroys. Every answer is checked. Prints "N passed, N failed".
 *   threads_test [threads] [calls per thread]      (default 8 × 10000)
 */
#include <compiler_ffi.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_long passed, failed;
static CompilerContextImpl *shared;

static const char I64[] = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
static const char F64[] = "[{\"kind\":\"float\",\"bits\":64}]";
static const char DOUBLE[] = "fn double<T: Num>(x: T) -> T { x + x }";
static const char ID[] = "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}";
static const char HINT[] = "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"float\",\"bits\":64}}]";

static void check(int ok, long thread, long call, const char *what) {
    if (ok) {
        atomic_fetch_add(&passed, 1);
    } else if (atomic_fetch_add(&failed, 1) < 20) {
        const char *e = compiler_get_last_error();
        printf("FAIL thread %ld call %ld: %s (%s)\n", thread, call, what, e ? e : "no error");
    }
}

static void one_call(CompilerContextImpl *ctx, long t, long i) {
    switch (i % 6) {
    case 0: {
        char *s = compiler_infer_types(ctx, ID, HINT);
        check(s && strcmp(s, F64) == 0, t, i, "infer f64");
        compiler_free_string(s);
        break;
    }
    case 1: {
        CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
        check(r.success && r.code_len > 0, t, i, "instantiate double<i64>");
        if (r.success) compiler_free_code(r.code_ptr, r.code_len);
        else compiler_free_string(r.error_message);
        check(compiler_get_last_error() == NULL, t, i, "free_code");
        break;
    }
    case 2:
        check(compiler_check_types(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE)), t, i, "check ok");
        break;
    case 3: {
        const char *bad = "fn f<T>(x: T) -> T { x + x }";
        check(!compiler_check_types(ctx, (const uint8_t *)bad, strlen(bad)) &&
                  strstr(compiler_get_last_error(), "needs the bound Num") != NULL,
              t, i, "check reports the missing bound");
        break;
    }
    case 4: {
        CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), "[{\"kind\":1}]");
        check(!r.success && r.error_message && strncmp(r.error_message, "types_json: $[0].kind", 21) == 0, t, i,
              "bad types_json");
        compiler_free_string(r.error_message);
        break;
    }
    default: {
        char local;
        compiler_free_string(&local);
        check(strstr(compiler_get_last_error(), "was not handed out") != NULL, t, i, "foreign free");
        break;
    }
    }
}

static void *worker(void *arg) {
    long t = (long)(intptr_t)arg;
    long calls = atol(getenv("THREADS_TEST_CALLS") ? getenv("THREADS_TEST_CALLS") : "10000");
    CompilerContextImpl *mine = NULL;
    for (long i = 0; i < calls; i++) {
        if (i % 500 == 0) { /* private contexts come and go while the shared one stays */
            if (mine) compiler_destroy_context(mine);
            mine = compiler_create_context();
            check(mine != NULL, t, i, "create private context");
        }
        one_call((i & 1) && mine ? mine : shared, t, i);
    }
    if (mine) compiler_destroy_context(mine);
    check(compiler_get_last_error() == NULL, t, calls, "destroy private context");
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 8;
    if (argc > 2) setenv("THREADS_TEST_CALLS", argv[2], 1);
    shared = compiler_create_context(); /* boots the platform on the main thread */
    if (!shared) {
        printf("FAIL create shared context: %s\n0 passed, 1 failed\n", compiler_get_last_error());
        return 1;
    }
    pthread_t tid[64];
    if (threads > 64) threads = 64;
    for (int i = 0; i < threads; i++) pthread_create(&tid[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < threads; i++) pthread_join(tid[i], NULL);
    compiler_destroy_context(shared);
    check(compiler_get_last_error() == NULL, -1, 0, "destroy shared context");
    printf("%ld passed, %ld failed\n", (long)passed, (long)failed);
    return failed ? 1 : 0;
}

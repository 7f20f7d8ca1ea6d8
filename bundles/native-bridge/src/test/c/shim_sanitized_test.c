/*
 * shim_sanitized_test.c — the C shim on its own, built with AddressSanitizer and
 * UndefinedBehaviorSanitizer (src/main/c/Makefile, target sanitized-test). There is no JVM in this
 * process: the Java side is fake_platform.c, installed through simplec_install like the bridge.
 * Covers the handle table, the ownership registry, per-thread last errors, the no-JVM boot path,
 * W^X JIT memory, and 8 threads of mixed calls across simulated bridge updates. ASan's leak check
 * at exit is part of the test (last errors of ended threads, pins, replies). Prints each failure
 * and "N passed, N failed"; exits 1 on any failure.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../../main/c/shim.h"
#include "fake_platform.h"

static atomic_long passed, failed;

static void fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(int line, const char *fmt, ...) {
    if (atomic_fetch_add(&failed, 1) >= 50) return;
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    printf("FAIL shim_sanitized_test.c:%d: %s\n", line, text);
}
/* The message is formatted only after cond is evaluated: it often shows the last error, which
 * the calls in cond replace. */
#define CHECK(cond, ...)                         \
    do {                                         \
        if (cond) atomic_fetch_add(&passed, 1); \
        else fail(__LINE__, __VA_ARGS__);        \
    } while (0)

static const char *last(void) {
    const char *e = compiler_get_last_error();
    return e ? e : "(null)";
}

static int is(const char *s, const char *want) { return s && strcmp(s, want) == 0; }

/* A formatted expectation, in one of a few per-thread buffers (a CHECK may need two). */
static const char *expect(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *expect(const char *fmt, ...) {
    static __thread char bufs[4][256];
    static __thread unsigned next;
    char *buf = bufs[next++ % 4];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof bufs[0], fmt, ap);
    va_end(ap);
    return buf;
}

#define INVALID "%s: invalid context handle %p"
#define UNAVAILABLE "%s: platform unavailable: the simplec bridge is not installed in this process"
#define NOT_HANDED_OUT "%s: %p was not handed out by simplec as %s, or was freed already"

static const uint8_t *u8(const char *s) { return (const uint8_t *)s; }

static void run_threads(int n, void *(*body)(void *)) {
    pthread_t threads[16];
    for (long i = 0; i < n; i++) pthread_create(&threads[i], NULL, body, (void *)i);
    for (int i = 0; i < n; i++) pthread_join(threads[i], NULL);
}

/* A handle that is never live: a real slot index with a generation no slot reaches in a test. */
static CompilerContextImpl *forged(long n) {
    return (CompilerContextImpl *)(uintptr_t)((0xfffffff0ull + (uint64_t)n) << 32 | 1);
}

/* ---- W^X: every mmap and mprotect the shim makes goes through these (linked with --wrap), so a
 * request for writable+executable memory is caught however briefly it would last. ---- */

static atomic_long wx_requests, wrapped_calls;
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __real_mprotect(void *addr, size_t len, int prot);

static void note_prot(int prot) {
    atomic_fetch_add(&wrapped_calls, 1);
    if ((prot & PROT_WRITE) && (prot & PROT_EXEC)) atomic_fetch_add(&wx_requests, 1);
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    note_prot(prot);
    return __real_mmap(addr, len, prot, flags, fd, off);
}

int __wrap_mprotect(void *addr, size_t len, int prot) {
    note_prot(prot);
    return __real_mprotect(addr, len, prot);
}

/* Mappings of this process that are writable and executable at once; the first one into line.
 * With no JVM here (HotSpot's code cache is rwx) there must be none at all. */
static int rwx_mappings(char *line, size_t cap) {
    FILE *f = fopen("/proc/self/maps", "r");
    char buf[512], perms[8];
    int n = 0;
    while (f && fgets(buf, sizeof buf, f)) {
        if (sscanf(buf, "%*x-%*x %7s", perms) == 1 && perms[1] == 'w' && perms[2] == 'x' && n++ == 0)
            snprintf(line, cap, "%s", buf);
    }
    if (f) fclose(f);
    return f ? n : -1;
}

/* The permissions ("r-xp" …) of the mapping holding addr; 0 when nothing maps it. */
static int perms_of(const void *addr, char perms[8]) {
    FILE *f = fopen("/proc/self/maps", "r");
    char buf[512];
    unsigned long lo, hi, a = (unsigned long)(uintptr_t)addr;
    int found = 0;
    while (f && !found && fgets(buf, sizeof buf, f))
        found = sscanf(buf, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo <= a && a < hi;
    if (f) fclose(f);
    return found;
}

/* ---- before any install, in a process without a JVM ---- */

#define NO_HOME "/nonexistent/simplec-home"
#define NO_JVM_ERROR "compiler_create_context: platform unavailable: SIMPLEC_HOME=" NO_HOME " is not a directory"

static void *no_jvm_thread(void *arg) {
    (void)arg;
    /* The boot failed once; every thread gets its message, none tries again or crashes. The
     * error stays set when the thread ends: the leak check proves it is freed then. */
    CHECK(compiler_create_context() == NULL && is(last(), NO_JVM_ERROR), "no JVM, another thread: %s", last());
    return NULL;
}

static void no_jvm(void) {
    /* The first call boots a platform; with no distribution it must fail with a clear error. */
    setenv("SIMPLEC_HOME", NO_HOME, 1);
    CHECK(compiler_create_context() == NULL && is(last(), NO_JVM_ERROR), "no JVM: %s", last());
    char *backends = compiler_list_backends();
    CHECK(backends == NULL && is(last(), "compiler_list_backends: platform unavailable: SIMPLEC_HOME=" NO_HOME
                                           " is not a directory"),
          "a later call names itself in the kept boot failure: %s", last());
    CHECK(compiler_abi_version() == SIMPLEC_ABI_VERSION && compiler_get_last_error() == NULL,
          "abi_version needs no platform and clears the error: %s", last());
    run_threads(8, no_jvm_thread);
    CHECK(fake_sessions() == 0, "no session was opened: %ld", fake_sessions());
}

/* ---- handle table ---- */

static void handles(void) {
    long base = fake_sessions();
    CompilerContextImpl *a = compiler_create_context();
    CHECK(a != NULL && compiler_get_last_error() == NULL && fake_sessions() == base + 1, "create: %s", last());
    char *stats = compiler_stats(a);
    CHECK(is(stats, expect("{\"backend\":\"%s\"}", fake_host_backend())), "stats of a new context: %s", stats);
    compiler_free_string(stats);

    CHECK(!compiler_infer_types(NULL, FAKE_ID, FAKE_HINT) && is(last(), "compiler_infer_types: invalid context handle (nil)"),
          "NULL context: %s", last());
    CompilerContextImpl *made_up = (CompilerContextImpl *)(uintptr_t)0xdeadbeefu;
    CHECK(!compiler_stats(made_up) && is(last(), expect(INVALID, "compiler_stats", (void *)made_up)),
          "made-up handle: %s", last());
    CompilerContextImpl *next_gen = (CompilerContextImpl *)((uintptr_t)a + (1ull << 32));
    CHECK(!compiler_check_types(next_gen, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE)) &&
              is(last(), expect(INVALID, "compiler_check_types", (void *)next_gen)),
          "live slot, wrong generation: %s", last());
    int on_stack;
    compiler_destroy_context((CompilerContextImpl *)&on_stack);
    CHECK(is(last(), expect(INVALID, "compiler_destroy_context", (void *)&on_stack)), "a real pointer: %s", last());

    compiler_destroy_context(a);
    CHECK(compiler_get_last_error() == NULL && fake_sessions() == base, "destroy: %s", last());
    CHECK(!compiler_infer_types(a, FAKE_ID, FAKE_HINT) && is(last(), expect(INVALID, "compiler_infer_types", (void *)a)),
          "destroyed context: %s", last());
    compiler_destroy_context(a);
    CHECK(is(last(), expect(INVALID, "compiler_destroy_context", (void *)a)), "destroy twice: %s", last());

    /* The freed slot is reused with the next generation; the old handle stays dead. */
    CompilerContextImpl *b = compiler_create_context();
    uintptr_t ha = (uintptr_t)a, hb = (uintptr_t)b;
    CHECK((uint32_t)hb == (uint32_t)ha && hb >> 32 == (ha >> 32) + 1, "slot reuse: %p after %p", (void *)b, (void *)a);
    CHECK(!compiler_stats(a) && is(last(), expect(INVALID, "compiler_stats", (void *)a)), "old handle of a reused slot: %s", last());
    stats = compiler_stats(b);
    CHECK(stats != NULL, "new handle of a reused slot: %s", last());
    compiler_free_string(stats);
    compiler_destroy_context(b);

    CompilerContextImpl *arm = compiler_create_context_for("aarch64");
    stats = compiler_stats(arm);
    CHECK(is(stats, "{\"backend\":\"aarch64\"}"), "pinned context: %s (%s)", stats, last());
    compiler_free_string(stats);
    /* A failed create releases the handle and its pin (the leak check sees the pin). */
    CHECK(!compiler_create_context_for("sparc") &&
              is(last(), "no codegen backend named sparc is registered (registered: x86_64, aarch64)") &&
              fake_sessions() == base + 1,
          "unknown backend: %s", last());
    CHECK(!compiler_create_context_for(NULL) && is(last(), "compiler_create_context_for: backend is NULL"),
          "NULL backend: %s", last());
    compiler_destroy_context(arm);

    /* Growth of the table: a thousand live contexts, all distinct and valid. */
    enum { MANY = 1000 };
    static CompilerContextImpl *many[MANY];
    int ok = 1;
    for (int i = 0; i < MANY; i++) {
        many[i] = compiler_create_context();
        ok &= many[i] != NULL && (i == 0 || many[i] != many[i - 1]);
    }
    CHECK(ok && fake_sessions() == base + MANY, "%d live contexts: %s", MANY, last());
    for (int i = 0; i < MANY; i++) {
        compiler_destroy_context(many[i]);
        ok &= compiler_get_last_error() == NULL;
    }
    CHECK(ok && fake_sessions() == base, "destroying %d contexts: %s", MANY, last());

    /* A full table is an error, not a crash; then every slot is released again. */
    static uint64_t all[1u << 20];
    uint32_t n = 0;
    while (n < (1u << 20) && (all[n] = handle_alloc()) != 0) n++;
    CHECK(n == (1u << 20), "the table holds %u contexts, not 2^20", n);
    CHECK(!compiler_create_context() && is(last(), "compiler_create_context: too many contexts"), "full table: %s", last());
    while (n > 0) handle_release(all[--n]);
    CompilerContextImpl *again = compiler_create_context();
    CHECK(again != NULL, "create after the table emptied: %s", last());
    compiler_destroy_context(again);
}

/* ---- ownership registry ---- */

#define RACED 64
static char *raced[RACED];
static atomic_long race_freed, race_refused;

static void *race_free(void *arg) {
    (void)arg;
    for (int i = 0; i < RACED; i++) {
        compiler_free_string(raced[i]);
        if (!compiler_get_last_error()) {
            atomic_fetch_add(&race_freed, 1);
            continue;
        }
        atomic_fetch_add(&race_refused, 1);
        CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_string", (void *)raced[i], "a string")),
              "losing a free race: %s", last());
    }
    return NULL;
}

static void *free_foreign_thread(void *arg) {
    /* Handed out on the main thread, freed here: ownership is not per thread. */
    char *s = *(char **)arg;
    compiler_free_string(s);
    CHECK(compiler_get_last_error() == NULL, "free on another thread: %s", last());
    return NULL;
}

static void ownership(CompilerContextImpl *ctx) {
    char *s = compiler_infer_types(ctx, FAKE_ID, FAKE_HINT);
    CHECK(is(s, FAKE_I64), "infer: %s (%s)", s, last());
    compiler_free_string(s);
    CHECK(compiler_get_last_error() == NULL, "free_string: %s", last());
    compiler_free_string(s);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_string", (void *)s, "a string")), "free twice: %s", last());

    /* Foreign pointers are refused and left alone: freeing them would trip ASan right here. */
    char *mine = strdup("mine");
    compiler_free_string(mine);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_string", (void *)mine, "a string")), "foreign heap: %s", last());
    CHECK(strcmp(mine, "mine") == 0, "the foreign string was touched");
    free(mine);
    char on_stack[8] = "stack";
    compiler_free_string(on_stack);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_string", (void *)on_stack, "a string")), "stack: %s", last());
    s = compiler_infer_types(ctx, FAKE_ID, FAKE_HINT);
    compiler_free_string(s + 1);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_string", (void *)(s + 1), "a string")), "interior: %s", last());

    CompilationResult r = compiler_instantiate_template(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_I64);
    size_t len;
    const uint8_t *want = fake_double_code(fake_host_backend(), &len);
    CHECK(r.success && r.code_len == len && memcmp(r.code_ptr, want, len) == 0 && !r.error_message,
          "instantiate: %s", last());
    compiler_free_code(r.code_ptr, r.code_len + 1);
    CHECK(is(last(), expect("compiler_free_code: length %zu does not match the %zu bytes handed out at %p; nothing was freed",
                            len + 1, len, (void *)r.code_ptr)),
          "wrong length: %s", last());
    compiler_free_string((char *)r.code_ptr);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_string", (void *)r.code_ptr, "a string")), "code as string: %s", last());
    compiler_free_code((uint8_t *)s, strlen(s));
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_code", (void *)s, "code")), "string as code: %s", last());
    compiler_free_code(r.code_ptr, r.code_len);
    CHECK(compiler_get_last_error() == NULL, "free_code after refusals: %s", last());
    compiler_free_code(r.code_ptr, r.code_len);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_code", (void *)r.code_ptr, "code")), "free code twice: %s", last());

    r = compiler_instantiate_template(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_BAD_TYPES);
    CHECK(!r.success && !r.code_ptr && is(r.error_message, FAKE_BAD_TYPES_ERROR) && is(last(), FAKE_BAD_TYPES_ERROR),
          "failed instantiate: %s / %s", r.error_message, last());
    compiler_free_string(r.error_message);
    CHECK(compiler_get_last_error() == NULL, "error_message is freed with free_string: %s", last());

    compiler_free_string(NULL);
    CHECK(compiler_get_last_error() == NULL, "free_string(NULL): %s", last());
    compiler_free_code(NULL, 3);
    CHECK(compiler_get_last_error() == NULL, "free_code(NULL): %s", last());

    pthread_t t;
    pthread_create(&t, NULL, free_foreign_thread, &s);
    pthread_join(t, NULL);

    /* Eight threads free the same strings at once: each is freed exactly once. */
    for (int i = 0; i < RACED; i++) raced[i] = compiler_infer_types(ctx, FAKE_ID, FAKE_HINT);
    run_threads(8, race_free);
    CHECK(race_freed == RACED && race_refused == 7 * RACED, "free race: %ld freed, %ld refused", (long)race_freed,
          (long)race_refused);
}

/* ---- arguments, protocol failures, reopening, uninstall ---- */

static void calls(CompilerContextImpl *ctx) {
    CHECK(!compiler_infer_types(ctx, NULL, FAKE_HINT) && is(last(), "compiler_infer_types: template_json is NULL"),
          "NULL template_json: %s", last());
    CHECK(!compiler_infer_types(ctx, FAKE_ID, NULL) && is(last(), "compiler_infer_types: hints_json is NULL"),
          "NULL hints_json: %s", last());
    CHECK(!compiler_check_types(ctx, NULL, 3) && is(last(), "compiler_check_types: code is NULL"), "NULL code: %s", last());
    CHECK(!compiler_infer_types(ctx, "not json", FAKE_HINT) && is(last(), FAKE_BAD_JSON_ERROR), "bad JSON: %s", last());
    CHECK(!compiler_check_types(ctx, u8(FAKE_BROKEN), strlen(FAKE_BROKEN)) && is(last(), FAKE_BROKEN_ERROR),
          "broken template: %s", last());
    CHECK(compiler_check_types(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE)) && compiler_get_last_error() == NULL,
          "check (a reply without data): %s", last());
    /* The upcall replied, then returned 0 as JNR does for an escaped exception: the reply is not
     * trusted, and freed (leak check). */
    CHECK(!compiler_infer_types(ctx, FAKE_THROW, FAKE_HINT) &&
              is(last(), "compiler_infer_types: internal error: the bridge returned no reply"),
          "upcall returned 0: %s", last());
    char *backends = compiler_list_backends();
    CHECK(is(backends, FAKE_BACKENDS), "list_backends: %s (%s)", backends, last());
    compiler_free_string(backends);
    CHECK(simplec_ping() == 0 && compiler_get_last_error() == NULL, "ping: %s", last());

    /* A new bridge knows no sessions: the shim reopens them, with their pins, transparently. */
    CompilerContextImpl *arm = compiler_create_context_for("aarch64");
    fake_forget_sessions();
    long opens = fake_opens();
    char *stats = compiler_stats(arm);
    CHECK(is(stats, "{\"backend\":\"aarch64\"}") && fake_opens() == opens + 1, "reopened pinned context: %s (%s)", stats,
          last());
    compiler_free_string(stats);
    char *types = compiler_infer_types(ctx, FAKE_ID, FAKE_HINT);
    CHECK(is(types, FAKE_I64) && fake_opens() == opens + 2, "reopened context: %s (%s)", types, last());
    compiler_free_string(types);

    /* While no bridge is installed, calls fail with "platform unavailable" and never wait. */
    fake_uninstall();
    CHECK(!compiler_create_context() && is(last(), expect(UNAVAILABLE, "compiler_create_context")),
          "create while uninstalled: %s", last());
    CHECK(simplec_ping() == -1 && is(last(), expect(UNAVAILABLE, "simplec_ping")), "ping while uninstalled: %s", last());
    CHECK(!compiler_stats(ctx) && is(last(), expect(UNAVAILABLE, "compiler_stats")), "stats while uninstalled: %s", last());
    compiler_destroy_context(arm);
    CHECK(is(last(), expect(UNAVAILABLE, "compiler_destroy_context")), "destroy while uninstalled: %s", last());
    CHECK(!compiler_stats(arm) && is(last(), expect(INVALID, "compiler_stats", (void *)arm)),
          "a context destroyed while uninstalled is gone: %s", last());
    CHECK(fake_install() == SIMPLEC_ABI_VERSION, "install returns the ABI version");
    fake_forget_sessions();
    stats = compiler_stats(ctx);
    CHECK(stats != NULL, "after reinstalling: %s", last());
    compiler_free_string(stats);
}

/* ---- last error, per thread ---- */

static pthread_barrier_t barrier;

static void *own_error(void *arg) {
    long t = (long)arg;
    CompilerContextImpl *bad = forged(t);
    compiler_stats(bad);
    const char *mine = compiler_get_last_error();
    CHECK(is(mine, expect(INVALID, "compiler_stats", (void *)bad)), "thread %ld sets its error: %s", t, last());
    pthread_barrier_wait(&barrier); /* every thread has now set its own error */
    CHECK(compiler_get_last_error() == mine && is(mine, expect(INVALID, "compiler_stats", (void *)bad)),
          "thread %ld keeps its own error while others set theirs: %s", t, last());
    pthread_barrier_wait(&barrier);
    compiler_abi_version();
    CHECK(compiler_get_last_error() == NULL, "thread %ld: a success clears the error: %s", t, last());
    compiler_destroy_context(bad); /* ends with an error set: freed at thread exit (leak check) */
    return NULL;
}

static void last_errors(void) {
    pthread_barrier_init(&barrier, NULL, 8);
    run_threads(8, own_error);
    pthread_barrier_destroy(&barrier);
}

/* ---- JIT memory ---- */

static void jit(CompilerContextImpl *ctx) {
    size_t len;
    fake_double_code(fake_host_backend(), &len);
    long wrapped = wrapped_calls;
    char path[64], want[128], got[256];
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
    unlink(path); /* left by an earlier process with this pid, it would hide our line */
    setenv("SIMPLEC_PERF_MAP", "1", 1);
    int64_t (*dbl)(int64_t) = (int64_t (*)(int64_t))compiler_jit_load(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_I64);
    unsetenv("SIMPLEC_PERF_MAP");
    CHECK(dbl != NULL && compiler_get_last_error() == NULL, "jit_load: %s", last());
    if (!dbl) return;
    CHECK(wrapped_calls >= wrapped + 2, "the shim's mmap and mprotect went through the W^X watch");
    CHECK(dbl(21) == 42, "the loaded code runs");
    char perms[8] = "", line[512] = "";
    CHECK(perms_of((void *)dbl, perms) && strcmp(perms, "r-xp") == 0, "JIT code mapped %s, not r-xp", perms);
    CHECK(rwx_mappings(line, sizeof line) == 0, "while JIT code is mapped, a mapping is writable and executable: %s", line);

    snprintf(want, sizeof want, "%lx %zx simplec:double\n", (unsigned long)(uintptr_t)dbl, len);
    FILE *map = fopen(path, "r");
    CHECK(map && fgets(got, sizeof got, map) && strcmp(got, want) == 0, "perf map line: %s", map ? got : "no file");
    if (map) fclose(map);
    unlink(path);

    compiler_free_code((uint8_t *)dbl, 4096);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_free_code", (void *)dbl, "code")), "JIT code as code: %s", last());
    compiler_jit_free((void *)dbl);
    CHECK(compiler_get_last_error() == NULL, "jit_free: %s", last());
    CHECK(!perms_of((void *)dbl, perms), "freed JIT code is still mapped %s", perms);
    compiler_jit_free((void *)dbl);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_jit_free", (void *)dbl, "a JIT function")), "jit_free twice: %s", last());
    compiler_jit_free(NULL);
    CHECK(compiler_get_last_error() == NULL, "jit_free(NULL): %s", last());

    CompilationResult r = compiler_instantiate_template(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_I64);
    compiler_jit_free(r.code_ptr);
    CHECK(is(last(), expect(NOT_HANDED_OUT, "compiler_jit_free", (void *)r.code_ptr, "a JIT function")), "code as JIT: %s", last());
    compiler_free_code(r.code_ptr, r.code_len);

    CHECK(!compiler_jit_load(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_BAD_TYPES) && is(last(), FAKE_BAD_TYPES_ERROR),
          "jit_load of bad types: %s", last());
    CHECK(!compiler_jit_load(NULL, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_I64) &&
              is(last(), "compiler_jit_load: invalid context handle (nil)"),
          "jit_load(NULL): %s", last());
    CHECK(!compiler_jit_load(ctx, NULL, 5, FAKE_I64) && is(last(), "compiler_jit_load: template_bytes is NULL"),
          "NULL template: %s", last());
    CHECK(!compiler_jit_load(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), NULL) && is(last(), "compiler_jit_load: types_json is NULL"),
          "NULL types: %s", last());
}

/* ---- 8 threads of mixed calls while the bridge is updated under them ---- */

#define WORKERS 8
#define CALLS 10000
#define KINDS 10
static CompilerContextImpl *shared, *shared_arm;
static atomic_int stress_over;
static atomic_long answered[KINDS], unavailable_seen, calls_made, scans, rwx_seen;
static char rwx_line[512];

/* A call of kind k gave the right answer (ok), or failed only because a simulated bridge update
 * was under way. Answers are counted per kind, so a shim that is always "unavailable" fails. */
static int right(int k, int ok, const char *fn) {
    if (ok) {
        atomic_fetch_add(&answered[k], 1);
        return 1;
    }
    if (!is(compiler_get_last_error(), expect(UNAVAILABLE, fn))) return 0;
    atomic_fetch_add(&unavailable_seen, 1);
    return 1;
}

static int instantiate(int k, CompilerContextImpl *ctx, const char *backend) {
    size_t len;
    const uint8_t *want = fake_double_code(backend, &len);
    CompilationResult r = compiler_instantiate_template(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_I64);
    int ok = r.success && r.code_len == len && memcmp(r.code_ptr, want, len) == 0;
    if (r.success) {
        compiler_free_code(r.code_ptr, r.code_len);
        return right(k, ok && !compiler_get_last_error(), "compiler_free_code");
    }
    ok = is(r.error_message, last()) && right(k, 0, "compiler_instantiate_template");
    compiler_free_string(r.error_message);
    return ok;
}

static void *worker(void *arg) {
    long t = (long)arg;
    CompilerContextImpl *mine = compiler_create_context();
    for (long i = 0; i < CALLS; i++) {
        CompilerContextImpl *ctx = (i / KINDS) % 2 && mine ? mine : shared;
        int k = (int)(i % KINDS);
        atomic_fetch_add(&calls_made, 1);
        switch (k) {
        case 0: {
            char *s = compiler_infer_types(ctx, FAKE_ID, FAKE_HINT);
            CHECK(right(k, is(s, FAKE_I64), "compiler_infer_types"), "t%ld #%ld infer: %s", t, i, last());
            compiler_free_string(s);
            break;
        }
        case 1:
            CHECK(!compiler_infer_types(ctx, "not json", FAKE_HINT) &&
                      right(k, is(last(), FAKE_BAD_JSON_ERROR), "compiler_infer_types"),
                  "t%ld #%ld bad JSON: %s", t, i, last());
            break;
        case 2:
            CHECK(right(k, compiler_check_types(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE)), "compiler_check_types"),
                  "t%ld #%ld check: %s", t, i, last());
            break;
        case 3:
            CHECK(!compiler_check_types(ctx, u8(FAKE_BROKEN), strlen(FAKE_BROKEN)) &&
                      right(k, is(last(), FAKE_BROKEN_ERROR), "compiler_check_types"),
                  "t%ld #%ld broken template: %s", t, i, last());
            break;
        case 4:
            CHECK(instantiate(k, ctx, fake_host_backend()), "t%ld #%ld instantiate: %s", t, i, last());
            break;
        case 5: /* the pin survives reopening after each update */
            CHECK(instantiate(k, shared_arm, "aarch64"), "t%ld #%ld instantiate for aarch64: %s", t, i, last());
            break;
        case 6: {
            int64_t (*dbl)(int64_t) =
                (int64_t (*)(int64_t))compiler_jit_load(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_I64);
            CHECK(right(k, dbl && dbl(i) == 2 * i, "compiler_jit_load"), "t%ld #%ld jit: %s", t, i, last());
            compiler_jit_free((void *)dbl);
            CHECK(compiler_get_last_error() == NULL, "t%ld #%ld jit_free: %s", t, i, last());
            break;
        }
        case 7: /* checked before the gate: never "unavailable" */
            CHECK(!compiler_stats(forged(t)) && right(k, is(last(), expect(INVALID, "compiler_stats", (void *)forged(t))), ""),
                  "t%ld #%ld forged handle: %s", t, i, last());
            break;
        case 8: {
            CompilationResult r = compiler_instantiate_template(ctx, u8(FAKE_DOUBLE), strlen(FAKE_DOUBLE), FAKE_BAD_TYPES);
            CHECK(!r.success && is(r.error_message, last()) &&
                      right(k, is(r.error_message, FAKE_BAD_TYPES_ERROR), "compiler_instantiate_template"),
                  "t%ld #%ld bad types: %s", t, i, r.error_message);
            compiler_free_string(r.error_message);
            break;
        }
        case 9: /* private contexts come and go */
            if (mine) {
                compiler_destroy_context(mine);
                CHECK(right(k, !compiler_get_last_error(), "compiler_destroy_context"), "t%ld #%ld destroy: %s", t, i,
                      last());
            }
            mine = compiler_create_context();
            CHECK(right(k, mine != NULL, "compiler_create_context"), "t%ld #%ld create: %s", t, i, last());
            break;
        }
    }
    if (mine) compiler_destroy_context(mine);
    return NULL;
}

static void *watch_maps(void *arg) {
    (void)arg;
    while (!atomic_load(&stress_over)) {
        char line[512];
        if (rwx_mappings(line, sizeof line) > 0 && atomic_fetch_add(&rwx_seen, 1) == 0)
            snprintf(rwx_line, sizeof rwx_line, "%s", line);
        atomic_fetch_add(&scans, 1);
    }
    return NULL;
}

static void *workers(void *arg) {
    (void)arg;
    run_threads(WORKERS, worker);
    atomic_store(&stress_over, 1);
    return NULL;
}

static void stress(void) {
    shared = compiler_create_context();
    shared_arm = compiler_create_context_for("aarch64");
    CHECK(shared && shared_arm, "shared contexts: %s", last());
    pthread_t run, watch;
    pthread_create(&watch, NULL, watch_maps, NULL);
    pthread_create(&run, NULL, workers, NULL);
    long updates = 0;
    while (!atomic_load(&stress_over)) { /* a bridge update every 20 ms */
        nanosleep(&(struct timespec){0, 20000000}, NULL);
        fake_uninstall();
        fake_forget_sessions();
        nanosleep(&(struct timespec){0, 200000}, NULL);
        fake_install();
        updates++;
    }
    pthread_join(run, NULL);
    pthread_join(watch, NULL);
    CHECK(fake_violations() == 0, "%ld upcalls reached the platform after simplec_uninstall returned", fake_violations());
    CHECK(updates > 0 && scans > 0, "%ld updates, %ld scans of /proc/self/maps", updates, (long)scans);
    CHECK(rwx_seen == 0, "%ld scans saw a writable and executable mapping: %s", (long)rwx_seen, rwx_line);
    for (int k = 0; k < KINDS; k++) CHECK(answered[k] > 0, "no call of kind %d was answered", k);
    printf("stress: %d threads, %ld calls, %ld bridge updates, %ld failed with \"platform unavailable\" in an update, "
           "%ld scans of /proc/self/maps\n",
           WORKERS, (long)calls_made, updates, (long)unavailable_seen, (long)scans);
    compiler_destroy_context(shared);
    compiler_destroy_context(shared_arm);
}

int main(void) {
    no_jvm();
    CHECK(fake_install() == SIMPLEC_ABI_VERSION, "install returns the ABI version");
    handles();
    CompilerContextImpl *ctx = compiler_create_context();
    CHECK(ctx != NULL, "create: %s", last());
    ownership(ctx);
    calls(ctx);
    last_errors();
    jit(ctx);
    compiler_destroy_context(ctx);
    stress();
    CHECK(wx_requests == 0, "%ld mmap/mprotect calls asked for writable and executable memory", (long)wx_requests);
    CHECK(fake_sessions() == 0, "%ld sessions left open", fake_sessions());
    compiler_abi_version(); /* the main thread's error is not freed by a thread exit */
    printf("%ld passed, %ld failed\n", (long)passed, (long)failed);
    return failed ? 1 : 0;
}

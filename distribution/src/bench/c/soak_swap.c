/*
 * soak_swap.c — the C ABI under a long mixed load while the x86-64 backend is replaced again and
 * again (SPEC §7). The platform is hosted in this process (mode b). 8 native threads make good and
 * bad calls on shared and private contexts; a swapper thread replaces the only x86-64 backend jar
 * in the platform's FileInstall folder every few seconds (1.0.1 <-> 1.0.2) and waits until the
 * new version is active; the main thread reports progress. Every answer is checked: a failure
 * that is not the expected answer to bad input is "unexpected" and makes the exit status 1.
 * Run by run-soak.sh (docs/reliability.md, "Soak"), which builds the jars and a private platform.
 *   soak_swap <seconds> <deploy-dir> <x86-jar-1.0.1> <x86-jar-1.0.2> [report-every-s] [swap-every-s]
 * deploy-dir/soak-x86.jar must be the 1.0.1 jar when it starts.
 */
#include <compiler_ffi.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THREADS 8

static const char I64[] = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
static const char F64[] = "[{\"kind\":\"float\",\"bits\":64}]";
static const char BAD_TYPES[] = "[{\"kind\":\"int\",\"bits\":12,\"signed\":true}]";
static const char BAD_TYPES_ERROR[] = "types_json: $[0].bits: 12 is not a valid int width (8, 16, 32, 64)";
static const char ID[] = "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}";
static const char HINT_I64[] = "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]";
static const char HINT_F64[] = "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"float\",\"bits\":64}}]";
static const char BAD_JSON[] = "{\"name\":\"id\",\"params\":[{\"name\":";
static const char DOUBLE[] = "fn double<T: Num>(x: T) -> T { x + x }";
static const char BROKEN[] = "fn broken<T>(x: T) -> T { x + }";

/* What a call came to. The first group answers good or bad input as it should. */
enum kind { OK, BAD_JSON_K, BAD_TEMPLATE_K, BAD_TYPES_K, BAD_HANDLE_K, EXPECTED_KINDS,
            UNAVAILABLE = EXPECTED_KINDS, FAILED, WRONG_ANSWER, WRONG_ERROR, SWAP_TIMEOUT, KINDS };
static const char *const kind_name[KINDS] = {"ok", "bad_json", "bad_template", "bad_types", "bad_handle",
                                             "unavailable", "failed", "wrong_answer", "wrong_error", "swap_timeout"};
static atomic_long counts[KINDS], calls, swaps;
static atomic_int stop;
static struct timespec started;

/* The message each kind of bad input gave first: every later one must be the same. */
static pthread_mutex_t first_mu = PTHREAD_MUTEX_INITIALIZER;
static char *first_error[EXPECTED_KINDS];

/* double<i64> as each backend compiles it, taken before the load starts: every swap must give the same. */
static uint8_t reference[2][64];
static size_t reference_len[2];

static CompilerContextImpl *shared, *shared_arm;

static double elapsed(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - started.tv_sec) + (double)(now.tv_nsec - started.tv_nsec) / 1e9;
}

static long rss_kib(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = -1;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* malloc's bytes in use by the whole process (the shim, jffi, the JVM's own mallocs) and the bytes
 * it holds from the system: in use flat while RSS grows is fragmentation, not a leak. */
static void malloc_kib(long *in_use, long *held) {
    struct mallinfo2 m = mallinfo2();
    *in_use = (long)((m.uordblks + m.hblkhd) / 1024);
    *held = (long)((m.arena + m.hblkhd) / 1024);
}

static const char *last(void) {
    const char *e = compiler_get_last_error();
    return e ? e : "(no error)";
}

/* Counts an outcome; unexpected ones are printed (the first 50), with where and why. */
static void outcome(enum kind k, long thread, const char *what, const char *fmt, ...) {
    atomic_fetch_add(&counts[k], 1);
    if (k < EXPECTED_KINDS) return;
    static atomic_long printed;
    if (atomic_fetch_add(&printed, 1) >= 50) return;
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "[%6.1fs] UNEXPECTED %s: thread %ld, %s: %s\n", elapsed(), kind_name[k], thread, what, text);
}

/* A good call failed: "platform unavailable" is told apart, since a backend update must not cause it. */
static void failed(long t, const char *what) {
    outcome(strstr(last(), "platform unavailable") ? UNAVAILABLE : FAILED, t, what, "%s", last());
}

/* Bad input was refused: with a message of the right form, the same every time. */
static void refused(long t, enum kind k, const char *what, const char *prefix) {
    const char *e = compiler_get_last_error();
    if (!e || strncmp(e, prefix, strlen(prefix)) != 0) {
        outcome(WRONG_ERROR, t, what, "%s", e ? e : "(no error)");
        return;
    }
    pthread_mutex_lock(&first_mu);
    if (!first_error[k]) first_error[k] = strdup(e);
    int same = first_error[k] && strcmp(first_error[k], e) == 0;
    pthread_mutex_unlock(&first_mu);
    if (same) outcome(k, t, what, "%s", e);
    else outcome(WRONG_ERROR, t, what, "%s (first time: %s)", e, first_error[k]);
}

static void instantiate(long t, CompilerContextImpl *ctx, int arm) {
    const char *what = arm ? "instantiate double<i64> for aarch64" : "instantiate double<i64>";
    CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    if (!r.success) {
        failed(t, what);
        compiler_free_string(r.error_message);
        return;
    }
    int same = r.code_len == reference_len[arm] && memcmp(r.code_ptr, reference[arm], r.code_len) == 0;
    compiler_free_code(r.code_ptr, r.code_len);
    if (!same) outcome(WRONG_ANSWER, t, what, "%zu bytes, not the %zu bytes of the first compile", r.code_len,
                       reference_len[arm]);
    else if (compiler_get_last_error()) failed(t, "free_code");
    else outcome(OK, t, what, "");
}

static void infer(long t, CompilerContextImpl *ctx, const char *hint, const char *want) {
    char *s = compiler_infer_types(ctx, ID, hint);
    if (!s) failed(t, "infer_types");
    else if (strcmp(s, want) != 0) outcome(WRONG_ANSWER, t, "infer_types", "%s, not %s", s, want);
    else outcome(OK, t, "infer_types", "");
    compiler_free_string(s);
}

static void one_call(long t, long i, CompilerContextImpl **mine) {
    CompilerContextImpl *ctx = (i / 12) % 2 && *mine ? *mine : shared;
    switch (i % 12) {
    case 0: infer(t, ctx, HINT_I64, I64); break;
    case 1: infer(t, ctx, HINT_F64, F64); break;
    case 2:
        if (compiler_infer_types(ctx, BAD_JSON, HINT_I64)) outcome(WRONG_ANSWER, t, "infer_types of bad JSON", "accepted");
        else refused(t, BAD_JSON_K, "infer_types of bad JSON", "template_json: $");
        break;
    case 3:
        if (compiler_check_types(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE))) outcome(OK, t, "check_types", "");
        else failed(t, "check_types");
        break;
    case 4:
        if (compiler_check_types(ctx, (const uint8_t *)BROKEN, strlen(BROKEN)))
            outcome(WRONG_ANSWER, t, "check_types of a broken template", "accepted");
        else refused(t, BAD_TEMPLATE_K, "check_types of a broken template", "template:1:");
        break;
    case 5: instantiate(t, ctx, 0); break;
    case 6: instantiate(t, shared_arm, 1); break;
    case 7: {
        int64_t (*dbl)(int64_t) = (int64_t (*)(int64_t))compiler_jit_load(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
        if (!dbl) {
            failed(t, "jit_load");
            break;
        }
        int64_t got = dbl(i);
        compiler_jit_free((void *)dbl);
        if (got != 2 * i) outcome(WRONG_ANSWER, t, "jit double", "double(%ld) = %lld", i, (long long)got);
        else if (compiler_get_last_error()) failed(t, "jit_free");
        else outcome(OK, t, "jit_load", "");
        break;
    }
    case 8: {
        CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), BAD_TYPES);
        if (r.success) {
            outcome(WRONG_ANSWER, t, "instantiate with bad types", "accepted");
            compiler_free_code(r.code_ptr, r.code_len);
        } else {
            refused(t, BAD_TYPES_K, "instantiate with bad types", BAD_TYPES_ERROR);
        }
        compiler_free_string(r.error_message);
        break;
    }
    case 9: { /* a made-up handle: a real slot index with a generation no context reaches */
        CompilerContextImpl *forged = (CompilerContextImpl *)(uintptr_t)((0xfffffff0ull + (uint64_t)t) << 32 | 1);
        char want[96];
        snprintf(want, sizeof want, "compiler_stats: invalid context handle %p", (void *)forged);
        if (compiler_stats(forged)) outcome(WRONG_ANSWER, t, "stats of a forged handle", "accepted");
        else if (strcmp(last(), want) != 0) outcome(WRONG_ERROR, t, "stats of a forged handle", "%s", last());
        else outcome(BAD_HANDLE_K, t, "stats of a forged handle", "");
        break;
    }
    case 10: {
        char *s = compiler_stats(ctx);
        if (!s) failed(t, "stats");
        else if (strncmp(s, "{\"serialize\":{", 14) != 0) outcome(WRONG_ANSWER, t, "stats", "%s", s);
        else outcome(OK, t, "stats", "");
        compiler_free_string(s);
        break;
    }
    case 11: /* private contexts come and go */
        if (i % 600 != 11) {
            char *s = compiler_list_backends();
            if (!s) failed(t, "list_backends");
            /* x86_64 is absent for a moment while its bundle is updated: that is the truth, not a failure. */
            else outcome(strncmp(s, "[{", 2) == 0 && strstr(s, "\"name\":\"aarch64\"") ? OK : WRONG_ANSWER, t,
                         "list_backends", "%s", s);
            compiler_free_string(s);
            break;
        }
        if (*mine) {
            compiler_destroy_context(*mine);
            if (compiler_get_last_error()) failed(t, "destroy_context");
        }
        *mine = compiler_create_context();
        if (*mine) outcome(OK, t, "create_context", "");
        else failed(t, "create_context");
        break;
    }
}

static void *worker(void *arg) {
    long t = (long)arg;
    CompilerContextImpl *mine = compiler_create_context();
    if (!mine) failed(t, "create_context");
    for (long i = 0; !atomic_load(&stop); i++) {
        one_call(t, i, &mine);
        atomic_fetch_add(&calls, 1);
    }
    if (mine) compiler_destroy_context(mine);
    return NULL;
}

/* ---- backend updates through FileInstall ---- */

static const char *deploy_dir, *jar_path[2];
static double swap_every, swap_max_s;
static const char *const versions[2] = {"1.0.1", "1.0.2"}; /* of jar_path[0], jar_path[1] */
static const char *active_version = "1.0.1";
static pthread_mutex_t active_mu = PTHREAD_MUTEX_INITIALIZER;

static int copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) ok = fwrite(buf, 1, n, out) == n;
    if (in) fclose(in);
    if (out && fclose(out) != 0) ok = 0;
    return ok ? 0 : -1;
}

/* Puts the jar in place in one step (rename), so FileInstall never reads half a jar. */
static int drop_jar(const char *jar, const char *target) {
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/../soak-x86.jar.part", deploy_dir);
    return copy_file(jar, tmp) == 0 && rename(tmp, target) == 0 ? 0 : -1;
}

static int x86_active(const char *version) {
    char want[128];
    snprintf(want, sizeof want, "\"name\":\"x86_64\",\"arch\":\"x86_64\",\"version\":\"%s\",\"active\":true", version);
    char *s = compiler_list_backends();
    int yes = s && strstr(s, want);
    compiler_free_string(s);
    return yes;
}

/* Sleeps s seconds, or until the run stops. */
static void sleep_s(double s) {
    for (double until = elapsed() + s; !atomic_load(&stop) && elapsed() < until;) usleep(100000);
}

/* Replaces the jar with the other version every swap_every seconds: FileInstall updates the bundle
 * in place. It is the only x86_64 backend (run-soak.sh moved the one in bundles/ away), so calls
 * made during an update must wait for the new backend (simplec.backend.swapWaitMillis), not fail. */
static void *swapper(void *arg) {
    (void)arg;
    char target[4200];
    snprintf(target, sizeof target, "%s/soak-x86.jar", deploy_dir);
    for (long n = 1;; n++) {
        sleep_s(swap_every);
        if (atomic_load(&stop)) break;
        const char *version = versions[n % 2];
        if (drop_jar(jar_path[n % 2], target) != 0) {
            outcome(SWAP_TIMEOUT, -1, "backend swap", "cannot write %s", target);
            continue;
        }
        double t0 = elapsed();
        while (!atomic_load(&stop) && !x86_active(version) && elapsed() - t0 < 30) usleep(20000);
        if (atomic_load(&stop)) break;
        double took = elapsed() - t0;
        if (took >= 30) {
            outcome(SWAP_TIMEOUT, -1, "backend swap", "x86_64 %s not active 30 s after its jar was dropped", version);
            continue;
        }
        atomic_fetch_add(&swaps, 1);
        pthread_mutex_lock(&active_mu);
        active_version = version;
        if (took > swap_max_s) swap_max_s = took;
        pthread_mutex_unlock(&active_mu);
    }
    return NULL;
}

/* ---- reports ---- */

static long unexpected(void) {
    long n = 0;
    for (int k = EXPECTED_KINDS; k < KINDS; k++) n += atomic_load(&counts[k]);
    return n;
}

static void kinds(char *out, size_t cap, int from, int to) {
    size_t used = 0;
    out[0] = 0;
    for (int k = from; k < to && used < cap; k++)
        used += (size_t)snprintf(out + used, cap - used, "%s%s %ld", k == from ? "" : " ", kind_name[k], (long)counts[k]);
}

static void report(double *last_t, long *last_calls) {
    double now = elapsed();
    long c = atomic_load(&calls);
    char expected[256];
    kinds(expected, sizeof expected, BAD_JSON_K, EXPECTED_KINDS);
    long in_use, held;
    malloc_kib(&in_use, &held);
    pthread_mutex_lock(&active_mu);
    printf("[%6.0fs] calls %ld (%.0f/s)  ok %ld  expected failures: %s  unexpected %ld  updates %ld (x86_64 %s)  rss %ld KiB"
           "  malloc %ld KiB in use, %ld KiB held\n",
           now, c, (double)(c - *last_calls) / (now - *last_t), (long)counts[OK], expected, unexpected(), (long)swaps,
           active_version, rss_kib(), in_use, held);
    pthread_mutex_unlock(&active_mu);
    *last_t = now;
    *last_calls = c;
}

static int take_reference(CompilerContextImpl *ctx, int arm) {
    CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    if (!r.success || r.code_len > sizeof reference[arm]) {
        fprintf(stderr, "soak: instantiate double<i64>: %s\n", r.success ? "code too long" : r.error_message);
        return -1;
    }
    memcpy(reference[arm], r.code_ptr, r.code_len);
    reference_len[arm] = r.code_len;
    compiler_free_code(r.code_ptr, r.code_len);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: soak_swap <seconds> <deploy-dir> <x86-jar-1.0.1> <x86-jar-1.0.2> [report-every-s] "
                        "[swap-every-s]\n");
        return 2;
    }
    double duration = atof(argv[1]), every = argc > 5 ? atof(argv[5]) : 30;
    deploy_dir = argv[2];
    jar_path[0] = argv[3];
    jar_path[1] = argv[4];
    swap_every = argc > 6 ? atof(argv[6]) : 5;
    setvbuf(stdout, NULL, _IOLBF, 0);
    clock_gettime(CLOCK_MONOTONIC, &started);

    shared = compiler_create_context(); /* boots the JVM and Felix */
    if (!shared) {
        fprintf(stderr, "soak: %s\n", last());
        return 2;
    }
    /* The backend comes from deploy/, which FileInstall reads once the framework is up. */
    while (!x86_active(versions[0]) && elapsed() < 60) usleep(20000);
    if (!x86_active(versions[0])) {
        fprintf(stderr, "soak: x86_64 %s from %s/soak-x86.jar is not active after 60 s\n", versions[0], deploy_dir);
        return 2;
    }
    shared_arm = compiler_create_context_for("aarch64");
    if (!shared_arm || take_reference(shared, 0) < 0 || take_reference(shared_arm, 1) < 0) {
        fprintf(stderr, "soak: %s\n", last());
        return 2;
    }
    long rss_start = rss_kib(), rss_max = rss_start, rss_warm = -1;
    /* RSS swings by several MiB with each swap (the JIT's arenas while it compiles the new backend),
     * so a trend is read from each quarter's maximum, not from single samples. */
    long quarter_max[4] = {0, 0, 0, 0};
    printf("soak: %.0f s, %d threads, a backend swap every %.0f s, a report every %.0f s; platform up in %.2f s, rss %ld KiB\n",
           duration, THREADS, swap_every, every, elapsed(), rss_start);
    clock_gettime(CLOCK_MONOTONIC, &started); /* from here on, times are since the load started */

    pthread_t threads[THREADS], swap;
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, worker, (void *)t);
    pthread_create(&swap, NULL, swapper, NULL);

    double last_t = elapsed(), next_report = every, warm_at = duration / 10 < 60 ? duration / 10 : 60;
    long last_calls = 0, stalled_since_calls = -1;
    double stalled_since = 0;
    while (elapsed() < duration) {
        sleep(1);
        long rss = rss_kib(), c = atomic_load(&calls);
        if (rss > rss_max) rss_max = rss;
        int q = (int)(elapsed() * 4 / duration);
        if (q > 3) q = 3;
        if (rss > quarter_max[q]) quarter_max[q] = rss;
        if (rss_warm < 0 && elapsed() >= warm_at) rss_warm = rss;
        if (elapsed() >= next_report) {
            report(&last_t, &last_calls);
            next_report += every;
        }
        /* A deadlock is as bad as a crash: no call finished for 60 s ends the run. */
        if (c != stalled_since_calls) {
            stalled_since_calls = c;
            stalled_since = elapsed();
        } else if (elapsed() - stalled_since > 60) {
            fprintf(stderr, "[%6.1fs] UNEXPECTED stall: no call finished for 60 s\n", elapsed());
            fflush(NULL);
            _exit(1);
        }
    }
    atomic_store(&stop, 1);
    for (int t = 0; t < THREADS; t++) pthread_join(threads[t], NULL);
    pthread_join(swap, NULL);
    compiler_destroy_context(shared);
    compiler_destroy_context(shared_arm);

    char expected[256], bad[256];
    kinds(expected, sizeof expected, BAD_JSON_K, EXPECTED_KINDS);
    kinds(bad, sizeof bad, EXPECTED_KINDS, KINDS);
    long rss_end = rss_kib();
    printf("calls: %ld in %.0f s by %d threads, ok %ld\n", (long)calls, elapsed(), THREADS, (long)counts[OK]);
    printf("backend updates: %ld (x86_64 1.0.1 <-> 1.0.2), slowest took effect in %.2f s\n", (long)swaps, swap_max_s);
    printf("expected failures (bad input): %s\n", expected);
    printf("unexpected failures: %ld (%s)\n", unexpected(), bad);
    printf("rss: %ld KiB at start, %ld KiB after warm-up (%.0f s), %ld KiB max, %ld KiB at end\n", rss_start, rss_warm,
           warm_at, rss_max, rss_end);
    printf("rss max per quarter of the run: %ld, %ld, %ld, %ld KiB; last quarter - third: %+ld KiB\n", quarter_max[0],
           quarter_max[1], quarter_max[2], quarter_max[3], quarter_max[3] - quarter_max[2]);
    for (int k = 0; k < EXPECTED_KINDS; k++) free(first_error[k]);
    return unexpected() ? 1 : 0;
}

/*
 * abi_bench.c — what the C ABI costs, measured from C (SPEC §8), beside libtcc compiling the
 * equivalent C in memory in the same run. No assertions: it prints a table.
 *   abi_bench <dir with kernel30.spt and kernel30.c> [iterations]
 */
#include <compiler_ffi.h>
#include <dlfcn.h>
#include <jni.h>
#include <libtcc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int simplec_ping(void); /* internal: one empty round trip C -> Java -> C */

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, cmp);
    return v[n / 2];
}

static char *slurp(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc(n + 64);
    if (fread(s, 1, n, f) != (size_t)n) exit(2);
    s[n] = 0;
    fclose(f);
    return s;
}

static const char I64[] = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
static const char ID[] = "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}";
static const char HINT[] = "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]";
static const char DOUBLE[] = "fn double<T: Num>(x: T) -> T { x + x }";

/* Instantiates `src` made unique with a trailing comment (numbered across the whole run, so
 * warm-up texts never come back), so no cache can answer: the full parse, check, lower and
 * codegen path. */
static long unique;

static double instantiate_uncached(CompilerContextImpl *ctx, const char *src, int n) {
    size_t len = strlen(src);
    char *buf = malloc(len + 32);
    double *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) {
        int m = snprintf(buf, len + 32, "%s\n// %ld\n", src, unique++);
        double t0 = now_ns();
        CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)buf, m, I64);
        t[i] = now_ns() - t0;
        if (!r.success) { fprintf(stderr, "instantiate: %s\n", r.error_message); exit(1); }
        compiler_free_code(r.code_ptr, r.code_len);
    }
    double med = median(t, n);
    free(t);
    free(buf);
    return med;
}

static double instantiate_cached(CompilerContextImpl *ctx, const char *src, int n) {
    double *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) {
        double t0 = now_ns();
        CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)src, strlen(src), I64);
        t[i] = now_ns() - t0;
        if (!r.success) { fprintf(stderr, "instantiate: %s\n", r.error_message); exit(1); }
        compiler_free_code(r.code_ptr, r.code_len);
    }
    double med = median(t, n);
    free(t);
    return med;
}

/* One libtcc compile of c_src in memory, timed (its delete is not). */
static double libtcc_once(const char *c_src) {
    double t0 = now_ns();
    TCCState *s = tcc_new();
    tcc_set_options(s, "-nostdlib");
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    if (tcc_compile_string(s, c_src) < 0 || tcc_relocate(s, TCC_RELOCATE_AUTO) < 0) {
        fprintf(stderr, "libtcc failed\n");
        exit(1);
    }
    double t = now_ns() - t0;
    tcc_delete(s);
    return t;
}

static double libtcc_compile(const char *c_src, int n) {
    double *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) t[i] = libtcc_once(c_src);
    double med = median(t, n);
    free(t);
    return med;
}

/* The two compilers taking turns, TURN compiles each, n samples each: both sides' samples span the
 * same moments, so a host that slows down for a while (a shared machine) slows both alike. */
enum { TURN = 50 };
static void taking_turns(CompilerContextImpl *ctx, const char *src, const char *c_src, int n, double *simplec, double *tcc) {
    double *a = malloc(n * sizeof *a);
    double *b = malloc(n * sizeof *b);
    for (int done = 0; done < n; done += TURN) {
        int k = n - done < TURN ? n - done : TURN;
        for (int i = 0; i < k; i++) a[done + i] = instantiate_uncached(ctx, src, 1);
        for (int i = 0; i < k; i++) b[done + i] = libtcc_once(c_src);
    }
    *simplec = median(a, n);
    *tcc = median(b, n);
    free(a);
    free(b);
}

/* A native thread's first call: the shim attaches it to the JVM (once), then the upcall runs.
 * Measured on THREADS fresh threads, one after another, beside HotSpot's own price for the same
 * attach: a fresh thread that only calls AttachCurrentThreadAsDaemon, with the shim's arguments,
 * and detaches. Both come after the shim's attach warm-up (boot.c), long finished by then. */
enum { THREADS = 200 };
typedef struct { double first_ns, later_ns; } thread_cost;

static void *fresh_thread(void *arg) {
    thread_cost *c = arg;
    double t0 = now_ns();
    if (simplec_ping() != 0) exit(1);
    c->first_ns = now_ns() - t0;
    int n = 1000;
    t0 = now_ns();
    for (int i = 0; i < n; i++) simplec_ping();
    c->later_ns = (now_ns() - t0) / n;
    return NULL;
}

static JavaVM *the_vm(void) {
    jint (*created)(JavaVM **, jsize, jsize *) = (jint(*)(JavaVM **, jsize, jsize *))dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    JavaVM *vm = NULL;
    jsize n = 0;
    if (!created || created(&vm, 1, &n) != JNI_OK || n < 1) { fprintf(stderr, "no JVM in this process\n"); exit(1); }
    return vm;
}

static void *bare_attach(void *arg) {
    double *ns = arg;
    JavaVM *vm = the_vm();
    JNIEnv *env;
    JavaVMAttachArgs args = {JNI_VERSION_1_8, "simplec-native", NULL};
    double t0 = now_ns();
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, &args) != JNI_OK) exit(1);
    *ns = now_ns() - t0;
    (*vm)->DetachCurrentThread(vm);
    return NULL;
}

/* Medians (and 90th percentiles) over THREADS fresh threads, alternating the two kinds so that
 * both see the same machine. */
static void fresh_threads(double *first, double *first_p90, double *later, double *attach, double *attach_p90) {
    double f[THREADS], l[THREADS], a[THREADS];
    for (int i = 0; i < THREADS; i++) {
        thread_cost cost;
        pthread_t th;
        pthread_create(&th, NULL, fresh_thread, &cost);
        pthread_join(th, NULL);
        f[i] = cost.first_ns;
        l[i] = cost.later_ns;
        pthread_create(&th, NULL, bare_attach, &a[i]);
        pthread_join(th, NULL);
    }
    *first = median(f, THREADS);
    *first_p90 = f[THREADS * 9 / 10];
    *later = median(l, THREADS);
    *attach = median(a, THREADS);
    *attach_p90 = a[THREADS * 9 / 10];
}

/* Milliseconds HotSpot has spent compiling so far (the CompilationMXBean), from this thread,
 * which created the JVM. The bean and its method are looked up once. */
static long jit_ms(void) {
    static jobject bean;
    static jmethodID total;
    JavaVM *vm = the_vm();
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) exit(1);
    if (!total) {
        jclass mf = (*env)->FindClass(env, "java/lang/management/ManagementFactory");
        jmethodID get = mf ? (*env)->GetStaticMethodID(env, mf, "getCompilationMXBean", "()Ljava/lang/management/CompilationMXBean;") : NULL;
        jobject local = get ? (*env)->CallStaticObjectMethod(env, mf, get) : NULL;
        jclass bc = local ? (*env)->GetObjectClass(env, local) : NULL;
        total = bc ? (*env)->GetMethodID(env, bc, "getTotalCompilationTime", "()J") : NULL;
        if (!total) { fprintf(stderr, "no CompilationMXBean\n"); exit(1); }
        bean = (*env)->NewGlobalRef(env, local);
    }
    return (long)(*env)->CallLongMethod(env, bean, total);
}

enum kind { PING, INFER, INSTANTIATE };

static void run(enum kind kind, CompilerContextImpl *ctx, const char *src, int n) {
    for (int i = 0; i < n; i++) {
        if (kind == PING) simplec_ping();
        else if (kind == INFER) compiler_free_string(compiler_infer_types(ctx, ID, HINT));
        else instantiate_uncached(ctx, src, 1);
    }
}

/* Repeats a batch of the measured call until the JIT finishes no compilation during two batches
 * of at least 250 ms running (at most 60 s). On two cores C2's queue can hold a method of the
 * measured path for seconds behind others, after a deoptimization (a profile that meets a case
 * it had not seen); measuring meanwhile times C1 code (round trip 290 ns against 180 ns). Returns
 * the seconds spent. */
static double settle(enum kind kind, CompilerContextImpl *ctx, const char *src, int batch) {
    double start = now_ns();
    for (int quiet = 0; quiet < 2 && now_ns() - start < 60e9;) {
        long before = jit_ms();
        double t0 = now_ns();
        do run(kind, ctx, src, batch); while (now_ns() - t0 < 250e6);
        quiet = jit_ms() == before ? quiet + 1 : 0;
    }
    return (now_ns() - start) / 1e9;
}

int main(int argc, char **argv) {
    double start = now_ns();
    if (argc < 2) { fprintf(stderr, "usage: %s <bench dir> [iterations]\n", argv[0]); return 2; }
    int n = argc > 2 ? atoi(argv[2]) : 20000;
    CompilerContextImpl *ctx = compiler_create_context();
    char *first = ctx ? compiler_infer_types(ctx, ID, HINT) : NULL;
    double boot_ms = (now_ns() - start) / 1e6;
    if (!first) { fprintf(stderr, "boot: %s\n", compiler_get_last_error()); return 1; }
    compiler_free_string(first);

    char *kernel = slurp(argv[1], "kernel30.spt");
    char *kernel_c = slurp(argv[1], "kernel30.c");

    /* warm-up: every kind of call, interleaved, so that no path is compiled on a profile that
     * lacks the others; then each measure settles first (see settle). */
    for (int i = 0; i < 2000; i++) {
        simplec_ping();
        compiler_free_string(compiler_infer_types(ctx, ID, HINT));
        instantiate_uncached(ctx, DOUBLE, 1);
        instantiate_uncached(ctx, kernel, 1);
    }
    double settled_s = 0;
    settled_s += settle(PING, ctx, NULL, n);
    double t0 = now_ns();
    for (int i = 0; i < 10 * n; i++) simplec_ping();
    double ping = (now_ns() - t0) / (10.0 * n);

    settled_s += settle(INFER, ctx, NULL, n / 10);
    double *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) {
        double a = now_ns();
        char *s = compiler_infer_types(ctx, ID, HINT);
        t[i] = now_ns() - a;
        compiler_free_string(s);
    }
    double infer = median(t, n);

    settled_s += settle(INSTANTIATE, ctx, DOUBLE, n / 100);
    double dbl = instantiate_uncached(ctx, DOUBLE, n / 10);
    double dbl_cached = instantiate_cached(ctx, DOUBLE, n / 10);
    settled_s += settle(INSTANTIATE, ctx, kernel, n / 400);
    double k30 = instantiate_uncached(ctx, kernel, n / 20);
    double tcc = libtcc_compile(kernel_c, n / 20);
    double k30_turns, tcc_turns;
    taking_turns(ctx, kernel, kernel_c, n / 20, &k30_turns, &tcc_turns);

    double first_call, first_p90, later, attach, attach_p90;
    fresh_threads(&first_call, &first_p90, &later, &attach, &attach_p90);

    printf("%-58s %12s %14s\n", "measure (median unless noted)", "simplec", "bar / anchor");
    printf("%-58s %10.0f ns %14s\n", "empty round trip C -> Java -> C (mean)", ping, "<= 250 ns");
    printf("%-58s %10.0f ns %14s\n", "compiler_infer_types, one hint", infer, "<= 1000 ns");
    printf("%-58s %10.1f us %14s\n", "instantiate double<i64>, uncached", dbl / 1e3, "<= 25 us");
    printf("%-58s %10.1f us %14s\n", "instantiate double<i64>, cached", dbl_cached / 1e3, "");
    printf("%-58s %10.1f us %11.1f us\n", "instantiate 30-line template, uncached | libtcc same C", k30 / 1e3, tcc / 1e3);
    printf("%-58s %10.2f x %14s\n", "  ratio simplec / libtcc", k30 / tcc, "<= 0.5 x");
    printf("%-58s %10.1f us %11.1f us\n", "  the same, the two taking turns (50 compiles each)", k30_turns / 1e3, tcc_turns / 1e3);
    printf("%-58s %10.2f x %14s\n", "  ratio simplec / libtcc, taking turns", k30_turns / tcc_turns, "<= 0.5 x");
    printf("%-58s %10.1f us %14s\n", "a new native thread's first call (200 threads)", first_call / 1e3, "<= 50 us");
    printf("%-58s %10.1f us %14s\n", "  90th percentile", first_p90 / 1e3, "");
    printf("%-58s %10.1f us %11.1f us\n", "  HotSpot's bare AttachCurrentThreadAsDaemon | p90", attach / 1e3, attach_p90 / 1e3);
    printf("%-58s %10.0f ns %14s\n", "  the threads' later calls (mean of 1,000 each)", later, "steady");
    printf("%-58s %10.0f ms %14s\n", "first answer of this process (JVM, Felix, bundles)", boot_ms, "<= 1000 ms");
    printf("(the JIT settled in %.1f s of extra warm-up before the measures)\n", settled_s);
    compiler_destroy_context(ctx);
    return 0;
}

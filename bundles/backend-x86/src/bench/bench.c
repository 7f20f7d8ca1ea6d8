/*
 * Times the simplec x86-64 kernels against the same kernels compiled by gcc -O2 and by tcc, in
 * one process: each figure is the best of ROUNDS x RUNS runs (clock_gettime, CLOCK_MONOTONIC), the
 * three implementations taking turns round by round, each round after a warm-up run; every simplec result is checked against gcc's (sums and dot products within a
 * relative 1e-9 when the summation order differs: SIMD adds lane-wise, then lanes in order).
 * Then compile time: each template's figures from TemplateBench (compile.tsv) beside libtcc
 * compiling and relocating the equivalent C in memory (-nostdlib), median of TCC_SAMPLES.
 *
 *   bench <dir with the .bin blobs and compile.tsv from TemplateBench> <dir of the equivalent C> <kernel30.c>
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <libtcc.h>

#define RUNS 3
#define ROUNDS 5

#define DECL(p) \
    int64_t p##sum(const int64_t *, int64_t); \
    double p##dot(const double *, int64_t, const double *, int64_t); \
    void p##saxpy(float, const float *, int64_t, float *, int64_t); \
    int64_t p##fib(int64_t); \
    void p##matmul(const double *, int64_t, const double *, int64_t, double *, int64_t, int64_t);
DECL(gcc_)
DECL(tcc_)

typedef int64_t (*sum_fn)(const int64_t *, int64_t);
typedef double (*dot_fn)(const double *, int64_t, const double *, int64_t);
typedef void (*saxpy_fn)(float, const float *, int64_t, float *, int64_t);
typedef int64_t (*fib_fn)(int64_t);
typedef void (*matmul_fn)(const double *, int64_t, const double *, int64_t, double *, int64_t, int64_t);

static void *load(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    size_t size = ((size_t) len + 4095) & ~(size_t) 4095;
    void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fread(mem, 1, (size_t) len, f) != (size_t) len) {
        perror("fread");
        exit(2);
    }
    fclose(f);
    mprotect(mem, size, PROT_READ | PROT_EXEC);
    return mem;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define SUM_N 10000000
#define VEC_N (1 << 20)
#define VEC_REPS 20
#define MAT_N 256
#define FIB_N 32

/*
 * The kernels' inputs, in memory backed by transparent huge pages where the kernel grants them. Every
 * buffer is allocated and filled once and then read by all three implementations alike, so this
 * changes the machine under the code, not the code. Why: with 4 KiB pages a kernel that streams its
 * input (sum reads 80 MB once) pays a TLB miss and page walk every 4 KiB and the hardware prefetcher
 * stops at each 4 KiB boundary, so it measures the page size as much as the code; THP is in
 * "madvise" mode on this machine, so malloc's mappings only get huge pages when asked. Code that is
 * bound by its own instructions (tcc's) gains little, code that keeps up with memory (gcc's,
 * simplec's) gains: sum went from 6.7 to 5.1 ms for both, tcc stayed at 13.4 (CPU time, loaded machine).
 */
static void *inputs(size_t bytes) {
    size_t huge = (size_t) 2 << 20;
    size_t size = (bytes + huge - 1) & ~(huge - 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, size) != 0) {
        perror("posix_memalign");
        exit(2);
    }
    madvise(p, size, MADV_HUGEPAGE); /* advice: without THP the pages stay 4 KiB, nothing fails */
    return p;
}

static int64_t *xs64;
static double *xd, *yd, *ma, *mb, *mc;
static float *xf, *yf;
static volatile int64_t sink_i;
static volatile double sink_d;

typedef void (*bench_fn)(void *);

static double best(bench_fn run, void *fn) {
    run(fn);
    double b = 1e30;
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        run(fn);
        double t = now() - t0;
        if (t < b) {
            b = t;
        }
    }
    return b;
}

static void run_sum(void *fn) {
    sink_i = ((sum_fn) fn)(xs64, SUM_N);
}

static void run_dot(void *fn) {
    double s = 0;
    for (int r = 0; r < VEC_REPS; r++) {
        s += ((dot_fn) fn)(xd, VEC_N, yd, VEC_N);
    }
    sink_d = s;
}

static void run_saxpy(void *fn) {
    for (int r = 0; r < VEC_REPS; r++) {
        ((saxpy_fn) fn)(1.0001f, xf, VEC_N, yf, VEC_N);
    }
}

static void run_fib(void *fn) {
    sink_i = ((fib_fn) fn)(FIB_N);
}

static void run_matmul(void *fn) {
    ((matmul_fn) fn)(ma, MAT_N * MAT_N, mb, MAT_N * MAT_N, mc, MAT_N * MAT_N, MAT_N);
}

static int failures;

static void check(const char *what, int ok) {
    if (!ok) {
        printf("MISMATCH: %s\n", what);
        failures++;
    }
}

static int close_enough(double a, double b) {
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void verify(void *sum, void *sum_simd, void *dot, void *dot_simd, void *saxpy, void *saxpy_simd, void *fib,
                   void *matmul, void *matmul_simd) {
    int64_t want = gcc_sum(xs64, SUM_N);
    check("sum", ((sum_fn) sum)(xs64, SUM_N) == want);
    check("sum_simd", ((sum_fn) sum_simd)(xs64, SUM_N) == want);
    double d = gcc_dot(xd, VEC_N, yd, VEC_N);
    check("dot", ((dot_fn) dot)(xd, VEC_N, yd, VEC_N) == d);
    check("dot_simd", close_enough(((dot_fn) dot_simd)(xd, VEC_N, yd, VEC_N), d));
    float *a = malloc(sizeof(float) * VEC_N), *b = malloc(sizeof(float) * VEC_N), *c = malloc(sizeof(float) * VEC_N);
    memcpy(a, yf, sizeof(float) * VEC_N);
    memcpy(b, yf, sizeof(float) * VEC_N);
    memcpy(c, yf, sizeof(float) * VEC_N);
    gcc_saxpy(1.5f, xf, VEC_N, a, VEC_N);
    ((saxpy_fn) saxpy)(1.5f, xf, VEC_N, b, VEC_N);
    ((saxpy_fn) saxpy_simd)(1.5f, xf, VEC_N, c, VEC_N);
    check("saxpy", memcmp(a, b, sizeof(float) * VEC_N) == 0);
    check("saxpy_simd", memcmp(a, c, sizeof(float) * VEC_N) == 0);
    free(a);
    free(b);
    free(c);
    check("fib", ((fib_fn) fib)(25) == gcc_fib(25));
    double *m1 = calloc(MAT_N * MAT_N, 8), *m2 = calloc(MAT_N * MAT_N, 8), *m3 = calloc(MAT_N * MAT_N, 8);
    gcc_matmul(ma, MAT_N * MAT_N, mb, MAT_N * MAT_N, m1, MAT_N * MAT_N, MAT_N);
    ((matmul_fn) matmul)(ma, MAT_N * MAT_N, mb, MAT_N * MAT_N, m2, MAT_N * MAT_N, MAT_N);
    ((matmul_fn) matmul_simd)(ma, MAT_N * MAT_N, mb, MAT_N * MAT_N, m3, MAT_N * MAT_N, MAT_N);
    check("matmul", memcmp(m1, m2, 8 * MAT_N * MAT_N) == 0);
    int ok = 1;
    for (int i = 0; i < MAT_N * MAT_N; i++) {
        ok &= close_enough(m1[i], m3[i]);
    }
    check("matmul_simd", ok);
    free(m1);
    free(m2);
    free(m3);
}

/* The three implementations take turns, ROUNDS times, so each sees the same machine load; the best counts. */
static void row(const char *name, bench_fn run, void *simplec, void *gcc, void *tcc, int simd) {
    double s = 1e30, g = 1e30, t = 1e30;
    for (int r = 0; r < ROUNDS; r++) {
        s = fmin(s, best(run, simplec));
        g = fmin(g, best(run, gcc));
        t = fmin(t, best(run, tcc));
    }
    double target = simd ? 1.0 : 1.5;
    printf("| %-12s | %9.2f | %9.2f | %9.2f | %5.2fx | %5.2fx | %s |\n", name, s * 1e3, g * 1e3, t * 1e3, s / g, t / s,
           s / g <= target && t / s >= 2.5 ? "yes" : "NO");
}

/* ---- compile time: libtcc on the equivalent C, beside TemplateBench's figures */

#define TCC_WARMUP 300
#define TCC_SAMPLES 2000

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t) len + 1);
    if (fread(buf, 1, (size_t) len, f) != (size_t) len) {
        perror("fread");
        exit(2);
    }
    buf[len] = 0;
    fclose(f);
    return buf;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* As abi_bench.c: tcc_new, -nostdlib, compile the string, relocate in memory (tcc_delete not counted). */
static double libtcc_once(const char *src) {
    double t0 = now();
    TCCState *s = tcc_new();
    tcc_set_options(s, "-nostdlib");
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    if (tcc_compile_string(s, src) < 0 || tcc_relocate(s, TCC_RELOCATE_AUTO) < 0) {
        fprintf(stderr, "libtcc failed\n");
        exit(1);
    }
    double t = now() - t0;
    tcc_delete(s);
    return t;
}

static double libtcc_median(const char *src) {
    static double t[TCC_SAMPLES];
    for (int i = 0; i < TCC_WARMUP; i++) {
        libtcc_once(src);
    }
    for (int i = 0; i < TCC_SAMPLES; i++) {
        t[i] = libtcc_once(src);
    }
    qsort(t, TCC_SAMPLES, sizeof t[0], cmp_double);
    return (t[TCC_SAMPLES / 2 - 1] + t[TCC_SAMPLES / 2]) / 2;
}

static void compile_times(const char *dir, const char *c_dir, const char *kernel30_c) {
    char path[4096];
    snprintf(path, sizeof path, "%s/compile.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    printf("\ncompile time, microseconds (simplec: TemplateBench, median, whole instantiation = front end + codegen,\n"
           "the templates taking turns, then each template repeated alone as libtcc is;\n"
           "libtcc: compile + relocate the equivalent C in memory, -nostdlib, median of %d; target: simplec <= 0.5 x libtcc)\n\n",
           TCC_SAMPLES);
    printf("| template     | turns | front end | codegen | repeated | front end | codegen |  libtcc | turns / libtcc | repeated / libtcc | meets (repeated) |\n");
    printf("|--------------|-------|-----------|---------|----------|-----------|---------|---------|----------------|-------------------|------------------|\n");
    char name[64];
    double whole, front, codegen, whole1, front1, codegen1;
    while (fscanf(f, "%63s %lf %lf %lf %lf %lf %lf", name, &whole, &front, &codegen, &whole1, &front1, &codegen1) == 7) {
        if (strcmp(name, "kernel30") == 0) {
            snprintf(path, sizeof path, "%s", kernel30_c);
        } else {
            snprintf(path, sizeof path, "%s/%s.c", c_dir, name);
        }
        char *src = read_file(path);
        double tcc = libtcc_median(src) * 1e6;
        free(src);
        printf("| %-12s | %5.1f | %9.1f | %7.1f | %8.1f | %9.1f | %7.1f | %7.1f | %13.2fx | %16.2fx | %-16s |\n", name, whole,
               front, codegen, whole1, front1, codegen1, tcc, whole / tcc, whole1 / tcc, whole1 <= 0.5 * tcc ? "yes" : "NO");
    }
    fclose(f);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "target/bench";
    srand(1);
    xs64 = inputs(8L * SUM_N);
    for (int i = 0; i < SUM_N; i++) {
        xs64[i] = (int64_t) rand() - RAND_MAX / 2;
    }
    xd = inputs(8L * VEC_N);
    yd = inputs(8L * VEC_N);
    xf = inputs(4L * VEC_N);
    yf = inputs(4L * VEC_N);
    for (int i = 0; i < VEC_N; i++) {
        xd[i] = rand() / (double) RAND_MAX;
        yd[i] = rand() / (double) RAND_MAX;
        xf[i] = rand() / (float) RAND_MAX;
        yf[i] = rand() / (float) RAND_MAX;
    }
    ma = inputs(8L * MAT_N * MAT_N);
    mb = inputs(8L * MAT_N * MAT_N);
    mc = inputs(8L * MAT_N * MAT_N);
    for (int i = 0; i < MAT_N * MAT_N; i++) {
        ma[i] = rand() / (double) RAND_MAX;
        mb[i] = rand() / (double) RAND_MAX;
    }
    void *sum = load(dir, "sum"), *sum_simd = load(dir, "sum_simd"), *dot = load(dir, "dot"), *dot_simd = load(dir, "dot_simd");
    void *saxpy = load(dir, "saxpy"), *saxpy_simd = load(dir, "saxpy_simd"), *fib = load(dir, "fib");
    void *matmul = load(dir, "matmul"), *matmul_simd = load(dir, "matmul_simd");
    verify(sum, sum_simd, dot, dot_simd, saxpy, saxpy_simd, fib, matmul, matmul_simd);
    printf("best of %d, milliseconds; ratio = simplec / gcc -O2 (target <= 1.5 scalar, <= 1.0 SIMD), tcc / simplec (target >= 2.5)\n\n", ROUNDS * RUNS);
    printf("| kernel       |   simplec |   gcc -O2 |       tcc | vs gcc | tcc is | meets |\n");
    printf("|--------------|-----------|-----------|-----------|--------|--------|-------|\n");
    row("sum i64 10M", run_sum, sum, (void *) gcc_sum, (void *) tcc_sum, 0);
    row("sum SIMD", run_sum, sum_simd, (void *) gcc_sum, (void *) tcc_sum, 1);
    row("dot f64 1Mx20", run_dot, dot, (void *) gcc_dot, (void *) tcc_dot, 0);
    row("dot SIMD", run_dot, dot_simd, (void *) gcc_dot, (void *) tcc_dot, 1);
    row("saxpy 1Mx20", run_saxpy, saxpy, (void *) gcc_saxpy, (void *) tcc_saxpy, 0);
    row("saxpy SIMD", run_saxpy, saxpy_simd, (void *) gcc_saxpy, (void *) tcc_saxpy, 1);
    row("fib(32)", run_fib, fib, (void *) gcc_fib, (void *) tcc_fib, 0);
    row("matmul 256", run_matmul, matmul, (void *) gcc_matmul, (void *) tcc_matmul, 0);
    row("matmul SIMD", run_matmul, matmul_simd, (void *) gcc_matmul, (void *) tcc_matmul, 1);
    if (argc > 3) {
        compile_times(dir, argv[2], argv[3]);
    }
    return failures ? 1 : 0;
}

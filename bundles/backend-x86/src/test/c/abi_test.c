/*
 * Calls simplec x86-64 blobs through real C prototypes (SPEC section 6) and checks each answer
 * against C. One blob per function, loaded from the directory given on the command line.
 * Prints "ok <name>" per check, "FAIL <name>: ..." otherwise; exits 1 on any failure.
 */
#include <immintrin.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static const char *dir;
static int failures;

static void *blob(const char *name) {
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
    uint8_t *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fread(mem, 1, (size_t) len, f) != (size_t) len) {
        exit(2);
    }
    fclose(f);
    mprotect(mem, size, PROT_READ | PROT_EXEC);
    return mem;
}

#define CHECK(name, cond, ...)                     \
    do {                                           \
        if (cond) {                                \
            printf("ok %s\n", name);               \
        } else {                                   \
            printf("FAIL %s: ", name);             \
            printf(__VA_ARGS__);                   \
            printf("\n");                          \
            failures++;                            \
        }                                          \
    } while (0)

struct Point { int32_t x; double y; int8_t tag; int64_t id; };
typedef struct { int32_t q; int32_t r; } DivMod;
typedef struct { int64_t n; double d; } LongDouble;
typedef struct { float a; float b; } FloatPair;
typedef struct { double a; double b; } DoublePair;
typedef struct { int8_t a; float b; } ByteFloat;

static double c_square(double x) { return x * x; }
static int64_t c_sub(int64_t a, int64_t b) { return a - b; }

/* Narrow arguments through a pointer-typed call so the compiler cannot know the callee. */
typedef int64_t (*mix_fn)(int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, float, double);

int main(int argc, char **argv) {
    dir = argc > 1 ? argv[1] : ".";

    mix_fn mix = (mix_fn) blob("mix");
    int64_t want = -5 + -300 + -70000 + 9000000000LL + 250 + 65000 + 4000000000LL + 2 + -3;
    int64_t got = mix(-5, -300, -70000, 9000000000LL, 250, 65000, 4000000000U, 2.75f, -3.5);
    CHECK("scalars of every width", got == want, "%lld != %lld", (long long) got, (long long) want);

    int8_t (*neg8)(int8_t) = (int8_t (*)(int8_t)) blob("neg8");
    uint16_t (*inc16)(uint16_t) = (uint16_t (*)(uint16_t)) blob("inc16");
    uint32_t (*dbl32)(uint32_t) = (uint32_t (*)(uint32_t)) blob("dbl32");
    bool (*even)(int64_t) = (bool (*)(int64_t)) blob("even");
    CHECK("int8_t result", neg8(-128) == -128 && neg8(5) == -5, "%d %d", neg8(-128), neg8(5));
    CHECK("uint16_t result", inc16(65535) == 0 && inc16(7) == 8, "%u", inc16(65535));
    CHECK("uint32_t result", dbl32(3000000000U) == 1705032704U, "%u", dbl32(3000000000U));
    CHECK("bool result", even(10) && !even(7), "%d %d", even(10), even(7));

    int64_t xs[100];
    int64_t s = 0;
    for (int i = 0; i < 100; i++) {
        xs[i] = i * i - 50;
        s += xs[i];
    }
    int64_t (*sum)(const int64_t *, int64_t) = (int64_t (*)(const int64_t *, int64_t)) blob("sum");
    CHECK("slice (ptr, len)", sum(xs, 100) == s && sum(xs, 0) == 0, "%lld", (long long) sum(xs, 100));

    const char *text = "hello, simplec world";
    int64_t (*count)(const uint8_t *, int64_t, uint8_t) = (int64_t (*)(const uint8_t *, int64_t, uint8_t)) blob("count_char");
    CHECK("text (bytes, len)", count((const uint8_t *) text, (int64_t) strlen(text), 'l') == 4, "%lld",
          (long long) count((const uint8_t *) text, (int64_t) strlen(text), 'l'));
    bool (*text_eq)(const uint8_t *, int64_t, const uint8_t *, int64_t) =
        (bool (*)(const uint8_t *, int64_t, const uint8_t *, int64_t)) blob("text_eq");
    CHECK("text equality", text_eq((const uint8_t *) "abc", 3, (const uint8_t *) "abc", 3) && !text_eq((const uint8_t *) "abc", 3, (const uint8_t *) "abd", 3)
          && !text_eq((const uint8_t *) "abc", 3, (const uint8_t *) "ab", 2), "text_eq");

    struct Point p = {7, 2.5, -3, 1000};
    double (*score)(const struct Point *) = (double (*)(const struct Point *)) blob("point_score");
    void (*scale)(struct Point *, double) = (void (*)(struct Point *, double)) blob("point_scale");
    CHECK("struct by pointer (read)", score(&p) == 7 + 2.5 - 3 + 1000, "%f", score(&p));
    scale(&p, 2.0);
    CHECK("struct by pointer (write)", p.x == 14 && p.y == 5.0 && p.tag == -3 && p.id == 1000, "%d %f %d %lld", p.x, p.y, p.tag,
          (long long) p.id);

    DivMod (*divmod)(int32_t, int32_t) = (DivMod (*)(int32_t, int32_t)) blob("divmod");
    DivMod dm = divmod(-17, 5);
    CHECK("tuple {i32, i32} in rax", dm.q == -3 && dm.r == -2, "%d %d", dm.q, dm.r);
    LongDouble (*split)(double) = (LongDouble (*)(double)) blob("split");
    LongDouble ld = split(-7.75);
    CHECK("tuple {i64, f64} in rax, xmm0", ld.n == -7 && ld.d == -0.75, "%lld %f", (long long) ld.n, ld.d);
    FloatPair (*swapf)(float, float) = (FloatPair (*)(float, float)) blob("swapf");
    FloatPair fp = swapf(1.5f, -2.25f);
    CHECK("tuple {f32, f32} packed in xmm0", fp.a == -2.25f && fp.b == 1.5f, "%f %f", fp.a, fp.b);
    DoublePair (*minmax)(double, double) = (DoublePair (*)(double, double)) blob("minmax");
    DoublePair mm = minmax(3.0, -1.0);
    CHECK("tuple {f64, f64} in xmm0, xmm1", mm.a == -1.0 && mm.b == 3.0, "%f %f", mm.a, mm.b);
    ByteFloat (*bf)(int8_t, float) = (ByteFloat (*)(int8_t, float)) blob("byte_float");
    ByteFloat b = bf(-9, 0.5f);
    CHECK("tuple {i8, f32} in one eightbyte (rax)", b.a == -9 && b.b == 0.5f, "%d %f", b.a, b.b);

    __m128 (*addps)(__m128, __m128) = (__m128 (*)(__m128, __m128)) blob("add_f32x4");
    float r4[4];
    _mm_storeu_ps(r4, addps(_mm_setr_ps(1, 2, 3, 4), _mm_setr_ps(10, 20, 30, 40)));
    CHECK("__m128 (f32x4)", r4[0] == 11 && r4[1] == 22 && r4[2] == 33 && r4[3] == 44, "%f %f %f %f", r4[0], r4[1], r4[2], r4[3]);
    __m128i (*muld)(__m128i, __m128i) = (__m128i (*)(__m128i, __m128i)) blob("mul_i32x4");
    int32_t m4[4];
    _mm_storeu_si128((__m128i *) m4, muld(_mm_setr_epi32(3, -4, 100000, 7), _mm_setr_epi32(5, 6, 100000, -1)));
    CHECK("__m128i (i32x4 multiply)", m4[0] == 15 && m4[1] == -24 && m4[2] == 1410065408 && m4[3] == -7, "%d %d %d %d", m4[0], m4[1],
          m4[2], m4[3]);
#ifdef HAVE_AVX2
    __m256d (*scale4)(__m256d, double) = (__m256d (*)(__m256d, double)) blob("scale_f64x4");
    double d4[4];
    _mm256_storeu_pd(d4, scale4(_mm256_setr_pd(1, -2, 3.5, 0), 2.0));
    CHECK("__m256d (f64x4, AVX2)", d4[0] == 2 && d4[1] == -4 && d4[2] == 7 && d4[3] == 0, "%f %f %f %f", d4[0], d4[1], d4[2], d4[3]);
#endif

    double (*apply)(double (*)(double), double) = (double (*)(double (*)(double), double)) blob("apply");
    CHECK("function pointer argument", apply(c_square, 3.0) == 9.0 + 1.0, "%f", apply(c_square, 3.0));
    int64_t (*apply2)(int64_t (*)(int64_t, int64_t), int64_t, int64_t) =
        (int64_t (*)(int64_t (*)(int64_t, int64_t), int64_t, int64_t)) blob("apply2");
    CHECK("function pointer with two arguments", apply2(c_sub, 10, 3) == 7 * 2, "%lld", (long long) apply2(c_sub, 10, 3));

    int64_t (*fib)(int64_t) = (int64_t (*)(int64_t)) blob("fib");
    CHECK("recursion", fib(30) == 832040, "%lld", (long long) fib(30));

    enum { N = 24 };
    double a[N * N], bm[N * N], c[N * N], ref[N * N];
    for (int i = 0; i < N * N; i++) {
        a[i] = (i % 7) - 3;
        bm[i] = (i % 5) * 0.5;
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            double acc = 0;
            for (int k = 0; k < N; k++) {
                acc += a[i * N + k] * bm[k * N + j];
            }
            ref[i * N + j] = acc;
        }
    }
    void (*matmul)(const double *, int64_t, const double *, int64_t, double *, int64_t, int64_t) =
        (void (*)(const double *, int64_t, const double *, int64_t, double *, int64_t, int64_t)) blob("matmul");
    memset(c, 0, sizeof c);
    matmul(a, N * N, bm, N * N, c, N * N, N);
    CHECK("loop-heavy kernel (matmul)", memcmp(c, ref, sizeof c) == 0, "differs");
    void (*matmul_simd)(const double *, int64_t, const double *, int64_t, double *, int64_t, int64_t) =
        (void (*)(const double *, int64_t, const double *, int64_t, double *, int64_t, int64_t)) blob("matmul_simd");
    memset(c, 0, sizeof c);
    matmul_simd(a, N * N, bm, N * N, c, N * N, N);
    CHECK("loop-heavy kernel (matmul, SIMD)", memcmp(c, ref, sizeof c) == 0, "differs");

    return failures ? 1 : 0;
}

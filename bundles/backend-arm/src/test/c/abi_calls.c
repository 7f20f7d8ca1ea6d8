/*
 * abi_calls: calls simplec AArch64 blobs the way a C program does (SPEC section 6), with the C
 * types of each signature, and checks every answer against C's own computation.
 *
 *   abi_calls <dir>     loads <dir>/<name>.bin for each case below; prints "<case> ok" or "<case> FAIL …"
 *
 * Blobs are mapped RW, copied, remapped RX and the instruction cache flushed, as compiler_jit_load does.
 */
#include <arm_neon.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static const char *dir;
static int failures;

static void *blob(const char *name) {
    char path[1024];
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
    if (mem == MAP_FAILED || fread(mem, 1, (size_t) len, f) != (size_t) len) {
        perror(path);
        exit(2);
    }
    fclose(f);
    if (mprotect(mem, size, PROT_READ | PROT_EXEC) != 0) {
        perror("mprotect");
        exit(2);
    }
    __builtin___clear_cache((char *) mem, (char *) mem + len);
    return mem;
}

static void check(const char *name, bool ok, const char *detail) {
    if (ok) {
        printf("%s ok\n", name);
    } else {
        printf("%s FAIL %s\n", name, detail);
        failures++;
    }
}

#define CHECK_INT(name, got, want)                                                                      \
    do {                                                                                                \
        char d_[128];                                                                                   \
        snprintf(d_, sizeof d_, "got %lld want %lld", (long long) (got), (long long) (want));           \
        check(name, (got) == (want), d_);                                                               \
    } while (0)

#define CHECK_BITS(name, got, want)                                                                     \
    do {                                                                                                \
        char d_[128];                                                                                   \
        snprintf(d_, sizeof d_, "got %a want %a", (double) (got), (double) (want));                     \
        check(name, memcmp(&(got), &(want), sizeof(got)) == 0, d_);                                     \
    } while (0)

typedef struct { int32_t x; int32_t y; double w; } Point;
typedef struct { int32_t q, r; } DivMod;
typedef struct { float a, b; } FloatPair;
typedef struct { int64_t q; double r; } Mixed;
typedef struct { int8_t lo; int16_t hi; } Narrow;
typedef struct { float32x4_t lo, hi; } F32x8; /* a 256-bit vector: a pair of 128-bit halves */

static int64_t plus_one_hundred(int64_t x) {
    return x + 100;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <blob dir>\n", argv[0]);
        return 2;
    }
    dir = argv[1];

    /* scalars of every width; narrow results are read at their C width */
    int8_t (*add8)(int8_t, int8_t) = blob("add8");
    CHECK_INT("add8", add8(100, 100), (int8_t) 200);
    CHECK_INT("add8 negative", add8(-128, -1), (int8_t) 127);
    uint8_t (*div_u8)(uint8_t, uint8_t) = blob("div_u8");
    CHECK_INT("div_u8", div_u8(250, 7), 250 / 7);
    int16_t (*mul16)(int16_t, int16_t) = blob("mul16");
    CHECK_INT("mul16", mul16(300, 300), (int16_t) 90000);
    int32_t (*sub32)(int32_t, int32_t) = blob("sub32");
    CHECK_INT("sub32", sub32(INT32_MIN, 1), INT32_MAX);
    uint32_t (*shr_u32)(uint32_t, uint32_t) = blob("shr_u32");
    CHECK_INT("shr_u32", shr_u32(0x80000000u, 35), 0x80000000u >> 3);
    int64_t (*mix64)(int64_t, int64_t, int64_t) = blob("mix64");
    CHECK_INT("mix64", mix64(7, -3, 1000000007), (7 * -3) ^ 1000000007);
    bool (*not_b)(bool) = blob("not_b");
    CHECK_INT("not true", not_b(true), false);
    CHECK_INT("not false", not_b(false), true);
    float (*fma_free)(float, float, float) = blob("fma_free");
    float fr = fma_free(1.1f, 2.2f, 3.3f), fw = 1.1f * 2.2f + 3.3f;
    CHECK_BITS("f32 mul add", fr, fw);
    double (*dsqrt)(double) = blob("dsqrt");
    double dr = dsqrt(2.0), dw = sqrt(2.0);
    CHECK_BITS("f64 sqrt", dr, dw);
    double (*d_nan)(double, double) = blob("d_nan");
    double nr = d_nan(INFINITY, INFINITY);
    uint64_t nbits;
    memcpy(&nbits, &nr, 8);
    CHECK_INT("canonical NaN", nbits, 0x7ff8000000000000ull);

    /* slices and text: (data, length) pairs; a loop kernel */
    int64_t data[100];
    for (int i = 0; i < 100; i++) data[i] = (int64_t) i * i - 50;
    int64_t (*sum)(const int64_t *, int64_t) = blob("sum");
    int64_t want = 0;
    for (int i = 0; i < 100; i++) want += data[i];
    CHECK_INT("sum slice", sum(data, 100), want);
    CHECK_INT("sum empty slice", sum(data, 0), 0);
    double a[7] = {1, 2, 3, 4, 5, 6, 7}, b[7] = {0.5, -1, 2, 0.25, 8, -3, 1};
    double (*dot)(const double *, int64_t, const double *, int64_t) = blob("dot");
    double dotw = 0;
    for (int i = 0; i < 7; i++) dotw += a[i] * b[i];
    double dotr = dot(a, 7, b, 7);
    CHECK_BITS("dot", dotr, dotw);
    float x[9], y[9], yw[9];
    for (int i = 0; i < 9; i++) {
        x[i] = (float) i / 3;
        y[i] = yw[i] = 10.0f - (float) i;
    }
    void (*saxpy)(float, const float *, int64_t, float *, int64_t) = blob("saxpy");
    saxpy(1.5f, x, 9, y, 9);
    for (int i = 0; i < 9; i++) yw[i] = 1.5f * x[i] + yw[i];
    check("saxpy", memcmp(y, yw, sizeof y) == 0, "y differs");
    const char *text = "the quick brown fox jumps over the lazy dog";
    int64_t (*count)(const char *, int64_t, uint8_t) = blob("count_byte");
    CHECK_INT("count_byte", count(text, (int64_t) strlen(text), 'o'), 4);
    bool (*text_eq)(const char *, int64_t, const char *, int64_t) = blob("text_eq");
    CHECK_INT("text_eq equal", text_eq("hello", 5, "hello", 5), true);
    CHECK_INT("text_eq differs", text_eq("hello", 5, "hellp", 5), false);
    CHECK_INT("text_eq length", text_eq("hello", 5, "hell", 4), false);

    /* structs by pointer, and a struct literal on the callee's stack */
    Point p = {3, 4, 1.5};
    double (*weigh)(const Point *) = blob("weigh");
    double wr = weigh(&p), ww = (3 + 4) * 1.5;
    CHECK_BITS("struct by pointer", wr, ww);
    double (*make)(int32_t, int32_t, double) = blob("make_and_weigh");
    double mr = make(-10, 4, 0.5), mw = (-10 + 4) * 0.5;
    CHECK_BITS("struct literal", mr, mw);

    /* tuples: C structs of two scalars */
    DivMod (*divmod)(int32_t, int32_t) = blob("divmod");
    DivMod dm = divmod(-17, 5);
    check("divmod {i32, i32} in x0", dm.q == -17 / 5 && dm.r == -17 % 5, "wrong");
    FloatPair (*fpair)(float) = blob("float_pair");
    FloatPair fp = fpair(2.5f);
    check("{f32, f32} in s0, s1", fp.a == 5.0f && fp.b == 3.5f, "wrong");
    Mixed (*mixed)(int64_t, double) = blob("mixed");
    Mixed mx = mixed(7, 9.0);
    check("{i64, f64} in x0, x1", mx.q == 21 && mx.r == 4.5, "wrong");
    Narrow (*narrow)(int8_t, int16_t) = blob("narrow");
    Narrow nw = narrow(-5, -300);
    check("{i8, i16} in x0", nw.lo == -5 && nw.hi == -300, "wrong");

    /* NEON vectors; 256-bit ones as pairs of 128-bit registers */
    float32x4_t (*vaddf)(float32x4_t, float32x4_t) = blob("vadd_f32x4");
    float32x4_t va = {1, 2, 3, 4}, vb = {0.5f, 0.25f, -1, 8};
    float32x4_t vr = vaddf(va, vb), vw = vaddq_f32(va, vb);
    check("f32x4 add", memcmp(&vr, &vw, 16) == 0, "wrong");
    int32x4_t (*vmuli)(int32x4_t, int32x4_t) = blob("vmul_i32x4");
    int32x4_t ia = {1, -2, 70000, 5}, ib = {3, 4, 70000, -1};
    int32x4_t ir = vmuli(ia, ib), iw = vmulq_s32(ia, ib);
    check("i32x4 mul", memcmp(&ir, &iw, 16) == 0, "wrong");
    float64x2_t (*vsubd)(float64x2_t, float64x2_t) = blob("vsub_f64x2");
    float64x2_t da = {1.5, -2}, db = {0.25, 3};
    float64x2_t dr2 = vsubd(da, db), dw2 = vsubq_f64(da, db);
    check("f64x2 sub", memcmp(&dr2, &dw2, 16) == 0, "wrong");
    float (*hsum)(float32x4_t) = blob("hsum_f32x4");
    float hr = hsum(vb), hw = ((vb[0] + vb[1]) + vb[2]) + vb[3];
    CHECK_BITS("reduce_add in lane order", hr, hw);
    F32x8 (*add8x)(F32x8, F32x8) = blob("add_f32x8");
    F32x8 p8 = {{1, 2, 3, 4}, {5, 6, 7, 8}}, q8 = {{8, 7, 6, 5}, {4, 3, 2, 1}};
    F32x8 r8 = add8x(p8, q8);
    F32x8 w8 = {vaddq_f32(p8.lo, q8.lo), vaddq_f32(p8.hi, q8.hi)};
    check("f32x8 add as a register pair", memcmp(&r8, &w8, 32) == 0, "wrong");

    /* function pointers both ways */
    int64_t (*apply)(int64_t (*)(int64_t), int64_t) = blob("apply");
    CHECK_INT("calls a C function pointer", apply(plus_one_hundred, 5), 106);
    int64_t (*(*get)(void))(int64_t) = blob("get_square");
    int64_t (*square)(int64_t) = get();
    CHECK_INT("returns a callable function pointer", square(-12), 144);

    /* recursion */
    int64_t (*fib)(int64_t) = blob("fib");
    CHECK_INT("fib(25)", fib(25), 75025);

    printf("done %d\n", failures);
    return 0;
}

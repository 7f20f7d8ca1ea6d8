/*
 * The benchmark kernels in plain C, as a C programmer writes them (no bounds checks: the simplec
 * versions check every access, so this anchor is the stricter one). Compiled twice, with gcc -O2
 * and with tcc, under the prefix NAME_PREFIX.
 */
#include <stdint.h>

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define K(name) CAT(NAME_PREFIX, name)

int64_t K(sum)(const int64_t *xs, int64_t n) {
    int64_t s = 0;
    for (int64_t i = 0; i < n; i++) {
        s += xs[i];
    }
    return s;
}

double K(dot)(const double *xs, int64_t n, const double *ys, int64_t m) {
    (void) m;
    double s = 0;
    for (int64_t i = 0; i < n; i++) {
        s += xs[i] * ys[i];
    }
    return s;
}

void K(saxpy)(float a, const float *xs, int64_t n, float *ys, int64_t m) {
    (void) m;
    for (int64_t i = 0; i < n; i++) {
        ys[i] = a * xs[i] + ys[i];
    }
}

int64_t K(fib)(int64_t n) {
    return n < 2 ? n : K(fib)(n - 1) + K(fib)(n - 2);
}

void K(matmul)(const double *a, int64_t la, const double *b, int64_t lb, double *c, int64_t lc, int64_t n) {
    (void) la;
    (void) lb;
    (void) lc;
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < n; j++) {
            double s = 0;
            for (int64_t k = 0; k < n; k++) {
                s += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
        }
    }
}

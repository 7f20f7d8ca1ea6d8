/* The C equivalent of templates/dot_simd.spt (four lanes as four accumulators), for libtcc's compile time. */
double dot_simd(const double *xs, long n, const double *ys, long m) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
    long i = 0;
    while (i + 4 <= n) {
        a0 += xs[i] * ys[i];
        a1 += xs[i + 1] * ys[i + 1];
        a2 += xs[i + 2] * ys[i + 2];
        a3 += xs[i + 3] * ys[i + 3];
        i += 4;
    }
    double s = a0 + a1 + a2 + a3;
    while (i < n) {
        s += xs[i] * ys[i];
        i += 1;
    }
    return s;
}

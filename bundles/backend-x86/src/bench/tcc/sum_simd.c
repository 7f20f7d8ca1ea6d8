/* The C equivalent of templates/sum_simd.spt (four lanes as four accumulators), for libtcc's compile time. */
long sum_simd(const long *xs, long n) {
    long a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    long i = 0;
    while (i + 4 <= n) {
        a0 += xs[i];
        a1 += xs[i + 1];
        a2 += xs[i + 2];
        a3 += xs[i + 3];
        i += 4;
    }
    long s = a0 + a1 + a2 + a3;
    while (i < n) {
        s += xs[i];
        i += 1;
    }
    return s;
}

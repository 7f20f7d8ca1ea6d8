/* The C equivalent of templates/sum.spt at T = int64_t, for libtcc's compile time. */
long sum(const long *xs, long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
        s += xs[i];
    }
    return s;
}

/* The C equivalent of templates/dot.spt at T = double, for libtcc's compile time. */
double dot(const double *xs, long n, const double *ys, long m) {
    double s = 0.0;
    for (long i = 0; i < n; i++) {
        s += xs[i] * ys[i];
    }
    return s;
}

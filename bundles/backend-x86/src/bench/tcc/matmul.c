/* The C equivalent of templates/matmul.spt at T = double, for libtcc's compile time. */
void matmul(const double *a, long la, const double *b, long lb, double *c, long lc, long n) {
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n; j++) {
            double s = 0;
            for (long k = 0; k < n; k++) {
                s += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
        }
    }
}

/* The C equivalent of templates/matmul_simd.spt (four lanes written out), for libtcc's compile time. */
void matmul_simd(const double *a, long la, const double *b, long lb, double *c, long lc, long n) {
    for (long i = 0; i < n; i++) {
        long j = 0;
        while (j + 4 <= n) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (long k = 0; k < n; k++) {
                double x = a[i * n + k];
                s0 += x * b[k * n + j];
                s1 += x * b[k * n + j + 1];
                s2 += x * b[k * n + j + 2];
                s3 += x * b[k * n + j + 3];
            }
            c[i * n + j] = s0;
            c[i * n + j + 1] = s1;
            c[i * n + j + 2] = s2;
            c[i * n + j + 3] = s3;
            j += 4;
        }
        while (j < n) {
            double s = 0;
            for (long k = 0; k < n; k++) {
                s += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
            j += 1;
        }
    }
}

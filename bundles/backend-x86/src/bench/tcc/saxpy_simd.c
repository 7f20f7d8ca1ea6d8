/* The C equivalent of templates/saxpy_simd.spt (eight lanes written out), for libtcc's compile time. */
void saxpy_simd(float a, const float *xs, long n, float *ys, long m) {
    long i = 0;
    while (i + 8 <= n) {
        ys[i] = a * xs[i] + ys[i];
        ys[i + 1] = a * xs[i + 1] + ys[i + 1];
        ys[i + 2] = a * xs[i + 2] + ys[i + 2];
        ys[i + 3] = a * xs[i + 3] + ys[i + 3];
        ys[i + 4] = a * xs[i + 4] + ys[i + 4];
        ys[i + 5] = a * xs[i + 5] + ys[i + 5];
        ys[i + 6] = a * xs[i + 6] + ys[i + 6];
        ys[i + 7] = a * xs[i + 7] + ys[i + 7];
        i += 8;
    }
    while (i < n) {
        ys[i] = a * xs[i] + ys[i];
        i += 1;
    }
}

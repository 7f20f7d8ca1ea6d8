/* The C equivalent of templates/saxpy.spt at T = float, for libtcc's compile time. */
void saxpy(float a, const float *xs, long n, float *ys, long m) {
    for (long i = 0; i < n; i++) {
        ys[i] = a * xs[i] + ys[i];
    }
}

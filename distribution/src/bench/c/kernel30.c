/* The C equivalent of kernel30.spt for T = int64_t, compiled by libtcc as the anchor. */
static long score(long x, long lo) { return x - lo; }
static long clamp(long x, long lo, long hi) { return x < lo ? lo : (x > hi ? hi : x); }
long stats(const long *xs, long n, long lo, long hi) {
    long count = 0, sum = 0, i = 0;
    while (i < n) {
        long x = xs[i];
        if (x >= lo && x <= hi) {
            count += 1;
            sum += score(x, lo);
        }
        i += 1;
    }
    long best = 0;
    for (long j = 0; j < n; j++) {
        long y = clamp(xs[j], lo, hi);
        if (score(y, lo) > best) best = score(y, lo);
    }
    return count * 1000000 + sum * 1000 + best;
}

/* The C equivalent of templates/fib.spt at T = int64_t, for libtcc's compile time. */
long fib(long n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* errors.c — the per-thread last error of SPEC §3: owned by the library, valid until the next
 * compiler_* call on the same thread, freed when the thread ends. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "shim.h"

static __thread char *last_error;
static pthread_key_t error_key;
static pthread_once_t error_once = PTHREAD_ONCE_INIT;

static void free_at_thread_exit(void *msg) { free(msg); }

static void make_key(void) { pthread_key_create(&error_key, free_at_thread_exit); }

static void replace(char *msg) {
    pthread_once(&error_once, make_key);
    free(last_error);
    last_error = msg;
    pthread_setspecific(error_key, msg);
}

void err_clear(void) {
    if (last_error) replace(NULL);
}

void err_set_owned(char *msg) { replace(msg); }

void err_set(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0) msg = NULL;
    va_end(ap);
    replace(msg);
}

const char *err_get(void) { return last_error ? last_error : NULL; }

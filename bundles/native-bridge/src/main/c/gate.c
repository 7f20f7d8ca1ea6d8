/* gate.c — the door every public call goes through: it boots the platform when this process
 * hosts it (mode b), attaches the thread to the JVM once, and counts calls inside the upcall so
 * that simplec_uninstall can wait for them before the bridge releases its closure. */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"

static _Atomic(simplec_upcall_fn) installed;
static atomic_long inflight;
static atomic_int ever_installed;

static pthread_mutex_t install_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t install_cv = PTHREAD_COND_INITIALIZER;

uint32_t simplec_install(simplec_upcall_fn upcall) {
    pthread_mutex_lock(&install_mu);
    atomic_store(&installed, upcall);
    atomic_store(&ever_installed, 1);
    pthread_cond_broadcast(&install_cv);
    pthread_mutex_unlock(&install_mu);
    boot_warm_attach();
    return SIMPLEC_ABI_VERSION;
}

void simplec_uninstall(void) {
    atomic_store(&installed, NULL);
    /* A caller increments inflight before it reads `installed`, so once this loop sees zero no
     * caller can still be using the old upcall. Calls are short; yielding is enough. */
    while (atomic_load(&inflight) > 0) sched_yield();
}

/* Waits until the bridge installs itself, up to SIMPLEC_BOOT_TIMEOUT_MS (default 60 s). */
static int wait_installed(void) {
    long ms = 60000;
    const char *env = getenv("SIMPLEC_BOOT_TIMEOUT_MS");
    if (env && *env) ms = strtol(env, NULL, 10);
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ms / 1000;
    deadline.tv_nsec += (ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
    pthread_mutex_lock(&install_mu);
    int rc = 0;
    while (!atomic_load(&installed) && rc == 0) rc = pthread_cond_timedwait(&install_cv, &install_mu, &deadline);
    int ok = atomic_load(&installed) != NULL;
    pthread_mutex_unlock(&install_mu);
    return ok;
}

int gate_enter(const char *fn) {
    boot_attach_thread();
    atomic_fetch_add(&inflight, 1);
    if (atomic_load(&installed)) return 0;
    atomic_fetch_sub(&inflight, 1);

    /* Not installed. In a process whose JVM we did not start, or once the bridge has been
     * installed before (it is being updated), that is a window to report, not to wait out. */
    if (atomic_load(&ever_installed) || boot_jvm_present()) {
        err_set("%s: platform unavailable: the simplec bridge is not installed in this process", fn);
        return -1;
    }
    if (boot_platform(fn) < 0) return -1;
    if (!wait_installed()) {
        err_set("%s: platform unavailable: the simplec platform started but its bridge did not install "
                "itself in time (SIMPLEC_BOOT_TIMEOUT_MS)", fn);
        return -1;
    }
    boot_attach_thread();
    atomic_fetch_add(&inflight, 1);
    if (atomic_load(&installed)) return 0;
    atomic_fetch_sub(&inflight, 1);
    err_set("%s: platform unavailable: the simplec bridge is not installed in this process", fn);
    return -1;
}

void gate_leave(void) { atomic_fetch_sub(&inflight, 1); }

int32_t gate_call(int32_t op, simplec_request *req) {
    simplec_upcall_fn fn = atomic_load(&installed);
    /* Inside the gate `installed` cannot be cleared-and-released under us: uninstall waits for
     * inflight to drain. It can be cleared, though, between enter and here. */
    if (!fn) return -1;
    req->status = SIMPLEC_ERROR;
    req->out = NULL;
    req->out_len = 0;
    switch (fn(op, req)) {
    case SIMPLEC_UPCALL_DONE: /* success without data: no simplec_reply, no allocation */
        req->status = SIMPLEC_OK;
        break;
    case SIMPLEC_UPCALL_REPLIED: /* status and data set by simplec_reply */
        break;
    default: /* 0: JNR swallowed an exception thrown in the upcall; there is no reply to trust */
        free(req->out);
        req->out = NULL;
        req->status = SIMPLEC_ERROR;
    }
    return req->status;
}

int32_t simplec_reply(simplec_request *req, int32_t status, const uint8_t *data, size_t len) {
    uint8_t *copy = malloc(len + 1);
    if (!copy) return -1;
    if (len) memcpy(copy, data, len);
    copy[len] = 0;
    free(req->out);
    req->out = copy;
    req->out_len = len;
    req->status = status;
    return 0;
}

static char shim_path[PATH_MAX];
static pthread_once_t shim_path_once = PTHREAD_ONCE_INIT;

static void resolve_shim_path(void) {
    Dl_info info;
    if (dladdr((void *)&simplec_shim_path, &info) && info.dli_fname && !realpath(info.dli_fname, shim_path))
        shim_path[0] = 0;
}

const char *simplec_shim_path(void) {
    pthread_once(&shim_path_once, resolve_shim_path);
    return shim_path[0] ? shim_path : NULL;
}

/* fake_platform.c — the Java side of the shim (Upcalls.java) replaced by C: sessions per context
 * handle, answers for fixed inputs, and a watch on the promises simplec_uninstall makes. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fake_platform.h"
#include "shim.h"

#define MAX_SESSIONS 8192

typedef struct {
    uint64_t ctx;
    const char *backend; /* "x86_64" or "aarch64" */
} session;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static session sessions[MAX_SESSIONS];
static long session_count;

static atomic_int installed;
static atomic_long inside, violations, opens;

/* lea rax, [rdi+rdi]; ret */
static const uint8_t X86_DOUBLE[] = {0x48, 0x8d, 0x04, 0x3f, 0xc3};
/* add x0, x0, x0; ret */
static const uint8_t ARM_DOUBLE[] = {0x00, 0x00, 0x00, 0x8b, 0xc0, 0x03, 0x5f, 0xd6};

const char *fake_host_backend(void) {
#ifdef __aarch64__
    return "aarch64";
#else
    return "x86_64";
#endif
}

const uint8_t *fake_double_code(const char *backend, size_t *len) {
    int arm = strcmp(backend, "aarch64") == 0;
    *len = arm ? sizeof ARM_DOUBLE : sizeof X86_DOUBLE;
    return arm ? ARM_DOUBLE : X86_DOUBLE;
}

static int eq(const uint8_t *p, size_t n, const char *s) { return p && n == strlen(s) && memcmp(p, s, n) == 0; }

static int32_t reply(simplec_request *req, int32_t status, const void *data, size_t len) {
    simplec_reply(req, status, data, len);
    return SIMPLEC_UPCALL_REPLIED;
}

static int32_t error(simplec_request *req, const char *msg) { return reply(req, SIMPLEC_ERROR, msg, strlen(msg)); }

static session *find(uint64_t ctx) {
    for (long i = 0; i < session_count; i++)
        if (sessions[i].ctx == ctx) return &sessions[i];
    return NULL;
}

static int32_t open_session(simplec_request *req) {
    const char *backend = !req->a                             ? fake_host_backend()
                          : eq(req->a, req->a_len, "x86_64")  ? "x86_64"
                          : eq(req->a, req->a_len, "aarch64") ? "aarch64"
                                                              : NULL;
    if (!backend) {
        char msg[160];
        snprintf(msg, sizeof msg, "no codegen backend named %.*s is registered (registered: x86_64, aarch64)",
                 (int)req->a_len, (const char *)req->a);
        return error(req, msg);
    }
    atomic_fetch_add(&opens, 1);
    pthread_mutex_lock(&mu);
    session *s = find(req->ctx);
    if (!s && session_count < MAX_SESSIONS) s = &sessions[session_count++];
    if (s) {
        s->ctx = req->ctx;
        s->backend = backend;
    }
    pthread_mutex_unlock(&mu);
    return s ? SIMPLEC_UPCALL_DONE : error(req, "fake platform: too many sessions");
}

static int32_t close_session(simplec_request *req) {
    pthread_mutex_lock(&mu);
    session *s = find(req->ctx);
    if (s) *s = sessions[--session_count];
    pthread_mutex_unlock(&mu);
    return SIMPLEC_UPCALL_DONE;
}

/* The backend of req's session, or NULL when the fake has no session for it. */
static const char *session_backend(simplec_request *req) {
    pthread_mutex_lock(&mu);
    session *s = find(req->ctx);
    const char *backend = s ? s->backend : NULL;
    pthread_mutex_unlock(&mu);
    return backend;
}

static int32_t answer(int32_t op, simplec_request *req) {
    if (op == SIMPLEC_OP_OPEN) return open_session(req);
    if (op == SIMPLEC_OP_CLOSE) return close_session(req);
    if (op == SIMPLEC_OP_PING) return SIMPLEC_UPCALL_DONE;
    if (op == SIMPLEC_OP_BACKENDS) return reply(req, SIMPLEC_OK, FAKE_BACKENDS, strlen(FAKE_BACKENDS));
    const char *backend = session_backend(req);
    if (!backend) return reply(req, SIMPLEC_UNKNOWN_CONTEXT, "", 0);
    switch (op) {
    case SIMPLEC_OP_INFER:
        if (eq(req->a, req->a_len, FAKE_THROW)) {
            reply(req, SIMPLEC_ERROR, "half a reply", 12);
            return 0;
        }
        if (eq(req->a, req->a_len, FAKE_ID) && eq(req->b, req->b_len, FAKE_HINT))
            return reply(req, SIMPLEC_OK, FAKE_I64, strlen(FAKE_I64));
        if (req->a_len == 0 || req->a[0] != '{') return error(req, FAKE_BAD_JSON_ERROR);
        return error(req, "fake platform: no answer for this template");
    case SIMPLEC_OP_CHECK:
        if (eq(req->a, req->a_len, FAKE_DOUBLE)) return SIMPLEC_UPCALL_DONE;
        if (eq(req->a, req->a_len, FAKE_BROKEN)) return error(req, FAKE_BROKEN_ERROR);
        return error(req, "fake platform: no answer for this template");
    case SIMPLEC_OP_INSTANTIATE: {
        /* A compile takes a while: calls are inside the upcall when the bridge goes away. */
        nanosleep(&(struct timespec){0, 20000}, NULL);
        if (eq(req->b, req->b_len, FAKE_BAD_TYPES)) return error(req, FAKE_BAD_TYPES_ERROR);
        if (!eq(req->a, req->a_len, FAKE_DOUBLE) || !eq(req->b, req->b_len, FAKE_I64))
            return error(req, "fake platform: no answer for this template");
        size_t len;
        const uint8_t *code = fake_double_code(backend, &len);
        return reply(req, SIMPLEC_OK, code, len);
    }
    case SIMPLEC_OP_STATS: {
        char json[64];
        int n = snprintf(json, sizeof json, "{\"backend\":\"%s\"}", backend);
        return reply(req, SIMPLEC_OK, json, (size_t)n);
    }
    default: {
        char msg[64];
        snprintf(msg, sizeof msg, "internal error: unknown upcall %d", (int)op);
        return error(req, msg);
    }
    }
}

static int32_t upcall(int32_t op, simplec_request *req) {
    atomic_fetch_add(&inside, 1);
    if (!atomic_load(&installed)) atomic_fetch_add(&violations, 1);
    int32_t rc = answer(op, req);
    atomic_fetch_sub(&inside, 1);
    return rc;
}

uint32_t fake_install(void) {
    atomic_store(&installed, 1);
    return simplec_install(upcall);
}

void fake_uninstall(void) {
    simplec_uninstall();
    atomic_store(&installed, 0);
    if (atomic_load(&inside) != 0) atomic_fetch_add(&violations, 1);
}

void fake_forget_sessions(void) {
    pthread_mutex_lock(&mu);
    session_count = 0;
    pthread_mutex_unlock(&mu);
}

long fake_sessions(void) {
    pthread_mutex_lock(&mu);
    long n = session_count;
    pthread_mutex_unlock(&mu);
    return n;
}

long fake_violations(void) { return atomic_load(&violations); }

long fake_opens(void) { return atomic_load(&opens); }

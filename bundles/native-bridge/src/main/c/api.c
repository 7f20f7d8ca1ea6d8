/* api.c — the public functions of compiler_ffi.h. Each clears the thread's last error, checks its
 * arguments, goes through the gate, makes one upcall and turns the reply into what C expects. */
#include <stdlib.h>
#include <string.h>

#include "shim.h"

#define API SIMPLEC_EXPORT
#define INVALID "%s: invalid context handle %p"

static CompilerContextImpl *to_ptr(uint64_t h) { return (CompilerContextImpl *)(uintptr_t)h; }
static uint64_t to_handle(CompilerContextImpl *ctx) { return (uint64_t)(uintptr_t)ctx; }

static int check_ctx(const char *fn, CompilerContextImpl *ctx) {
    if (ctx && handle_is_live(to_handle(ctx))) return 0;
    err_set(INVALID, fn, (void *)ctx);
    return -1;
}

/* Sets the last error for a failed upcall (rc: what gate_call returned), takes its reply; -1. */
static int reply_failed(const char *fn, int32_t rc, simplec_request *req) {
    if (rc == SIMPLEC_ERROR && req->out) {
        err_set_owned((char *)req->out); /* the message, NUL-terminated by simplec_reply */
    } else {
        free(req->out);
        if (rc < 0) /* the bridge went away between gate_enter and the call */
            err_set("%s: platform unavailable: the simplec bridge is not installed in this process", fn);
        else if (rc == SIMPLEC_UNKNOWN_CONTEXT) /* reopened, then destroyed by another thread */
            err_set(INVALID, fn, (void *)(uintptr_t)req->ctx);
        else /* JNR returns 0 with nothing set when a Java exception escapes the upcall */
            err_set("%s: internal error: the bridge returned no reply", fn);
    }
    req->out = NULL;
    return -1;
}

/* Opens the Java session of a live handle again, with its pin: after a bridge update the new
 * bridge has no sessions, but the C caller's contexts must go on working. */
static int reopen(const char *fn, uint64_t h) {
    char backend[256];
    if (handle_backend(h, backend, sizeof backend) == 0) {
        simplec_request open = {.ctx = h, .a = backend[0] ? (const uint8_t *)backend : NULL, .a_len = strlen(backend)};
        int32_t rc = gate_call(SIMPLEC_OP_OPEN, &open);
        if (rc != SIMPLEC_OK) return reply_failed(fn, rc, &open);
        free(open.out);
        if (handle_is_live(h)) return 0;
        /* Destroyed meanwhile: its CLOSE may have come before this OPEN, so close what we opened
         * or the session would outlive its handle. */
        simplec_request close = {.ctx = h};
        gate_call(SIMPLEC_OP_CLOSE, &close);
        free(close.out);
    }
    err_set(INVALID, fn, (void *)(uintptr_t)h);
    return -1;
}

/* Makes the upcall. On success returns 0 with req->out owned by the caller of this function; on
 * failure sets the last error (the reply's message, or a generic one) and returns -1. */
static int call(const char *fn, int32_t op, simplec_request *req) {
    if (gate_enter(fn) < 0) return -1;
    int32_t rc = gate_call(op, req);
    if (rc == SIMPLEC_UNKNOWN_CONTEXT) { /* a new bridge: open the session again, then retry once */
        free(req->out);
        req->out = NULL;
        if (reopen(fn, req->ctx) < 0) {
            gate_leave();
            return -1;
        }
        rc = gate_call(op, req);
    }
    gate_leave();
    return rc == SIMPLEC_OK ? 0 : reply_failed(fn, rc, req);
}

/* A string reply handed to the caller: registered so compiler_free_string can check it. */
static char *hand_out_string(const char *fn, simplec_request *req) {
    char *s = (char *)req->out;
    if (!s) {
        err_set("%s: internal error: the bridge returned no data", fn);
        return NULL;
    }
    if (own_register(s, req->out_len, OWN_STRING) < 0) {
        free(s);
        err_set("%s: out of memory", fn);
        return NULL;
    }
    return s;
}

static CompilerContextImpl *create(const char *fn, const char *backend) {
    uint64_t h = handle_alloc();
    if (!h) {
        err_set("%s: too many contexts", fn);
        return NULL;
    }
    if (backend && handle_pin(h, backend) < 0) {
        err_set("%s: out of memory", fn);
        handle_release(h);
        return NULL;
    }
    simplec_request req = {.ctx = h, .a = (const uint8_t *)backend, .a_len = backend ? strlen(backend) : 0};
    if (call(fn, SIMPLEC_OP_OPEN, &req) < 0) {
        handle_release(h);
        return NULL;
    }
    free(req.out);
    return to_ptr(h);
}

API CompilerContextImpl *compiler_create_context(void) {
    err_clear();
    return create("compiler_create_context", NULL);
}

API CompilerContextImpl *compiler_create_context_for(const char *backend) {
    err_clear();
    if (!backend) {
        err_set("compiler_create_context_for: backend is NULL");
        return NULL;
    }
    return create("compiler_create_context_for", backend);
}

API void compiler_destroy_context(CompilerContextImpl *ctx) {
    static const char fn[] = "compiler_destroy_context";
    err_clear();
    if (!ctx || !handle_release(to_handle(ctx))) {
        err_set(INVALID, fn, (void *)ctx);
        return;
    }
    simplec_request req = {.ctx = to_handle(ctx)};
    if (call(fn, SIMPLEC_OP_CLOSE, &req) == 0) free(req.out);
}

API const char *compiler_get_last_error(void) { return err_get(); }

API void compiler_free_string(char *s) {
    err_clear();
    if (!s) return;
    if (own_release("compiler_free_string", s, 0, OWN_STRING) == 0) free(s);
}

API void compiler_free_code(uint8_t *code, size_t len) {
    err_clear();
    if (!code) return;
    if (own_release("compiler_free_code", code, len, OWN_CODE) == 0) free(code);
}

API char *compiler_infer_types(CompilerContextImpl *ctx, const char *template_json, const char *hints_json) {
    static const char fn[] = "compiler_infer_types";
    err_clear();
    if (check_ctx(fn, ctx) < 0) return NULL;
    if (!template_json || !hints_json) {
        err_set("%s: %s is NULL", fn, template_json ? "hints_json" : "template_json");
        return NULL;
    }
    simplec_request req = {.ctx = to_handle(ctx),
                           .a = (const uint8_t *)template_json, .a_len = strlen(template_json),
                           .b = (const uint8_t *)hints_json, .b_len = strlen(hints_json)};
    if (call(fn, SIMPLEC_OP_INFER, &req) < 0) return NULL;
    return hand_out_string(fn, &req);
}

API bool compiler_check_types(CompilerContextImpl *ctx, const uint8_t *code, size_t len) {
    static const char fn[] = "compiler_check_types";
    err_clear();
    if (check_ctx(fn, ctx) < 0) return false;
    if (!code && len) {
        err_set("%s: code is NULL", fn);
        return false;
    }
    simplec_request req = {.ctx = to_handle(ctx), .a = code, .a_len = len};
    if (call(fn, SIMPLEC_OP_CHECK, &req) < 0) return false;
    free(req.out);
    return true;
}

static CompilationResult failed(void) {
    CompilationResult r = {false, NULL, 0, NULL};
    const char *msg = err_get();
    r.error_message = strdup(msg ? msg : "unknown error");
    if (r.error_message && own_register(r.error_message, strlen(r.error_message), OWN_STRING) < 0) {
        free(r.error_message);
        r.error_message = NULL;
    }
    return r;
}

int instantiate_code(const char *fn, CompilerContextImpl *ctx, const uint8_t *template_bytes, size_t template_len,
                     const char *types_json, uint8_t **code, size_t *len) {
    if (check_ctx(fn, ctx) < 0) return -1;
    if (!template_bytes && template_len) {
        err_set("%s: template_bytes is NULL", fn);
        return -1;
    }
    if (!types_json) {
        err_set("%s: types_json is NULL", fn);
        return -1;
    }
    simplec_request req = {.ctx = to_handle(ctx), .a = template_bytes, .a_len = template_len,
                           .b = (const uint8_t *)types_json, .b_len = strlen(types_json)};
    if (call(fn, SIMPLEC_OP_INSTANTIATE, &req) < 0) return -1;
    *code = req.out;
    *len = req.out_len;
    return 0;
}

API CompilationResult compiler_instantiate_template(CompilerContextImpl *ctx, const uint8_t *template_bytes,
                                                    size_t template_len, const char *types_json) {
    static const char fn[] = "compiler_instantiate_template";
    err_clear();
    uint8_t *code;
    size_t len;
    if (instantiate_code(fn, ctx, template_bytes, template_len, types_json, &code, &len) < 0) return failed();
    if (own_register(code, len, OWN_CODE) < 0) {
        free(code);
        err_set("%s: out of memory", fn);
        return failed();
    }
    CompilationResult r = {true, code, len, NULL};
    return r;
}

SIMPLEC_EXPORT int simplec_ping(void) {
    err_clear();
    simplec_request req = {0};
    if (call("simplec_ping", SIMPLEC_OP_PING, &req) < 0) return -1;
    free(req.out);
    return 0;
}

API uint32_t compiler_abi_version(void) {
    err_clear();
    return SIMPLEC_ABI_VERSION;
}

API char *compiler_list_backends(void) {
    static const char fn[] = "compiler_list_backends";
    err_clear();
    simplec_request req = {0};
    if (call(fn, SIMPLEC_OP_BACKENDS, &req) < 0) return NULL;
    return hand_out_string(fn, &req);
}

API char *compiler_stats(CompilerContextImpl *ctx) {
    static const char fn[] = "compiler_stats";
    err_clear();
    if (check_ctx(fn, ctx) < 0) return NULL;
    simplec_request req = {.ctx = to_handle(ctx)};
    if (call(fn, SIMPLEC_OP_STATS, &req) < 0) return NULL;
    return hand_out_string(fn, &req);
}

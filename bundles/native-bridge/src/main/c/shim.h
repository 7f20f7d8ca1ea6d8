/*
 * shim.h — the inside of libsimplec.so: how the bridge bundle installs itself, and the pieces the
 * public functions are built from. Not installed with the distribution.
 *
 * The Java side installs ONE upcall, `int32_t upcall(int32_t op, simplec_request *req)`; every
 * public function fills a request, makes the upcall and reads the reply. One fixed signature
 * keeps the JNR side to a single closure, created once at install time.
 */
#ifndef SIMPLEC_SHIM_H
#define SIMPLEC_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "compiler_ffi.h"

#define SIMPLEC_EXPORT __attribute__((visibility("default")))

/* What an upcall asks the Java side to do. Keep in sync with dev.simplec.bridge.shim.Op. */
enum simplec_op {
    SIMPLEC_OP_OPEN = 1,        /* a: backend name or NULL; opens the session for req->ctx */
    SIMPLEC_OP_CLOSE = 2,       /* closes the session of req->ctx */
    SIMPLEC_OP_INFER = 3,       /* a: template_json, b: hints_json; reply: JSON array */
    SIMPLEC_OP_CHECK = 4,       /* a: template source; reply: nothing */
    SIMPLEC_OP_INSTANTIATE = 5, /* a: template source, b: types_json; reply: machine code */
    SIMPLEC_OP_BACKENDS = 6,    /* reply: JSON array of backends */
    SIMPLEC_OP_STATS = 7,       /* reply: JSON object of the cache counters of req->ctx */
    SIMPLEC_OP_PING = 8,        /* does nothing: the cost of the boundary itself */
};

/* Status of a reply. */
enum simplec_status {
    SIMPLEC_OK = 0,
    SIMPLEC_ERROR = 1, /* reply data is the error message */
    SIMPLEC_UNKNOWN_CONTEXT = 2, /* the Java side has no session for req->ctx (the bridge was updated) */
};

/* One call across the boundary. Field offsets are read by the Java side (Request.java):
 * ctx 0, a 8, a_len 16, b 24, b_len 32, status 40, out 48, out_len 56. */
typedef struct simplec_request {
    uint64_t ctx;
    const uint8_t *a;
    size_t a_len;
    const uint8_t *b;
    size_t b_len;
    int32_t status;
    uint8_t *out;      /* malloc'd by simplec_reply, NUL-terminated, owned by the shim */
    size_t out_len;
} simplec_request;

/* What the upcall returns. Never 0: JNR returns 0 when a Java exception escapes a callback. */
enum simplec_upcall_result {
    SIMPLEC_UPCALL_DONE = 1,    /* succeeded with nothing to return; simplec_reply was not called */
    SIMPLEC_UPCALL_REPLIED = 2, /* simplec_reply set the status and data */
};

typedef int32_t (*simplec_upcall_fn)(int32_t op, simplec_request *req);

/* ---- install interface, called by the bridge bundle ---- */

/* Installs the upcall; calls that waited for the platform proceed. Returns SIMPLEC_ABI_VERSION. */
SIMPLEC_EXPORT uint32_t simplec_install(simplec_upcall_fn upcall);
/* Uninstalls: later calls fail with "platform unavailable"; returns once no call is inside the
 * upcall any more, so the caller may then release the closure. */
SIMPLEC_EXPORT void simplec_uninstall(void);
/* Sets a request's reply: status, and a copy of len bytes of data. Returns 0, or -1 when out of memory. */
SIMPLEC_EXPORT int32_t simplec_reply(simplec_request *req, int32_t status, const uint8_t *data, size_t len);
/* One empty round trip C -> Java -> C, for the boundary benchmark. 0, or -1 with the error set. */
SIMPLEC_EXPORT int simplec_ping(void);
/* The canonical path of this library, so the bridge binds this copy and never loads another. */
SIMPLEC_EXPORT const char *simplec_shim_path(void);

/* ---- internal pieces ---- */

/* errors.c: the calling thread's last error. */
void err_clear(void);
void err_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void err_set_owned(char *msg); /* takes ownership of a malloc'd message */
const char *err_get(void);

/* handles.c: context handles, slot index + generation. */
uint64_t handle_alloc(void);              /* 0 when the table is full */
int handle_is_live(uint64_t h);
int handle_release(uint64_t h);           /* 1 when h was live and is now released */
/* The backend a live handle is pinned to (copied into buf, "" when none); 0, or -1 when not live. */
int handle_backend(uint64_t h, char *buf, size_t cap);
int handle_pin(uint64_t h, const char *backend); /* remembers the pin; 0, or -1 out of memory */

/* ownership.c: every pointer handed to the caller, with its length and kind. */
enum own_kind { OWN_STRING = 1, OWN_CODE = 2, OWN_JIT = 3 };
int own_register(void *p, size_t len, enum own_kind kind);  /* 0 ok, -1 out of memory */
/* Removes p if it is registered with this kind (and, for code, this length); 0 ok, else sets the
 * error for function `fn` and returns -1 without touching p. */
int own_release(const char *fn, void *p, size_t len, enum own_kind kind);
/* Removes executable code mapped by compiler_jit_load; *len gets the mapping's length. 0 ok, else
 * sets the error for `fn` and returns -1. */
int own_release_jit(const char *fn, void *p, size_t *len);

/* api.c: instantiation shared by compiler_instantiate_template and compiler_jit_load. On success
 * *code is malloc'd machine code of *len bytes (not yet registered); on failure the error is set. */
int instantiate_code(const char *fn, CompilerContextImpl *ctx, const uint8_t *template_bytes, size_t template_len,
                     const char *types_json, uint8_t **code, size_t *len);

/* gate.c: entering the platform (boot, attach, in-flight count) and leaving it. */
int gate_enter(const char *fn);   /* 0: inside, upcall usable; -1: error set */
void gate_leave(void);
/* The upcall, inside the gate: returns the reply's status (SIMPLEC_OK, SIMPLEC_ERROR,
 * SIMPLEC_UNKNOWN_CONTEXT), or -1 when the bridge went away since gate_enter. */
int32_t gate_call(int32_t op, simplec_request *req);

/* boot.c: hosting mode (b), a JVM started by this library, and native-thread attachment. */
int boot_platform(const char *fn);  /* starts the JVM and Felix; 0 ok, -1 error set */
int boot_jvm_present(void);         /* a JVM exists in this process */
void boot_attach_thread(void);      /* attaches the calling thread to the JVM once */
void boot_warm_attach(void);        /* once per process: gets the JVM's attach path compiled, in the background */

#endif

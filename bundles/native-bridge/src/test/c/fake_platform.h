/*
 * fake_platform.h — a stand-in for the Java side of the shim (the bridge bundle), written in C so
 * the shim can be tested in a process without a JVM. It is installed through the shim's own
 * install interface (simplec_install) and answers the upcall protocol of shim.h for the fixed
 * inputs below; anything else gets the error the real platform would give.
 */
#ifndef FAKE_PLATFORM_H
#define FAKE_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#define FAKE_I64 "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]"
#define FAKE_BAD_TYPES "[{\"kind\":\"int\",\"bits\":12,\"signed\":true}]"
#define FAKE_ID "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}"
#define FAKE_HINT "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]"
#define FAKE_DOUBLE "fn double<T: Num>(x: T) -> T { x + x }"
#define FAKE_BROKEN "fn broken<T>(x: T) -> T { x + }"
/* infer_types template that makes the fake reply and then return 0, which is what JNR returns
 * when a Java exception escapes the callback. */
#define FAKE_THROW "{\"throw\":true}"

#define FAKE_BAD_JSON_ERROR "template_json: $: malformed JSON: expected '{' at offset 0"
#define FAKE_BAD_TYPES_ERROR "types_json: $[0].bits: 12 is not a valid int width (8, 16, 32, 64)"
#define FAKE_BROKEN_ERROR "template:1:31: expected an expression"
#define FAKE_BACKENDS \
    "[{\"name\":\"x86_64\",\"arch\":\"x86_64\",\"version\":\"1.0.0\",\"active\":true}," \
    "{\"name\":\"aarch64\",\"arch\":\"aarch64\",\"version\":\"1.0.0\",\"active\":false}]"

/* double<i64> as machine code for a backend ("x86_64" or "aarch64"); *len gets its length. */
const uint8_t *fake_double_code(const char *backend, size_t *len);
/* The host's backend name, the one an unpinned context compiles for. */
const char *fake_host_backend(void);

/* Installs the fake upcall (simplec_install); returns what simplec_install returned. */
uint32_t fake_install(void);
/* simplec_uninstall, as the bridge does when it stops; afterwards no call may be inside the fake. */
void fake_uninstall(void);
/* Drops every session, as a freshly updated bridge knows none: the shim must reopen them. */
void fake_forget_sessions(void);
/* Sessions the fake has open now. */
long fake_sessions(void);
/* Upcalls that reached the fake while it was uninstalled, or were still inside when
 * simplec_uninstall returned: each is a broken promise of shim.h. */
long fake_violations(void);
/* OPEN upcalls so far (first opens and reopens). */
long fake_opens(void);

#endif

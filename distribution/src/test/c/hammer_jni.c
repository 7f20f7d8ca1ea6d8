/*
 * hammer_jni.c — native threads calling the C ABI inside the JVM that runs the platform (hosting
 * mode a), for the in-container tests: they keep calling while bundles are updated underneath.
 * Loaded by dev.simplec.itest.NativeHammer with System.load; linked against libsimplec.so, which
 * resolves to the copy the bridge already loaded (same path).
 */
#include <compiler_ffi.h>
#include <jni.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_THREADS 16

static pthread_t threads[MAX_THREADS];
static int running_threads;
static atomic_int stop;
static atomic_long ok_calls, unavailable_calls, other_failures;
static char first_other[512];
static pthread_mutex_t first_mu = PTHREAD_MUTEX_INITIALIZER;

static const char I64[] = "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]";
static const char DOUBLE[] = "fn double<T: Num>(x: T) -> T { x + x }";

static void failure(const char *msg) {
    if (msg && strstr(msg, "platform unavailable")) {
        atomic_fetch_add(&unavailable_calls, 1);
        return;
    }
    atomic_fetch_add(&other_failures, 1);
    pthread_mutex_lock(&first_mu);
    if (!first_other[0]) snprintf(first_other, sizeof first_other, "%s", msg ? msg : "(no message)");
    pthread_mutex_unlock(&first_mu);
}

static void instantiate(CompilerContextImpl *ctx) {
    CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)DOUBLE, strlen(DOUBLE), I64);
    if (r.success) {
        atomic_fetch_add(&ok_calls, 1);
        compiler_free_code(r.code_ptr, r.code_len);
    } else {
        failure(r.error_message);
        compiler_free_string(r.error_message);
    }
}

/* Each thread keeps one context for its whole run (it must outlive every update: the shim reopens
 * its session on a new bridge) and makes short-lived ones besides. */
static void *hammer(void *arg) {
    (void)arg;
    CompilerContextImpl *kept = NULL;
    while (!kept && !atomic_load(&stop))
        if (!(kept = compiler_create_context())) failure(compiler_get_last_error());
    while (!atomic_load(&stop)) {
        CompilerContextImpl *ctx = compiler_create_context();
        if (!ctx) {
            failure(compiler_get_last_error());
            continue;
        }
        for (int i = 0; i < 20 && !atomic_load(&stop); i++) {
            instantiate(ctx);
            instantiate(kept);
        }
        compiler_destroy_context(ctx);
        if (compiler_get_last_error()) failure(compiler_get_last_error());
    }
    if (kept) {
        compiler_destroy_context(kept);
        if (compiler_get_last_error()) failure(compiler_get_last_error());
    }
    return NULL;
}

JNIEXPORT void JNICALL Java_dev_simplec_itest_NativeHammer_start(JNIEnv *env, jclass cls, jint n) {
    (void)env;
    (void)cls;
    atomic_store(&stop, 0);
    atomic_store(&ok_calls, 0);
    atomic_store(&unavailable_calls, 0);
    atomic_store(&other_failures, 0);
    first_other[0] = 0;
    running_threads = n > MAX_THREADS ? MAX_THREADS : n;
    for (int i = 0; i < running_threads; i++) pthread_create(&threads[i], NULL, hammer, NULL);
}

/* Stops the threads; returns {ok, unavailable, other failures}. */
JNIEXPORT jlongArray JNICALL Java_dev_simplec_itest_NativeHammer_stop(JNIEnv *env, jclass cls) {
    (void)cls;
    atomic_store(&stop, 1);
    for (int i = 0; i < running_threads; i++) pthread_join(threads[i], NULL);
    running_threads = 0;
    jlong counts[3] = {atomic_load(&ok_calls), atomic_load(&unavailable_calls), atomic_load(&other_failures)};
    jlongArray out = (*env)->NewLongArray(env, 3);
    (*env)->SetLongArrayRegion(env, out, 0, 3, counts);
    return out;
}

JNIEXPORT jlong JNICALL Java_dev_simplec_itest_NativeHammer_okCalls(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
    return atomic_load(&ok_calls);
}

JNIEXPORT jstring JNICALL Java_dev_simplec_itest_NativeHammer_firstOtherFailure(JNIEnv *env, jclass cls) {
    (void)cls;
    return (*env)->NewStringUTF(env, first_other);
}

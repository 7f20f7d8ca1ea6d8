/* boot.c — hosting mode (b): a native program that links -lsimplec gets a JVM with the
 * distribution's Felix on its first call. Also attaches native threads to the JVM once, so
 * upcalls from them cost the same as from Java threads (jffi would otherwise attach and detach
 * on every call), and warms the JVM's attach path so that a thread's first call is cheap too. */
#include <dlfcn.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim.h"

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);
typedef jint (*created_vms_fn)(JavaVM **, jsize, jsize *);

static pthread_mutex_t boot_mu = PTHREAD_MUTEX_INITIALIZER;
static int boot_done;          /* 1 booted, -1 failed (the message is kept for later callers) */
static char *boot_failure;
static JavaVM *vm;

static pthread_key_t attach_key;
static pthread_once_t attach_once = PTHREAD_ONCE_INIT;
static __thread int attached;

static void detach_at_thread_exit(void *unused) {
    (void)unused;
    if (vm) (*vm)->DetachCurrentThread(vm);
}

static void make_attach_key(void) { pthread_key_create(&attach_key, detach_at_thread_exit); }

/* The JVM of this process: the one we created, or one the process already runs (mode a). */
static JavaVM *find_vm(void) {
    if (vm) return vm;
    created_vms_fn created = (created_vms_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    if (!created) return NULL;
    JavaVM *found = NULL;
    jsize n = 0;
    if (created(&found, 1, &n) == JNI_OK && n > 0) vm = found;
    return vm;
}

int boot_jvm_present(void) { return find_vm() != NULL; }

/* Every attach names its thread alike, so the warm-up below runs the very Java path a user's
 * thread will (Thread's constructor with a name, ThreadGroup.add). */
static int attach_daemon(JavaVM *jvm) {
    JNIEnv *env;
    JavaVMAttachArgs args = {JNI_VERSION_1_8, "simplec-native", NULL};
    return (*jvm)->AttachCurrentThreadAsDaemon(jvm, (void **)&env, &args) == JNI_OK ? 0 : -1;
}

void boot_attach_thread(void) {
    if (attached) return;
    JavaVM *jvm = find_vm();
    if (!jvm) return;
    JNIEnv *env;
    if ((*jvm)->GetEnv(jvm, (void **)&env, JNI_VERSION_1_8) == JNI_OK) {
        attached = 1; /* a Java thread, or one attached by someone else: theirs to detach */
        return;
    }
    if (attach_daemon(jvm) == 0) {
        pthread_once(&attach_once, make_attach_key);
        pthread_setspecific(attach_key, (void *)1);
        attached = 1;
    }
}

/* Why warm the attach path: HotSpot runs the Java half of an attach (Thread's constructor,
 * ThreadGroup.add) in its interpreter until it has seen it some hundreds of times, and each
 * interpreted entry bangs the stack's shadow zone (20 pages): on a native thread's fresh stack
 * that is ~17 page faults, most of what a first call costs. So once per process, when the bridge
 * first installs, a background thread attaches and detaches throwaway threads until attaching no
 * longer faults (the path is compiled), at most SIMPLEC_ATTACH_WARMUP times (default 4000;
 * 0 turns it off). Users' threads that arrive later attach at the compiled price. */
enum { WARM_CALM_FAULTS = 3, WARM_CALM_RUN = 32, WARM_DEFAULT_MAX = 4000 };

static long thread_minor_faults(void) {
    struct rusage r;
    return getrusage(RUSAGE_THREAD, &r) == 0 ? r.ru_minflt : 0;
}

static void *warm_one(void *faults) {
    JavaVM *jvm = find_vm();
    long before = thread_minor_faults();
    if (!jvm || attach_daemon(jvm) != 0) {
        *(long *)faults = -1;
        return NULL;
    }
    *(long *)faults = thread_minor_faults() - before;
    (*jvm)->DetachCurrentThread(jvm);
    return NULL;
}

static void *warm_attach_path(void *unused) {
    (void)unused;
    const char *env = getenv("SIMPLEC_ATTACH_WARMUP");
    long max = env && *env ? strtol(env, NULL, 10) : WARM_DEFAULT_MAX;
    for (long i = 0, calm = 0; i < max && calm < WARM_CALM_RUN; i++) {
        long faults = -1;
        pthread_t t;
        if (pthread_create(&t, NULL, warm_one, &faults) != 0) break;
        pthread_join(t, NULL);
        if (faults < 0) break;
        calm = faults <= WARM_CALM_FAULTS ? calm + 1 : 0;
    }
    return NULL;
}

void boot_warm_attach(void) {
    static atomic_flag started = ATOMIC_FLAG_INIT;
    if (atomic_flag_test_and_set(&started) || !find_vm()) return;
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &attr, warm_attach_path, NULL);
    pthread_attr_destroy(&attr);
}

/* out = a + b, or -1 when it does not fit in PATH_MAX. */
static int join(char *out, const char *a, const char *b) {
    int n = snprintf(out, PATH_MAX, "%s%s", a, b);
    return n < 0 || n >= PATH_MAX ? -1 : 0;
}

static int is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* SIMPLEC_HOME, else the directory above this library's lib/. */
static int find_home(char *home, const char *fn) {
    const char *env = getenv("SIMPLEC_HOME");
    if (env && *env) {
        if (!realpath(env, home) || !is_dir(home)) {
            err_set("%s: platform unavailable: SIMPLEC_HOME=%s is not a directory", fn, env);
            return -1;
        }
        return 0;
    }
    const char *lib = simplec_shim_path();
    if (!lib) {
        err_set("%s: platform unavailable: cannot tell where libsimplec.so is; set SIMPLEC_HOME", fn);
        return -1;
    }
    if (join(home, lib, "") < 0) return -1;
    for (int up = 0; up < 2; up++) { /* .../home/lib/libsimplec.so -> .../home */
        char *slash = strrchr(home, '/');
        if (!slash) break;
        *slash = 0;
    }
    char probe[PATH_MAX];
    if (join(probe, home, "/lib/simplec-launcher.jar") < 0 || !is_file(probe)) {
        err_set("%s: platform unavailable: %s is not a simplec distribution (no lib/simplec-launcher.jar); "
                "set SIMPLEC_HOME", fn, home);
        return -1;
    }
    return 0;
}

/* $JAVA_HOME/lib/server/libjvm.so, else the one beside the `java` on PATH. */
static int find_libjvm(char *out, const char *fn) {
    const char *java_home = getenv("JAVA_HOME");
    if (java_home && *java_home) {
        if (join(out, java_home, "/lib/server/libjvm.so") == 0 && is_file(out)) return 0;
        err_set("%s: platform unavailable: JAVA_HOME=%s has no lib/server/libjvm.so", fn, java_home);
        return -1;
    }
    const char *path = getenv("PATH");
    char dir[PATH_MAX], java[PATH_MAX], real[PATH_MAX];
    for (const char *p = path ? path : ""; *p;) {
        size_t n = strcspn(p, ":");
        int fits = n < PATH_MAX;
        if (fits) {
            memcpy(dir, p, n);
            dir[n] = 0;
        }
        p += n + (p[n] == ':');
        if (!fits || join(java, dir, "/java") < 0 || !is_file(java) || !realpath(java, real)) continue;
        char *slash = strrchr(real, '/');          /* <jdk>/bin/java */
        if (!slash) continue;
        *slash = 0;
        slash = strrchr(real, '/');
        if (!slash) continue;
        *slash = 0;                                /* <jdk> */
        if (join(out, real, "/lib/server/libjvm.so") == 0 && is_file(out)) return 0;
    }
    err_set("%s: platform unavailable: no JVM found: JAVA_HOME is not set and no java on PATH has "
            "lib/server/libjvm.so", fn);
    return -1;
}

/* At most this many options from SIMPLEC_JVM_OPTS; the shim's own come before them. */
#define MAX_EXTRA_OPTIONS 32
#define MAX_OWN_OPTIONS 16

/* Splits SIMPLEC_JVM_OPTS on spaces into at most MAX_EXTRA_OPTIONS extra JVM options; -1 when it has more. */
static int extra_options(JavaVMOption *opts, char **storage) {
    const char *env = getenv("SIMPLEC_JVM_OPTS");
    if (!env || !*env) return 0;
    *storage = strdup(env);
    if (!*storage) return 0;
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(*storage, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (n == MAX_EXTRA_OPTIONS) return -1;
        opts[n++].optionString = tok;
    }
    return n;
}

static int start_jvm(const char *fn) {
    char home[PATH_MAX], libjvm[PATH_MAX];
    if (find_home(home, fn) < 0 || find_libjvm(libjvm, fn) < 0) return -1;

    void *jvm_lib = dlopen(libjvm, RTLD_NOW | RTLD_GLOBAL);
    if (!jvm_lib) {
        err_set("%s: platform unavailable: cannot load %s: %s", fn, libjvm, dlerror());
        return -1;
    }
    create_vm_fn create = (create_vm_fn)dlsym(jvm_lib, "JNI_CreateJavaVM");
    if (!create) {
        err_set("%s: platform unavailable: %s has no JNI_CreateJavaVM", fn, libjvm);
        return -1;
    }

    char classpath[2 * PATH_MAX + 64], home_prop[PATH_MAX + 32], archive[PATH_MAX + 32];
    if (snprintf(classpath, sizeof classpath, "-Djava.class.path=%s/lib/simplec-launcher.jar:%s/lib/felix.jar", home,
                 home) >= (int)sizeof classpath ||
        snprintf(home_prop, sizeof home_prop, "-Dsimplec.home=%s", home) >= (int)sizeof home_prop ||
        snprintf(archive, sizeof archive, "-XX:SharedArchiveFile=%s/lib/simplec.jsa", home) >= (int)sizeof archive) {
        err_set("%s: platform unavailable: the path of SIMPLEC_HOME is too long", fn);
        return -1;
    }
    JavaVMOption opts[MAX_OWN_OPTIONS + MAX_EXTRA_OPTIONS];
    int n = 0;
    opts[n++].optionString = classpath;
    opts[n++].optionString = home_prop;
    opts[n++].optionString = "-Xrs";           /* leave SIGINT/SIGTERM/SIGQUIT to the host program */
    opts[n++].optionString = "-XX:+UseSerialGC"; /* small heap, fast start: the host owns the process */
    /* Compiler threads started once and kept: HotSpot otherwise starts and ends them with each
     * burst of compilation (every backend update is one), a thread stack each time. */
    opts[n++].optionString = "-XX:-UseDynamicNumberOfCompilerThreads";
    /* What else grew in the soak, slowly, with each backend update: malloc'd memory freed but kept
     * by glibc's arenas (the JIT's), and metaspace freed with old class loaders but kept committed.
     * The JVM hands both back: malloc_trim every 10 s, metaspace uncommitted as soon as it is free
     * (RSS ~30 MiB lower over the soak's hour, docs/reliability.md). */
    opts[n++].optionString = "-XX:TrimNativeHeapInterval=10000";
    opts[n++].optionString = "-XX:MetaspaceReclaimPolicy=aggressive";
    /* Each update compiles the new backend's code again. HotSpot's sweeper flushes compiled code
     * no thread has run for about 4 x (reserved size in MB) sweeps: ~960 with the default 240 MB,
     * so the code heaps' high-water mark crept up ~1.5 MiB per 20 minutes of updates. 48 MB (three
     * times what the soak uses) ages it out five times sooner: flat in the soak. Segmented
     * explicitly: HotSpot turns segmentation off below 240 MB (docs/reliability.md, "One-hour soak"). */
    opts[n++].optionString = "-XX:ReservedCodeCacheSize=48m";
    opts[n++].optionString = "-XX:+SegmentedCodeCache";
    /* C2 inlines an already compiled method only below this size (2,500 bytes by default). The
     * front end and the backends together are more compiled code than a core's caches hold, and
     * inlining big compiled methods into their callers makes it more: at 1,000 a template compiles
     * 3-8 % faster (kernel30 72 µs instead of 77, docs/performance-log.md, "The eighth session"). */
    opts[n++].optionString = "-XX:InlineSmallCode=1000";
    /* And a method not yet compiled is inlined where it is called often up to 200 bytes of bytecode
     * (325 by default): the compiler's hot paths go through many middle-sized methods, and fewer
     * copies of them make a compile 3-4 % faster (kernel30 through the C ABI 39.5-41.1 µs instead of
     * 40.9-42.4, docs/performance-log.md, "The fifteenth session"). */
    opts[n++].optionString = "-XX:FreqInlineSize=200";
    /* bin/simplec-cds's archive maps the classes of a first answer instead of parsing them (a quarter
     * of the boot here). One made for another JDK or another place is ignored, silently. */
    if (is_file(archive + strlen("-XX:SharedArchiveFile="))) {
        opts[n++].optionString = archive;
        opts[n++].optionString = "-Xlog:cds=off";
        opts[n++].optionString = "-Xlog:cds+dynamic=off";
    }
    char *storage = NULL;
    int extra = extra_options(opts + n, &storage);
    if (extra < 0) {
        free(storage);
        err_set("%s: platform unavailable: SIMPLEC_JVM_OPTS has more than %d options", fn, MAX_EXTRA_OPTIONS);
        return -1;
    }
    n += extra;
    for (int i = 0; i < n; i++) opts[i].extraInfo = NULL;
    JavaVMInitArgs args = {JNI_VERSION_1_8, n, opts, JNI_FALSE};

    JNIEnv *env;
    JavaVM *created;
    jint rc = create(&created, (void **)&env, &args);
    free(storage);
    if (rc != JNI_OK) {
        err_set("%s: platform unavailable: JNI_CreateJavaVM with %s failed (%d)", fn, libjvm, (int)rc);
        return -1;
    }
    vm = created;
    attached = 1; /* JNI_CreateJavaVM attached this thread */

    jclass cls = (*env)->FindClass(env, "dev/simplec/launcher/Embedded");
    jmethodID start = cls ? (*env)->GetStaticMethodID(env, cls, "start", "(Ljava/lang/String;)Ljava/lang/String;") : NULL;
    if (!start) {
        (*env)->ExceptionClear(env);
        err_set("%s: platform unavailable: %s/lib/simplec-launcher.jar has no dev.simplec.launcher.Embedded.start",
                fn, home);
        return -1;
    }
    jstring jhome = (*env)->NewStringUTF(env, home);
    jstring failure = (jstring)(*env)->CallStaticObjectMethod(env, cls, start, jhome);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        err_set("%s: platform unavailable: starting Felix threw an exception", fn);
        return -1;
    }
    if (failure) {
        const char *msg = (*env)->GetStringUTFChars(env, failure, NULL);
        err_set("%s: platform unavailable: %s", fn, msg ? msg : "Felix did not start");
        if (msg) (*env)->ReleaseStringUTFChars(env, failure, msg);
        return -1;
    }
    return 0;
}

int boot_platform(const char *fn) {
    pthread_mutex_lock(&boot_mu);
    if (boot_done == 0) {
        if (start_jvm(fn) == 0) {
            boot_done = 1;
        } else {
            boot_done = -1;
            /* Kept without the first caller's "fn: ", so each later caller's message names its own call. */
            const char *msg = err_get();
            size_t n = strlen(fn);
            if (msg && strncmp(msg, fn, n) == 0 && strncmp(msg + n, ": ", 2) == 0) msg += n + 2;
            boot_failure = strdup(msg ? msg : "platform unavailable");
        }
    } else if (boot_done < 0) {
        err_set("%s: %s", fn, boot_failure ? boot_failure : "platform unavailable");
    }
    int rc = boot_done > 0 ? 0 : -1;
    pthread_mutex_unlock(&boot_mu);
    return rc;
}

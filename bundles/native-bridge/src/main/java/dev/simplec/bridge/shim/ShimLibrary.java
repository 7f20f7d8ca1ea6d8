package dev.simplec.bridge.shim;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.annotations.In;

/** The install interface of libsimplec.so (src/main/c/shim.h), as JNR binds it. */
public interface ShimLibrary {
    /** The one upcall: {@code int32_t upcall(int32_t op, simplec_request *req)}. */
    interface Upcall {
        @Delegate
        int call(int op, Pointer request);
    }

    int simplec_install(Upcall upcall);

    void simplec_uninstall();

    int simplec_reply(Pointer request, int status, @In byte[] data, long length);
}

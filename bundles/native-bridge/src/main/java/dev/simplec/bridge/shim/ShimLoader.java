package dev.simplec.bridge.shim;

import java.io.File;
import java.io.IOException;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import jnr.ffi.LibraryLoader;

/**
 * Binds the one copy of libsimplec.so in this process (SPEC §3, "one shim per process"). When a
 * native program linked the shim and booted us, its symbols are already in the process: we ask
 * that copy for its own path and load exactly that file, which the dynamic loader resolves to the
 * copy already mapped. Otherwise we load {@code <simplec.home>/lib/libsimplec.so}. Never a copy.
 */
public final class ShimLoader {
    private ShimLoader() {
    }

    /** @param configuredHome the distribution directory ({@code simplec.home}), or null */
    public static ShimLibrary load(@Nullable String configuredHome) {
        String path = pathOfLoadedShim();
        if (path == null) {
            if (configuredHome == null) {
                throw new SimplecException(ErrorKind.UNAVAILABLE,
                        "libsimplec.so is not loaded in this process and simplec.home is not set");
            }
            File file = new File(configuredHome, "lib/libsimplec.so");
            if (!file.isFile()) {
                throw new SimplecException(ErrorKind.UNAVAILABLE, "no shim at " + file);
            }
            try {
                path = file.getCanonicalPath();
            } catch (IOException e) {
                throw new SimplecException(ErrorKind.UNAVAILABLE, "cannot resolve " + file + ": " + e.getMessage(), e);
            }
        }
        return LibraryLoader.create(ShimLibrary.class).failImmediately().load(path);
    }

    /** The path the in-process shim reports for itself, or null when no shim is loaded yet. */
    private static @Nullable String pathOfLoadedShim() {
        long fn = Library.getDefault().getSymbolAddress("simplec_shim_path");
        if (fn == 0) {
            return null;
        }
        CallContext ctx = CallContext.getCallContext(Type.POINTER, new Type[0], CallingConvention.DEFAULT, false);
        long cstr = Invoker.getInstance().invokeN0(ctx, fn);
        if (cstr == 0) {
            return null;
        }
        return new String(MemoryIO.getInstance().getZeroTerminatedByteArray(cstr), java.nio.charset.StandardCharsets.UTF_8);
    }
}

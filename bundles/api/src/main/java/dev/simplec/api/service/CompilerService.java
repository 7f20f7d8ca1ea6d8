package dev.simplec.api.service;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;

/**
 * The compiler as a whole: serializer, inference and the active backend behind one door. The C
 * ABI, the shell and Java callers all come through here.
 */
public interface CompilerService {
    /**
     * A session, the Java side of a C context. With {@code backend} null each call uses the active
     * backend; with a name, the session is pinned to that backend.
     *
     * @throws SimplecException when {@code backend} names no known backend
     */
    CompilerSession openSession(@Nullable String backend);

    /** Every registered backend, the active one marked. */
    List<BackendInfo> backends();
}

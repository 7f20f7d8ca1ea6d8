package dev.simplec.api.service;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

import dev.simplec.api.SimplecException;

/**
 * The compiler as a whole: serializer, inference and the active backend behind one door. The C
 * ABI, the shell and Java callers all come through here.
 */
@ProviderType
public interface CompilerService {
    /**
     * A session, the Java side of a C context. With {@code backend} null each call uses the active
     * backend; with a name, the session is pinned to that backend. Close it when done: the
     * service tracks open sessions for {@link #sessionStats()}.
     *
     * @throws SimplecException when {@code backend} names no known backend
     */
    CompilerSession openSession(@Nullable String backend);

    /** Every registered backend, the active one marked. */
    List<BackendInfo> backends();

    /**
     * The stats of every open session, in the order they were opened (the shell's {@code simplec:stats}).
     *
     * @since 1.1
     */
    List<SessionStats> sessionStats();
}

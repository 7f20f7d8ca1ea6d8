package dev.simplec.bridge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.service.BackendInfo;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.CompilerSession;
import dev.simplec.bridge.shim.Op;
import dev.simplec.bridge.shim.Request;
import dev.simplec.bridge.shim.ShimLibrary;
import jnr.ffi.Pointer;

/**
 * The Java end of every C call. JNR swallows exceptions thrown in callbacks, so nothing may
 * escape {@link #call}: every outcome, including a defect of ours, travels back as a reply
 * status and message.
 */
final class Upcalls implements ShimLibrary.Upcall {
    private static final int OK = 0;
    private static final int ERROR = 1;
    private static final int UNKNOWN_CONTEXT = 2;
    /** What {@link #call} returns (shim.h, simplec_upcall_result); never 0, which is what JNR returns for an escaped exception. */
    private static final int DONE = 1;
    private static final int REPLIED = 2;
    private static final byte[] EMPTY = new byte[0];

    private final ShimLibrary shim;
    private final CompilerService compiler;
    // Values are @Nullable because Map.get answers null for a missing key.
    private final Map<Long, @Nullable CompilerSession> sessions = new ConcurrentHashMap<>();

    Upcalls(ShimLibrary shim, CompilerService compiler) {
        this.shim = shim;
        this.compiler = compiler;
    }

    @Override
    public int call(int opCode, Pointer requestPointer) {
        try {
            byte[] result = dispatch(opCode, new Request(requestPointer));
            if (result.length == 0) {
                return DONE; // nothing to copy: no downcall, no allocation on the C side
            }
            shim.simplec_reply(requestPointer, OK, result, result.length);
        } catch (UnknownContext e) {
            shim.simplec_reply(requestPointer, UNKNOWN_CONTEXT, EMPTY, 0);
        } catch (SimplecException e) {
            replyError(requestPointer, String.valueOf(e.getMessage()));
        } catch (Throwable t) { // a defect of ours must still not cross into C
            replyError(requestPointer, "internal error: " + t);
        }
        return REPLIED;
    }

    private byte[] dispatch(int opCode, Request request) {
        Op op = Op.of(opCode);
        if (op == null) {
            throw new SimplecException(ErrorKind.INTERNAL, "unknown upcall " + opCode);
        }
        return switch (op) {
            case OPEN -> open(request);
            case CLOSE -> close(request);
            case INFER -> utf8(session(request).inferTypes(request.aText("template_json"), request.bText("hints_json")));
            case CHECK -> {
                session(request).checkTypes(request.aText("template"));
                yield EMPTY;
            }
            case INSTANTIATE -> session(request).instantiate(request.aText("template"), request.bText("types_json")).code();
            case BACKENDS -> utf8(backendsJson(compiler.backends()));
            case STATS -> utf8(StatsJson.write(session(request).stats()));
            case PING -> EMPTY;
        };
    }

    private byte[] open(Request request) {
        @Nullable String backend = request.hasA() ? request.aText("backend") : null;
        sessions.put(request.context(), compiler.openSession(backend));
        return EMPTY;
    }

    private byte[] close(Request request) {
        @Nullable CompilerSession session = sessions.remove(request.context());
        if (session != null) {
            session.close();
        }
        return EMPTY;
    }

    private CompilerSession session(Request request) {
        @Nullable CompilerSession session = sessions.get(request.context());
        if (session == null) {
            // A context of an earlier bridge (or destroyed meanwhile): the shim reopens it if it is live.
            throw new UnknownContext();
        }
        return session;
    }

    /** No session for a context handle; never leaves this class. */
    private static final class UnknownContext extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownContext() {
            super(null, null, false, false);
        }
    }

    /** Closes every session; the shim is uninstalled by then, so no call can open another. */
    void closeAll() {
        for (CompilerSession session : sessions.values()) {
            if (session != null) {
                session.close();
            }
        }
        sessions.clear();
    }

    private void replyError(Pointer request, String message) {
        byte[] bytes = utf8(message);
        shim.simplec_reply(request, ERROR, bytes, bytes.length);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code [{"name":"x86_64","arch":"x86_64","version":"1.0.0","active":true}]}; names are plain identifiers. */
    static String backendsJson(List<BackendInfo> backends) {
        StringBuilder sb = new StringBuilder("[");
        for (BackendInfo b : backends) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append("{\"name\":\"").append(escape(b.name()))
                    .append("\",\"arch\":\"").append(escape(b.arch()))
                    .append("\",\"version\":\"").append(escape(b.version()))
                    .append("\",\"active\":").append(b.active()).append('}');
        }
        return sb.append(']').toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

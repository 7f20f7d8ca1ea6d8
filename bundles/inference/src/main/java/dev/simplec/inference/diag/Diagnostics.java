package dev.simplec.inference.diag;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/** Collects the diagnostics of one compilation; several are reported together where recovery makes sense. */
public final class Diagnostics {
    /** Past this many, more diagnostics are mostly noise caused by the first ones. */
    static final int MAX_REPORTED = 20;

    private final SourceText source;
    private final List<Diagnostic> list = new ArrayList<>();

    public Diagnostics(SourceText source) {
        this.source = source;
    }

    public SourceText source() {
        return source;
    }

    public void report(ErrorKind kind, Span span, String message) {
        if (list.size() < MAX_REPORTED) {
            list.add(new Diagnostic(kind, span, message));
        }
    }

    public boolean hasErrors() {
        return !list.isEmpty();
    }

    public List<Diagnostic> all() {
        return List.copyOf(list);
    }

    /** Throws the collected diagnostics, if any, as one exception of the first diagnostic's kind. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw toException();
        }
    }

    public SimplecException toException() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : list) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(DiagnosticRenderer.render(source, d));
        }
        return new SimplecException(list.get(0).kind(), sb.toString());
    }

    /** A single positioned failure, thrown at once (used where continuing makes no sense). */
    public static SimplecException single(SourceText source, ErrorKind kind, Span span, String message) {
        return new SimplecException(kind, DiagnosticRenderer.render(source, new Diagnostic(kind, span, message)));
    }
}

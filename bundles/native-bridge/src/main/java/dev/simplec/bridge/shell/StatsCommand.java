package dev.simplec.bridge.shell;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.CompilerService;
import dev.simplec.api.service.SessionStats;

/**
 * {@code simplec:stats}: the caches of every open compiler session (each C context is one), a
 * line per cache, and their sum. Gogo finds the command by the standard service properties and
 * calls the public method of the same name; a returned string is printed.
 */
@Component(service = StatsCommand.class, property = {
        "osgi.command.scope=simplec", "osgi.command.function=stats"})
public final class StatsCommand {
    private static final String FORMAT = "%-8s %-8s %-12s %10s %10s %9s %10s %14s%n";

    private final CompilerService compiler;

    @Activate
    public StatsCommand(@Reference CompilerService compiler) {
        this.compiler = compiler;
    }

    /** The table; "no open sessions" when there is none. */
    public String stats() {
        List<SessionStats> sessions = compiler.sessionStats();
        if (sessions.isEmpty()) {
            return "no open sessions\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, FORMAT,
                "session", "backend", "cache", "hits", "misses", "hit rate", "evictions", "size/capacity"));
        CacheStats serialize = new CacheStats(0, 0, 0, 0, 0);
        CacheStats deserialize = serialize;
        CacheStats instantiate = serialize;
        for (SessionStats s : sessions) {
            String id = Long.toString(s.id());
            String backend = s.backend() != null ? String.valueOf(s.backend()) : "active";
            row(sb, id, backend, "serialize", s.serialize());
            row(sb, id, backend, "deserialize", s.deserialize());
            row(sb, id, backend, "instantiate", s.instantiate());
            serialize = serialize.plus(s.serialize());
            deserialize = deserialize.plus(s.deserialize());
            instantiate = instantiate.plus(s.instantiate());
        }
        String all = sessions.size() == 1 ? "1 open" : sessions.size() + " open";
        row(sb, "all", all, "serialize", serialize);
        row(sb, "all", all, "deserialize", deserialize);
        row(sb, "all", all, "instantiate", instantiate);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String session, String backend, String cache, CacheStats c) {
        String rate = c.lookups() == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * c.hitRate());
        sb.append(String.format(Locale.ROOT, FORMAT, session, backend, cache, c.hits(), c.misses(), rate,
                c.evictions(), c.size() + "/" + c.capacity()));
    }
}

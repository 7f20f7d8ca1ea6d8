package dev.simplec.launcher;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;

/**
 * When an updated or uninstalled bundle's old revision is let go. A package refresh drops the old
 * revision, but its classes, their metaspace and the code the JIT compiled for them stay until the
 * JVM next collects its whole heap, which with a small, quiet heap is when metaspace reaches its
 * threshold: tens of backend updates later, each of them holding megabytes of compiled code. The
 * code cache grows to hold them all and never shrinks (docs/reliability.md, "Soak").
 */
public enum Unloading {
    /** Collect once after each refresh that follows an update or uninstall (the default). */
    COLLECT,
    /** Leave it to the JVM's next full collection. */
    LAZY;

    /** The framework property that chooses: {@code collect} or {@code lazy}. */
    public static final String PROPERTY = "simplec.unload";

    static Unloading of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be collect or lazy, not '" + value + "'", e);
        }
    }

    /** Starts watching the framework of {@code context} if this policy needs to. */
    void watch(BundleContext context) {
        if (this == LAZY) {
            return;
        }
        AtomicBoolean revisionsLeft = new AtomicBoolean();
        context.addBundleListener(event -> {
            if (event.getType() == BundleEvent.UPDATED || event.getType() == BundleEvent.UNINSTALLED) {
                revisionsLeft.set(true);
            }
        });
        context.addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED && revisionsLeft.getAndSet(false)) {
                System.gc(); // one full collection per update: unloads the old revision's classes
            }
        });
    }
}

package dev.simplec.bridge;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.simplec.api.service.CompilerService;
import dev.simplec.bridge.shim.ShimLibrary;
import dev.simplec.bridge.shim.ShimLoader;

/**
 * Publishes the C ABI: binds libsimplec.so, installs the upcall, and uninstalls it first thing on
 * deactivation so that calls in the window fail with "platform unavailable" instead of jumping
 * into a released closure. The closure stays strongly referenced by this component until then.
 */
@Component(immediate = true)
public final class NativeBridge {
    /** Framework property: the distribution directory, whose lib/ holds libsimplec.so. */
    public static final String HOME = "simplec.home";

    private final ShimLibrary shim;
    private final Upcalls upcalls;

    @Activate
    public NativeBridge(BundleContext context, @Reference CompilerService compiler) {
        this.shim = ShimLoader.load(context.getProperty(HOME));
        this.upcalls = new Upcalls(shim, compiler);
        shim.simplec_install(upcalls);
    }

    @Deactivate
    void deactivate() {
        shim.simplec_uninstall(); // returns once no C call is inside the upcall
        upcalls.closeAll();
    }
}

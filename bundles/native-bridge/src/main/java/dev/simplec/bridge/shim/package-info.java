/** Binding libsimplec.so with JNR-FFI: loading the one copy in the process, the request layout, the upcall. */
@NonNullByDefault
package dev.simplec.bridge.shim;

import org.eclipse.jdt.annotation.NonNullByDefault;

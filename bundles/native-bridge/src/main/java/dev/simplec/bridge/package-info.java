/** The bridge: installs the C shim's upcall and routes C calls to the compiler service. */
@NonNullByDefault
package dev.simplec.bridge;

import org.eclipse.jdt.annotation.NonNullByDefault;

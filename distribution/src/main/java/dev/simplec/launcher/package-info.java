/** Starts the simplec platform: Felix with the distribution's bundles, from a shell or from the C shim. */
@NonNullByDefault
package dev.simplec.launcher;

import org.eclipse.jdt.annotation.NonNullByDefault;

/** Gogo shell commands of the bridge (scope {@code simplec}). */
@NonNullByDefault
package dev.simplec.bridge.shell;

import org.eclipse.jdt.annotation.NonNullByDefault;

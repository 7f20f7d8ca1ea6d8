/** Bounded concurrent caches of a compiler session, and their bounds. */
@NonNullByDefault
package dev.simplec.bridge.cache;

import org.eclipse.jdt.annotation.NonNullByDefault;

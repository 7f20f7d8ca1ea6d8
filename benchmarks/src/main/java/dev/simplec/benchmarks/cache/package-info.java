/** The cache-hit bar: a session re-instantiating 1,000 templates 100 times, with the real compiler. */
@NonNullByDefault
package dev.simplec.benchmarks.cache;

import org.eclipse.jdt.annotation.NonNullByDefault;

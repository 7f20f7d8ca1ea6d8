/**
 * What every benchmark shares: the product's JVM options.
 */
@NonNullByDefault
package dev.simplec.benchmarks;

import org.eclipse.jdt.annotation.NonNullByDefault;

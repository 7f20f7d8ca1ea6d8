/**
 * The template front end bars (issue 4, SPEC §8): one-hint inference uncached and cached,
 * parse + check + lower of a 30-line template, {@code double<i64>}, and parallel checking.
 */
@NonNullByDefault
package dev.simplec.benchmarks.inference;

import org.eclipse.jdt.annotation.NonNullByDefault;

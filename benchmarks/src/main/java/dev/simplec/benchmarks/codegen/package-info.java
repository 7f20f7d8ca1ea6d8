/**
 * Backend compile time (issue 6): the AArch64 backend against the x86-64 backend on the same IR,
 * per template, in one JMH run.
 */
@NonNullByDefault
package dev.simplec.benchmarks.codegen;

import org.eclipse.jdt.annotation.NonNullByDefault;

/** Instruction selection: api IR to x86-64 machine instructions on virtual registers. */
@NonNullByDefault
package dev.simplec.backend.x86.isel;

import org.eclipse.jdt.annotation.NonNullByDefault;

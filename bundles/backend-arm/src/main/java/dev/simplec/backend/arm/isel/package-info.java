/** Instruction selection: api IR to AArch64 machine instructions on virtual registers. */
@NonNullByDefault
package dev.simplec.backend.arm.isel;

import org.eclipse.jdt.annotation.NonNullByDefault;

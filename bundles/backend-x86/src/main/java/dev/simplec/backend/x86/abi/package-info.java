/** The System V AMD64 calling convention and the stack frame built on it. */
@NonNullByDefault
package dev.simplec.backend.x86.abi;

import org.eclipse.jdt.annotation.NonNullByDefault;

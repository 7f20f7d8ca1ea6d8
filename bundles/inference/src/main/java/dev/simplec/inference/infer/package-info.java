/** Hint-based inference of a template's type arguments (SPEC §4). */
@NonNullByDefault
package dev.simplec.inference.infer;

import org.eclipse.jdt.annotation.NonNullByDefault;

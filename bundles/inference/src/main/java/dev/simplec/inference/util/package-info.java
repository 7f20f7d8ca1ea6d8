/** Small helpers that bridge the JDK's unannotated collections and the null analysis. */
@NonNullByDefault
package dev.simplec.inference.util;

import org.eclipse.jdt.annotation.NonNullByDefault;

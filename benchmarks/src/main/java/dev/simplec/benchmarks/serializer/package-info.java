/** The serializer bars: JSON both ways and the binary codec, each beside a plain Jackson-databind baseline. */
@NonNullByDefault
package dev.simplec.benchmarks.serializer;

import org.eclipse.jdt.annotation.NonNullByDefault;

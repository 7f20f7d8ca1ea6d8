/** The JSON language of the C ABI (SPEC §4, docs/json.md): canonical writer and Jackson streaming readers. Private. */
@NonNullByDefault
package dev.simplec.serializer.json;

import org.eclipse.jdt.annotation.NonNullByDefault;

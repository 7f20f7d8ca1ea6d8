/** The typed intermediate representation that inference produces and backends consume. */
@Export
@Version("1.3.0")
@NonNullByDefault
package dev.simplec.api.ir;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

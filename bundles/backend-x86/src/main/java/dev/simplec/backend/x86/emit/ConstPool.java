package dev.simplec.backend.x86.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.codegen.Label;
import dev.simplec.backend.x86.targ.Konst;

/**
 * Data at the end of the blob, read RIP-relative: the {@link Konst} table entries the code uses
 * (32 bytes, 32-byte aligned), float constants (8 bytes each) and trap messages. Only what is
 * referenced is emitted.
 */
public final class ConstPool {
    private final Map<Konst, Label> konsts = new EnumMap<>(Konst.class);
    private final Map<Long, Label> scalars = new LinkedHashMap<>();
    private final List<String> messages;
    private final List<Label> messageLabels = new ArrayList<>();
    /** Each message's UTF-8 bytes, made once (a trap site asks for its length, the pool for its bytes). */
    private final byte[] @Nullable [] messageBytes;
    /** Whether references carry names for the listing (built only when one is recorded). */
    private final boolean names;

    public ConstPool(List<String> messages) {
        this(messages, true);
    }

    /** {@code names}: whether a listing is recorded, so references need their names. */
    public ConstPool(List<String> messages, boolean names) {
        this.messages = messages;
        this.names = names;
        this.messageBytes = new byte[messages.size()][];
        for (int i = 0; i < messages.size(); i++) {
            messageLabels.add(new Label());
        }
    }

    private byte[] messageBytes(int index) {
        byte[] b = messageBytes[index];
        if (b == null) {
            b = messages.get(index).getBytes(StandardCharsets.UTF_8);
            messageBytes[index] = b;
        }
        return b;
    }

    public Mem konst(Konst k) {
        return Mem.rip(konsts.computeIfAbsent(k, x -> new Label()), names ? k.text() : "");
    }

    /** An 8-byte constant (a float's bits, zero-extended for f32). */
    public Mem scalar(long bits) {
        return Mem.rip(scalars.computeIfAbsent(bits, x -> new Label()), names ? "0x" + Long.toHexString(bits) : "");
    }

    public Mem message(int index) {
        return Mem.rip(messageLabels.get(index), names ? "msg" + index : "");
    }

    public int messageLength(int index) {
        return messageBytes(index).length;
    }

    /** Emits every referenced constant and binds its label. */
    public void emit(X86Assembler a) {
        if (!konsts.isEmpty()) {
            a.align(32);
            for (Map.Entry<Konst, Label> e : konsts.entrySet()) {
                a.bind(e.getValue());
                a.data(e.getKey().bytes(), names ? "(data) " + e.getKey().text() : "");
            }
        }
        if (!scalars.isEmpty()) {
            a.align(8);
            for (Map.Entry<Long, Label> e : scalars.entrySet()) {
                a.bind(e.getValue());
                byte[] b = new byte[8];
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (e.getKey() >>> (8 * i));
                }
                a.data(b, names ? "(data) 0x" + Long.toHexString(e.getKey()) : "");
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            a.bind(messageLabels.get(i));
            String m = messages.get(i);
            // The listing's text only when a listing is recorded: no strings built on the way to the bytes.
            a.data(messageBytes(i), names ? "(data) \"" + m.replace("\n", "\\n") + "\"" : "");
        }
    }
}

package dev.simplec.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * A language test: a template file whose leading comment says what to do with it and what must
 * come out. Header lines (all before the code):
 * <pre>
 * // run: check                         checkTypes(file)
 * // run: instantiate i64, [f32]        instantiate(file, [i64, [f32]]); nothing after "instantiate" = no type args
 * // run: infer call_site 0 i64; return f64; assignment i32; constraint 1 bool
 *                                       inferTypes({name:"", source:file}, hints)
 * // expect: ok                         no error (check; or instantiate, then the calls below)
 * // expect: ir                         the printed IR, given by the "// |" lines
 * // expect: types i64, f64             the inferred types, in template spelling
 * // expect: error TYPE                 a SimplecException of that ErrorKind, message given by the "// |" lines
 * // | text                            one line of expected output ("// |" alone: an empty line)
 * // call: 21 => 42:i64                 after instantiate: run the entry in IrInterpreter ({@link SptCalls})
 * // after: 1 [5.0, 7.0]:f32            after the call above: the contents of argument 1 (a slice)
 * </pre>
 * Other header comment lines are free text. The template is what follows the header, so line 1
 * in an expected message is the first line after it.
 */
public record SptFile(String name, String source, String run, String expect, List<String> expected, List<Call> calls) {

    /** One interpreter run: the arguments as written, the expected result, and slice contents to check after it. */
    public record Call(String args, String result, List<String> after) {
    }

    public static SptFile parse(String name, String source) {
        String run = null;
        String expect = null;
        List<String> expected = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        int bodyStart = 0;
        for (String line : source.split("\n", -1)) {
            if (!line.startsWith("//")) {
                break;
            }
            bodyStart += line.length() + 1;
            if (line.startsWith("// run:")) {
                run = line.substring("// run:".length()).trim();
            } else if (line.startsWith("// expect:")) {
                expect = line.substring("// expect:".length()).trim();
            } else if (line.equals("// |")) {
                expected.add("");
            } else if (line.startsWith("// | ")) {
                expected.add(line.substring("// | ".length()));
            } else if (line.startsWith("// call:")) {
                String c = line.substring("// call:".length());
                int arrow = c.lastIndexOf("=>");
                if (arrow < 0) {
                    throw new IllegalArgumentException(name + ": a call line needs '=> result': " + line);
                }
                calls.add(new Call(c.substring(0, arrow).trim(), c.substring(arrow + 2).trim(), new ArrayList<>()));
            } else if (line.startsWith("// after:")) {
                if (calls.isEmpty()) {
                    throw new IllegalArgumentException(name + ": an after line must follow a call line");
                }
                calls.get(calls.size() - 1).after().add(line.substring("// after:".length()).trim());
            }
        }
        if (run == null || expect == null) {
            throw new IllegalArgumentException(name + ": needs a '// run:' and an '// expect:' header line");
        }
        return new SptFile(name, source.substring(Math.min(bodyStart, source.length())), run, expect, expected, calls);
    }

    String expectedText() {
        return String.join("\n", expected);
    }

    @Override
    public String toString() {
        return name;
    }
}

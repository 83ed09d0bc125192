package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns input lines of {@code feedback classify} into output lines, remembering the output of failures seen before.
 *
 * <p>CI failure streams repeat themselves (the same failure across tests, shards and reruns), and a line's output
 * depends on its id and on its {@code message}, {@code type} and {@code stack} alone. So a line is keyed by a
 * 128-bit hash of the raw JSON of those three values, found in one pass of Jackson's tokenizer that decodes no
 * string; a repeat then costs that pass, the hash and two copies instead of decoding, classifying and serialising the
 * failure again. Other fields (a test name, a source, a note) may differ from line to line and still hit. The output
 * is byte for byte what the full path writes. Anything unusual (escapes or non-ASCII in the id, a field given twice,
 * a value of the wrong kind) takes the full path, which says what is wrong.
 *
 * <p>Two different failures would have to collide in both 64-bit halves of the key to be confused (probability
 * about n²/2¹²⁹ for n distinct failures). At most {@link #CAPACITY} entries are kept (an output line averages about
 * 360 bytes, so about 45 MB at most); beyond that, lines are classified without being remembered. Thread-safe.
 */
final class ClassifyOutputCache {

    /** Entries kept at most: more distinct failures than a large CI history holds. */
    static final int CAPACITY = 100_000;

    private static final byte[] ID_FIELD = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** The fields the output depends on besides the id, in the order they are hashed. */
    private static final List<String> KEYED = List.of("message", "type", "stack");

    /**
     * A 128-bit key. Equality and hash written out: a record's generated ones go through method-handle bootstraps
     * that spin classes and run slowly until compiled, and this key is hashed for every line.
     */
    private record Key(long high, long low) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.high == high && key.low == low;
        }

        @Override
        public int hashCode() {
            return (int) (high ^ high >>> 32);
        }
    }

    /** A value's raw JSON, {@code [start, end)} in the line's array; for the id, whether it is a JSON string. */
    private record Span(int start, int end, boolean quoted) {
    }

    /** Where a line's id and keyed values are; a keyed value that is absent is null. */
    private record Spans(Span id, Span[] keyed) {
    }

    private final FailureClassifier classifier;
    private final Redactor redactor = Redactor.standard();
    private final ConcurrentHashMap<Key, byte[]> seen = new ConcurrentHashMap<>();

    ClassifyOutputCache(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * Writes the output line (without line end) for the input line {@code data[start, end)}.
     *
     * @throws BadLine when the line is not valid input (nothing has been written then)
     */
    void write(byte[] data, int start, int end, ByteArrayOutputStream out) throws BadLine,
            IOException {
        Spans spans = spans(data, start, end);
        Key key = spans == null ? null : key(data, spans.keyed());
        byte[] known = key == null ? null : seen.get(key);
        if (known != null) {
            Span id = spans.id();
            out.write(ID_FIELD);
            if (!id.quoted()) {
                out.write('"');
            }
            out.write(data, id.start(), id.end() - id.start());
            if (!id.quoted()) {
                out.write('"');
            }
            out.write(known);
            return;
        }
        FailureJsonLines.Line line = FailureJsonLines.parse(data, start, end - start);
        byte[] fields = fieldsAfterId(classifier.classify(redactor.redact(line.failure())).classification());
        if (key != null && seen.size() < CAPACITY) {
            seen.putIfAbsent(key, fields);
        }
        out.write(ID_FIELD);
        out.write('"');
        out.write(JsonStringEncoder.getInstance().quoteAsUTF8(line.id()));
        out.write('"');
        out.write(fields);
    }

    /** How many distinct lines are remembered. */
    int remembered() {
        return seen.size();
    }

    /** {@code ,"category":...,"evidence":[...]}}: the output line after its id, as {@link FailureJsonLines} writes it. */
    private static byte[] fieldsAfterId(Classification classification) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FailureJsonLines.JSON.createGenerator(buffer)) {
            FailureJsonLines.writeClassification(g, classification);
        }
        byte[] object = buffer.toByteArray();
        object[0] = ',';
        return object;
    }

    /**
     * Where the top-level id and keyed values are, when the line can be answered from memory: an id of printable
     * ASCII without escapes and not blank, or an integer; keyed values strings or null, each given once; other
     * fields anything, as the full path ignores them, except a {@code label} that is not a string or null (the full
     * path rejects it). Else null: the full path then decides, and says what is wrong.
     */
    private static Spans spans(byte[] data, int start, int end) throws IOException {
        Span id = null;
        Span[] keyed = new Span[KEYED.size()];
        try (JsonParser p = FailureJsonLines.JSON.createParser(data, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                int from = start + (int) p.currentTokenLocation().getByteOffset();
                int k = KEYED.indexOf(field);
                if ("id".equals(field)) {
                    if (id != null || (id = copyableId(data, from, end, value)) == null) {
                        return null;
                    }
                } else if (k >= 0) {
                    if (keyed[k] != null || value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    keyed[k] = value == JsonToken.VALUE_NULL ? new Span(from, from, false)
                            : new Span(from, stringEnd(data, from, end), true);
                } else if ("label".equals(field) && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    return null;
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return null; // content after the object: the full path reports it
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // not valid JSON: the full path says where
        }
        return id == null || keyed[0] == null ? null : new Spans(id, keyed);
    }

    private static Span copyableId(byte[] data, int from, int end, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            boolean blank = true;
            for (int i = from + 1; i < end; i++) {
                byte b = data[i];
                if (b == '"') {
                    return blank ? null : new Span(from, i + 1, true);
                }
                if (b < 0x20 || b > 0x7e || b == '\\') {
                    return null;
                }
                blank &= b == ' ';
            }
            return null;
        }
        if (value == JsonToken.VALUE_NUMBER_INT) {
            int i = from;
            while (i < end && (data[i] == '-' || data[i] >= '0' && data[i] <= '9')) {
                i++;
            }
            return new Span(from, i, false);
        }
        return null;
    }

    /** The end of the JSON string whose opening quote is at {@code from}: after its closing quote. */
    private static int stringEnd(byte[] data, int from, int end) {
        for (int i = from + 1; i < end; i++) {
            if (data[i] == '\\') {
                i++; // the escaped character (or the first of \\uXXXX) cannot close the string
            } else if (data[i] == '"') {
                return i + 1;
            }
        }
        return end; // unreachable for a string the tokenizer accepted
    }

    /** The key of the keyed values, in a fixed order: each as a marker (absent, null or string) and its bytes. */
    private static Key key(byte[] data, Span[] keyed) {
        long[] state = {0x9e3779b97f4a7c15L, 0xc2b2ae3d27d4eb4fL};
        for (Span span : keyed) {
            long marker = span == null ? 1 : span.quoted() ? 3 : 2;
            state[0] = Long.rotateLeft(state[0] ^ marker, 29) * 0xbf58476d1ce4e5b9L;
            state[1] = Long.rotateLeft(state[1] ^ marker, 31) * 0x94d049bb133111ebL;
            if (span != null) {
                mix(state, data, span.start(), span.end());
            }
        }
        return new Key(finish(state[0]), finish(state[1]));
    }

    /** Mixes {@code data[from, to)} into both halves, eight bytes at a time. */
    private static void mix(long[] state, byte[] data, int from, int to) {
        long high = state[0];
        long low = state[1];
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(data, i);
            high = Long.rotateLeft(high ^ word * 0x9e3779b97f4a7c15L, 27) * 0xbf58476d1ce4e5b9L;
            low = Long.rotateLeft(low + word * 0xc2b2ae3d27d4eb4fL, 31) * 0x94d049bb133111ebL;
        }
        long tail = to - i;
        for (; i < to; i++) {
            tail = tail << 8 | (data[i] & 0xff);
        }
        high = Long.rotateLeft(high ^ tail * 0x9e3779b97f4a7c15L, 27) * 0xbf58476d1ce4e5b9L;
        low = Long.rotateLeft(low + tail * 0xc2b2ae3d27d4eb4fL, 31) * 0x94d049bb133111ebL;
        state[0] = high;
        state[1] = low;
    }

    /** A 64-bit finaliser (SplitMix64's), so every input bit reaches every key bit. */
    private static long finish(long x) {
        x = (x ^ x >>> 30) * 0xbf58476d1ce4e5b9L;
        x = (x ^ x >>> 27) * 0x94d049bb133111ebL;
        return x ^ x >>> 31;
    }
}

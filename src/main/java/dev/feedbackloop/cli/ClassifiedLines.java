package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.feedbackloop.classify.Classification;
import dev.feedbackloop.classify.FailureAnalyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns input lines of {@code feedback classify} into output lines, remembering the output of lines seen before.
 *
 * <p>CI failure streams repeat themselves (the same failure across tests, shards and reruns): lines that differ only
 * in their {@code id} classify the same way. So a line is keyed by a 128-bit hash of its bytes <em>without</em> the
 * id's value, and a repeat costs one pass of Jackson's tokenizer (no strings decoded), the hash and two copies,
 * instead of decoding, analysing and serialising the failure again. The output is byte for byte what the full path
 * writes. Anything unusual about the id (escapes, non-ASCII, a second {@code id} field) takes the full path.
 *
 * <p>Two different lines would have to collide in both 64-bit halves of the key to be confused (probability about
 * n²/2¹²⁹ for n distinct lines). At most {@link #CAPACITY} entries are kept (about 300 bytes each); beyond that,
 * lines are analysed without being remembered. Thread-safe.
 */
final class ClassifiedLines {

    /** Entries kept at most: ~30 MB of heap, more distinct failures than a large CI history holds. */
    static final int CAPACITY = 100_000;

    private static final byte[] ID_FIELD = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

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

    /** Where a line's id value is, {@code [start, end)} in the line's array, and whether it is a JSON string. */
    private record IdSpan(int start, int end, boolean quoted) {
    }

    private final FailureAnalyzer analyzer;
    private final ConcurrentHashMap<Key, byte[]> seen = new ConcurrentHashMap<>();

    ClassifiedLines(FailureAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Writes the output line (without line end) for the input line {@code data[start, end)}.
     *
     * @throws FailureLines.BadLine when the line is not valid input (nothing has been written then)
     */
    void write(byte[] data, int start, int end, ByteArrayOutputStream out) throws FailureLines.BadLine,
            IOException {
        IdSpan id = idSpan(data, start, end);
        Key key = id == null ? null : keyWithout(data, start, end, id);
        byte[] known = key == null ? null : seen.get(key);
        if (known != null) {
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
        FailureLines.Line line = FailureLines.parse(data, start, end - start);
        byte[] fields = fieldsAfterId(analyzer.classify(line.failure()));
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

    /** {@code ,"category":...,"evidence":[...]}}: the output line after its id, as {@link FailureLines} writes it. */
    private static byte[] fieldsAfterId(Classification classification) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FailureLines.JSON.createGenerator(buffer)) {
            FailureLines.writeClassification(g, classification);
        }
        byte[] object = buffer.toByteArray();
        object[0] = ',';
        return object;
    }

    /**
     * The span of the top-level {@code id} value when it can be copied to the output as it is (a string of
     * printable ASCII without escapes and not blank, or an integer), else null: the full path then decides.
     */
    private static IdSpan idSpan(byte[] data, int start, int end) throws IOException {
        IdSpan found = null;
        try (JsonParser p = FailureLines.JSON.createParser(data, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isId = "id".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (!isId) {
                    p.skipChildren();
                } else if (found != null) {
                    return null; // a second id: the full path reports what it makes of it
                } else {
                    found = copyable(data, start + (int) p.currentTokenLocation().getByteOffset(), end, value);
                    if (found == null) {
                        return null;
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // not valid JSON: the full path says where
        }
        return found;
    }

    private static IdSpan copyable(byte[] data, int from, int end, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            boolean blank = true;
            for (int i = from + 1; i < end; i++) {
                byte b = data[i];
                if (b == '"') {
                    return blank ? null : new IdSpan(from, i + 1, true);
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
            return new IdSpan(from, i, false);
        }
        return null;
    }

    private static Key keyWithout(byte[] data, int start, int end, IdSpan id) {
        long[] state = {0x9e3779b97f4a7c15L, 0xc2b2ae3d27d4eb4fL};
        mix(state, data, start, id.start());
        state[0] = Long.rotateLeft(state[0] ^ 0x1d, 29) * 0xbf58476d1ce4e5b9L; // where the id was
        state[1] = Long.rotateLeft(state[1] ^ 0x1d, 31) * 0x94d049bb133111ebL;
        mix(state, data, id.end(), end);
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

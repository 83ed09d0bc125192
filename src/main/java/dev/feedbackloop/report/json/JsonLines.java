package dev.feedbackloop.report.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.TextDecoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Reads an event stream written one JSON object a line ({@code go test -json}, Dart's JSON reporter), line by line:
 * each line that starts with <code>{</code> is parsed on its own, with {@link JsonInput}'s limits, and handed over as
 * a small tree; any other non-blank line is handed over as text (build errors that {@code go test -json 2>&1} mixes
 * in, a banner {@code flutter test} prints). Memory is bounded by the longest line, and a line may be at most
 * {@link #MAX_LINE_CHARS} characters. Bytes are decoded leniently ({@link TextDecoding}).
 *
 * <p>Errors name the line: {@code line 12, column 40: truncated JSON: the line ends inside an event}.
 */
public final class JsonLines {

    /**
     * Longest line read, in characters: the longest JSON string accepted plus room for the event around it. A longer
     * line of plain text is skipped; a longer JSON event is refused.
     */
    public static final int MAX_LINE_CHARS = JsonInput.MAX_STRING_CHARS + 64 * 1024;

    /** Receives the lines of a stream in order. */
    public interface Handler {
        /** A line holding one JSON object; {@code line} is 1-based. */
        void event(JsonNode event, int line);

        /** A non-blank line that is not JSON, without its line break. */
        default void text(String text, int line) {
        }
    }

    private JsonLines() {
    }

    /** Reads {@code in} to its end, handing each line to {@code handler}. Does not close {@code in}. */
    public static void read(InputStream in, Handler handler) throws IOException {
        read(TextDecoding.reader(in), MAX_LINE_CHARS, handler);
    }

    static void read(Reader in, int maxLineChars, Handler handler) throws IOException {
        LineReader lines = new LineReader(in, maxLineChars);
        String line;
        while ((line = lines.next()) != null) {
            int number = lines.number();
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.charAt(0) == '{') {
                handler.event(parse(line, number), number);
            } else {
                handler.text(line, number);
            }
        }
    }

    /** One line as a JSON object; errors name the line and the column. */
    static JsonNode parse(String line, int number) throws IOException {
        try (JsonParser parser = JsonInput.mapper().createParser(line)) {
            JsonNode event;
            try {
                event = JsonInput.mapper().readTree(parser);
                if (parser.nextToken() != null) {
                    throw problem(number, parser.currentTokenLocation().getColumnNr(),
                            "more than one JSON value on the line; an event stream has one object a line");
                }
            } catch (JsonEOFException e) {
                throw problem(number, column(e), "truncated JSON: the line ends inside an event");
            } catch (StreamConstraintsException e) {
                throw problem(number, column(e), "JSON exceeds a safety limit: " + e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                if (String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
                    throw problem(number, column(e), "truncated JSON: the line ends inside an event");
                }
                throw problem(number, column(e), "malformed JSON: " + e.getOriginalMessage());
            }
            return event;
        }
    }

    /** A problem with the event on line {@code number}, at a field: {@code line 3: $.Elapsed: must be a number}. */
    public static ReportParseException problem(int number, String field, String problem) {
        return new ReportParseException("line " + number + ": " + field, problem, null);
    }

    private static ReportParseException problem(int number, int column, String problem) {
        return new ReportParseException("line " + number + (column > 0 ? ", column " + column : ""), problem, null);
    }

    private static int column(JsonProcessingException e) {
        return e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    }

    /** Lines of at most a given length; '\n' ends a line, and a '\r' before it is dropped. */
    private static final class LineReader {
        private final Reader in;
        private final int maxChars;
        private final char[] buffer = new char[64 * 1024];
        private int position;
        private int limit;
        private int number;

        LineReader(Reader in, int maxChars) {
            this.in = in;
            this.maxChars = maxChars;
        }

        int number() {
            return number;
        }

        /** The next line, or null at the end of the stream. */
        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            boolean overlong = false;
            while (true) {
                if (position == limit && !fill()) {
                    if (line.length() == 0 && !overlong) {
                        return null;
                    }
                    number++;
                    return finish(line, overlong);
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int length = position - start;
                if (!overlong && line.length() + length > maxChars) {
                    overlong = true;
                    checkOverlong(line, buffer, start, length);
                    line.setLength(0);
                } else if (!overlong) {
                    line.append(buffer, start, length);
                }
                if (position < limit) {
                    position++; // the '\n'
                    number++;
                    return finish(line, overlong);
                }
            }
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer, 0, buffer.length);
            while (read == 0) {
                read = in.read(buffer, 0, buffer.length);
            }
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }

        /** An overlong line of text is dropped; an overlong JSON event cannot be read, which is an error. */
        private void checkOverlong(StringBuilder line, char[] chars, int start, int length) {
            String begin = line.length() > 0 ? line.substring(0, Math.min(line.length(), 16))
                    : new String(chars, start, Math.min(length, 16));
            if (begin.strip().startsWith("{")) {
                throw new ReportParseException("line " + (number + 1),
                        "a JSON event longer than " + maxChars + " characters; refused as a safety limit", null);
            }
        }

        private static String finish(StringBuilder line, boolean overlong) {
            if (overlong) {
                return "";
            }
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
            return line.substring(0, end);
        }
    }
}

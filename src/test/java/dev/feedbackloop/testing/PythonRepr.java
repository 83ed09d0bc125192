package dev.feedbackloop.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Python {@code repr} text of EnricoMi's expected-result files ({@code X.results}): calls like
 * {@code UnitTestCase(class_name='C', time=0.1)}, lists, tuples, dicts, strings (adjacent literals joined, the
 * usual escapes), numbers, {@code None}, {@code True}, {@code False}. Enough for those files, not general Python.
 */
public final class PythonRepr {

    /** A constructor call: {@code name(args..., key=value...)}. */
    public record Call(String name, List<Object> args, Map<String, Object> kwargs) {
        /** A keyword argument, null when absent or None. */
        public Object get(String key) {
            return kwargs.get(key);
        }
    }

    private final String text;
    private int at;

    private PythonRepr(String text) {
        this.text = text;
    }

    /** Parses one value: a {@link Call}, {@code List}, {@code Map}, {@code String}, {@code Long}, {@code Double}, Boolean or null. */
    public static Object parse(String text) {
        PythonRepr reader = new PythonRepr(text);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.error("trailing text");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        char c = peek();
        if (c == '[') {
            return sequence('[', ']');
        }
        if (c == '(') {
            return sequence('(', ')');
        }
        if (c == '{') {
            return dict();
        }
        if (c == '\'' || c == '"') {
            return strings();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        String name = name();
        switch (name) {
            case "None": return null;
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            default: break;
        }
        if ((name.equals("b") || name.equals("u")) && at < text.length() && (peek() == '\'' || peek() == '"')) {
            return strings(); // b'...' and u'...' prefixes: same text for our purpose
        }
        skipSpace();
        if (at < text.length() && peek() == '(') {
            return call(name);
        }
        return name;
    }

    private Call call(String name) {
        expect('(');
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == ')') {
                at++;
                return new Call(name, args, kwargs);
            }
            int start = at;
            if (Character.isLetter(peek()) || peek() == '_') {
                String key = name();
                skipSpace();
                if (peek() == '=') {
                    at++;
                    kwargs.put(key, value());
                    separator(')');
                    continue;
                }
                at = start;
            }
            args.add(value());
            separator(')');
        }
    }

    private List<Object> sequence(char open, char close) {
        expect(open);
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                at++;
                return items;
            }
            items.add(value());
            separator(close);
        }
    }

    private Map<Object, Object> dict() {
        expect('{');
        Map<Object, Object> entries = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                at++;
                return entries;
            }
            Object key = value();
            skipSpace();
            expect(':');
            entries.put(key, value());
            separator('}');
        }
    }

    private void separator(char close) {
        skipSpace();
        if (peek() == ',') {
            at++;
        } else if (peek() != close) {
            throw error("expected ',' or '" + close + "'");
        }
    }

    private String strings() {
        StringBuilder joined = new StringBuilder();
        do {
            joined.append(string());
            skipSpace();
        } while (at < text.length() && (peek() == '\'' || peek() == '"'));
        return joined.toString();
    }

    private String string() {
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            if (c == quote) {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case '0' -> value.append('\0');
                case 'x' -> value.append(hex(2));
                case 'u' -> value.append(hex(4));
                case 'U' -> {
                    value.appendCodePoint(Integer.parseInt(text.substring(at, at + 8), 16));
                    at += 8;
                }
                default -> value.append(escaped);
            }
        }
    }

    private char hex(int digits) {
        char c = (char) Integer.parseInt(text.substring(at, at + digits), 16);
        at += digits;
        return c;
    }

    private Object number() {
        int start = at;
        at++;
        while (at < text.length() && "0123456789.eE+-".indexOf(peek()) >= 0) {
            at++;
        }
        String number = text.substring(start, at);
        if (number.contains(".") || number.contains("e") || number.contains("E")) {
            return Double.parseDouble(number);
        }
        return Long.parseLong(number);
    }

    private String name() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character '" + peek() + "'");
        }
        return text.substring(start, at);
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String problem) {
        int from = Math.max(0, at - 20);
        return new IllegalArgumentException(problem + " at offset " + at + " near '"
                + text.substring(from, Math.min(text.length(), at + 20)) + "'");
    }
}

package dev.feedbackloop.report.dotnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected cases of an EnricoMi/publish-unit-test-result-action {@code X.results} file: the Python
 * {@code repr} of its {@code ParsedUnitTestResults}, read with a small reader of Python literals (calls with keyword
 * arguments, lists, tuples, dicts, strings with adjacent-literal concatenation, numbers, None, True, False).
 */
final class ExpectedCases {

    /** One expected case: {@code result} is {@code success}, {@code skipped}, {@code failure} or {@code error}. */
    record Case(String className, String testName, String result, String message) {
    }

    private ExpectedCases() {
    }

    static List<Case> read(Path resultsFile) throws IOException {
        Object parsed = new Reader(Files.readString(resultsFile)).value();
        if (!(parsed instanceof Call call) || !(call.args().get("cases") instanceof List<?> cases)) {
            throw new IllegalArgumentException(resultsFile + ": no ParsedUnitTestResults(cases=[...])");
        }
        List<Case> expected = new ArrayList<>();
        for (Object item : cases) {
            Map<String, Object> args = ((Call) item).args();
            expected.add(new Case(text(args.get("class_name")), text(args.get("test_name")),
                    text(args.get("result")), (String) args.get("message")));
        }
        return expected;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** {@code Name(key=value, ...)} in a repr. */
    record Call(String name, Map<String, Object> args) {
    }

    /** Recursive-descent reader of the Python literals a {@code repr} is made of. */
    static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') {
                return strings();
            }
            if (c == '[') {
                return sequence('[', ']');
            }
            if (c == '(') {
                List<Object> items = sequence('(', ')');
                return items.size() == 1 ? items.get(0) : items;
            }
            if (c == '{') {
                return dict();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            return nameOrCall();
        }

        private Object nameOrCall() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty()) {
                throw error("unexpected '" + peek() + "'");
            }
            switch (name) {
                case "None" -> {
                    return null;
                }
                case "True" -> {
                    return Boolean.TRUE;
                }
                case "False" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    skipSpace();
                    if (at < text.length() && peek() == '(') {
                        return new Call(name, arguments());
                    }
                    return name;
                }
            }
        }

        private Map<String, Object> arguments() {
            Map<String, Object> args = new LinkedHashMap<>();
            expect('(');
            int position = 0;
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    at++;
                    return args;
                }
                int mark = at;
                Object key = value();
                skipSpace();
                boolean bareName = text.charAt(mark) != '\'' && text.charAt(mark) != '"';
                if (key instanceof String name && bareName && peek() == '=') {
                    at++;
                    args.put(name, value());
                } else {
                    args.put("#" + position, key);
                }
                position++;
                skipSpace();
                if (peek() == ',') {
                    at++;
                }
            }
        }

        private List<Object> sequence(char open, char close) {
            List<Object> items = new ArrayList<>();
            expect(open);
            while (true) {
                skipSpace();
                if (peek() == close) {
                    at++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                }
            }
        }

        private Map<Object, Object> dict() {
            Map<Object, Object> map = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    at++;
                    return map;
                }
                Object key = value();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                }
            }
        }

        private Number number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(peek()) >= 0) {
                at++;
            }
            String literal = text.substring(start, at);
            return literal.matches("-?\\d+") ? (Number) Long.parseLong(literal) : (Number) Double.parseDouble(literal);
        }

        /** One or more adjacent string literals, concatenated as Python does. */
        private String strings() {
            StringBuilder out = new StringBuilder();
            do {
                out.append(string());
                skipSpace();
            } while (at < text.length() && (peek() == '\'' || peek() == '"'));
            return out.toString();
        }

        private String string() {
            char quote = text.charAt(at++);
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == quote) {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '0' -> out.append('\0');
                    case 'x' -> out.append(hex(2));
                    case 'u' -> out.append(hex(4));
                    case 'U' -> out.appendCodePoint(Integer.parseInt(text.substring(at, at += 8), 16));
                    default -> out.append(e); // \\ \' \"
                }
            }
        }

        private char hex(int digits) {
            char c = (char) Integer.parseInt(text.substring(at, at + digits), 16);
            at += digits;
            return c;
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
            return new IllegalArgumentException(problem + " at offset " + at + " of the repr");
        }
    }
}

package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small, tolerant tokenizer for JavaScript/TypeScript, Python and Java test files. It knows what can hide
 * brackets and keywords (strings, template literals with nested substitutions, regex literals, comments, Python
 * triple quotes and Java text blocks) and drops comments. It never fails: an unterminated literal runs to the end
 * of its line (or of the file for block forms), which is what a reader of a broken file would assume too.
 */
final class Lexer {

    private static final List<String> OPERATORS = List.of(">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>",
            "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=",
            "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", "->", "::", ":=", "//");
    /** Words after which a JavaScript slash starts a regex rather than a division. */
    private static final Set<String> REGEX_AFTER_WORD = Set.of("return", "typeof", "case", "in", "of", "new",
            "delete", "void", "throw", "else", "do", "await", "yield", "instanceof");

    private final String src;
    private final Language language;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Python: bracket depth, since newlines inside brackets do not end a logical line. */
    private int depth;

    private Lexer(String src, Language language) {
        this.src = src;
        this.language = language;
    }

    static List<Token> tokenize(String source, Language language) {
        Lexer lexer = new Lexer(source, language);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && language == Language.PYTHON && peek(1) == '\n') {
                pos += 2; // explicit line joining: the logical line goes on
                line++;
                lineStart = pos;
            } else if (!comment(c)) {
                token(c);
            }
        }
        if (language == Language.PYTHON) {
            endLogicalLine();
        }
    }

    private void newline() {
        if (language == Language.PYTHON && depth == 0) {
            endLogicalLine();
        }
        pos++;
        line++;
        lineStart = pos;
    }

    private void endLogicalLine() {
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != Token.Kind.NEWLINE) {
            tokens.add(new Token(Token.Kind.NEWLINE, "\n", "\n", "", line, pos - lineStart));
        }
    }

    /** Skips a comment starting at {@code pos}; false when there is none. */
    private boolean comment(char c) {
        if (language == Language.PYTHON) {
            if (c != '#') {
                return false;
            }
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
            return true;
        }
        if (c != '/' || peek(1) != '/' && peek(1) != '*') {
            return false;
        }
        if (peek(1) == '/') {
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
        } else {
            int end = src.indexOf("*/", pos + 2);
            advanceTo(end < 0 ? src.length() : end + 2);
        }
        return true;
    }

    private void token(char c) {
        int start = pos;
        int startLine = line;
        int column = pos - lineStart;
        if (Character.isJavaIdentifierStart(c) || c == '$' || c == '#' && language == Language.JAVASCRIPT) {
            if (language == Language.PYTHON && isStringPrefix(start)) {
                string(start, startLine, column);
                return;
            }
            while (pos < src.length() && (Character.isJavaIdentifierPart(src.charAt(pos)) || src.charAt(pos) == '$'
                    || src.charAt(pos) == '#' && pos == start)) {
                pos++;
            }
            add(Token.Kind.WORD, start, startLine, column);
        } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            number();
            add(Token.Kind.NUMBER, start, startLine, column);
        } else if (c == '"' || c == '\'') {
            string(start, startLine, column);
        } else if (c == '`' && language == Language.JAVASCRIPT) {
            template(start, startLine, column);
        } else if (c == '/' && language == Language.JAVASCRIPT && regexAllowed()) {
            regex(start, startLine, column);
        } else {
            punct(c, start, startLine, column);
        }
    }

    private void number() {
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            boolean exponentSign = (ch == '+' || ch == '-') && pos > 0
                    && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                    && !src.substring(Math.max(0, pos - 3), pos).toLowerCase().contains("x");
            if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
    }

    private boolean isStringPrefix(int start) {
        int i = start;
        while (i < src.length() && i - start < 3 && "rRbBuUfF".indexOf(src.charAt(i)) >= 0) {
            i++;
        }
        return i > start && i < src.length() && (src.charAt(i) == '"' || src.charAt(i) == '\'');
    }

    private void string(int start, int startLine, int column) {
        boolean raw = false;
        while ("rRbBuUfF".indexOf(src.charAt(pos)) >= 0) {
            raw |= src.charAt(pos) == 'r' || src.charAt(pos) == 'R';
            pos++;
        }
        char quote = src.charAt(pos);
        boolean triple = (language == Language.PYTHON || language == Language.JAVA && quote == '"')
                && src.startsWith(String.valueOf(quote).repeat(3), pos);
        StringBuilder value = new StringBuilder();
        if (triple) {
            String closing = String.valueOf(quote).repeat(3);
            int end = src.indexOf(closing, pos + 3);
            int stop = end < 0 ? src.length() : end;
            value.append(src, pos + 3, stop);
            advanceTo(end < 0 ? src.length() : end + 3);
        } else {
            pos++;
            while (pos < src.length() && src.charAt(pos) != quote && src.charAt(pos) != '\n') {
                char ch = src.charAt(pos);
                if (ch == '\\' && pos + 1 < src.length()) {
                    value.append(raw ? "\\" + src.charAt(pos + 1) : unescape(src.charAt(pos + 1)));
                    pos += 2;
                } else {
                    value.append(ch);
                    pos++;
                }
            }
            if (pos < src.length() && src.charAt(pos) == quote) {
                pos++;
            }
        }
        tokens.add(new Token(Token.Kind.STRING, src.substring(start, pos), value.toString(), "", startLine, column));
    }

    private static String unescape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            default -> String.valueOf(c);
        };
    }

    /** A template literal; {@code ${...}} substitutions may nest braces, strings and further templates. */
    private void template(int start, int startLine, int column) {
        pos++;
        skipTemplateBody();
        String text = src.substring(start, pos);
        String value = text.length() >= 2 && text.endsWith("`") ? text.substring(1, text.length() - 1)
                : text.substring(1);
        tokens.add(new Token(Token.Kind.TEMPLATE, text, value, "", startLine, column));
    }

    private void skipTemplateBody() {
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == '\\') {
                pos += 2;
            } else if (ch == '`') {
                pos++;
                return;
            } else if (ch == '$' && peek(1) == '{') {
                pos += 2;
                skipSubstitution();
            } else {
                step();
            }
        }
    }

    private void skipSubstitution() {
        int braces = 1;
        while (pos < src.length() && braces > 0) {
            char ch = src.charAt(pos);
            if (ch == '{') {
                braces++;
                pos++;
            } else if (ch == '}') {
                braces--;
                pos++;
            } else if (ch == '`') {
                pos++;
                skipTemplateBody();
            } else if (ch == '"' || ch == '\'') {
                int save = tokens.size();
                string(pos, line, pos - lineStart);
                tokens.subList(save, tokens.size()).clear();
            } else {
                step();
            }
        }
    }

    private boolean regexAllowed() {
        if (peek(1) == '/' || peek(1) == '*') {
            return false;
        }
        if (tokens.isEmpty()) {
            return true;
        }
        Token prev = tokens.get(tokens.size() - 1);
        return switch (prev.kind()) {
            case NUMBER, STRING, TEMPLATE, REGEX -> false;
            case WORD -> REGEX_AFTER_WORD.contains(prev.text());
            default -> !prev.text().equals(")") && !prev.text().equals("]") && !prev.text().equals("}")
                    && !prev.text().equals("++") && !prev.text().equals("--");
        };
    }

    private void regex(int start, int startLine, int column) {
        pos++;
        boolean inClass = false;
        while (pos < src.length() && src.charAt(pos) != '\n') {
            char ch = src.charAt(pos);
            if (ch == '\\') {
                pos += 2;
                continue;
            }
            if (ch == '[') {
                inClass = true;
            } else if (ch == ']') {
                inClass = false;
            } else if (ch == '/' && !inClass) {
                break;
            }
            pos++;
        }
        int bodyEnd = Math.min(pos, src.length());
        if (pos < src.length() && src.charAt(pos) == '/') {
            pos++;
        }
        int flagsStart = pos;
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            pos++;
        }
        tokens.add(new Token(Token.Kind.REGEX, src.substring(start, pos), src.substring(start + 1, bodyEnd),
                src.substring(flagsStart, pos), startLine, column));
    }

    private void punct(char c, int start, int startLine, int column) {
        String op = null;
        for (String candidate : OPERATORS) {
            if (src.startsWith(candidate, pos) && (!candidate.equals("//") || language == Language.PYTHON)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            op = String.valueOf(c);
        }
        pos += op.length();
        if (language == Language.PYTHON) {
            if ("([{".contains(op)) {
                depth++;
            } else if (")]}".contains(op)) {
                depth = Math.max(0, depth - 1);
            }
        }
        add(Token.Kind.PUNCT, start, startLine, column);
    }

    private void add(Token.Kind kind, int start, int startLine, int column) {
        String text = src.substring(start, pos);
        tokens.add(new Token(kind, text, text, "", startLine, column));
    }

    /** One character forward, counting lines. */
    private void step() {
        if (src.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private void advanceTo(int end) {
        while (pos < end) {
            step();
        }
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }
}

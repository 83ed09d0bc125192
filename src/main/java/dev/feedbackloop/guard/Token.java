package dev.feedbackloop.guard;

/**
 * One token of a test file.
 *
 * @param kind   what it is
 * @param text   the source text, quotes included for strings
 * @param value  for strings and templates their content with simple escapes resolved, for a regex its pattern
 *               (flags in {@code flags}); otherwise the same as {@code text}
 * @param flags  a regex literal's flags, else empty
 * @param line   1-based line of its first character
 * @param column 0-based column of its first character
 */
record Token(Kind kind, String text, String value, String flags, int line, int column) {

    /** Token kinds; keywords are words. */
    enum Kind {
        /** An identifier or keyword. */
        WORD,
        /** A numeric literal. */
        NUMBER,
        /** A quoted string literal (any quote, Python prefixes and triple quotes included). */
        STRING,
        /** A JavaScript template literal (backquotes), substitutions kept in its text. */
        TEMPLATE,
        /** A JavaScript regular expression literal. */
        REGEX,
        /** An operator or bracket. */
        PUNCT,
        /** The end of a Python logical line. */
        NEWLINE
    }

    boolean is(String s) {
        return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(s);
    }

    boolean isWord() {
        return kind == Kind.WORD;
    }

    /** A string or a template without substitutions: a literal text value. */
    boolean isText() {
        return kind == Kind.STRING || kind == Kind.TEMPLATE;
    }

    /** A stable text for comparing statements: literals by their value, so quote style does not count as change. */
    String normalized() {
        return switch (kind) {
            case STRING, TEMPLATE -> '"' + value + '"';
            case REGEX -> '/' + value + '/' + flags;
            case NUMBER -> Numbers.canonical(text);
            default -> text;
        };
    }
}

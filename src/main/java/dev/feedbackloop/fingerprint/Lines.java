package dev.feedbackloop.fingerprint;

import dev.feedbackloop.text.CodeFrames;
import dev.feedbackloop.text.KeywordIndex;
import java.util.List;

/** Sorts the lines of failure text into message, cause, frame and noise, by their shape alone. */
final class Lines {

    /** What a line of failure text is. */
    enum Kind {
        /** Says what went wrong. */
        MESSAGE,
        /** {@code Caused by: ...}: the root exception of a Java chain. */
        CAUSE,
        /** A stack frame. */
        FRAME,
        /** Ends the readable message: native back traces follow ({@code Backtrace:}, {@code remote stacktrace:}). */
        STOP,
        /** Varies per machine or test, or carries nothing. */
        NOISE
    }

    /** Prefixes of lines that vary per machine or say nothing about the cause. */
    private static final List<String> NOISE_PREFIXES = List.of(
            "Call log:", "Browser logs:", "Note: use DEBUG=", // Playwright
            "Build info:", "System info:", "Driver info:", "Session info:", "(Session info:", "(Driver info:",
            "Capabilities {", "Command duration or timeout:", "*** Element info:", "Element info:",
            "For documentation on this error", // Selenium
            "Read more:", "Learn more", "https://on.cypress.io/"); // links to docs
    /** After one of these only native or remote back traces follow. */
    private static final List<String> STOP_PREFIXES = List.of("remote stacktrace:", "Backtrace:", "Stacktrace:",
            "<--- JS stacktrace --->", "goroutine ");
    private static final String NOISE_FIRST = firstCharacters(NOISE_PREFIXES);
    private static final String STOP_FIRST = firstCharacters(STOP_PREFIXES);
    /** Frames that are generated or runtime plumbing, and differ by JVM, Node version or build. */
    private static final KeywordIndex GENERATED = KeywordIndex.of(List.of("$$Lambda", "jdk.proxy", "com.sun.proxy", "$Proxy",
            "sun.reflect.", "jdk.internal.reflect.", "java.lang.reflect.", "jdk.internal.", "java.base/jdk.internal",
            "$$EnhancerBy", "$$FastClass", "$$SpringCGLIB", "CGLIB$$", "ByteBuddy", "<generated>", "(Native Method)",
            "(<anonymous>", "at <anonymous>", "node:internal", "internal/process/", "internal/timers",
            "processTicksAndRejections", "runMicrotasks", "new Promise (<anonymous>)"));
    private static final String LEADING_MARKS = "✗✖✘✕×●›»";
    private static final String[] LOG_TAGS = {"info", "error", "warn", "debug"};

    private Lines() {
    }

    /**
     * The line {@code text[from, end)} stripped of indentation and of prefixes that wrap it: pytest's {@code E},
     * sbt's {@code [info]}, reporters' status marks. Works on offsets and copies the line once.
     */
    static String clean(String text, int from, int end) {
        int start = skipWhitespace(text, from, end);
        int stop = end;
        while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
            stop--;
        }
        if (stop - start > 2 && text.charAt(start) == 'E' && Character.isWhitespace(text.charAt(start + 1))) {
            start = skipWhitespace(text, start + 1, stop); // pytest: "E       AssertionError: ..."
        }
        if (start < stop && text.charAt(start) == '[') {
            int close = start + 1;
            while (close < stop && close - start < 8 && text.charAt(close) != ']') {
                close++;
            }
            if (close < stop && close - start < 8 && isLogTag(text, start + 1, close)) {
                start = skipWhitespace(text, close + 1, stop); // sbt / scalatest log prefixes: "[info] ..."
            }
        }
        while (start < stop && LEADING_MARKS.indexOf(text.charAt(start)) >= 0
                && !(start + 2 <= stop && text.startsWith("● ", start))) {
            start = skipWhitespace(text, start + 1, stop); // reporter status marks: "✗ browserContext.newPage: ..."
        }
        return text.substring(start, stop);
    }

    /** The line stripped of indentation and of the prefixes that wrap it; see {@link #clean(String, int, int)}. */
    static String clean(String raw) {
        return clean(raw, 0, raw.length());
    }

    private static int skipWhitespace(String text, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLogTag(String text, int from, int to) {
        for (String tag : LOG_TAGS) {
            if (tag.length() == to - from && text.startsWith(tag, from)) {
                return true;
            }
        }
        return false;
    }

    static Kind kindOf(String line) {
        if (line.isEmpty() || CodeFrames.isFrameLine(line) || isSeparator(line) || isTestTitle(line) || isOmission(line)) {
            return Kind.NOISE;
        }
        if (line.startsWith("at ") || line.startsWith("File \"") && line.contains("\", line ")) {
            return Kind.FRAME;
        }
        if (line.startsWith("Caused by:")) {
            return Kind.CAUSE;
        }
        if (startsWithAny(line, STOP_PREFIXES, STOP_FIRST)) {
            return Kind.STOP;
        }
        if (line.equals("Error:")) {
            return Kind.NOISE; // Playwright's empty heading before a stack
        }
        return startsWithAny(line, NOISE_PREFIXES, NOISE_FIRST) ? Kind.NOISE : Kind.MESSAGE;
    }

    /** Whether {@code line} starts with one of {@code prefixes}, whose first characters are {@code firsts}. */
    private static boolean startsWithAny(String line, List<String> prefixes, String firsts) {
        if (firsts.indexOf(line.charAt(0)) < 0) {
            return false; // most lines: no prefix starts with their first character
        }
        for (String prefix : prefixes) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String firstCharacters(List<String> prefixes) {
        StringBuilder firsts = new StringBuilder();
        for (String prefix : prefixes) {
            firsts.append(prefix.charAt(0));
        }
        return firsts.toString();
    }

    static boolean isGenerated(String frame) {
        return GENERATED.anyIn(frame);
    }

    /** {@code =====}, {@code ------}, {@code ╔════╗}, {@code ===== logs =====}. */
    private static boolean isSeparator(String line) {
        if (!isMark(line.charAt(0))) {
            return false;
        }
        int marks = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isMark(c)) {
                marks++;
            } else if (c != ' ' && !Character.isLetter(c)) {
                return false;
            }
        }
        return marks >= 3 && marks * 2 >= line.length() - (line.contains("logs") ? 4 : 0);
    }

    private static boolean isMark(char c) {
        return switch (c) {
            case '=', '-', '_', '*', '#', '~', '+', '.', '|', '<', '>', '─', '━', '═', '╔', '╗', '╚', '╝', '║' -> true;
            default -> false;
        };
    }

    /**
     * Test titles name the test, not the cause: Playwright's {@code 1) [chromium] › a.spec.ts:3:1 › title ===},
     * jest's {@code ● describe › test}, mocha's {@code 1) Suite name} lines ending in a colon.
     */
    private static boolean isTestTitle(String line) {
        boolean numbered = line.length() > 3 && Character.isDigit(line.charAt(0)) && line.contains(") ")
                && line.indexOf(") ") <= 4;
        if (numbered) {
            return line.contains("›") || line.endsWith(":") || line.endsWith("===");
        }
        return line.startsWith("● ") && line.contains(" › ");
    }

    /** {@code ... 23 more}, {@code ... 5 common frames omitted}. */
    private static boolean isOmission(String line) {
        return line.startsWith("...") && (line.endsWith(" more") || line.endsWith("omitted"));
    }
}

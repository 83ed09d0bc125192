package dev.feedbackloop.report.dotnet;

import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.xml.SafeXml;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Small StAX helpers and .NET value parsing shared by the TRX, NUnit and xUnit.net parsers. */
final class XmlReading {

    private XmlReading() {
    }

    /** The next event; XML errors become {@link ReportParseException}s naming line and column. */
    static int next(XMLStreamReader reader) {
        try {
            return reader.next();
        } catch (XMLStreamException e) {
            throw SafeXml.translate(e);
        }
    }

    /** Moves to the root element and checks its name against those the format allows. */
    static String root(XMLStreamReader reader, String format, String... allowed) {
        int event = reader.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new ReportParseException("no root element: the " + format + " report is empty");
            }
            event = next(reader);
        }
        String name = reader.getLocalName();
        for (String candidate : allowed) {
            if (candidate.equals(name)) {
                return name;
            }
        }
        throw SafeXml.problemAt(reader, "not a " + format + " report: root element is <" + name + ">, expected <"
                + String.join("> or <", allowed) + ">");
    }

    /** An attribute by local name, or null. */
    static String attr(XMLStreamReader reader, String name) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeLocalName(i).equals(name)) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** An attribute by local name, or empty text. */
    static String attrOrEmpty(XMLStreamReader reader, String name) {
        String value = attr(reader, name);
        return value == null ? "" : value;
    }

    /** The text inside the current element (nested elements' text included); the reader ends on its end tag. */
    static String text(XMLStreamReader reader) {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = next(reader);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                case XMLStreamConstants.END_DOCUMENT -> throw SafeXml.problemAt(reader,
                        "the file ends inside an element (truncated?)");
                default -> { }
            }
        }
        return text.toString();
    }

    /** Skips the current element and everything in it; the reader ends on its end tag. */
    static void skip(XMLStreamReader reader) {
        int depth = 1;
        while (depth > 0) {
            int event = next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw SafeXml.problemAt(reader, "the file ends inside an element (truncated?)");
            }
        }
    }

    /** Reads one child element of the element being read. */
    @FunctionalInterface
    interface ChildReader {
        /**
         * Reads the child element the reader is on: false when it has read it to its end tag, true to step into it
         * (its own children are handed over next).
         */
        boolean read(XMLStreamReader reader);
    }

    /** Reads the current element to its end tag, handing each child element on the way to {@code child}. */
    static void children(XMLStreamReader reader, ChildReader child) {
        int depth = 1;
        while (depth > 0) {
            int event = next(reader);
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT && child.read(reader)) {
                depth++;
            }
        }
    }

    /** Where the reader is, for errors about the element it is on: {@code line 12, column 5}. */
    static String where(XMLStreamReader reader) {
        return SafeXml.where(reader.getLocation());
    }

    /**
     * The failure of a result's one attempt: a failing attempt's from its message, exception type and stack trace;
     * a skipped attempt's from its skip reason when there is one; none otherwise. Any text may be null.
     */
    static Optional<Failure> failure(AttemptStatus status, String message, String exceptionType, String stackTrace,
                                     String skipReason) {
        if (status.isFailing()) {
            return Optional.of(failure(message, exceptionType, stackTrace));
        }
        if (status == AttemptStatus.SKIPPED && skipReason != null && !skipReason.isBlank()) {
            return Optional.of(Failure.of(skipReason.strip()));
        }
        return Optional.empty();
    }

    /**
     * A failure from the parts .NET reports write; the type is the exception type when given, else the one the
     * message starts with ({@code System.DivideByZeroException : Attempted to divide by zero.}).
     */
    static Failure failure(String message, String exceptionType, String stackTrace) {
        String text = TextLimits.cap(message == null ? "" : message, TextLimits.MESSAGE);
        Optional<String> type = exceptionType == null || exceptionType.isBlank() ? ErrorMessages.leadingType(text)
                : Optional.of(exceptionType.strip());
        return new Failure(text, type, Optional.ofNullable(stackTrace)
                .map(s -> TextLimits.cap(s, TextLimits.STACK_TRACE)));
    }

    /** A display name without its class prefix: {@code Ns.Tests.Is_Even(i: 2)} in {@code Ns.Tests} is {@code Is_Even(i: 2)}. */
    static String withoutClass(String name, String className) {
        return !className.isEmpty() && name.startsWith(className + ".") && name.length() > className.length() + 1
                ? name.substring(className.length() + 1) : name;
    }

    /** Captured output, capped; null becomes empty. */
    static String output(String text) {
        return text == null ? "" : TextLimits.cap(text, TextLimits.OUTPUT);
    }

    /** Seconds as .NET tools write them ({@code 0.146}, {@code 1,5} in some locales), in milliseconds; 0 if absent. */
    static long secondsToMillis(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return 0;
        }
        try {
            double value = Double.parseDouble(seconds.strip().replace(',', '.'));
            return Double.isFinite(value) && value > 0 ? Math.round(value * 1000) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A .NET TimeSpan ({@code 00:00:00.0011796}, {@code 1.02:03:04.5}) in milliseconds; 0 if absent or odd. */
    static long timeSpanToMillis(String timeSpan) {
        if (timeSpan == null || timeSpan.isBlank()) {
            return 0;
        }
        String[] parts = timeSpan.strip().split(":");
        if (parts.length != 3) {
            return 0;
        }
        try {
            String hours = parts[0];
            long days = 0;
            int dot = hours.indexOf('.');
            if (dot >= 0) {
                days = Long.parseLong(hours.substring(0, dot));
                hours = hours.substring(dot + 1);
            }
            double seconds = Double.parseDouble(parts[2]);
            Duration duration = Duration.ofDays(days).plusHours(Long.parseLong(hours))
                    .plusMinutes(Long.parseLong(parts[1])).plusNanos(Math.round(seconds * 1_000_000_000d));
            return Math.max(0, duration.toMillis());
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    /** An ISO-8601 timestamp with offset ({@code 2021-04-20T08:31:32.86+02:00}, {@code 2017-04-29 20:49:41Z}). */
    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String iso = text.strip().replace(' ', 'T').toUpperCase(Locale.ROOT);
        try {
            return Optional.of(java.time.OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

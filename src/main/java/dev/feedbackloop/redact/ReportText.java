package dev.feedbackloop.redact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters of a report, whatever its encoding: a byte order mark (UTF-8, UTF-16 either way), UTF-16 without
 * one (told by its zero bytes), or the encoding an XML declaration names; UTF-8 otherwise. Bytes that are not valid
 * in the encoding become U+FFFD rather than failing the report: a stray byte in a passing test's output must not
 * keep the rest from being redacted (and stored). What the report is made of is told from its first character.
 */
final class ReportText {

    /** What a report is, by its first character. */
    enum Shape {
        /** Starts with {@code <}. */
        XML,
        /** Starts with <code>{</code> or {@code [}: one JSON document, or JSON Lines. */
        JSON,
        /** Anything else: refused. */
        OTHER
    }

    private static final int SNIFF = 1024;
    private static final Pattern XML_ENCODING = Pattern.compile(
            "^<\\?xml[^>]{0,200}?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]{1,40})[\"']");

    private final Reader reader;
    private final Shape shape;
    private final Charset charset;

    private ReportText(Reader reader, Shape shape, Charset charset) {
        this.reader = reader;
        this.shape = shape;
        this.charset = charset;
    }

    /** Reads the start of {@code in} to learn its encoding and shape; the reader then starts at the beginning. */
    static ReportText of(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(SNIFF);
        byte[] head = buffered.readNBytes(SNIFF);
        buffered.reset();
        int bom = 0;
        Charset charset;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (head.length >= 2 && head[0] == 0 && head[1] != 0) {
            charset = StandardCharsets.UTF_16BE;
        } else if (head.length >= 2 && head[0] != 0 && head[1] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declared(head).orElse(StandardCharsets.UTF_8);
        }
        buffered.skipNBytes(bom);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String start = new String(head, bom, head.length - bom, charset).stripLeading();
        Shape shape = start.startsWith("<") ? Shape.XML
                : start.startsWith("{") || start.startsWith("[") ? Shape.JSON : Shape.OTHER;
        return new ReportText(new InputStreamReader(buffered, decoder), shape, charset);
    }

    Reader reader() {
        return reader;
    }

    Shape shape() {
        return shape;
    }

    /** The encoding the report was read in. */
    Charset charset() {
        return charset;
    }

    /** The encoding an XML declaration in ASCII-compatible bytes names, when Java knows it. */
    private static java.util.Optional<Charset> declared(byte[] head) {
        String ascii = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        Matcher m = XML_ENCODING.matcher(ascii);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        try {
            Charset named = Charset.forName(m.group(1).toUpperCase(Locale.ROOT));
            // A declaration saying UTF-16 in bytes that are ASCII-compatible is wrong; the bytes decide.
            return named.name().startsWith("UTF-16") || named.name().startsWith("UTF-32")
                    ? java.util.Optional.empty() : java.util.Optional.of(named);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

package dev.feedbackloop.report.xml;

import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.TextDecoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character encoding of an XML report, decided as the XML spec's appendix F does: a byte order mark or the zero
 * bytes of UTF-16/UTF-32 first, else the {@code encoding} of the XML declaration, else UTF-8. Decoding is lenient
 * ({@link TextDecoding}): bytes that are not valid in the encoding become U+FFFD.
 *
 * <p>When the declaration contradicts the bytes, the bytes win: a file declared {@code UTF-16} whose bytes are
 * single-byte text (a tool that copied the declaration but wrote UTF-8) is read as UTF-8, and a UTF-16 file with a
 * byte order mark is read as UTF-16 whatever it declares.
 */
public final class XmlCharset {

    /** Bytes looked at for the XML declaration; a declaration is a few dozen bytes at the very start. */
    static final int DECLARATION_BYTES = 256;

    private static final Pattern DECLARED_ENCODING = Pattern.compile(
            "^<\\?xml\\s[^>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']"); // <?xml version="1.0" encoding="ISO-8859-1"?>

    private XmlCharset() {
    }

    /**
     * {@code in} as characters, with any byte order mark skipped.
     *
     * @throws ReportParseException when the declaration names an encoding this JVM does not know
     */
    public static Reader reader(InputStream in) throws IOException {
        TextDecoding.Peeked peeked = TextDecoding.peek(in, DECLARATION_BYTES);
        byte[] head = peeked.head();
        TextDecoding.Detected detected = TextDecoding.detect(head, head.length);
        Charset charset = detected.charset().orElseGet(() -> declared(head).orElse(StandardCharsets.UTF_8));
        return peeked.reader(charset, detected.bomLength());
    }

    /** The encoding named by the XML declaration at the start of ASCII-compatible {@code head}, if any. */
    static Optional<Charset> declared(byte[] head) {
        Matcher declaration = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!declaration.find()) {
            return Optional.empty();
        }
        String name = declaration.group(1);
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("UTF-16") || upper.startsWith("UTF-32") || upper.startsWith("UCS")
                || upper.equals("UNICODE")) {
            return Optional.empty(); // single-byte text cannot be UTF-16 or UTF-32, whatever the declaration says
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ReportParseException("line 1", "the XML declaration names the encoding '" + name
                    + "', which is not supported", e);
        }
    }
}

package dev.feedbackloop.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the bytes of a text report into characters. The encoding is read from a byte order mark or, without one,
 * from the pattern of zero bytes around the first characters ({@code <?} or {@code {"} in UTF-16 or UTF-32, as the
 * XML spec's appendix F and RFC 4627 describe); anything else is ASCII-compatible, and its encoding is the caller's
 * to choose (an XML declaration, or UTF-8).
 *
 * <p>Decoding never fails: a byte sequence that is not valid in the encoding (one stray Latin-1 byte in a UTF-8
 * report, a truncated sequence at the end) becomes U+FFFD, the replacement character. Test tools copy whatever a test
 * printed into their reports, and one bad byte in a passing test's output must not cost the whole report.
 */
public final class TextDecoding {

    /** Bytes looked at to detect the encoding: enough for a byte order mark and the first two characters. */
    public static final int HEAD_BYTES = 4;

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private TextDecoding() {
    }

    /**
     * What the first bytes of a text say about its encoding.
     *
     * @param charset   the encoding, when a byte order mark or the zero-byte pattern tells it; empty for
     *                  ASCII-compatible text
     * @param bomLength bytes of byte order mark to skip (0 when there is none)
     */
    public record Detected(Optional<Charset> charset, int bomLength) {
    }

    /** Detects the encoding from the first {@code length} bytes of {@code head}. */
    public static Detected detect(byte[] head, int length) {
        int b0 = length > 0 ? head[0] & 0xff : -1;
        int b1 = length > 1 ? head[1] & 0xff : -1;
        int b2 = length > 2 ? head[2] & 0xff : -1;
        int b3 = length > 3 ? head[3] & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return new Detected(Optional.of(StandardCharsets.UTF_8), 3);
        }
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
            return new Detected(Optional.of(UTF_32BE), 4);
        }
        if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
            return new Detected(Optional.of(UTF_32LE), 4);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return new Detected(Optional.of(StandardCharsets.UTF_16BE), 2);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return new Detected(Optional.of(StandardCharsets.UTF_16LE), 2);
        }
        // No byte order mark: the first character is ASCII ('<', '{', '[', whitespace), so its zero bytes show
        // the width and order of the encoding.
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0x00 && b3 > 0x00) {
            return new Detected(Optional.of(UTF_32BE), 0);
        }
        if (b0 > 0x00 && b1 == 0x00 && b2 == 0x00 && b3 == 0x00) {
            return new Detected(Optional.of(UTF_32LE), 0);
        }
        if (b0 == 0x00 && b1 > 0x00) {
            return new Detected(Optional.of(StandardCharsets.UTF_16BE), 0);
        }
        if (b0 > 0x00 && b1 == 0x00) {
            return new Detected(Optional.of(StandardCharsets.UTF_16LE), 0);
        }
        return new Detected(Optional.empty(), 0);
    }

    /** A decoder that replaces malformed and unmappable input with U+FFFD instead of failing. */
    public static CharsetDecoder lenientDecoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /** {@code bytes} decoded leniently, for short heads of reports. */
    public static String decode(byte[] bytes, int offset, int length, Charset charset) {
        try {
            return lenientDecoder(charset).decode(java.nio.ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }

    /**
     * A stream whose first bytes can be looked at before it is decoded: {@link Peeked#head()} holds up to
     * {@code headBytes} bytes, which the returned stream still delivers.
     */
    public static Peeked peek(InputStream in, int headBytes) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, headBytes);
        byte[] head = pushback.readNBytes(headBytes);
        pushback.unread(head);
        return new Peeked(pushback, head);
    }

    /** A stream and its first bytes, which it still delivers. */
    public record Peeked(InputStream stream, byte[] head) {

        /** The stream as characters in {@code charset}, after skipping {@code bomLength} bytes of byte order mark. */
        public Reader reader(Charset charset, int bomLength) throws IOException {
            if (stream.skip(bomLength) != bomLength) {
                throw new IllegalStateException("the byte order mark was peeked, so it can be skipped");
            }
            return new InputStreamReader(stream, lenientDecoder(charset));
        }
    }

    /**
     * The stream as characters: in the encoding its first bytes show, else in UTF-8; a byte order mark is skipped.
     * For JSON, which has no declaration of its own.
     */
    public static Reader reader(InputStream in) throws IOException {
        Peeked peeked = peek(in, HEAD_BYTES);
        Detected detected = detect(peeked.head(), peeked.head().length);
        return peeked.reader(detected.charset().orElse(StandardCharsets.UTF_8), detected.bomLength());
    }
}

package dev.feedbackloop.report;

/**
 * Recognises gzip-compressed content by its magic number (RFC 1952: {@code 1f 8b}), the one test every place that
 * takes a report "raw or gzip" uses: reading, ingest, upload, raw storage.
 */
public final class Gzip {

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;

    private Gzip() {
    }

    /**
     * Whether content starting with {@code first}, {@code second} (as {@link java.io.InputStream#read()} returns
     * them: 0..255, or -1 past the end) is gzip.
     */
    public static boolean startsGzip(int first, int second) {
        return first == ID1 && second == ID2;
    }

    /** Whether {@code bytes} starts as gzip. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && startsGzip(bytes[0] & 0xff, bytes[1] & 0xff);
    }
}

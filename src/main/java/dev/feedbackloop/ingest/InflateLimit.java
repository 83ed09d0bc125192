package dev.feedbackloop.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails a read once more than a limit of bytes came out of the wrapped (inflating) stream. */
final class InflateLimit extends FilterInputStream {

    private final long limit;
    private long count;

    InflateLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws Exceeded {
        count += n;
        if (count > limit) {
            throw new Exceeded(limit);
        }
    }

    /** Whether {@code e} was caused by a limit being exceeded (parsers wrap I/O errors). */
    static boolean exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Exceeded) {
                return true;
            }
        }
        return false;
    }

    /** The limit was exceeded. */
    static final class Exceeded extends IOException {
        Exceeded(long limit) {
            super("more than " + limit + " bytes");
        }
    }
}

package dev.feedbackloop.adapter.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object's content that fails, instead of ending, when it ends before its announced length. The URL-connection
 * HTTP client reports a connection the server closed mid-body as a plain end of stream: a reader that stalled past
 * the server's idle timeout (s3proxy's is 30 s; a machine under load, a slow parse of a large report) got the first
 * megabytes of a report as if they were all of it.
 */
final class LengthCheckedStream extends FilterInputStream {

    private final String key;
    private final long length;
    private long read;

    /** @param length the announced length (Content-Length) of {@code key}'s content */
    LengthCheckedStream(InputStream in, String key, long length) {
        super(in);
        this.key = key;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        count(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(int n) throws IOException {
        if (n >= 0) {
            read += n;
        } else if (read < length) {
            throw new IOException("report object " + key + " ended after " + read + " of its " + length
                    + " bytes: the connection was closed before the whole object was read");
        }
    }
}

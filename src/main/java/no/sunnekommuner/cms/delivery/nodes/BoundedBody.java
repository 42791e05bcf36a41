package no.sunnekommuner.cms.delivery.nodes;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read as a stream that stops at a size limit: reading past it fails, and {@link #exceeded()}
 * tells the caller that the failure means "too large" (a parser reading it only sees an I/O error).
 */
final class BoundedBody extends FilterInputStream {

    private final long limit;
    private long read;
    private boolean exceeded;

    BoundedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
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
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, limit - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - read + 1));
        count(skipped);
        return skipped;
    }

    private void count(long n) throws IOException {
        read += n;
        if (read > limit) {
            exceeded = true;
            throw new IOException("request body larger than " + limit + " bytes");
        }
    }
}

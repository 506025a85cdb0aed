package org.urne.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.vertx.core.json.JsonObject;

/**
 * Sends bytes no HTTP client would (request lines and headers past the server's limits, broken framing) over one
 * loopback connection, and reads one response: the server closes such connections, so the response ends at EOF.
 */
final class RawHttp
{
    private static final int READ_TIMEOUT_MILLIS = 20_000;
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private RawHttp()
    {
    }

    static Reply exchange(final int port, final byte[] request) throws IOException
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port))
        {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            final OutputStream out = socket.getOutputStream();
            try
            {
                out.write(request);
                out.flush();
            }
            catch (final SocketException e)
            {
                // The server may answer and close before it has read all of an oversized request; the answer counts.
            }
            return Reply.parse(readUntilClosed(socket.getInputStream()));
        }
    }

    private static byte[] readUntilClosed(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] chunk = new byte[8192];
        try
        {
            for (int read = in.read(chunk); read >= 0 && bytes.size() < MAX_RESPONSE_BYTES; read = in.read(chunk))
            {
                bytes.write(chunk, 0, read);
            }
        }
        catch (final SocketException e)
        {
            // A reset after the response was sent: what was read is the response.
        }
        return bytes.toByteArray();
    }

    /** The status, the Content-Type and the body of one HTTP/1.x response. */
    record Reply(int status, String contentType, String body)
    {
        static Reply parse(final byte[] bytes)
        {
            final String text = new String(bytes, StandardCharsets.UTF_8);
            final int headersEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || headersEnd < 0)
            {
                throw new AssertionError("not an HTTP response: " + text);
            }
            final String[] lines = text.substring(0, headersEnd).split("\r\n");
            String contentType = null;
            for (final String line : lines)
            {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new Reply(Integer.parseInt(lines[0].substring(9, 12)), contentType,
                text.substring(headersEnd + 4));
        }

        JsonObject json()
        {
            return new JsonObject(body);
        }
    }
}

package no.nb.bibliotekkortet.patron.domain;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The digital card's barcode (R9): Code 128 of the card number, rendered with ZXing. Sized to scan from a
 * phone screen: {@link #WIDTH} × {@link #HEIGHT} pixels with a quiet zone of 10 modules on each side
 * (a 10-character number is ~ 130 modules, so each bar module is ≥ 4 px wide).
 */
public final class Barcodes {

    /** Image width in pixels. */
    public static final int WIDTH = 600;
    /** Image height in pixels. */
    public static final int HEIGHT = 200;

    private Barcodes() {
    }

    /** The Code 128 bit matrix of {@code text} at {@link #WIDTH} × {@link #HEIGHT}. */
    public static BitMatrix matrix(String text) {
        return new Code128Writer().encode(text, BarcodeFormat.CODE_128, WIDTH, HEIGHT, Map.of(EncodeHintType.MARGIN, 10));
    }

    /** PNG bytes (black bars on white) of the Code 128 barcode of {@code text}. */
    public static byte[] png(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix(text), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An SVG document (viewBox in pixels, one rect per bar, white background) of the Code 128 barcode of {@code text}. */
    public static String svg(String text) {
        BitMatrix m = matrix(text);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(m.getWidth()).append("\" height=\"")
                .append(m.getHeight()).append("\" viewBox=\"0 0 ").append(m.getWidth()).append(' ').append(m.getHeight())
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        int y = m.getHeight() / 2;
        int x = 0;
        while (x < m.getWidth()) {
            if (m.get(x, y)) {
                int start = x;
                while (x < m.getWidth() && m.get(x, y)) {
                    x++;
                }
                sb.append("<rect x=\"").append(start).append("\" y=\"0\" width=\"").append(x - start)
                        .append("\" height=\"").append(m.getHeight()).append("\" fill=\"#000\"/>");
            } else {
                x++;
            }
        }
        return sb.append("</svg>").toString();
    }
}

package vn.tinnhiem.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/**
 * Video files for Chromium's fake camera ({@code --use-file-for-fake-video-capture}, see
 * {@link Browser#withCamera}): an MJPEG file is JPEG frames one after another, which Chromium plays at
 * 30 frames a second, over and over, as long as the page keeps the camera open. So a file of one
 * picture is a card held still in front of the camera for as long as the test likes.
 *
 * <p>Usage: {@code Browser.withCamera(base, 360, 640, FakeCamera.qr("the card's text"))}; for a
 * printed card, render its PDF page to an image (PDFBox) and pass it to {@link #showing(BufferedImage)}.
 */
public final class FakeCamera {

    /** Chromium's camera picture: 4:3, as most tablet cameras give by default. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    /** Chromium's fixed frame rate for MJPEG files. */
    public static final int FRAMES_PER_SECOND = 30;

    private FakeCamera() {
    }

    /** A QR code of the text on white, held still in front of the camera. */
    public static Path qr(String text) {
        return showing(qrImage(text, 360));
    }

    /** A picture (a card, a PDF page) centred and scaled to fit the camera's view, held still. */
    public static Path showing(BufferedImage picture) {
        return sequence(List.of(picture), 1);
    }

    /** Nothing readable: a white page. */
    public static Path blank() {
        var white = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return showing(white);
    }

    /**
     * Pictures shown one after another, each for {@code framesEach} frames (30 frames are a second),
     * then again from the first.
     */
    public static Path sequence(List<BufferedImage> pictures, int framesEach) {
        try {
            Path file = Files.createTempFile("tinnhiem-camera-", ".mjpeg");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                for (BufferedImage picture : pictures) {
                    byte[] frame = jpeg(fit(picture));
                    for (int i = 0; i < Math.max(1, framesEach); i++) {
                        out.write(frame);
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A QR code of the text, black on white with the standard quiet zone, about {@code size} px square. */
    public static BufferedImage qrImage(String text, int size) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code holds this text", e);
        }
        var image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }

    private static BufferedImage fit(BufferedImage picture) {
        var frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double scale = Math.min((double) WIDTH / picture.getWidth(), (double) HEIGHT / picture.getHeight());
            int w = (int) Math.round(picture.getWidth() * scale);
            int h = (int) Math.round(picture.getHeight() * scale);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static byte[] jpeg(BufferedImage frame) throws IOException {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(frame, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

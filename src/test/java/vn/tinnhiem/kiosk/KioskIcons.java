package vn.tinnhiem.kiosk;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Draws the kiosk web app's icons (a ballot going into a box, with a tick) with Java2D. The PNGs are
 * committed under src/main/resources/META-INF/resources/kiosk/; run this again to redraw them:
 * {@code java src/test/java/vn/tinnhiem/kiosk/KioskIcons.java}. The artwork keeps to the middle 80 %,
 * so the same icon serves as "maskable" (a launcher may crop it to a circle).
 */
public final class KioskIcons {

    private KioskIcons() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of("src/main/resources/META-INF/resources/kiosk");
        Files.createDirectories(folder);
        for (int size : new int[] {192, 512}) {
            ImageIO.write(draw(size), "png", folder.resolve("icon-" + size + ".png").toFile());
        }
    }

    static BufferedImage draw(int size) {
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double u = size / 100.0;
        g.setColor(new Color(0x0b3d91));
        g.fillRect(0, 0, size, size);
        // The ballot: a white card standing in the slot, with a tick.
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(33 * u, 16 * u, 34 * u, 42 * u, 4 * u, 4 * u));
        g.setColor(new Color(0x1b8a3a));
        g.setStroke(new BasicStroke((float) (6 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        var tick = new Path2D.Double();
        tick.moveTo(40 * u, 37 * u);
        tick.lineTo(47 * u, 45 * u);
        tick.lineTo(60 * u, 27 * u);
        g.draw(tick);
        // The box: its lid with the slot, and its front.
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(20 * u, 52 * u, 60 * u, 8 * u, 3 * u, 3 * u));
        g.fill(new RoundRectangle2D.Double(24 * u, 58 * u, 52 * u, 26 * u, 4 * u, 4 * u));
        g.setColor(new Color(0x0b3d91));
        g.fill(new RoundRectangle2D.Double(30 * u, 54.5 * u, 40 * u, 3 * u, 1.5 * u, 1.5 * u));
        g.setColor(new Color(0xffd54f));
        g.fill(new RoundRectangle2D.Double(38 * u, 68 * u, 24 * u, 6 * u, 3 * u, 3 * u));
        g.dispose();
        return image;
    }
}

package no.sunnekommuner.cms.content.bootstrap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws the demo content's images (news illustrations and member logos) with Java2D: no photographs, nothing
 * copied, and no real coats of arms (the logos are a shield with the member's initials in colours of our choice).
 * The output is committed under {@code src/main/resources/demo/dam/}; run it again only to change a picture:
 * {@code java src/test/java/no/sunnekommuner/cms/content/bootstrap/DemoImagesGenerator.java src/main/resources/demo/dam}.
 * Seeded randomness, so a run gives the same pictures.
 */
public final class DemoImagesGenerator {

    private static final int W = 1600;
    private static final int H = 900;

    private DemoImagesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/demo/dam");
        Files.createDirectories(out.resolve("logoer"));
        jpeg(conference(), out.resolve("konferanse.jpg"));
        jpeg(aurora(), out.resolve("nordlys.jpg"));
        jpeg(network(), out.resolve("nettverk.jpg"));
        jpeg(lake(), out.resolve("innsjo.jpg"));
        String[][] logos = {
            {"asker", "A", "1f6f8b"}, {"levanger", "L", "7a4b94"}, {"vestvagoy", "V", "2d7d46"},
            {"kristiansand", "K", "b5462f"}, {"sandnes", "S", "2c5aa0"}, {"bodo", "B", "8a6d1c"},
            {"molde", "M", "9b2d5a"}, {"hamar", "H", "3a6b6b"}, {"fredrikstad", "F", "5b4fa3"},
            {"tromso", "T", "1d5b7a"}, {"nordland", "N", "6b3f1f"}, {"more-og-romsdal", "MR", "24607a"},
            {"innlandet", "I", "4d7a2a"}, {"ostfold", "Ø", "883838"},
        };
        for (String[] logo : logos) {
            ImageIO.write(shield(logo[1], new Color(Integer.parseInt(logo[2], 16))), "png",
                    out.resolve("logoer").resolve(logo[0] + ".png").toFile());
        }
    }

    /** A stage with a speaker and rows of stylised listeners. */
    private static BufferedImage conference() {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0x24, 0x3b, 0x55), 0, H, new Color(0x3f, 0x5f, 0x7a)));
        g.fillRect(0, 0, W, H);
        g.setColor(new Color(0xf2, 0xc9, 0x4c));
        g.fill(new RoundRectangle2D.Double(420, 120, 760, 300, 30, 30)); // screen
        g.setColor(new Color(0x24, 0x3b, 0x55));
        for (int i = 0; i < 4; i++) {
            g.fillRect(500 + i * 150, 330 - i * 45, 90, 60 + i * 45); // a rising chart on the screen
        }
        g.setColor(new Color(0x1a, 0x2a, 0x3c));
        g.fillRect(0, 470, W, 60); // stage
        figure(g, 1260, 400, 1.1, new Color(0xe8, 0x6a, 0x4f));
        Random random = new Random(7);
        Color[] coats = {new Color(0x6f, 0xb3, 0x8f), new Color(0xe0, 0x8e, 0x45), new Color(0x9a, 0x8f, 0xd8),
            new Color(0xd9, 0x5f, 0x76), new Color(0x5a, 0xa9, 0xd6), new Color(0xe9, 0xd8, 0xa6)};
        for (int row = 0; row < 3; row++) {
            double scale = 1.0 + row * 0.35;
            int y = 610 + row * 110;
            for (int x = 60 + row * 40; x < W; x += (int) (130 * scale)) {
                figure(g, x + random.nextInt(20), y, scale, coats[random.nextInt(coats.length)]);
            }
        }
        g.dispose();
        return img;
    }

    /** Mountains under the northern lights, a town's lights at the shore. */
    private static BufferedImage aurora() {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0x06, 0x10, 0x2a), 0, H, new Color(0x1b, 0x2d, 0x52)));
        g.fillRect(0, 0, W, H);
        Random random = new Random(11);
        g.setColor(new Color(255, 255, 255, 200));
        for (int i = 0; i < 160; i++) {
            int s = 1 + random.nextInt(3);
            g.fillOval(random.nextInt(W), random.nextInt(H / 2), s, s);
        }
        for (int band = 0; band < 3; band++) {
            g.setStroke(new BasicStroke(70 - band * 18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(0x4c + band * 30, 0xf0 - band * 40, 0x9c + band * 30, 70));
            Path2D wave = new Path2D.Double();
            wave.moveTo(-50, 260 + band * 40);
            for (int x = 0; x <= W + 100; x += 100) {
                wave.lineTo(x, 230 + band * 45 + 70 * Math.sin(x / 230.0 + band));
            }
            g.draw(wave);
        }
        g.setStroke(new BasicStroke(1));
        mountains(g, 560, 160, new Color(0x10, 0x1c, 0x33), 3);
        mountains(g, 660, 120, new Color(0x0b, 0x14, 0x26), 5);
        g.setColor(new Color(0x0d, 0x22, 0x3d));
        g.fillRect(0, 720, W, H - 720);
        g.setColor(new Color(0xff, 0xd5, 0x80));
        for (int i = 0; i < 60; i++) {
            int x = 200 + random.nextInt(1200);
            g.fillRect(x, 700 + random.nextInt(18), 4, 4);
            g.setColor(new Color(0xff, 0xd5, 0x80, 90));
            g.fillRect(x, 740 + random.nextInt(80), 3, 10); // reflections
            g.setColor(new Color(0xff, 0xd5, 0x80));
        }
        g.dispose();
        return img;
    }

    /** Twelve points of light joined by lines on a soft gradient: the network growing. */
    private static BufferedImage network() {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f, 0x6f, 0x8b), W, H, new Color(0x2d, 0x7d, 0x46)));
        g.fillRect(0, 0, W, H);
        Random random = new Random(12);
        int[][] points = new int[12][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new int[] {140 + i * 115 + random.nextInt(40), 700 - i * 45 - random.nextInt(90)};
        }
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 120));
        for (int i = 0; i < points.length; i++) {
            for (int j = i + 1; j < Math.min(points.length, i + 3); j++) {
                g.drawLine(points[i][0], points[i][1], points[j][0], points[j][1]);
            }
        }
        for (int[] p : points) {
            g.setColor(new Color(255, 240, 200, 70));
            g.fill(new Ellipse2D.Double(p[0] - 40, p[1] - 40, 80, 80));
            g.setColor(new Color(0xff, 0xf3, 0xd6));
            g.fill(new Ellipse2D.Double(p[0] - 16, p[1] - 16, 32, 32));
        }
        g.dispose();
        return img;
    }

    /** A still lake between wooded hills on a summer morning. */
    private static BufferedImage lake() {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0xa8, 0xd4, 0xee), 0, 520, new Color(0xfd, 0xe8, 0xc4)));
        g.fillRect(0, 0, W, 520);
        g.setColor(new Color(0xff, 0xf1, 0xb8));
        g.fill(new Ellipse2D.Double(1100, 140, 150, 150));
        mountains(g, 470, 140, new Color(0x7d, 0x9b, 0xa8), 4);
        mountains(g, 540, 90, new Color(0x3f, 0x6b, 0x4a), 7);
        g.setPaint(new GradientPaint(0, 540, new Color(0x6f, 0xa8, 0xc6), 0, H, new Color(0x2e, 0x5e, 0x7c)));
        g.fillRect(0, 540, W, H - 540);
        g.setColor(new Color(255, 255, 255, 60));
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            int y = 560 + random.nextInt(330);
            int x = random.nextInt(W);
            g.fillRoundRect(x, y, 80 + random.nextInt(160), 4, 4, 4);
        }
        g.setColor(new Color(0xb5, 0x46, 0x2f));
        g.fillRect(300, 500, 70, 45); // a red boathouse
        GeneralPath roof = new GeneralPath();
        roof.moveTo(290, 502);
        roof.lineTo(335, 470);
        roof.lineTo(380, 502);
        roof.closePath();
        g.setColor(new Color(0x5a, 0x2a, 0x20));
        g.fill(roof);
        g.dispose();
        return img;
    }

    /** A shield with initials: clearly a made-up mark, not a coat of arms. */
    private static BufferedImage shield(String initials, Color colour) {
        int w = 240;
        int h = 280;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(img);
        GeneralPath shape = new GeneralPath();
        shape.moveTo(20, 20);
        shape.lineTo(w - 20, 20);
        shape.lineTo(w - 20, 140);
        shape.curveTo(w - 20, 210, w / 2.0 + 40, 250, w / 2.0, h - 14);
        shape.curveTo(w / 2.0 - 40, 250, 20, 210, 20, 140);
        shape.closePath();
        g.setColor(colour);
        g.fill(shape);
        g.setColor(colour.brighter());
        g.fillRect(20, 20, w - 40, 34); // a band along the top
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(8, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, initials.length() > 1 ? 84 : 120));
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(initials, (w - metrics.stringWidth(initials)) / 2, 180);
        g.dispose();
        return img;
    }

    private static void figure(Graphics2D g, int x, int y, double scale, Color coat) {
        double head = 34 * scale;
        g.setColor(new Color(0xf1, 0xd2, 0xb6));
        g.fill(new Ellipse2D.Double(x - head / 2, y - 95 * scale, head, head));
        g.setColor(coat);
        g.fill(new RoundRectangle2D.Double(x - 32 * scale, y - 55 * scale, 64 * scale, 90 * scale, 30 * scale,
                30 * scale));
    }

    private static void mountains(Graphics2D g, int base, int height, Color colour, int peaks) {
        GeneralPath p = new GeneralPath();
        p.moveTo(0, H);
        p.lineTo(0, base);
        double step = (double) W / peaks;
        for (int i = 0; i < peaks; i++) {
            p.lineTo(i * step + step / 2, base - height * (0.6 + 0.4 * ((i * 7 % 5) / 4.0)));
            p.lineTo((i + 1) * step, base);
        }
        p.lineTo(W, H);
        p.closePath();
        g.setColor(colour);
        g.fill(p);
    }

    private static BufferedImage canvas() {
        return new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static void jpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.82f);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}

package no.sunnekommuner.cms.editor.media;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.StreamResource;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The whole picture of an asset with its focal point marked; a click on the picture moves the point there. The
 * point is kept as fractions of width and height (0 to 1), as the renditions read it.
 */
final class FocalPointPicker extends Div {

    private final Div marker = new Div();
    private final Span value = new Span();
    private double x;
    private double y;

    FocalPointPicker(StreamResource picture, String alt, double x, double y, BiConsumer<Double, Double> changed) {
        addClassName("focal-point");
        Div frame = new Div();
        frame.addClassName("focal-frame");
        Image image = new Image(picture, alt);
        image.setId("focal-image");
        marker.addClassName("focal-marker");
        marker.getElement().setAttribute("aria-hidden", "true");
        frame.add(image, marker);
        value.setId("focal-value");
        value.addClassName("focal-value");
        Span help = new Span(getTranslation("media.focal.help"));
        help.addClassName("focal-help");
        add(frame, value, help);
        move(x, y);
        image.getElement().addEventListener("click", e -> {
            double w = e.getEventData().getNumber("element.clientWidth");
            double h = e.getEventData().getNumber("element.clientHeight");
            if (w <= 0 || h <= 0) {
                return;
            }
            double fx = clamp(e.getEventData().getNumber("event.offsetX") / w);
            double fy = clamp(e.getEventData().getNumber("event.offsetY") / h);
            move(fx, fy);
            changed.accept(this.x, this.y);
        }).addEventData("event.offsetX").addEventData("event.offsetY").addEventData("element.clientWidth")
                .addEventData("element.clientHeight");
    }

    private void move(double fx, double fy) {
        // three decimals are finer than any click
        this.x = Math.round(fx * 1000) / 1000.0;
        this.y = Math.round(fy * 1000) / 1000.0;
        marker.getStyle().set("left", percent(x)).set("top", percent(y));
        value.setText(getTranslation("media.focal.value", Math.round(x * 100), Math.round(y * 100)));
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f%%", f * 100);
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}

package org.kith.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart drawn on the server as SVG by {@code templates/fragments/charts.html}: each bar's label on
 * one line, the bar under it scaled to the biggest value, its value at the bar's end. The geometry is worked out
 * here, in user units for heights and percentages of the width for lengths, so the chart fills any width (375 px
 * or 1280 px) without scaling its text and needs neither JavaScript nor a style attribute. Decorative for
 * assistive technology: the table beside it holds the same numbers.
 *
 * @param title what the bars measure, shown above the chart
 */
public record Chart(String title, List<Bar> bars, int height) {

    /** The longest bar, as a percentage of the width: the rest is room for the value written after it. */
    static final double LONGEST = 70.0;
    static final int ROW = 50;
    static final int LABEL_MAX = 40;

    /** One bar: its label and value as shown, its length in percent and the y of its parts. */
    public record Bar(String label, String valueText, double percent, int labelY, int barY, int valueY) {

        /** Where the value is written: just after the bar. */
        public String valueX() {
            return String.format(java.util.Locale.ROOT, "%.1f%%", percent + 1.5);
        }

        public String width() {
            return String.format(java.util.Locale.ROOT, "%.1f%%", percent);
        }
    }

    /** A label, the value that sets the bar's length (0 or more), and how the value reads. */
    public record Item(String label, double value, String valueText) {
    }

    public static Chart of(String title, List<Item> items) {
        double max = items.stream().mapToDouble(Item::value).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            double percent = max <= 0 || item.value() <= 0 ? 0 : Math.max(0.5, item.value() / max * LONGEST);
            int top = i * ROW;
            bars.add(new Bar(shortened(item.label()), item.valueText(), percent, top + 17, top + 24, top + 39));
        }
        return new Chart(title, List.copyOf(bars), Math.max(ROW, items.size() * ROW));
    }

    /** SVG text does not wrap: a label longer than fits a phone's width is cut short (the table has it whole). */
    static String shortened(String label) {
        return label.length() <= LABEL_MAX ? label : label.substring(0, LABEL_MAX - 1).strip() + "…";
    }
}

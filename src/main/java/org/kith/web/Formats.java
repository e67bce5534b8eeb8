package org.kith.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Dates and money the UK way, as people write them: "1 April 2027", "£2,500", "£2,500.50". Reachable in
 * templates as {@code @fmt}. Pages, emails and letters should all read the same.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' h:mma",
            Locale.UK);

    public String date(LocalDate day) {
        return day == null ? "" : DAY.format(day);
    }

    public String date(LocalDateTime moment) {
        return moment == null ? "" : DAY.format(moment);
    }

    /** "3 March 2027 at 2:05pm". */
    public String dateTime(LocalDateTime moment) {
        return moment == null ? "" : DAY_AND_TIME.format(moment).replace("AM", "am").replace("PM", "pm");
    }

    /** Whole pounds without pence ("£2,500"), otherwise with them ("£2,500.50"). */
    /** A code such as ASSESSMENT_RECORDED as words: "Assessment recorded". */
    public String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String spaced = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    public String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
        boolean whole = amount.stripTrailingZeros().scale() <= 0;
        format.setMinimumFractionDigits(whole ? 0 : 2);
        format.setMaximumFractionDigits(whole ? 0 : 2);
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** A plain number with thousands separators: "12,500". */
    public String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(value);
    }

    /** A whole percentage: "43%". */
    public String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}

package org.kith.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How messages to groups name a project, a day and a sum of money, the same way in every message. */
public final class Wording {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** “Tuesday lunch club” (KITH-2026-000123) */
    public static String project(String title, String reference) {
        return "\u201c" + title + "\u201d (" + reference + ")";
    }

    /** 14 December 2026 */
    public static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** £4,500.00 */
    public static String money(BigDecimal amount) {
        return NumberFormat.getCurrencyInstance(Locale.UK).format(amount);
    }

    private Wording() {
    }
}

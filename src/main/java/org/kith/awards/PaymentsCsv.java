package org.kith.awards;

import java.util.List;

import org.kith.web.Csv;

/**
 * The payments-due file for the finance system, written by the shared {@link Csv} (RFC 4180, formula cells
 * neutralised).
 */
final class PaymentsCsv {

    static final List<String> HEADER = List.of("Application reference", "Group name", "Organisation identifier",
            "Fund", "Tranche", "Amount", "Due date");

    private PaymentsCsv() {
    }

    static String of(List<PaymentsDue.Due> payments) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (PaymentsDue.Due p : payments) {
            line(csv, List.of(nullToEmpty(p.reference()), p.groupName(), nullToEmpty(p.orgIdentifier()),
                    p.fundName(), String.valueOf(p.tranche()), p.amount().toPlainString(), p.dueOn().toString()));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        Csv.line(csv, cells);
    }

    /** One cell, neutralised and quoted (the shared {@link Csv} rules). */
    static String cell(String value) {
        return Csv.cell(value);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

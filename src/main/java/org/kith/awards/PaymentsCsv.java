package org.kith.awards;

import java.util.List;

/**
 * The payments-due file for the finance system: RFC 4180 (every cell quoted, quotes doubled, CRLF line ends),
 * and a cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, so a group called {@code =HYPERLINK(...)} stays a name.
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
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One cell, neutralised and quoted. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

package org.kith.web;

import java.util.List;

/**
 * CSV for downloads: RFC 4180 (every cell quoted, quotes doubled, CRLF line ends), and a cell a spreadsheet
 * would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so a
 * group called {@code =HYPERLINK(...)} stays a name. Used by the payments file and the 360Giving export.
 */
public final class Csv {

    private Csv() {
    }

    /** One line of cells, ending in CRLF. */
    public static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One cell, neutralised and quoted; null is an empty cell. */
    public static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}

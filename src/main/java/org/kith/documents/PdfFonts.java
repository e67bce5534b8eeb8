package org.kith.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.lowagie.text.pdf.BaseFont;

/**
 * The fonts Kith's PDFs embed: Liberation Sans rather than the standard Helvetica, whose single-byte encoding drops
 * letters such as the Welsh ŵ and ŷ, the Gaelic à and ò, Polish ł or Greek and Cyrillic names.
 */
final class PdfFonts {

    static final BaseFont REGULAR = embedded("liberation/LiberationSans-Regular.ttf");
    static final BaseFont BOLD = embedded("liberation/LiberationSans-Bold.ttf");

    private PdfFonts() {
    }

    /**
     * The text as the font can print it: a character the font lacks (an emoji, a CJK character) becomes '?', and
     * control characters other than line breaks become spaces, so nothing a person typed can fail a document.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(c == '\t' || c == '\r' ? " " : "");
            } else if (REGULAR.charExists(c) && BOLD.charExists(c)) {
                out.appendCodePoint(c);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static BaseFont embedded(String classpathLocation) {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(classpathLocation)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the classpath: " + classpathLocation);
            }
            return BaseFont.createFont(classpathLocation, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("font unreadable: " + classpathLocation, e);
        }
    }
}

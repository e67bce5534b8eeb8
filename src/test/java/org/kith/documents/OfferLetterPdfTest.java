package org.kith.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

class OfferLetterPdfTest {

    private final OfferLetterPdf pdf = new OfferLetterPdf();

    @Test
    void namesInWelshPolishAndGreekKeepEveryLetter() throws IOException {
        String text = textOf(letter("Cymdeithas Gŵyl Ŷd Llanfair", "Zażółć gęślą jaźń", "Σύλλογος Ελλήνων"));

        assertThat(text).contains("Gŵyl Ŷd Llanfair", "Zażółć gęślą jaźń", "Σύλλογος Ελλήνων");
    }

    @Test
    void markupAGroupTypedIsPrintedAsText() throws IOException {
        String text = textOf(letter("<script>alert(1)</script>", "<b>Lunch club</b>", "&amp; friends"));

        assertThat(text).contains("<script>alert(1)</script>", "<b>Lunch club</b>", "&amp; friends");
    }

    @Test
    void theLetterSaysWhatWasOfferedAndWhenToAnswer() throws IOException {
        String text = textOf(letter("Leith Lunch Club", "Friday lunches", "Keep receipts"));

        assertThat(text).contains("KITH-2026-000042", "£4,500.00", "Friday lunches", "Keep receipts",
                "14 December 2026", "23 November 2026");
    }

    private static OfferLetterPdf.Letter letter(String organisation, String title, String conditions) {
        return new OfferLetterPdf.Letter("KITH-2026-000042", organisation, "Social Isolation and Loneliness Fund",
                title, new BigDecimal("4500.00"), conditions, LocalDate.of(2026, 12, 14), LocalDate.of(2026, 11, 23));
    }

    private String textOf(OfferLetterPdf.Letter letter) throws IOException {
        PdfReader reader = new PdfReader(pdf.render(letter));
        try {
            return new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("\\s+", " ");
        } finally {
            reader.close();
        }
    }
}

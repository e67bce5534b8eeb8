package org.kith.documents;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Renders an offer letter. Text goes in as text, never as markup, so nothing a group typed can inject anything.
 * The letter embeds Liberation Sans ({@link PdfFonts}).
 */
@Component
class OfferLetterPdf {

    private static final BaseFont REGULAR = PdfFonts.REGULAR;
    private static final BaseFont BOLD = PdfFonts.BOLD;

    record Letter(String reference, String organisationName, String fundName, String projectTitle,
            BigDecimal amount, String conditions, LocalDate respondBy, LocalDate issuedOn) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    byte[] render(Letter letter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Offer of grant " + letter.reference());
            document.addCreator("Kith");
            document.open();
            Font heading = new Font(BOLD, 16);
            Font body = new Font(REGULAR, 11);
            document.add(paragraph("Offer of grant", heading));
            document.add(paragraph(" ", body));
            document.add(paragraph("Reference: " + letter.reference(), body));
            document.add(paragraph("Date: " + DAY.format(letter.issuedOn()), body));
            document.add(paragraph("To: " + letter.organisationName(), body));
            document.add(paragraph(" ", body));
            document.add(paragraph("We are pleased to offer you a grant of "
                    + NumberFormat.getCurrencyInstance(Locale.UK).format(letter.amount()) + " from the "
                    + letter.fundName() + " for your project \u201c" + letter.projectTitle() + "\u201d.", body));
            document.add(paragraph(" ", body));
            document.add(paragraph("Conditions", new Font(BOLD, 12)));
            document.add(paragraph(letter.conditions(), body));
            document.add(paragraph(" ", body));
            document.add(paragraph("Please accept or decline this offer in Kith by "
                    + DAY.format(letter.respondBy()) + ". If we do not hear from you by then, the offer lapses.",
                    body));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("offer letter could not be rendered", e);
        }
        return out.toByteArray();
    }

    /** Text as text, with any character the font lacks as '?' ({@link PdfFonts#printable}). */
    private static Paragraph paragraph(String text, Font font) {
        return new Paragraph(PdfFonts.printable(text), font);
    }
}

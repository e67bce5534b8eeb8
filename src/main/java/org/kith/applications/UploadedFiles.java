package org.kith.applications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * What a file is, judged by its content alone (Apache Tika's magic-number detection, no name hint), and the
 * display name a person's computer gave it, cleaned. Only PDF, Word (.doc, .docx), OpenDocument text, JPEG and PNG
 * are taken, up to {@link #MAX_BYTES}.
 * <p>
 * tika-core alone knows a .docx only as a zip ({@code application/zip} or {@code application/x-tika-ooxml}) and a
 * .doc only as an OLE2 compound file ({@code application/x-tika-msoffice}), since telling them apart needs the
 * parsers. So a zip counts as .docx when its directory lists {@code word/document.xml} (read from the central
 * directory, nothing is unpacked), and an OLE2 file counts as .doc when it holds a {@code WordDocument} stream.
 */
final class UploadedFiles {

    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MAX_NAME_LENGTH = 120;

    static final String PDF = "application/pdf";
    static final String DOC = "application/msword";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String ODT = "application/vnd.oasis.opendocument.text";
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";

    /** The types taken, and the extension a download gets (the stored name is display text only). */
    static final Map<String, String> ALLOWED = Map.of(PDF, "pdf", DOC, "doc", DOCX, "docx", ODT, "odt",
            JPEG, "jpg", PNG, "png");

    /** What the file input offers; the server decides by content whatever the browser lets through. */
    static final String ACCEPT = ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,application/pdf,application/msword,"
            + DOCX + "," + ODT + ",image/jpeg,image/png";

    private static final Detector DETECTOR = new DefaultDetector();
    private static final byte[] WORD_DOCUMENT_STREAM = "WordDocument".getBytes(StandardCharsets.UTF_16LE);

    record Checked(String fileName, String contentType, byte[] content) {
    }

    private UploadedFiles() {
    }

    /** The allowed media type of this content, or empty when it is anything else. */
    static Optional<String> allowedType(byte[] content) {
        MediaType detected;
        try (TikaInputStream in = TikaInputStream.get(content)) {
            detected = DETECTOR.detect(in, new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = detected.getBaseType().toString();
        if (ALLOWED.containsKey(type) && !type.equals(DOC) && !type.equals(DOCX)) {
            return Optional.of(type);
        }
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml") || type.equals(DOCX)) {
            return zipHolds(content, "word/document.xml") ? Optional.of(DOCX) : Optional.empty();
        }
        if (type.equals("application/x-tika-msoffice") || type.equals(DOC)) {
            return indexOf(content, WORD_DOCUMENT_STREAM) >= 0 ? Optional.of(DOC) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The name as display text: no folders, no control or invisible formatting characters (a right-to-left override
     * can make "exe.pdf" read backwards), spaces collapsed, at most {@value #MAX_NAME_LENGTH} characters.
     */
    static String displayName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                return;
            }
            clean.appendCodePoint(Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c);
        });
        String result = clean.toString().replaceAll(" +", " ").strip();
        if (result.codePointCount(0, result.length()) > MAX_NAME_LENGTH) {
            result = result.substring(0, result.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
        }
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
    }

    /** A name safe in any header or file system for a download: letters, digits, dot, dash, underscore. */
    static String downloadName(Attachment attachment) {
        String extension = ALLOWED.getOrDefault(attachment.contentType(), "bin");
        String base = attachment.fileName();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (base.isEmpty()) {
            base = "attachment";
        }
        return (base.length() > 80 ? base.substring(0, 80) : base) + "." + extension;
    }

    private static boolean zipHolds(byte[] content, String entry) {
        Path temp = null;
        try {
            temp = Files.createTempFile("kith-upload-", ".zip");
            Files.write(temp, content);
            try (ZipFile zip = new ZipFile(temp.toFile())) {
                return zip.getEntry(entry) != null;
            }
        } catch (IOException notAZip) {
            return false;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp directory is cleaned by the system
                }
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

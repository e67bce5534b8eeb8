package org.kith.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.kith.audit.AuditLog;
import org.kith.web.ConflictException;
import org.kith.web.Csv;
import org.kith.web.Messages;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The postcode-to-deprivation-decile lookup (table deprivation_area) that the dashboards' "by deprivation decile"
 * reads. An admin loads it as CSV: our own {@code postcode,index,decile}, the Scottish Government's SIMD postcode
 * lookup ({@code Postcode}, {@code SIMD2020v2_Decile}) or the English IoD2019 postcode lookup's output
 * ({@code Postcode}, {@code Index of Multiple Deprivation Decile}), told apart by the header row. Every row is
 * checked; a file with any problem loads nothing. A load replaces the rows of each index it holds in one
 * transaction, reading the file as a stream in chunks, then rebuilds the dashboards' fact rows so every
 * application's decile is worked out again. A postcode not in the lookup stays unknown.
 */
@Service
public class DeprivationLookup {

    /** Rows inserted per batch. */
    static final int CHUNK = 1000;
    /** A file can have thousands of problems; this many are listed, with the count of the rest. */
    public static final int MAX_LISTED = 20;
    /** A cell longer than this is cut: no column Kith reads is anywhere near it, and a binary file stays small. */
    private static final int MAX_CELL = 200;

    /** The same shape as the group profile's: a UK postcode without its space. */
    private static final Pattern POSTCODE = Pattern.compile("^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$");
    private static final Pattern SIMD_DECILE = Pattern.compile("simd\\d{4}(v\\d+)? decile");
    private static final Set<String> IMD_DECILE = Set.of("index of multiple deprivation decile",
            "index of multiple deprivation imd decile", "imd decile");

    /** SIMD: Scottish Index of Multiple Deprivation; IMD: the English Index of Multiple Deprivation. */
    public enum Index { SIMD, IMD }

    /** One problem of a file; line 0 is the file as a whole. */
    public record Problem(long line, String message) {
        @Override
        public String toString() {
            return line == 0 ? message : "line " + line + ": " + message;
        }
    }

    /** What a load put in: postcodes per index, and which kind of file it was. */
    public record Loaded(String format, Map<Index, Integer> postcodes) {
        public int total() {
            return postcodes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** What the lookup holds for one index. */
    public record Area(Index index, long postcodes, LocalDateTime loadedAt) {
    }

    /** The file was refused: the first {@link #MAX_LISTED} problems and how many there were in all. */
    public static class LookupFileException extends RuntimeException {
        private final List<Problem> problems;
        private final int total;

        LookupFileException(List<Problem> problems, int total) {
            super(total + " problems in the deprivation lookup file");
            this.problems = List.copyOf(problems);
            this.total = total;
        }

        public List<Problem> problems() {
            return problems;
        }

        public int total() {
            return total;
        }
    }

    /** The columns of one accepted file: index -1 means every row is of {@code fixed}. */
    private record Format(String name, int postcode, int decile, int index, Index fixed) {
        int width() {
            return Math.max(postcode, Math.max(decile, index)) + 1;
        }
    }

    private record Row(long line, String postcode, Index index, int decile) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final DashboardReadModel readModel;
    private final AuditLog audit;
    private final Messages messages;
    private final Clock clock;

    DeprivationLookup(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions,
            DashboardReadModel readModel, AuditLog audit, Messages messages, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.readModel = readModel;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** Per index, how many postcodes are loaded and when; an index never loaded is absent. */
    public List<Area> areas() {
        return jdbc.sql("""
                SELECT deprivation_index, COUNT(*), MAX(loaded_at) FROM deprivation_area
                GROUP BY deprivation_index ORDER BY deprivation_index""")
                .query((rs, n) -> new Area(Index.valueOf(rs.getString(1)), rs.getLong(2),
                        rs.getTimestamp(3).toLocalDateTime()))
                .list();
    }

    /**
     * Reads the file, checks every row and, if all are right, replaces the lookup of each index in it and works
     * out every application's decile again. Refuses the whole file with {@link LookupFileException} otherwise.
     *
     * @param source the file's name, for the audit trail
     */
    public Loaded load(InputStream file, String source) {
        Loaded loaded;
        try {
            loaded = transactions.execute(tx -> new Load(file).run(source));
        } catch (DuplicateKeyException raced) {
            // another load of the same index committed while this one ran; this one was rolled back whole
            throw new ConflictException(text("deprivation.problem.raced"));
        }
        readModel.rebuild();
        return loaded;
    }

    /** Every postcode loaded, in our own format: what {@link #load} reads back unchanged. */
    public void writeCsv(Writer out) {
        try {
            out.write("postcode,index,decile\r\n");
            StringBuilder line = new StringBuilder();
            batch.query("SELECT postcode_key, deprivation_index, decile FROM deprivation_area"
                    + " ORDER BY deprivation_index, postcode_key", rs -> {
                        line.setLength(0);
                        Csv.line(line, List.of(spaced(rs.getString(1)), rs.getString(2),
                                String.valueOf(rs.getInt(3))));
                        try {
                            out.write(line.toString());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upper case without spaces, or null when it is not the shape of a UK postcode. */
    static String postcodeKey(String typed) {
        String key = typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return key.length() <= 7 && POSTCODE.matcher(key).matches() ? key : null;
    }

    /** One load: the file read once, row by row, a chunk at a time into the current transaction. */
    private final class Load {

        private final CsvReader csv;
        private final List<Problem> problems = new ArrayList<>();
        private int problemCount;
        private final List<Row> chunk = new ArrayList<>(CHUNK);
        private final Set<Index> replaced = EnumSet.noneOf(Index.class);
        private final Map<Index, Integer> counts = new EnumMap<>(Index.class);
        private final Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));

        Load(InputStream file) {
            this.csv = new CsvReader(new InputStreamReader(file, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        }

        Loaded run(String source) {
            try {
                read();
            } catch (CharacterCodingException | NotText e) {
                problem(csv.line(), text("deprivation.problem.notText"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (problemCount > 0) {
                throw new LookupFileException(problems, problemCount);
            }
            audit.record(null, "DEPRIVATION_LOADED", null, null, counts.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                    + " postcodes from " + (source == null || source.isBlank() ? "a file"
                    : source.length() > 100 ? source.substring(0, 100) + "…" : source));
            return new Loaded(format.name(), Map.copyOf(counts));
        }

        private Format format;

        private void read() throws IOException {
            List<String> header = csv.next();
            if (header == null || header.size() == 1 && header.get(0).isBlank()) {
                problem(0, text("deprivation.problem.empty"));
                return;
            }
            format = format(header);
            if (format == null) {
                problem(csv.recordLine(), text("deprivation.problem.header",
                        header.stream().limit(12).map(h -> h.strip()).collect(Collectors.joining(", "))));
                return;
            }
            boolean any = false;
            for (List<String> cells = csv.next(); cells != null; cells = csv.next()) {
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue; // a blank line, such as the last one of many files
                }
                any = true;
                Row row = row(csv.recordLine(), cells);
                if (row != null) {
                    chunk.add(row);
                    if (chunk.size() == CHUNK) {
                        flush();
                    }
                }
            }
            if (csv.openQuote()) {
                problem(csv.recordLine(), text("deprivation.problem.openQuote"));
            }
            flush();
            if (!any) {
                problem(0, text("deprivation.problem.noRows"));
            }
        }

        private Row row(long line, List<String> cells) {
            if (cells.size() < format.width()) {
                problem(line, text("deprivation.problem.short", cells.size(), format.width()));
                return null;
            }
            String typed = cells.get(format.postcode()).strip();
            String key = typed.isEmpty() ? null : postcodeKey(typed);
            if (key == null) {
                problem(line, typed.isEmpty() ? text("deprivation.problem.noPostcode")
                        : text("deprivation.problem.postcode", typed));
            }
            Index index = format.fixed();
            if (index == null) {
                String named = cells.get(format.index()).strip().toUpperCase(Locale.ROOT);
                index = named.equals("SIMD") ? Index.SIMD : named.equals("IMD") ? Index.IMD : null;
                if (index == null) {
                    problem(line, text("deprivation.problem.index"));
                }
            }
            String decileText = cells.get(format.decile()).strip();
            int decile = decileText.matches("\\d{1,2}") ? Integer.parseInt(decileText) : 0;
            if (decile < 1 || decile > 10) {
                problem(line, text("deprivation.problem.decile"));
            }
            return key == null || index == null || decile < 1 || decile > 10 ? null
                    : new Row(line, key, index, decile);
        }

        /**
         * Replaces each index the first time the file names it, then inserts the chunk. A postcode already in the
         * table is either earlier in this file (its index was cleared when the load began) or in another index.
         */
        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            for (Row row : chunk) {
                if (replaced.add(row.index())) {
                    jdbc.sql("DELETE FROM deprivation_area WHERE deprivation_index = :index")
                            .param("index", row.index().name()).update();
                }
            }
            Map<String, Long> lines = new HashMap<>();
            Set<Long> refused = new HashSet<>();
            for (Row row : chunk) {
                Long earlier = lines.putIfAbsent(row.postcode(), row.line());
                if (earlier != null) {
                    problem(row.line(), text("deprivation.problem.twice", spaced(row.postcode()), earlier));
                    refused.add(row.line());
                }
            }
            Map<String, String> existing = new HashMap<>();
            jdbc.sql("SELECT postcode_key, deprivation_index FROM deprivation_area WHERE postcode_key IN (:keys)")
                    .param("keys", lines.keySet())
                    .query((rs, n) -> existing.put(rs.getString(1), rs.getString(2))).list();
            List<Object[]> rows = new ArrayList<>(chunk.size());
            for (Row row : chunk) {
                String other = existing.get(row.postcode());
                if (other != null) {
                    problem(row.line(), replaced.contains(Index.valueOf(other))
                            ? text("deprivation.problem.earlier", spaced(row.postcode()))
                            : text("deprivation.problem.otherIndex", spaced(row.postcode()), other));
                } else if (!refused.contains(row.line())) {
                    rows.add(new Object[] {row.postcode(), row.index().name(), row.decile(), now});
                    counts.merge(row.index(), 1, Integer::sum);
                }
            }
            batch.batchUpdate("INSERT INTO deprivation_area (postcode_key, deprivation_index, decile, loaded_at)"
                    + " VALUES (?, ?, ?, ?)", rows);
            chunk.clear();
        }

        private void problem(long line, String message) {
            if (problemCount++ < MAX_LISTED) {
                problems.add(new Problem(line, message));
            }
        }
    }

    private static String spaced(String key) {
        return key.substring(0, key.length() - 3) + " " + key.substring(key.length() - 3);
    }

    private String text(String key, Object... args) {
        return messages.text(key, args);
    }

    /** Which accepted file this header is, by its column names in any case and spacing; null if none. */
    private static Format format(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        int simd = -1;
        int imd = -1;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
            columns.putIfAbsent(name, i);
            if (simd < 0 && SIMD_DECILE.matcher(name).matches()) {
                simd = i;
            }
            if (imd < 0 && IMD_DECILE.contains(name)) {
                imd = i;
            }
        }
        Integer postcode = columns.get("postcode");
        if (postcode == null) {
            return null;
        }
        if (columns.containsKey("index") && columns.containsKey("decile")) {
            return new Format("Kith", postcode, columns.get("decile"), columns.get("index"), null);
        }
        if (simd >= 0) {
            return new Format("SIMD", postcode, simd, -1, Index.SIMD);
        }
        if (imd >= 0) {
            return new Format("IMD", postcode, imd, -1, Index.IMD);
        }
        return null;
    }

    /** A NUL character: a binary file, not CSV. */
    private static final class NotText extends IOException {
        NotText() {
            super("not text");
        }
    }

    /**
     * RFC 4180 read as a stream: cells split by commas, records by CRLF or LF, quoted cells may hold commas,
     * line breaks and doubled quotes. A byte-order mark at the start is skipped. Knows the line each record began on.
     */
    static final class CsvReader {

        private final Reader in;
        private int peeked = -2;
        private long line = 1;
        private long recordLine = 1;
        private boolean open;
        private boolean started;

        CsvReader(Reader in) {
            this.in = in;
        }

        long line() {
            return line;
        }

        long recordLine() {
            return recordLine;
        }

        /** Whether the file ended inside a quoted cell. */
        boolean openQuote() {
            return open;
        }

        private int read() throws IOException {
            int c;
            if (peeked != -2) {
                c = peeked;
                peeked = -2;
            } else {
                c = in.read();
            }
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    c = in.read();
                }
            }
            if (c == 0) {
                throw new NotText();
            }
            return c;
        }

        /** The next record's cells, or null at the end of the file. */
        List<String> next() throws IOException {
            recordLine = line;
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (c == -1) {
                    open = quoted;
                    break;
                }
                if (quoted) {
                    if (c == '"') {
                        int n = read();
                        if (n == '"') {
                            append(cell, '"');
                        } else {
                            quoted = false;
                            peeked = n;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        append(cell, (char) c);
                    }
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        int n = read();
                        if (n != '\n') {
                            peeked = n;
                        }
                    }
                    line++;
                    break;
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else {
                    append(cell, (char) c);
                }
                c = read();
            }
            cells.add(cell.toString());
            return cells;
        }

        private static void append(StringBuilder cell, char c) {
            if (cell.length() < MAX_CELL) {
                cell.append(c);
            }
        }
    }
}

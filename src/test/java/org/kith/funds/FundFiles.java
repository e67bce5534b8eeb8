package org.kith.funds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Fund files for the import tests, made from seeds/funds.json. */
public final class FundFiles {

    /**
     * The seeded loneliness fund under a new slug and the name {@code name}, opening in 2031 (so it never shows on
     * the home page, which other tests read).
     */
    public static ObjectNode fund(ObjectMapper json, String slug, String name) {
        try {
            ObjectNode fund = (ObjectNode) json.readTree(Files.readAllBytes(Path.of("seeds", "funds.json"))).get(0);
            fund.put("slug", slug);
            fund.put("name", name);
            fund.put("opensOn", "2031-04-01");
            fund.put("closesOn", "2032-03-31");
            return fund;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** These funds as a file: an array. */
    public static byte[] file(ObjectMapper json, ObjectNode... funds) {
        ArrayNode array = json.createArrayNode();
        for (ObjectNode f : funds) {
            array.add(f);
        }
        try {
            return json.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FundFiles() {
    }
}

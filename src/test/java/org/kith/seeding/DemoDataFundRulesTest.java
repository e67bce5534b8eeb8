package org.kith.seeding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kith.funds.FundRules;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The demo data's funds go through the import page's rules: a broken seed file stops the start, listing all. */
class DemoDataFundRulesTest {

    @TempDir
    Path seeds;

    @Test
    void aBrokenSeedFileStopsTheStartWithEveryProblemListed() throws IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        ArrayNode funds = (ArrayNode) json.readTree(Files.readAllBytes(Path.of("seeds", "funds.json")));
        ((ObjectNode) funds.get(0)).put("currency", "EUR");
        ((ObjectNode) funds.get(1).get("criteria").get(0)).put("weight", 0);
        Files.write(seeds.resolve("funds.json"), json.writeValueAsBytes(funds));
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
        DemoData demoData = new DemoData(new DefaultResourceLoader(), json, null, new FundRules(json), null, null,
                null, transactions, null, seeds.toUri().toString(), "jdbc:h2:mem:demo-rules", "", false, false);

        assertThatThrownBy(demoData::afterSingletonsInstantiated)
                .isInstanceOf(FundRules.FundFileException.class)
                .hasMessageContaining("funds[0].currency: must be GBP")
                .hasMessageContaining("funds[1].criteria[0].weight: must be at least 1");
    }
}

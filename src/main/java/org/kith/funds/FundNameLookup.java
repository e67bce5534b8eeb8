package org.kith.funds;

import java.util.Collection;
import java.util.List;

import org.kith.identity.FundNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class FundNameLookup implements FundNames {

    private final JdbcClient jdbc;

    FundNameLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> namesOf(Collection<Long> fundIds) {
        if (fundIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT name FROM fund WHERE id IN (:ids) ORDER BY name").param("ids", fundIds)
                .query(String.class).list();
    }
}

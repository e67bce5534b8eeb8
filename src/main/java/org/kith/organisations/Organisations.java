package org.kith.organisations;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class Organisations {

    private final JdbcClient jdbc;
    private final Clock clock;

    Organisations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Organisation> find(long id) {
        return jdbc.sql("""
                SELECT id, name, legal_form, org_identifier, postcode, local_authority, annual_income
                FROM organisation WHERE id = :id""")
                .param("id", id).query(Organisation.class).optional();
    }

    public Organisation get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("organisation " + id + " is missing"));
    }

    public Optional<Organisation> findByName(String name) {
        return jdbc.sql("""
                SELECT id, name, legal_form, org_identifier, postcode, local_authority, annual_income
                FROM organisation WHERE name = :name""")
                .param("name", name).query(Organisation.class).optional();
    }

    public long create(String name, LegalForm legalForm, String orgIdentifier, String postcode,
            String localAuthority, java.math.BigDecimal annualIncome) {
        if (orgIdentifier != null && !Organisation.isValidOrgIdentifier(orgIdentifier)) {
            throw new IllegalArgumentException("not an org-id identifier: " + orgIdentifier);
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO organisation (name, legal_form, org_identifier, postcode, local_authority,
                  annual_income, created_at)
                VALUES (:name, :legalForm, :orgIdentifier, :postcode, :localAuthority, :annualIncome, :now)""")
                .param("name", name).param("legalForm", legalForm.name()).param("orgIdentifier", orgIdentifier)
                .param("postcode", postcode).param("localAuthority", localAuthority)
                .param("annualIncome", annualIncome).param("now", LocalDateTime.now(clock))
                .update(keys);
        return keys.getKey().longValue();
    }
}

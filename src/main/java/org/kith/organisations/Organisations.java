package org.kith.organisations;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;

import org.kith.web.Rows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class Organisations {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Organisations(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Organisation> find(long id) {
        return jdbc.sql("""
                SELECT id, name, legal_form, org_identifier, postcode, local_authority, annual_income
                FROM organisation WHERE id = :id""")
                .param("id", id).query(Rows.of(Organisation.class)).optional();
    }

    public Organisation get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("organisation " + id + " is missing"));
    }

    /** The first organisation made with this name: names are not unique, as groups choose their own. */
    public Optional<Organisation> findByName(String name) {
        return jdbc.sql("""
                SELECT id, name, legal_form, org_identifier, postcode, local_authority, annual_income
                FROM organisation WHERE name = :name ORDER BY id""")
                .param("name", name).query(Rows.of(Organisation.class)).list().stream().findFirst();
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

    private static final String PROFILE = """
            SELECT id, name, legal_form, org_identifier, charity_number, company_number, address_line1,
              address_line2, town, postcode, local_authority, annual_income, contact_name, contact_email,
              contact_phone
            FROM organisation""";

    public Optional<GroupProfile> profile(long id) {
        return jdbc.sql(PROFILE + " WHERE id = :id").param("id", id).query(Rows.of(GroupProfile.class)).optional();
    }

    /** Whether another organisation than {@code except} (null for none) holds this identifier. */
    public boolean identifierTaken(String orgIdentifier, Long except) {
        return jdbc.sql("SELECT COUNT(*) FROM organisation WHERE org_identifier = :identifier AND id <> :except")
                .param("identifier", orgIdentifier).param("except", except == null ? -1L : except)
                .query(Integer.class).single() > 0;
    }

    /** A new organisation from a checked profile (its id is ignored). */
    public long create(GroupProfile p) {
        KeyHolder keys = new GeneratedKeyHolder();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO organisation (name, legal_form, org_identifier, charity_number, company_number,
                  address_line1, address_line2, town, postcode, local_authority, annual_income, contact_name,
                  contact_email, contact_phone, created_at, updated_at)
                VALUES (:name, :legalForm, :orgIdentifier, :charityNumber, :companyNumber, :addressLine1,
                  :addressLine2, :town, :postcode, :localAuthority, :annualIncome, :contactName, :contactEmail,
                  :contactPhone, :now, :now)""")
                .params(params(p)).param("now", now)
                .update(keys);
        return keys.getKey().longValue();
    }

    /** Replaces an organisation's profile with a checked one (the profile's id says which). */
    public void update(GroupProfile p) {
        jdbc.sql("""
                UPDATE organisation SET name = :name, legal_form = :legalForm, org_identifier = :orgIdentifier,
                  charity_number = :charityNumber, company_number = :companyNumber, address_line1 = :addressLine1,
                  address_line2 = :addressLine2, town = :town, postcode = :postcode,
                  local_authority = :localAuthority, annual_income = :annualIncome, contact_name = :contactName,
                  contact_email = :contactEmail, contact_phone = :contactPhone, updated_at = :now
                WHERE id = :id""")
                .params(params(p)).param("now", LocalDateTime.now(clock)).param("id", p.id())
                .update();
        events.publishEvent(new OrganisationChanged(p.id()));
    }

    private static java.util.Map<String, Object> params(GroupProfile p) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("name", p.name());
        params.put("legalForm", p.legalForm().name());
        params.put("orgIdentifier", p.orgIdentifier());
        params.put("charityNumber", p.charityNumber());
        params.put("companyNumber", p.companyNumber());
        params.put("addressLine1", p.addressLine1());
        params.put("addressLine2", p.addressLine2());
        params.put("town", p.town());
        params.put("postcode", p.postcode());
        params.put("localAuthority", p.localAuthority());
        params.put("annualIncome", p.annualIncome());
        params.put("contactName", p.contactName());
        params.put("contactEmail", p.contactEmail());
        params.put("contactPhone", p.contactPhone());
        return params;
    }
}

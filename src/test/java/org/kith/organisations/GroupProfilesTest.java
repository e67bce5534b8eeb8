package org.kith.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;

/** A group told once: created by an applicant with no group, who becomes its member; changed by its members. */
@KithTest
class GroupProfilesTest {

    @Autowired
    GroupProfiles profiles;
    @Autowired
    Organisations organisations;
    @Autowired
    UserAccounts accounts;
    @Autowired
    TestData data;

    private CurrentUser newcomer() {
        return data.person("newcomer-" + UUID.randomUUID().toString().substring(0, 8), null, Role.APPLICANT);
    }

    static String freshOscrNumber() {
        return "sc " + (100000 + ThreadLocalRandom.current().nextInt(900000));
    }

    static GroupForm form(String charityNumber) {
        return new GroupForm("  Portobello Soup Club 🍲 ", "scottish_charity", charityNumber, "", "12 Great Junction Street",
                "", "Edinburgh", "eh6  5lb", "city of edinburgh", "£12,500", "Morag Stewart", "Morag@Example.ORG",
                "0131 496 0000");
    }

    @Test
    void anApplicantWithNoGroupCreatesIt_andBecomesItsMember() {
        CurrentUser me = newcomer();
        String number = freshOscrNumber();

        long id = profiles.create(me, form(number));

        assertThat(accounts.current(me.username()).orElseThrow().organisationId()).isEqualTo(id);
        GroupProfile profile = profiles.mine(accounts.current(me.username()).orElseThrow()).orElseThrow();
        assertThat(profile.name()).isEqualTo("Portobello Soup Club 🍲");
        assertThat(profile.legalForm()).isEqualTo(LegalForm.SCOTTISH_CHARITY);
        assertThat(profile.charityNumber()).isEqualTo(number.replace(" ", "").toUpperCase());
        assertThat(profile.orgIdentifier()).isEqualTo("GB-SC-" + number.replace(" ", "").toUpperCase());
        assertThat(profile.postcode()).isEqualTo("EH6 5LB");
        assertThat(profile.localAuthority()).isEqualTo("City of Edinburgh");
        assertThat(profile.annualIncome()).isEqualByComparingTo("12500");
        assertThat(profile.contactEmail()).isEqualTo("Morag@example.org");
        assertThat(profile.addressLine2()).isNull();
        Organisation forApplications = organisations.get(id);
        assertThat(forApplications.postcode()).isEqualTo("EH6 5LB");
        assertThat(forApplications.orgIdentifier()).isEqualTo(profile.orgIdentifier());
        assertThat(GroupForm.of(profile).annualIncome()).isEqualTo("12500");
    }

    @Test
    void membersChangeIt_andApplicationsReadTheChange() {
        CurrentUser me = newcomer();
        long id = profiles.create(me, form(freshOscrNumber()));
        CurrentUser member = accounts.current(me.username()).orElseThrow();

        GroupProfile changed = profiles.update(member, new GroupForm("Leith Lunch Club", "UNREGISTERED_GROUP", "",
                "", "1 Main Street", "Flat 2", "Tobermory", "pa75 6nr", "Argyll and Bute", "0", "Calum MacLean",
                "calum@example.org", "+44 1688 300000"));

        assertThat(changed.orgIdentifier()).isNull();
        assertThat(changed.annualIncome()).isEqualByComparingTo(BigDecimal.ZERO);
        Organisation forApplications = organisations.get(id);
        assertThat(forApplications.legalForm()).isEqualTo(LegalForm.UNREGISTERED_GROUP);
        assertThat(forApplications.localAuthority()).isEqualTo("Argyll and Bute");
        assertThat(forApplications.postcode()).isEqualTo("PA75 6NR");
        assertThat(organisations.findByName("Leith Lunch Club").orElseThrow().orgIdentifier())
                .as("the demo group keeps its name; loading the demo data again finds it").isEqualTo("GB-SC-SC045123");
    }

    @Test
    void someoneInAGroupCannotCreateAnother_staffCannotCreateOne_andWithoutAGroupThereIsNothingToChange() {
        CurrentUser member = data.charityApplicant();
        assertThatThrownBy(() -> profiles.create(member, form(freshOscrNumber()))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> profiles.create(data.manager(), form(freshOscrNumber())))
                .isInstanceOf(ForbiddenException.class);
        CurrentUser newcomer = newcomer();
        assertThat(profiles.mine(newcomer)).isEmpty();
        assertThatThrownBy(() -> profiles.update(newcomer, form(freshOscrNumber())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aNumberAnotherGroupHas_isAFieldErrorThatSaysWhatToDo() {
        String number = freshOscrNumber();
        profiles.create(newcomer(), form(number));

        assertThatThrownBy(() -> profiles.create(newcomer(), form(number)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(InvalidInputException.FieldError::field)
                            .containsExactly("charityNumber");
                    assertThat(e.errors().get(0).message()).contains("Ask one of its members to invite you");
                });
    }

    @Test
    void everyFieldIsCheckedAtOnce_andNothingCausesWorseThanAFieldError() {
        CurrentUser me = newcomer();
        assertThatThrownBy(() -> profiles.create(me, GroupForm.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field)
                        .containsExactly("name", "legalForm", "addressLine1", "town", "postcode", "localAuthority",
                                "annualIncome", "contactName", "contactEmail", "contactPhone"));
        assertThatThrownBy(() -> profiles.create(me, new GroupForm(null, null, null, null, null, null, null, null,
                null, null, null, null, null))).isInstanceOf(InvalidInputException.class);
        String longText = "x".repeat(301);
        assertThatThrownBy(() -> profiles.create(me, new GroupForm(longText, "CHARITY", "S".repeat(5000),
                "1".repeat(5000), longText, longText, longText, "EH6 6QU EH6 6QU", "Narnia", "12.50",
                "a\u0007b", "x@" + "y".repeat(400) + ".org", "call me")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field)
                        .containsExactly("name", "legalForm", "addressLine1", "addressLine2", "town", "postcode",
                                "localAuthority", "annualIncome", "contactName", "contactEmail", "contactPhone"));
        for (String income : new String[] {"-5", "1e9", "99999999999999999999", "twelve"}) {
            GroupForm f = form(freshOscrNumber());
            GroupForm bad = new GroupForm(f.name(), f.legalForm(), f.charityNumber(), f.companyNumber(),
                    f.addressLine1(), f.addressLine2(), f.town(), f.postcode(), f.localAuthority(), income,
                    f.contactName(), f.contactEmail(), f.contactPhone());
            assertThatThrownBy(() -> profiles.create(me, bad)).as(income)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                            .extracting(InvalidInputException.FieldError::field).containsExactly("annualIncome"));
        }
        assertThat(accounts.current(me.username()).orElseThrow().organisationId()).isNull();
    }

    @Test
    void theLargestIncomeFitsItsColumn() {
        GroupForm f = form(freshOscrNumber());
        long id = profiles.create(newcomer(), new GroupForm(f.name(), f.legalForm(), f.charityNumber(),
                f.companyNumber(), f.addressLine1(), f.addressLine2(), f.town(), f.postcode(), f.localAuthority(),
                "999,999,999,999", f.contactName(), f.contactEmail(), f.contactPhone()));
        assertThat(organisations.get(id).annualIncome()).isEqualByComparingTo("999999999999");
    }
}

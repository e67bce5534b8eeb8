package org.kith.organisations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kith.identity.CurrentUser;
import org.kith.identity.EmailAddresses;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.NotFoundException;
import org.kith.web.PlainText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Tell us about the group once": an applicant with no group creates its profile and becomes its first member;
 * its members read and change it, and every application the group makes reads it. Only members ever see it:
 * these methods take no organisation id, only the person asking.
 */
@Service
public class GroupProfiles {

    static final long MAX_INCOME = 999_999_999_999L;
    private static final Pattern POSTCODE = Pattern.compile("^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,30}$");

    private final Organisations organisations;
    private final UserAccounts accounts;

    GroupProfiles(Organisations organisations, UserAccounts accounts) {
        this.organisations = organisations;
        this.accounts = accounts;
    }

    /** The caller's group, if they belong to one. */
    public Optional<GroupProfile> mine(CurrentUser user) {
        return user.organisationId() == null ? Optional.empty() : organisations.profile(user.organisationId());
    }

    /**
     * Creates the caller's group and makes them its first member.
     * @return the new organisation's id
     * @throws ForbiddenException if the caller is not an applicant
     * @throws ConflictException if they already belong to a group
     * @throws InvalidInputException naming the {@link GroupForm} fields to fix
     */
    @Transactional
    public long create(CurrentUser user, GroupForm form) {
        if (!user.has(Role.APPLICANT)) {
            throw new ForbiddenException("Only applicants tell Kith about a group.");
        }
        if (user.organisationId() != null) {
            throw new ConflictException("You are already a member of a group. A person belongs to one group.");
        }
        GroupProfile profile = checked(0, form, null);
        long id;
        try {
            id = organisations.create(profile);
        } catch (DuplicateKeyException raced) {
            throw taken(profile);
        }
        long userId = accounts.account(user.username()).orElseThrow().id();
        if (!accounts.join(userId, id)) {
            throw new ConflictException("You are already a member of a group. A person belongs to one group.");
        }
        return id;
    }

    /**
     * Changes the caller's group profile; later applications read the new one.
     * @throws NotFoundException if the caller belongs to no group
     * @throws InvalidInputException naming the {@link GroupForm} fields to fix
     */
    @Transactional
    public GroupProfile update(CurrentUser user, GroupForm form) {
        if (user.organisationId() == null) {
            throw new NotFoundException("You are not a member of a group yet.");
        }
        GroupProfile profile = checked(user.organisationId(), form, user.organisationId());
        try {
            organisations.update(profile);
        } catch (DuplicateKeyException raced) {
            throw taken(profile);
        }
        return organisations.profile(user.organisationId()).orElseThrow();
    }

    /** Checks and normalises the form, or throws every field error at once. */
    GroupProfile checked(long id, GroupForm form, Long self) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(errors, "name", form.name(), 300, true, "Enter the group's name.");
        LegalForm legalForm = legalForm(errors, form.legalForm());
        OrgIdentifiers.Numbers numbers = legalForm == null ? new OrgIdentifiers.Numbers(null, null, null)
                : OrgIdentifiers.check(legalForm, form.charityNumber(), form.companyNumber(), errors);
        String line1 = text(errors, "addressLine1", form.addressLine1(), 200, true,
                "Enter the first line of the group's address.");
        String line2 = text(errors, "addressLine2", form.addressLine2(), 200, false, null);
        String town = text(errors, "town", form.town(), 100, true, "Enter the town or city.");
        String postcode = postcode(errors, form.postcode());
        String localAuthority = null;
        if (form.localAuthority() == null || form.localAuthority().isBlank()) {
            errors.add(new FieldError("localAuthority", "Choose the council area where the group works."));
        } else {
            localAuthority = LocalAuthorities.find(form.localAuthority()).orElse(null);
            if (localAuthority == null) {
                errors.add(new FieldError("localAuthority", "Choose a council area from the list, or "
                        + LocalAuthorities.OUTSIDE_SCOTLAND + "."));
            }
        }
        BigDecimal income = income(errors, form.annualIncome());
        String contactName = text(errors, "contactName", form.contactName(), 200, true,
                "Enter the name of the person to contact about the group.");
        String contactEmail = EmailAddresses.normalise(form.contactEmail());
        EmailAddresses.problem(contactEmail).ifPresent(m -> errors.add(new FieldError("contactEmail", m)));
        String phone = phone(errors, form.contactPhone());
        if (numbers.orgIdentifier() != null && errors.isEmpty()
                && organisations.identifierTaken(numbers.orgIdentifier(), self)) {
            errors.add(takenError(numbers));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new GroupProfile(id, name, legalForm, numbers.orgIdentifier(), numbers.charityNumber(),
                numbers.companyNumber(), line1, line2, town, postcode, localAuthority, income, contactName,
                contactEmail, phone);
    }

    private static InvalidInputException taken(GroupProfile profile) {
        return new InvalidInputException(List.of(takenError(new OrgIdentifiers.Numbers(profile.charityNumber(),
                profile.companyNumber(), profile.orgIdentifier()))));
    }

    private static FieldError takenError(OrgIdentifiers.Numbers numbers) {
        boolean charity = numbers.orgIdentifier().startsWith("GB-SC-") || numbers.orgIdentifier().startsWith("GB-CHC-");
        return new FieldError(charity ? "charityNumber" : "companyNumber", "A group with this "
                + (charity ? "charity" : "company") + " number already uses Kith. Ask one of its members to "
                + "invite you to it.");
    }

    private static String text(List<FieldError> errors, String field, String typed, int max, boolean required,
            String missing) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, missing));
            }
            return null;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "Enter " + max + " characters or fewer."));
        } else if (!PlainText.Check.isPlain(value)) {
            errors.add(new FieldError(field, PlainText.MESSAGE));
        }
        return value;
    }

    private static LegalForm legalForm(List<FieldError> errors, String typed) {
        if (typed == null || typed.isBlank()) {
            errors.add(new FieldError("legalForm", "Choose what kind of group it is."));
            return null;
        }
        try {
            return LegalForm.valueOf(typed.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("legalForm", "Choose what kind of group it is from the list."));
            return null;
        }
    }

    /** Upper case, one space before the last three characters: "eh6 6qu" becomes "EH6 6QU". */
    static String postcode(List<FieldError> errors, String typed) {
        String squashed = typed == null ? "" : typed.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (squashed.isEmpty()) {
            errors.add(new FieldError("postcode", "Enter the group's postcode."));
            return null;
        }
        Matcher m = squashed.length() <= 8 ? POSTCODE.matcher(squashed) : null;
        if (m == null || !m.matches()) {
            errors.add(new FieldError("postcode", "Enter a real UK postcode, like EH6 6QU."));
            return null;
        }
        return squashed.substring(0, squashed.length() - 3) + " " + squashed.substring(squashed.length() - 3);
    }

    private static BigDecimal income(List<FieldError> errors, String typed) {
        String squashed = typed == null ? "" : typed.replaceAll("[\\s,£]", "");
        if (squashed.isEmpty()) {
            errors.add(new FieldError("annualIncome", "Enter the group's income in its last year, in pounds. "
                    + "Enter 0 if it had none."));
            return null;
        }
        if (!squashed.matches("^[0-9]{1,20}$")) {
            errors.add(new FieldError("annualIncome", "Enter the income as a whole number of pounds, like 12000."));
            return null;
        }
        BigDecimal income = new BigDecimal(squashed);
        if (income.compareTo(BigDecimal.valueOf(MAX_INCOME)) > 0) {
            errors.add(new FieldError("annualIncome", "Enter an income under £1,000,000,000,000."));
            return null;
        }
        return income;
    }

    private static String phone(List<FieldError> errors, String typed) {
        String phone = typed == null ? "" : typed.strip().replaceAll("\\s+", " ");
        if (phone.isEmpty()) {
            errors.add(new FieldError("contactPhone", "Enter a phone number for the contact."));
            return null;
        }
        long digits = phone.chars().filter(Character::isDigit).count();
        if (!PHONE.matcher(phone).matches() || digits < 10 || digits > 15) {
            errors.add(new FieldError("contactPhone", "Enter a phone number, like 0131 496 0000 or +44 131 496 0000."));
            return null;
        }
        return phone;
    }
}

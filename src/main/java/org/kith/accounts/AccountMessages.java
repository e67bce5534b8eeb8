package org.kith.accounts;

import org.kith.identity.UserAccounts;
import org.kith.notifications.Outbox;
import org.springframework.stereotype.Component;

/** The emails about an account, each with its link, written to the outbox in the caller's transaction. */
@Component
class AccountMessages {

    static final String CONFIRM_PATH = "/account/confirm?token=";
    static final String RESET_PATH = "/account/reset-password?token=";
    static final String SET_PASSWORD_PATH = "/account/set-password?token=";
    static final String SIGN_IN_PATH = "/sign-in";
    static final String FORGOT_PATH = "/account/forgot-password";

    private final Outbox outbox;

    AccountMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    void confirmAddress(UserAccounts.Account account, String token) {
        send("ACCOUNT_CONFIRM", account, account.email(), "Confirm your email address for Kith",
                "Hello " + account.displayName() + ",\n\n"
                        + "To finish setting up your Kith account, confirm your email address by opening this link "
                        + "within 24 hours:\n\n" + link(CONFIRM_PATH + token) + "\n\n"
                        + "If the link has expired, sign in and we will offer to send a new one: "
                        + link(SIGN_IN_PATH) + "\n\n"
                        + "If you did not ask for a Kith account, you can ignore this message.\n");
    }

    void someoneTriedToRegister(UserAccounts.Account account) {
        send("ACCOUNT_EXISTS", account, account.email(), "Someone tried to register with your email address",
                "Hello " + account.displayName() + ",\n\n"
                        + "Someone, perhaps you, tried to register for Kith with this email address. You already "
                        + "have an account, so nothing has changed.\n\n"
                        + "To sign in: " + link(SIGN_IN_PATH) + "\n"
                        + "If you have forgotten your password, reset it: " + link(FORGOT_PATH) + "\n\n"
                        + "If it was not you, you can ignore this message.\n");
    }

    void resetPassword(UserAccounts.Account account, String token) {
        send("PASSWORD_RESET", account, account.email(), "Reset your Kith password",
                "Hello " + account.displayName() + ",\n\n"
                        + "To choose a new password for Kith, open this link within 1 hour. It works once.\n\n"
                        + link(RESET_PATH + token) + "\n\n"
                        + "If the link has expired, ask for a new one: " + link(FORGOT_PATH) + "\n\n"
                        + "If you did not ask to reset your password, you can ignore this message: your password "
                        + "has not changed.\n");
    }

    void passwordChanged(UserAccounts.Account account) {
        send("PASSWORD_CHANGED", account, account.email(), "Your Kith password has been changed",
                "Hello " + account.displayName() + ",\n\n"
                        + "The password of your Kith account has just been changed, and you have been signed out "
                        + "everywhere else.\n\n"
                        + "If you did not do this, reset your password now: " + link(FORGOT_PATH) + "\n");
    }

    void confirmNewAddress(UserAccounts.Account account, String newAddress, String token) {
        send("EMAIL_CHANGE_CONFIRM", account, newAddress, "Confirm your new email address for Kith",
                "Hello " + account.displayName() + ",\n\n"
                        + "You asked to use this address for your Kith account. Confirm it by opening this link "
                        + "within 24 hours; until then your old address stays in use.\n\n"
                        + link(CONFIRM_PATH + token) + "\n\n"
                        + "If you did not ask for this, you can ignore this message.\n");
    }

    void addressChangeRequested(UserAccounts.Account account, String newAddress) {
        send("EMAIL_CHANGE_NOTICE", account, account.email(), "Your Kith email address is being changed",
                "Hello " + account.displayName() + ",\n\n"
                        + "Someone signed in to your Kith account asked to change its email address to "
                        + newAddress + ". The change happens when the link we sent to that address is opened.\n\n"
                        + "If this was not you, reset your password now, which also cancels the change: "
                        + link(FORGOT_PATH) + "\n");
    }

    void addressInUse(UserAccounts.Account owner) {
        send("EMAIL_IN_USE", owner, owner.email(), "Someone tried to use your email address on Kith",
                "Hello " + owner.displayName() + ",\n\n"
                        + "Someone signed in to another Kith account tried to change its email address to yours. "
                        + "Your account has not changed.\n\n"
                        + "To sign in: " + link(SIGN_IN_PATH) + "\n"
                        + "If you have forgotten your password, reset it: " + link(FORGOT_PATH) + "\n");
    }

    /** An administrator made a staff account for this person: the link chooses its first password. */
    void staffInvitation(UserAccounts.Account account, String inviter, String roles, String token, int days) {
        send("STAFF_INVITATION", account, account.email(), "You have been invited to Kith",
                "Hello " + account.displayName() + ",\n\n"
                        + inviter + " has made you a Kith account (" + roles + ").\n\n"
                        + "To start, choose your password by opening this link within " + days + " days. "
                        + "It works once.\n\n" + link(SET_PASSWORD_PATH + token) + "\n\n"
                        + "Then sign in with this email address and your password: " + link(SIGN_IN_PATH) + "\n\n"
                        + "If the link has expired, ask for a new one: " + link(FORGOT_PATH) + "\n");
    }

    /** The link that sets a password, as it is printed or sent. */
    String setPasswordLink(String token) {
        return link(SET_PASSWORD_PATH + token);
    }

    private void send(String kind, UserAccounts.Account account, String address, String subject, String body) {
        if (address != null && !address.isBlank()) {
            outbox.toAddress(kind, account.username(), address, subject, body);
        }
    }

    private String link(String path) {
        return outbox.publicUrl() + path;
    }
}

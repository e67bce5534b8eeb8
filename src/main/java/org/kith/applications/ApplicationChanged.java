package org.kith.applications;

/**
 * Something the funder dashboards count changed for this application: its status, route or award, a payment, a
 * report. Published in the transaction that made the change; listeners read what they need from the tables.
 */
public record ApplicationChanged(long applicationId) {
}

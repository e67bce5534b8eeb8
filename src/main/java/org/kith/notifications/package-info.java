/** The outbox of messages to people, and its delivery by email from any node. */
package org.kith.notifications;

/** Harmonised end-of-grant reporting, reminders, and the fund manager's review. */
package org.kith.monitoring;

/** Keeping Kith running: the admin's process health page (steps, failed and parked jobs, undelivered mail, locks). */
package org.kith.operations;
